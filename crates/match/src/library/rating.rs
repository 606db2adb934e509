//! Publishers' rating words → our verdicts, where the mapping is sure.
//!
//! Source: `shared/notes/claimreview-and-ratings.md` §6–7 (the rating scales of PolitiFact, Meta's
//! programme as used by Fatabyyano and AFP, Misbar, Dega, Aletheia, Meedan Check, Verify-Sy, and
//! our verdict scale). A label maps only when every publisher in those sources that uses it means
//! the same verdict; anything else keeps its rating text and gets no verdict (a person decides).
//! Deliberately unmapped: `غير دقيق` ("inaccurate": used both for a slip of detail and for a false
//! claim), `partly`/`partially` without true/false, and numeric ratings on any scale but 1–5.
//!
//! Labels are compared after [`normalise_label`] (Arabic folding, lower case, `-`/`_` as spaces,
//! surrounding punctuation trimmed), so `Pants-on-Fire`, `pants on fire` and `PANTS ON FIRE!` are
//! one label, and `زائفٌ` is `زائف`.

use claimtrack_model::fold::fold;
use claimtrack_model::Verdict;

/// `(label, verdict)`: the documented table. Labels are written already normalised.
pub const TABLE: &[(&str, Verdict)] = &[
    // true 5
    ("true", Verdict::True),
    ("correct", Verdict::True),
    ("accurate", Verdict::True),
    ("verified", Verdict::True),
    ("trustworthy", Verdict::True),
    ("صحيح", Verdict::True),
    ("خبر صحيح", Verdict::True),
    ("حقيقي", Verdict::True),
    // mostly_true 4
    ("mostly true", Verdict::MostlyTrue),
    ("partly true", Verdict::MostlyTrue),
    ("trustworthy but", Verdict::MostlyTrue),
    ("صحيح في معظمه", Verdict::MostlyTrue),
    // mixed 3
    ("half true", Verdict::Mixed),
    ("mixed", Verdict::Mixed),
    ("mixture", Verdict::Mixed),
    ("exaggerated", Verdict::Mixed),
    ("arguable", Verdict::Mixed),
    ("مختلط", Verdict::Mixed),
    // mostly_false 2
    ("mostly false", Verdict::MostlyFalse),
    ("barely true", Verdict::MostlyFalse),
    ("partly false", Verdict::MostlyFalse),
    ("partially false", Verdict::MostlyFalse),
    ("خاطئ في معظمه", Verdict::MostlyFalse),
    ("زائف جزئيا", Verdict::MostlyFalse),
    // false 1
    ("false", Verdict::False),
    ("pants on fire", Verdict::False),
    ("fake", Verdict::False),
    ("altered", Verdict::False),
    ("altered photo", Verdict::False),
    ("misattributed", Verdict::False),
    ("زائف", Verdict::False),
    ("خبر زائف", Verdict::False),
    ("خرافه", Verdict::False),
    ("كاذب", Verdict::False),
    ("مفبرك", Verdict::False),
    ("لا اساس له من الصحه", Verdict::False),
    // misleading
    ("misleading", Verdict::Misleading),
    ("مضلل", Verdict::Misleading),
    ("اثاره", Verdict::Misleading),
    ("عنوان مضلل", Verdict::Misleading),
    // missing_context
    ("missing context", Verdict::MissingContext),
    ("out of context", Verdict::MissingContext),
    ("photo out of context", Verdict::MissingContext),
    ("outdated", Verdict::MissingContext),
    ("ينقصه السياق", Verdict::MissingContext),
    ("انتقائي", Verdict::MissingContext),
    ("خارج السياق", Verdict::MissingContext),
    // satire
    ("satire", Verdict::Satire),
    ("satirical", Verdict::Satire),
    ("ساخر", Verdict::Satire),
    ("محتوي ساخر", Verdict::Satire),
    // unverifiable
    ("unverifiable", Verdict::Unverifiable),
    ("unproven", Verdict::Unverifiable),
    ("unverified", Verdict::Unverifiable),
    ("no evidence", Verdict::Unverifiable),
    ("inconclusive", Verdict::Unverifiable),
    ("مشكوك فيه", Verdict::Unverifiable),
    ("لا يمكن التحقق منه", Verdict::Unverifiable),
];

