//! Title boilerplate: the site name and rating segments fact-checkers append to their titles
//! (`… - خبر صحيح - فتبينوا`, `… | فحص الحقائق | مسبار`, `… | في ميزان فرانس برس`). They are not
//! the claim's wording: they lengthen the title and match query words such as صحيح, so the
//! re-ranker reads a fact-check's title without them ([`title_boilerplate`]). Only the features
//! leave them out: stored terms, the full-text index and the library statistics keep them, so a
//! library imported before needs no re-import and candidates are found as before.
//!
//! Sources: the site names are those that end titles in the CheckThat! 2021 task 2A Arabic
//! collection (`shared/matching/ar/vclaims.tsv`: Misbar, Fatabyyano, AFP Arabic, Africa Check,
//! Maharat News, FactsCan) and the publishers of `shared/notes/claimreview-and-ratings.md`
//! (Verify-Sy, whose titles begin `تَأكّدْ |`; PolitiFact, AFP Fact Check, Full Fact); the rating words are the labels of
//! [`crate::library::rating::TABLE`] plus the unmapped Arabic labels seen ending titles there
//! (مكذوب، فيديو زائف، صورة مضللة، زائف جزئيًا…).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::library::rating::TABLE;
use crate::normalise::terms;

/// Fact-checkers' site and section names that end (or, for تأكد, begin) a title.
pub const SITES: &[&str] = &[
    "مسبار",
    "فحص الحقائق",
    "فتبينوا",
    "في ميزان فرانس برس",
    "فرانس برس",
    "أفريكا تشيك",
    "مهارات نيوز",
    "حقائق كندا",
    "تأكد",
    "PolitiFact",
    "AFP Fact Check",
    "Full Fact",
];

/// Rating segments seen ending titles that are not labels of the rating table.
pub const EXTRA_RATINGS: &[&str] = &[
    "مكذوب",
    "زائفة",
    "فيديو زائف",
    "صورة زائفة",
    "صورة مضللة",
    "فيديو مضلل",
    "مقطع مفبرك",
    "تصريح زائف",
    "تصريح مفبرك",
    "ترجمة مفبركة",
    "معلومة خاطئة",
    "خبر زائف جزئيا",
    "الحقيقة",
    "لم يثبت",
    "خيال",
    "رأي شخصي",
];

/// The term lists ([`terms`]) of the site names, and of every boilerplate segment (sites and
/// ratings).
fn segments() -> &'static Segments {
    static SETS: OnceLock<Segments> = OnceLock::new();
    SETS.get_or_init(|| {
        let of = |labels: &mut dyn Iterator<Item = &str>| -> HashSet<Vec<String>> {
            labels.map(terms).filter(|t| !t.is_empty()).collect()
        };
        let sites = of(&mut SITES.iter().copied());
        let labels = || {
            SITES
                .iter()
                .chain(EXTRA_RATINGS)
                .copied()
                .chain(TABLE.iter().map(|(label, _)| *label))
        };
        let all = of(&mut labels());
        let max_words = labels()
            .map(|l| l.split_whitespace().count())
            .max()
            .unwrap_or(0);
        Segments {
            sites,
            all,
            max_words,
        }
    })
}

/// The boilerplate segments as term lists ([`terms`]).
struct Segments {
    /// Site names.
    sites: HashSet<Vec<String>>,
    /// Site names and ratings.
    all: HashSet<Vec<String>>,
    /// The most words of any label: a longer segment is not normalised, it is the title's own.
    max_words: usize,
}

impl Segments {
    /// The terms of a raw segment when it may be boilerplate (`None` when it has more words
    /// than any label).
    fn terms_of(&self, raw: &str) -> Option<Vec<String>> {
        (raw.split_whitespace().nth(self.max_words).is_none()).then(|| terms(raw))
    }
}

/// The segments of a title: split at `|` and at a dash between spaces (` - `, ` – `, ` — `;
/// a dash inside a word, as in كوفيد-19, does not split).
fn split(title: &str) -> impl Iterator<Item = &str> {
    title
        .split('|')
        .flat_map(|s| s.split(" - "))
        .flat_map(|s| s.split(" – "))
        .flat_map(|s| s.split(" — "))
}

