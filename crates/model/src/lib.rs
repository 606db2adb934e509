//! Domain types of claimtrack: what an article, a claim, an entity, a workflow status and a
//! verdict are. No I/O, no SQL, no terminal: every other crate speaks in these types.
//!
//! Vocabulary follows `shared/design.md` (the glossary): a *claim* is a segment of an article
//! that asserts something checkable; its *span* is a half-open range of UTF-8 **byte** offsets
//! into the article text as stored; *check-worthiness* is a score in `[0, 1]` with the *reasons*
//! (cues) behind it; *status* is the workflow position and *verdict* the rating, kept apart.

mod article;
mod claim;
mod entity;
mod evidence;
pub mod fold;
mod history;
mod status;
mod verdict;
pub mod workflow;

pub use article::Article;
pub use claim::{ClaimKind, ExtractedClaim, Reason, StoredClaim, CHECK_WORTHY_THRESHOLD};
pub use entity::{Entity, EntityKind};
pub use evidence::{Evidence, Note, Stance};
pub use history::{Action, Field, HistoryEntry};
pub use status::Status;
pub use verdict::Verdict;

/// Error returned when a user-supplied word does not name a known value of an enum
/// (a status, a verdict, a claim kind…). `value` is the rejected input, `expected` lists
/// the accepted spellings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{value}' (expected one of: {expected})")]
pub struct ParseError {
    /// What was being parsed, e.g. `"status"`.
    pub what: &'static str,
    /// The rejected input, verbatim.
    pub value: String,
    /// The accepted spellings, comma-separated.
    pub expected: String,
}

/// A half-open range `[start, end)` of UTF-8 **byte** offsets into an article's stored text.
///
/// Invariant kept by the importer and checked by the store: `start <= end <= text.len()` and both
/// ends fall on `char` boundaries, so `&text[start..end]` never panics.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    /// First byte of the range (inclusive).
    pub start: usize,
    /// One past the last byte of the range (exclusive).
    pub end: usize,
}

impl Span {
    /// Builds a span; `start` is clamped so that `start <= end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start.min(end),
            end,
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text under this span, or `None` when the span is out of bounds or does not fall on
    /// `char` boundaries of `text` (never panics).
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Declares a closed vocabulary enum with its stable snake_case wire names, `as_str`,
/// `ALL`, `Display` and `FromStr` (which reports [`ParseError`]).
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident, $what:literal { $($(#[$vm:meta])* $variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable snake_case name used in the CLI, JSON and the database.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ParseError;

            /// Parses the snake_case name; `-` is accepted for `_` and case is ignored.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let norm = s.trim().to_ascii_lowercase().replace('-', "_");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == norm)
                    .ok_or_else(|| $crate::ParseError {
                        what: $what,
                        value: s.to_string(),
                        expected: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}
pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slice_never_panics_on_bad_boundaries() {
        let text = "الرباط";
        assert_eq!(Span::new(0, 2).slice(text), Some("ا"));
        assert_eq!(Span::new(0, 1).slice(text), None, "inside a 2-byte char");
        assert_eq!(Span::new(0, 100).slice(text), None, "out of bounds");
        assert!(Span::new(0, 4).contains(&Span::new(2, 4)));
        assert!(!Span::new(0, 4).contains(&Span::new(2, 6)));
    }

    #[test]
    fn parse_error_lists_expected_values() {
        let err = "finished".parse::<Status>().unwrap_err();
        assert_eq!(err.value, "finished");
        assert!(err.to_string().contains("unverified, in_progress"), "{err}");
        assert_eq!("In-Progress".parse::<Status>().unwrap(), Status::InProgress);
    }
}