/// The comparison form of a rating label (see the module docs).
pub fn normalise_label(label: &str) -> String {
    let folded = fold(label).replace(['-', '_'], " ");
    let trimmed = folded.trim_matches(|c: char| !c.is_alphanumeric());
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Our verdict for a publisher's rating: by label when the label is in [`TABLE`]; otherwise by a
/// numeric value on exactly the 1–5 scale (`worst` 1, `best` 5, integer value), which is ours.
/// `None` when not sure.
pub fn verdict_for(
    label: Option<&str>,
    value: Option<f64>,
    best: Option<f64>,
    worst: Option<f64>,
) -> Option<Verdict> {
    if let Some(l) = label {
        let n = normalise_label(l);
        if let Some((_, v)) = TABLE.iter().find(|(k, _)| *k == n) {
            return Some(*v);
        }
        if !n.is_empty() {
            return None;
        }
    }
    let (v, b, w) = (value?, best?, worst?);
    if b != 5.0 || w != 1.0 || v.fract() != 0.0 {
        return None;
    }
    Verdict::ALL
        .iter()
        .copied()
        .find(|x| x.rating_value().map(f64::from) == Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_label_is_normalised_and_maps_to_itself() {
        for (label, verdict) in TABLE {
            assert_eq!(
                &normalise_label(label),
                label,
                "{label} is not in normal form"
            );
            assert_eq!(
                verdict_for(Some(label), None, None, None),
                Some(*verdict),
                "{label}"
            );
        }
        let mut labels: Vec<_> = TABLE.iter().map(|e| e.0).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), TABLE.len(), "a label appears twice");
    }

    #[test]
    fn publishers_spellings_reach_the_table() {
        assert_eq!(
            verdict_for(Some("Pants-on-Fire!"), None, None, None),
            Some(Verdict::False)
        );
        assert_eq!(
            verdict_for(Some("  MOSTLY_FALSE "), None, None, None),
            Some(Verdict::MostlyFalse)
        );
        assert_eq!(
            verdict_for(Some("زائفٌ"), None, None, None),
            Some(Verdict::False)
        );
        assert_eq!(
            verdict_for(Some("خاطئ في معظمه"), None, None, None),
            Some(Verdict::MostlyFalse)
        );
        assert_eq!(
            verdict_for(Some("مُضلِّل"), None, None, None),
            Some(Verdict::Misleading)
        );
        assert_eq!(
            verdict_for(Some("صحيح"), None, None, None),
            Some(Verdict::True)
        );
        assert_eq!(
            verdict_for(Some("ساخر"), None, None, None),
            Some(Verdict::Satire)
        );
        assert_eq!(
            verdict_for(Some("لا أساس له من الصحة"), None, None, None),
            Some(Verdict::False)
        );
    }

    #[test]
    fn unsure_labels_and_scales_stay_unmapped() {
        assert_eq!(verdict_for(Some("غير دقيق"), None, None, None), None);
        assert_eq!(
            verdict_for(Some("Four Pinocchios"), Some(1.0), Some(5.0), Some(1.0)),
            None,
            "an unknown label wins over the number"
        );
        assert_eq!(
            verdict_for(None, Some(2.0), Some(5.0), Some(1.0)),
            Some(Verdict::MostlyFalse)
        );
        assert_eq!(verdict_for(None, Some(2.0), Some(10.0), Some(1.0)), None);
        assert_eq!(verdict_for(None, Some(2.5), Some(5.0), Some(1.0)), None);
        assert_eq!(
            verdict_for(Some(""), Some(5.0), Some(5.0), Some(1.0)),
            Some(Verdict::True)
        );
    }
}