/// The boilerplate at both ends of a title, in terms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Boilerplate {
    /// Leading terms that are a site name (`تأكد | …`).
    pub lead: usize,
    /// Trailing terms that are site names or ratings (`… - زائف - فتبينوا`).
    pub tail: usize,
}

/// The boilerplate of `title` whose stored terms are `title_terms` (its [`terms`]): leading
/// segments that are a site name and trailing segments that are a site name or a rating, as
/// long as one segment with terms is left between them. Nothing when the stored terms do not
/// begin and end with those segments' terms (terms stored by another normalisation).
///
/// Only the segments at the ends are normalised, from the outside in, up to the first that is
/// not boilerplate (a title without a separator is not normalised at all): this runs for each
/// of a query's candidates.
pub fn title_boilerplate(title: &str, title_terms: &[String]) -> Boilerplate {
    if !title.contains(['|', '-', '–', '—']) {
        return Boilerplate::default();
    }
    let set = segments();
    let raw: Vec<&str> = split(title).collect();
    // Trailing boilerplate, from the last segment back.
    let mut end = raw.len();
    let mut tail: Vec<String> = Vec::new();
    while end > 0 {
        match set.terms_of(raw[end - 1]) {
            Some(t) if t.is_empty() => end -= 1,
            Some(mut t) if set.all.contains(&t) => {
                t.append(&mut tail);
                tail = t;
                end -= 1;
            }
            _ => break,
        }
    }
    // Leading site names, while a segment with words follows before the trailing ones.
    let mut start = 0;
    let mut head: Vec<String> = Vec::new();
    while start < end {
        match set.terms_of(raw[start]) {
            Some(t) if t.is_empty() => start += 1,
            Some(t)
                if set.sites.contains(&t)
                    && raw[start + 1..end]
                        .iter()
                        .any(|s| s.chars().any(char::is_alphanumeric)) =>
            {
                head.extend(t);
                start += 1;
            }
            _ => break,
        }
    }
    if start == end {
        // Every segment is boilerplate: the title is kept whole.
        return Boilerplate::default();
    }
    let fits = head.len() + tail.len() <= title_terms.len()
        && title_terms[..head.len()] == head[..]
        && title_terms[title_terms.len() - tail.len()..] == tail[..];
    if fits {
        Boilerplate {
            lead: head.len(),
            tail: tail.len(),
        }
    } else {
        Boilerplate::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(title: &str) -> usize {
        title_boilerplate(title, &terms(title)).tail
    }

    #[test]
    fn site_and_rating_segments_are_boilerplate() {
        let t = "العاهل المغربي يتلقى الجرعة الأولى من اللقاح - خبر صحيح - فتبينوا";
        assert_eq!(strip(t), terms("خبر صحيح - فتبينوا").len());
        let t = "صور تمثيلية لمعذبات من أتباع فالون في الصين | فحص الحقائق | مسبار";
        assert_eq!(strip(t), terms("فحص الحقائق مسبار").len());
        assert_eq!(strip("لقاح كورونا غير آمن - زائف - فتبينوا"), 2);
        let t = "تَأكّدْ | هل تمتلك تركيا 45 ألف طائرة مسيّرة؟";
        assert_eq!(
            title_boilerplate(t, &terms(t)),
            Boilerplate { lead: 1, tail: 0 }
        );
    }

    #[test]
    fn the_wording_itself_is_kept() {
        assert_eq!(strip("هل هذا صحيح"), 0, "a rating word inside a segment");
        assert_eq!(strip("مسبار"), 0, "a title of one segment stays");
        assert_eq!(
            strip("زائف - فتبينوا"),
            0,
            "a title that is all boilerplate stays"
        );
        assert_eq!(strip("وفيات كوفيد-19 في مصر"), 0);
        assert_eq!(
            title_boilerplate("لقاح - زائف", &terms("لقاح مختلف")),
            Boilerplate::default(),
            "stored terms that do not end with the segment's terms"
        );
    }
}
