//! What the importer asks of each distinct folded word, computed together once per word and
//! thread and shared by every rule that asks it (issue #13, third round).
//!
//! Every word of an article was looked up in five per-thread memo tables (its gazetteer starts,
//! its cue forms, the cue lists they start, its claimant role, its hashed character n-grams):
//! about six hash look-ups per word occurrence, each in a table of its own. Now one table holds
//! all five facts of a word ([`WordFacts`]), and a token keeps the facts it was given
//! ([`crate::text::Token::facts`]), so a word occurrence costs one look-up whoever asks. The facts
//! are exactly what the functions computing them return: a table is a cache, never a source of
//! truth (bounded by [`crate::memo::MAX_ENTRIES`] words, then cleared).

use std::cell::RefCell;
use std::rc::Rc;

use crate::claimant::Role;
use crate::memo;
use crate::text::ReadingsShape;

/// The facts of one folded word, each from the function named on its field.
#[derive(Debug)]
pub(crate) struct WordFacts {
    /// Which gazetteers have an entry starting with one of the word's clitic readings: bits of
    /// `lexicon::ORGANISATIONS` and `lexicon::PLACES` (`lexicon::gazetteer_starts`).
    pub gazetteers: u8,
    /// The forms cue lists are matched against (`score::compute_cue_forms`), kept only when
    /// `cue_starts` is not 0 (only then are they looked at again): most words start no cue, and
    /// their forms were most of a table's memory.
    pub cue_forms: Box<[String]>,
    /// Which cue lists have a phrase starting with one of `cue_forms`: bit `b` for the scorer's
    /// `CUE_INDICES[b]` (`score::cue_starts`).
    pub cue_starts: u8,
    /// The claimant role of the word and whether it has a `و`/`ف` conjunction
    /// (`claimant::word_role`).
    pub role: Option<(Role, bool)>,
    /// The learned scorer's buckets of the word's own features (`learned::push_word_buckets`).
    pub buckets: Box<[u32]>,
    /// The word's clitic readings (`text::clitic_readings`), asked by most entity rules.
    pub readings: ReadingsShape,
    /// Whether a clitic reading of the word passes one of the number-word tests
    /// (`numbers::may_be_number_word`); when none does, the number rules skip the word.
    pub number_word: bool,
}

thread_local! {
    static FACTS: memo::Table<Rc<WordFacts>> = RefCell::default();
}

/// The facts of folded word `fold`, from this thread's table when it has computed them before.
pub(crate) fn facts(fold: &str) -> Rc<WordFacts> {
    memo::cached(&FACTS, fold, |w| Rc::new(compute(w)))
}

/// The number of buckets [`crate::learned::push_word_buckets`] gives folded word `fold`: its own
/// feature and its 2-, 3- and 4-grams padded with a space each side.
fn exact_capacity(fold: &str) -> usize {
    let padded = fold.chars().count() + 2;
    1 + (2..=4)
        .map(|n| (padded + 1).saturating_sub(n))
        .sum::<usize>()
}

fn compute(fold: &str) -> WordFacts {
    let cue_forms = crate::score::compute_cue_forms(fold);
    let cue_starts = crate::score::cue_starts(&cue_forms);
    // Sized exactly: the buckets are neither regrown nor shrunk.
    let mut buckets = Vec::with_capacity(exact_capacity(fold));
    crate::learned::push_word_buckets(fold, &mut buckets);
    WordFacts {
        gazetteers: crate::lexicon::gazetteer_starts(fold),
        cue_starts,
        role: crate::claimant::word_role(fold, &cue_forms),
        cue_forms: if cue_starts == 0 {
            Box::default()
        } else {
            cue_forms.into_boxed_slice()
        },
        buckets: buckets.into_boxed_slice(),
        readings: crate::text::readings_shape(fold),
        number_word: crate::text::clitic_readings(fold)
            .iter()
            .any(|(_, s, _)| crate::numbers::may_be_number_word(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The facts of a word are those of the functions, whether computed now or served from the
    /// table, and a token hands on the facts of its folded form.
    #[test]
    fn facts_are_the_functions_results() {
        for w in [
            "قال",
            "وقالت",
            "بالرباط",
            "للمنظمه",
            "الامم",
            "منعات",
            "according",
            "x",
        ] {
            for _ in 0..2 {
                let f = facts(w);
                let forms = crate::score::compute_cue_forms(w);
                assert_eq!(f.cue_starts, crate::score::cue_starts(&forms), "{w}");
                if f.cue_starts == 0 {
                    assert!(f.cue_forms.is_empty(), "{w}: forms kept for no cue");
                } else {
                    assert_eq!(&*f.cue_forms, forms.as_slice(), "{w}");
                }
                assert_eq!(f.gazetteers, crate::lexicon::gazetteer_starts(w), "{w}");
                assert_eq!(f.role, crate::claimant::word_role(w, &forms), "{w}");
                let mut b = Vec::new();
                crate::learned::push_word_buckets(w, &mut b);
                assert_eq!(&*f.buckets, b.as_slice(), "{w}");
                let numeric = crate::text::clitic_readings(w)
                    .iter()
                    .any(|(_, s, _)| crate::numbers::may_be_number_word(s));
                assert_eq!(f.number_word, numeric, "{w}");
                assert_eq!(exact_capacity(w), b.len(), "{w}");
            }
        }
        assert!(facts("قال").role.is_some());
        for w in [
            "وثلاثه",
            "الخامسه",
            "مليونين",
            "بمرتين",
            "جوج",
            "عشرين",
            "الاحد",
        ] {
            assert!(facts(w).number_word, "{w}");
        }
        for w in ["قال", "الوزير", "بالرباط"] {
            assert!(!facts(w).number_word, "{w}");
        }
        assert!(facts("وبالرباط").gazetteers != 0);
        let t = crate::text::tokenize("وقال", 0, "وقال".len());
        assert_eq!(t[0].facts().role, facts("وقال").role);
    }
}
