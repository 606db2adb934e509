//! Word lists the importer matches against: gazetteers (data files under `data/`) and cue lists.
//! Everything is stored folded (see [`crate::text::fold`]) and built once per process.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::text::{clitic_readings, fold};

/// A multi-word name list, indexed by its first folded word.
pub(crate) struct Gazetteer {
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
    /// This gazetteer's bit in [`gazetteer_starts`].
    bit: u8,
}

impl Gazetteer {
    fn from_lists(bit: u8, lists: &[&str]) -> Self {
        let mut by_first: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::default();
        for list in lists {
            for line in list.lines() {
                let name = line.trim();
                if name.is_empty() || name.starts_with('#') {
                    continue;
                }
                let words: Vec<String> =
                    fold(name).split_whitespace().map(str::to_string).collect();
                let entries = by_first.entry(words[0].clone()).or_default();
                if !entries.iter().any(|(w, _)| *w == words) {
                    entries.push((words, name.to_string()));
                }
            }
        }
        for entries in by_first.values_mut() {
            entries.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        Gazetteer { by_first, bit }
    }

    /// Entries starting with folded word `first`, longest first: `(folded words, name as listed)`.
    pub fn starting_with(&self, first: &str) -> &[(Vec<String>, String)] {
        self.by_first.get(first).map_or(&[], Vec::as_slice)
    }

    /// False when no entry starts with any clitic reading of folded word `word`
    /// ([`clitic_readings`]), so that [`Self::starting_with`] is empty for each of them; answered
    /// from the word's memoised facts ([`crate::words`]), one look-up instead of one per reading.
    #[cfg(test)]
    pub fn may_start(&self, word: &str) -> bool {
        crate::words::facts(word).gazetteers & self.bit != 0
    }

    /// [`Self::may_start`] for a word token, from the facts the token keeps.
    pub fn may_start_token(&self, tok: &crate::text::Token) -> bool {
        tok.facts().gazetteers & self.bit != 0
    }
}

/// [`Lexicon::organisations`]' bit in [`gazetteer_starts`].
const ORGANISATIONS: u8 = 1;
/// [`Lexicon::places`]' bit in [`gazetteer_starts`].
const PLACES: u8 = 2;

/// Which gazetteers have an entry whose first word is a clitic reading of folded word `word`:
/// [`ORGANISATIONS`] and [`PLACES`] bits (memoised with the word's other facts, [`crate::words`]).
pub(crate) fn gazetteer_starts(word: &str) -> u8 {
    let lex = lexicon();
    let mut mask = 0;
    for (_, stem, _) in &clitic_readings(word) {
        for g in [&lex.organisations, &lex.places] {
            if !g.starting_with(stem).is_empty() {
                mask |= g.bit;
            }
        }
    }
    mask
}

/// All lists, folded.
pub(crate) struct Lexicon {
    pub places: Gazetteer,
    pub organisations: Gazetteer,
    pub first_names: HashSet<String>,
    /// Given names that are also common words (حسن "good", جمال "beauty"): a person only after a
    /// title or in apposition.
    pub ambiguous_names: HashSet<String>,
    pub titles: HashSet<String>,
    pub honorifics: HashSet<String>,
    pub org_heads: HashSet<String>,
    pub stopwords: HashSet<String>,
}

fn set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

/// Given names from `data/first-names.txt` that double as common words; matched only with a
/// title or apposition cue.
const AMBIGUOUS_NAMES: &[&str] = &[
    "حسن",
    "سعيد",
    "كريم",
    "عزيز",
    "جمال",
    "كمال",
    "نور",
    "أمينة",
    "وفاء",
    "إيمان",
    "رجاء",
    "هدى",
    "منى",
    "عادل",
    "صالح",
    "ناصر",
    "منير",
    "رضا",
    "بشرى",
    "نجاة",
    "سلطان",
    "تركي",
    "فهد",
    "عماد",
    "فؤاد",
    "سعد",
    "هند",
    "أسماء",
    "سارة",
    "كريمة",
    "لطيفة",
    "حنان",
    "نوال",
    "ماجد",
    "وليد",
    "رشيد",
    "جو",
    "بول",
    "بيل",
    "جان",
    "موسى",
    "سميرة",
    "ليلى",
    "سلمى",
    "نادية",
    "مريم",
    "حياة",
    "بلال",
    "سناء",
    "سالم",
    "بدر",
    "أمين",
    "طالب",
    "أمل",
    "هلال",
    "رياض",
    "مبارك",
    "خليفة",
    "راشد",
    "فارس",
    "صادق",
    "فائز",
    "أسعد",
    "زيد",
    "فضل",
    "عوض",
    "خلف",
    "نداء",
    "فاضل",
    "إسلام",
    "سيف",
    "زاهد",
    "وردة",
];

/// Job titles that introduce or follow a person's name (apposition: `NAME، مدير …`). Hand-compiled.
const TITLES: &[&str] = &[
    "مدير",
    "مديرة",
    "المدير",
    "المديرة",
    "وزير",
    "وزيرة",
    "الوزير",
    "الوزيرة",
    "رئيس",
    "رئيسة",
    "الرئيس",
    "الرئيسة",
    "نائب",
    "نائبة",
    "سفير",
    "سفيرة",
    "السفير",
    "السفيرة",
    "الأمين",
    "أمين",
    "الناطق",
    "الناطقة",
    "المتحدث",
    "المتحدثة",
    "مستشار",
    "المستشار",
    "قائد",
    "زعيم",
    "عضو",
    "مندوب",
    "الملك",
    "الأمير",
    "المسؤول",
    "المسؤولة",
    "الكاتب",
    "مؤسس",
    "والي",
    "عامل",
    "رئيسه",
    "المدعي",
    "القاضي",
    "الجنرال",
    "العقيد",
    "اللواء",
];

/// Honorifics and titles placed right before a name (`السيدة أفريل هاينز`, `د. محمد العلوي`).
const HONORIFICS: &[&str] = &[
    "السيد",
    "السيدة",
    "الدكتور",
    "الدكتورة",
    "د",
    "المهندس",
    "الأستاذ",
    "الأستاذة",
    "الشيخ",
    "الملك",
    "الأمير",
    "الأميرة",
    "الرئيس",
    "الوزير",
    "الجنرال",
    "السيناتور",
    "النائب",
    "النائبة",
    "البروفيسور",
    "الحاج",
    // Professions written before a name (`المحامي ناصر التويم`, `الخبير الاقتصادي X`).
    "المحامي",
    "المحامية",
    "الطبيب",
    "الطبيبة",
    "الخبير",
    "الخبيرة",
    "الباحث",
    "الباحثة",
    "الصحفي",
    "الصحفية",
    "الناشط",
    "الناشطة",
    "الزميل",
    "الزميلة",
    "المدرب",
    "اللاعب",
    "الفنان",
    "الفنانة",
];

/// Head nouns of organisation names (`وزارة الداخلية`, `وكالة الاستخبارات المركزية`). Hand-compiled
/// from the institution names in the seed, SaudiNewsNet and MArSum.
const ORG_HEADS: &[&str] = &[
    "وزارة",
    "مديرية",
    "المديرية",
    "وكالة",
    "مكتب",
    "جهاز",
    "منظمة",
    "المنظمة",
    "جمعية",
    "الجمعية",
    "مجلس",
    "المجلس",
    "هيئة",
    "الهيئة",
    "حزب",
    "بنك",
    "البنك",
    "شركة",
    "جامعة",
    "مؤسسة",
    "لجنة",
    "اللجنة",
    "محكمة",
    "المحكمة",
    "صندوق",
    "اتحاد",
    "الاتحاد",
    "نقابة",
    "مندوبية",
    "المندوبية",
    "معهد",
    "المعهد",
    "أكاديمية",
    "رئاسة",
    "سلطة",
    "مصلحة",
    "فريق",
    "نادي",
    "النادي",
    "مجموعة",
    "حركة",
    "كتائب",
    "سرايا",
    "الخطوط",
];

/// Function words that never belong to a name (prepositions, conjunctions, pronouns, particles,
/// frequent verbs). Hand-compiled.
const STOPWORDS: &[&str] = &[
    // Darija particles and complementizers (`قال الوزير بللي …`): never part of a name.
    "بللي",
    "باللي",
    "بلي",
    "اللي",
    "ديال",
    "هاد",
    "هادي",
    "هاذ",
    "هاذي",
    "واش",
    "راه",
    "كاين",
    "كاينة",
    "بزاف",
    "في",
    "من",
    "إلى",
    "على",
    "عن",
    "مع",
    "بين",
    "حول",
    "عبر",
    "لدى",
    "منذ",
    "خلال",
    "بعد",
    "قبل",
    "حتى",
    "و",
    "أو",
    "ثم",
    "أن",
    "إن",
    "أنه",
    "أنها",
    "إنه",
    "إنها",
    "الذي",
    "التي",
    "الذين",
    "ما",
    "ماذا",
    "لا",
    "لم",
    "لن",
    "قد",
    "كان",
    "كانت",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هو",
    "هي",
    "هم",
    "كل",
    "بعض",
    "غير",
    "قال",
    "قالت",
    "أكد",
    "أكدت",
    "أعلن",
    "أعلنت",
    "وقال",
    "وأكد",
    "حيث",
    "كما",
    "أيضا",
    "فقط",
    "عند",
    "يوم",
    "يومي",
    "زوال",
    "أمس",
    "اليوم",
    "تجاه",
    "ضد",
    "دون",
    "نحو",
    "لدى",
    "إذ",
    "إذا",
    "لكن",
    "بل",
    "قصد",
    "بهدف",
    "أجل",
    "إطار",
    "بزيارة",
    "زيارة",
    "رأس",
    "مقر",
    "بمقر",
    "رفقة",
    "وفد",
];

/// The lexicon, built on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon {
        places: Gazetteer::from_lists(
            PLACES,
            &[
                include_str!("../data/places-cldr.txt"),
                include_str!("../data/places-extra.txt"),
            ],
        ),
        organisations: Gazetteer::from_lists(
            ORGANISATIONS,
            &[include_str!("../data/organisations.txt")],
        ),
        first_names: include_str!("../data/first-names.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect(),
        ambiguous_names: set(AMBIGUOUS_NAMES),
        titles: set(TITLES),
        honorifics: set(HONORIFICS),
        org_heads: set(ORG_HEADS),
        stopwords: set(STOPWORDS),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteers_load_and_index_folded() {
        let lex = lexicon();
        assert!(lex
            .places
            .starting_with("اسبانيا")
            .iter()
            .any(|(_, n)| n == "إسبانيا"));
        let us = lex.places.starting_with("الولايات");
        assert_eq!(us[0].0.len(), 3, "longest first: الولايات المتحدة الأمريكية");
        assert!(lex.first_names.contains("مايك"));
        assert!(lex.org_heads.contains("وكاله"));
    }

    /// `may_start` is exactly "some clitic reading starts an entry", for both gazetteers, on
    /// words that start an entry bare, after a clitic or after `لل`, and on words that start none.
    #[test]
    fn may_start_agrees_with_the_readings() {
        let lex = lexicon();
        for w in [
            "اسبانيا",
            "باسبانيا",
            "والولايات",
            "للامم",
            "الامم",
            "وزاره",
            "قال",
            "في",
            "xyz",
            "",
        ] {
            for g in [&lex.places, &lex.organisations] {
                let want = clitic_readings(w)
                    .iter()
                    .any(|(_, s, _)| !g.starting_with(s).is_empty());
                assert_eq!(g.may_start(w), want, "{w}");
                // Again, from the memo table.
                assert_eq!(g.may_start(w), want, "{w}");
            }
        }
        assert!(lex.places.may_start("باسبانيا"));
        assert!(!lex.places.may_start("قال"));
    }
}
