//! The verdict (rating) a desk gives a claim.
//!
//! Scale: the five-point ordinal scale most ClaimReview publishers map onto (`true` 5 …
//! `false` 1, as in schema.org `Rating` with `bestRating` 5 / `worstRating` 1), plus the
//! non-ordinal ratings fact-checkers need and that have no place on that line. Arabic labels
//! follow the wording of Arabic desks (Misbar, Fatabyyano, AFP Arabic): see `shared/design.md`.

use crate::vocabulary;

vocabulary! {
    /// A fact-checking verdict. Ordinal verdicts have a [`Verdict::rating_value`].
    Verdict, "verdict" {
        /// Accurate, nothing significant missing. Rating 5.
        True => "true",
        /// Accurate but needs clarification. Rating 4.
        MostlyTrue => "mostly_true",
        /// Partly accurate, partly not. Rating 3.
        Mixed => "mixed",
        /// Some element of truth but misses critical facts. Rating 2.
        MostlyFalse => "mostly_false",
        /// Inaccurate. Rating 1.
        False => "false",
        /// Facts used to give a false impression (non-ordinal).
        Misleading => "misleading",
        /// True but misleading without added context (non-ordinal).
        MissingContext => "missing_context",
        /// Humour or parody, not a factual claim (non-ordinal).
        Satire => "satire",
        /// Cannot be proven or disproven with available evidence (non-ordinal).
        Unverifiable => "unverifiable",
    }
}

impl Verdict {
    /// Position on the 1–5 ordinal scale (`true` = 5, `false` = 1), `None` for non-ordinal
    /// verdicts. This is the schema.org `ratingValue` with `bestRating` 5, `worstRating` 1.
    pub fn rating_value(&self) -> Option<u8> {
        match self {
            Verdict::True => Some(5),
            Verdict::MostlyTrue => Some(4),
            Verdict::Mixed => Some(3),
            Verdict::MostlyFalse => Some(2),
            Verdict::False => Some(1),
            _ => None,
        }
    }

    /// English label for tables and reports.
    pub fn label_en(&self) -> &'static str {
        match self {
            Verdict::True => "True",
            Verdict::MostlyTrue => "Mostly true",
            Verdict::Mixed => "Mixed",
            Verdict::MostlyFalse => "Mostly false",
            Verdict::False => "False",
            Verdict::Misleading => "Misleading",
            Verdict::MissingContext => "Missing context",
            Verdict::Satire => "Satire",
            Verdict::Unverifiable => "Unverifiable",
        }
    }

    /// Arabic label for tables and reports.
    pub fn label_ar(&self) -> &'static str {
        match self {
            Verdict::True => "صحيح",
            Verdict::MostlyTrue => "صحيح في معظمه",
            Verdict::Mixed => "مختلط",
            Verdict::MostlyFalse => "خاطئ في معظمه",
            Verdict::False => "زائف",
            Verdict::Misleading => "مضلل",
            Verdict::MissingContext => "ينقصه السياق",
            Verdict::Satire => "ساخر",
            Verdict::Unverifiable => "لا يمكن التحقق منه",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinal_scale_and_labels() {
        let ordinal: Vec<_> = Verdict::ALL
            .iter()
            .filter_map(|v| v.rating_value())
            .collect();
        assert_eq!(ordinal, vec![5, 4, 3, 2, 1]);
        assert_eq!(Verdict::False.label_ar(), "زائف");
        assert_eq!(Verdict::Misleading.label_ar(), "مضلل");
        assert_eq!(Verdict::True.label_ar(), "صحيح");
        assert_eq!(Verdict::Satire.rating_value(), None);
        assert_eq!(
            "missing-context".parse::<Verdict>().unwrap(),
            Verdict::MissingContext
        );
    }
}
