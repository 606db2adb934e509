//! Text → matching terms: the one normalisation that both the library index and a query go
//! through, so a claim finds the fact-checks that word it differently.
//!
//! Steps, per word:
//! 1. [`claimtrack_model::fold`] (the search folding: tashkeel, tatweel and format marks removed,
//!    alef/ya/ta-marbuta variants unified, Arabic-Indic digits → ASCII, Latin lower-cased);
//! 2. words are maximal runs of letters or of digits ([`claimtrack_model::is_word_char`]); URLs,
//!    `@mentions` and the `#` of hashtags are dropped (tweets and feeds are full of them), and a
//!    hashtag's `_` splits words;
//! 3. Arabic: clitic prefixes stripped — `و` (conjunction) when at least 3 letters remain, then
//!    the article forms `ال`, `وال`, `بال`, `كال`, `فال`, `لل` when at least 2 remain (Larkey,
//!    Ballesteros & Connell 2002, "light8"/"light10"; the single-letter ب/ف/ك/ل are only stripped
//!    in front of the article, since alone they begin too many stems: بلد, فكرة, كتب, لجنة); then
//!    the common suffixes `ها ان ات ون ين يه يه ه ي` when at least 3 letters remain (after folding
//!    `ية`/`ة` are `يه`/`ه`);
//! 4. English and French: possessive `'s` and elided `l'`/`d'`/`qu'` dropped, then a crude suffix
//!    stemmer ([`latin_stem`]: plural `-s`/`-es`/`-ies`/`-x`, `-ing`, `-ed`, `-ly`);
//! 5. stop words dropped ([`is_stop_word`]): short lists of function words per language;
//! 6. queries only ([`query_terms`]): dialect function words and tweet markers dropped too
//!    ([`is_query_noise`]); stored fact-checks and claims keep [`terms`].
//!
//! Terms are `String`s; a term never contains a space, so a list of terms joined by spaces is a
//! safe full-text query once each term is quoted.

use std::collections::HashSet;
use std::sync::OnceLock;

use claimtrack_model::fold::{fold, is_word_char};
use foldhash::fast::FixedState;

/// Splits folded text into raw words (letters runs and digit runs), skipping URLs and mentions.
fn raw_words(folded: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for chunk in folded.split(|c: char| c.is_whitespace()) {
        if chunk.starts_with("http") || chunk.starts_with("www.") || chunk.starts_with('@') {
            continue;
        }
        let mut start = None;
        let mut digits = false;
        for (i, c) in chunk.char_indices() {
            let word = is_word_char(c);
            let digit = c.is_ascii_digit();
            match start {
                Some(s) if (word && !digits) || (digit && digits) => {
                    let _ = s;
                }
                Some(s) => {
                    out.push(&chunk[s..i]);
                    start = (word || digit).then_some(i);
                    digits = digit;
                }
                None if word || digit => {
                    start = Some(i);
                    digits = digit;
                }
                None => {}
            }
        }
        if let Some(s) = start {
            out.push(&chunk[s..]);
        }
    }
    out
}

fn is_arabic_word(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Function words that carry no claim content (folded forms). Sources: the Arabic words are the
/// frequent particles, pronouns and demonstratives of Larkey's light-stemming stop list; the
/// English and French ones the most frequent function words of each language.
pub fn is_stop_word(w: &str) -> bool {
    const AR: &[&str] = &[
        "في",
        "من",
        "علي",
        "الي",
        "عن",
        "ان",
        "او",
        "ما",
        "لا",
        "لم",
        "لن",
        "قد",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "هو",
        "هي",
        "هم",
        "التي",
        "الذي",
        "الذين",
        "كان",
        "كانت",
        "مع",
        "ثم",
        "كل",
        "بعد",
        "قبل",
        "حتي",
        "اذا",
        "انه",
        "انها",
        "به",
        "بها",
        "له",
        "لها",
        "فيه",
        "فيها",
        "منه",
        "عند",
        "بين",
        "يا",
        "اي",
        "ولا",
        "وهو",
        "وهي",
        "وفي",
        "ومن",
        "كما",
        "لقد",
        "اما",
        "بل",
        "ليس",
        "هل",
        "و",
        "ف",
        "ب",
        "ل",
        "ك",
    ];
    const EN: &[&str] = &[
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
        "those", "as", "but", "not", "no", "has", "have", "had", "do", "does", "did", "will",
        "would", "can", "could", "should", "he", "she", "they", "we", "you", "i", "his", "her",
        "their", "our", "your", "my", "him", "them", "us", "me", "who", "what", "which", "when",
        "where", "why", "how", "than", "then", "so", "if", "about", "into", "just", "all", "s",
        "t", "rt", "amp", "via", "also", "there", "here",
    ];
    const FR: &[&str] = &[
        "le", "la", "les", "de", "des", "du", "un", "une", "et", "ou", "en", "au", "aux", "est",
        "sont", "pour", "par", "sur", "dans", "que", "qui", "ce", "cette", "ces", "il", "elle",
        "ils", "ne", "pas", "se", "sa", "son", "ses", "l", "d", "qu",
    ];
    // A set built once: the lists were scanned word by word for every word normalised (twice,
    // before and after stemming), a tenth of clustering a batch at import.
    static SET: OnceLock<HashSet<&str, FixedState>> = OnceLock::new();
    SET.get_or_init(|| AR.iter().chain(EN).chain(FR).copied().collect())
        .contains(w)
}

/// Strips the Arabic clitic prefixes and common suffixes (see the module docs). `w` is folded.
pub fn arabic_stem(w: &str) -> &str {
    let len = |s: &str| s.chars().count();
    let mut s = w;
    if let Some(rest) = s.strip_prefix('و') {
        if len(rest) >= 3 {
            s = rest;
        }
    }
    for p in ["وال", "بال", "كال", "فال", "لل", "ال"] {
        if let Some(rest) = s.strip_prefix(p) {
            if len(rest) >= 2 {
                s = rest;
                break;
            }
        }
    }
    for suf in ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"] {
        if let Some(rest) = s.strip_suffix(suf) {
            if len(rest) >= 3 {
                s = rest;
                break;
            }
        }
    }
    s
}

/// A crude English/French suffix stemmer (lower-case input): `-ies` → `-y`, `-sses` → `-ss`,
/// `-es`/`-s` (not `-ss`, `-us`, `-is`) and French `-x` plurals dropped, then `-ing`, `-ed`,
/// `-ly` dropped when at least 3 letters remain (a doubled final consonant is undoubled). Good
/// enough to join `vaccines`/`vaccine`/`vaccinated`'s stems most of the time; not Porter.
pub fn latin_stem(w: &str) -> String {
    let mut s = w.to_owned();
    if s.len() <= 3 {
        return s;
    }
    if let Some(r) = s.strip_suffix("ies") {
        s = format!("{r}y");
    } else if let Some(r) = s.strip_suffix("sses") {
        s = format!("{r}ss");
    } else if (s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is"))
        || s.ends_with("aux")
        || s.ends_with("eux")
    {
        s.pop();
    }
    for suf in ["ing", "ed", "ly"] {
        if let Some(r) = s.strip_suffix(suf) {
            if r.len() >= 3 {
                let b = r.as_bytes();
                let n = b.len();
                let doubled = n >= 2
                    && b[n - 1] == b[n - 2]
                    && !matches!(b[n - 1], b'l' | b's' | b'z' | b'e' | b'o');
                s = if doubled {
                    r[..n - 1].to_owned()
                } else {
                    r.to_owned()
                };
                break;
            }
        }
    }
    if s.len() > 4 {
        if let Some(r) = s.strip_suffix('e') {
            s = r.to_owned();
        }
    }
    s
}

/// The matching terms of `text`, in order (repeats kept: BM25 counts them). Never fails; text
/// without words gives an empty list.
pub fn terms(text: &str) -> Vec<String> {
    terms_without(text, |_| false)
}

/// Dialect function words and tweet noise (folded forms) that a query drops beside the stop
/// words of [`is_stop_word`]. Fact-checks word claims in Modern Standard Arabic; the tweets and
/// posts that repeat them are often Egyptian, Gulf or Levantine, whose function words are rare
/// in the library, so BM25 gives them a high idf and they pull in unrelated fact-checks that
/// happen to quote a dialect post. Sources: the demonstratives, negations, relatives and
/// particles of Egyptian (عشان ده دي اللي مش كده ازاي ليه فين دلوقتي بتاع …), Gulf (شلون ليش
/// وش الحين هذي مب …) and Levantine (هيك شو هاد هاي مين …) colloquial grammars, plus the
/// tweet markers `عاجل` ("breaking") and `rt`. Words that fold onto an MSA content word are left
/// out: دول (also "countries"), ايه (also آية "verse"), امتي (also أمتي "my nation"), بقي (also
/// "remained"), شي (also Xi, the name), قوي ("strong"), زين (a name). Only whole raw words are
/// compared, never stems.
pub fn is_query_noise(w: &str) -> bool {
    const NOISE: &[&str] = &[
        // Egyptian
        "عشان",
        "علشان",
        "ده",
        "دا",
        "دي",
        "اللي",
        "مش",
        "كده",
        "كدا",
        "ازاي",
        "ليه",
        "فين",
        "دلوقتي",
        "بتاع",
        "بتاعه",
        "بتاعت",
        "اوي",
        "برضو",
        "برضه",
        "لسه",
        "عايز",
        "عاوز",
        "احنا",
        "انتو",
        "يعني",
        "بس",
        "كمان",
        "اهو",
        "اهي",
        // Gulf
        "شلون",
        "ليش",
        "وش",
        "الحين",
        "اللحين",
        "هذي",
        "هاذي",
        "هذول",
        "ترا",
        "وايد",
        "مب",
        "مو",
        // Levantine
        "هيك",
        "شو",
        "هاد",
        "هاي",
        "هيدا",
        "هيدي",
        "مين",
        "انو",
        "لانو",
        // tweet markers
        "عاجل",
        "rt",
    ];
    static SET: OnceLock<HashSet<&str, FixedState>> = OnceLock::new();
    SET.get_or_init(|| NOISE.iter().copied().collect())
        .contains(w)
}

/// The terms of a query ([`terms`] without the words of [`is_query_noise`]). Only queries go
/// through it: stored fact-checks and the claim index keep [`terms`], so libraries imported
/// before need no re-normalising.
pub fn query_terms(text: &str) -> Vec<String> {
    terms_without(text, is_query_noise)
}

/// [`terms`] and [`query_terms`] of one text, normalised once: what an import needs of each
/// new claim (its query terms to match it against the library, its terms to index and cluster
/// it).
pub fn terms_and_query_terms(text: &str) -> (Vec<String>, Vec<String>) {
    let mut terms = Vec::new();
    let mut query = Vec::new();
    each_term(text, |w, t| {
        if !is_query_noise(w) {
            query.push(t.clone());
        }
        terms.push(t);
    });
    (terms, query)
}

/// [`terms`] with the raw folded words for which `drop` holds left out too.
fn terms_without(text: &str, drop: fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, |w, t| {
        if !drop(w) {
            out.push(t);
        }
    });
    out
}

/// Calls `f` with each raw folded word of `text` that gives a term, and that term, in order.
fn each_term(text: &str, mut f: impl FnMut(&str, String)) {
    let folded = fold(text).replace(['_', '’', '\''], " ");
    for w in raw_words(&folded) {
        if is_stop_word(w) {
            continue;
        }
        let t = if is_arabic_word(w) {
            arabic_stem(w).to_owned()
        } else if w.as_bytes()[0].is_ascii_digit() {
            w.to_owned()
        } else {
            latin_stem(w)
        };
        if !t.is_empty() && !is_stop_word(&t) {
            f(w, t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_clitics_and_folding_meet() {
        // والمملكة / بالمملكه / المملكة all reach one term.
        assert_eq!(terms("والمملكة"), terms("بالمملكه"));
        assert_eq!(terms("المَمْلَكَة"), terms("مملكة"));
        assert_eq!(terms("لقاحات كورونا"), vec!["لقاح", "كورونا"]);
        // A stem that begins with ب is not cut.
        assert_eq!(terms("بلد"), vec!["بلد"]);
    }

    #[test]
    fn tweets_lose_urls_mentions_and_hashes() {
        assert_eq!(
            terms("@who #كورونا_الجديد https://t.co/x 12 حريق"),
            vec!["كورونا", "جديد", "12", "حريق"]
        );
    }

    #[test]
    fn queries_drop_dialect_words_and_tweet_markers_stored_terms_keep_them() {
        let tweet = "عاجل: ده اللي حصل عشان الفيروس مش كده RT";
        assert_eq!(query_terms(tweet), vec!["حصل", "فيروس"]);
        let stored = terms(tweet);
        for w in ["عاجل", "ده", "عشان", "مش", "كده"] {
            assert!(stored.iter().any(|t| t == w), "{w} kept in {stored:?}");
        }
        // Words that fold onto an MSA content word stay in a query.
        assert_eq!(query_terms("دول الخليج"), terms("دول الخليج"));
        assert_eq!(query_terms("أمتي"), vec!["امت"]);
    }

    #[test]
    fn one_pass_gives_terms_and_query_terms() {
        for text in [
            "عاجل: ده اللي حصل عشان الفيروس مش كده RT",
            "والمملكة وقّعت 12 اتفاقية مع الإنتربول",
            "@who #كورونا_الجديد https://t.co/x 12 حريق",
            "Vaccines caused deaths, rt the WHO",
            "",
        ] {
            assert_eq!(
                terms_and_query_terms(text),
                (terms(text), query_terms(text)),
                "{text}"
            );
        }
    }

    #[test]
    fn english_light_stemming() {
        assert_eq!(
            terms("Vaccines cause deaths"),
            terms("vaccine caused death")
        );
        assert_eq!(latin_stem("running"), "run");
        assert_eq!(latin_stem("stories"), "story");
        assert_eq!(latin_stem("virus"), "virus");
    }

    #[test]
    fn letters_and_digits_split() {
        assert_eq!(terms("COVID19 in 2020s"), vec!["covid", "19", "2020"]);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::{query_terms, terms, terms_and_query_terms};

    proptest! {
        /// The one-pass normalisation of an import gives what the two functions give.
        #[test]
        fn one_pass_equals_two(text in "[\u{0621}-\u{064A}a-zA-Z0-9 .,_'@#:/]{0,80}") {
            prop_assert_eq!(terms_and_query_terms(&text), (terms(&text), query_terms(&text)));
        }

        /// The store joins terms with spaces and quotes them into FTS queries: a term is never
        /// empty and holds only letters or only digits, whatever the text.
        #[test]
        fn terms_are_single_words(text in "\\PC{0,80}") {
            for t in terms(&text) {
                prop_assert!(!t.is_empty());
                prop_assert!(t.chars().all(char::is_alphanumeric), "{t:?}");
            }
        }

        /// Tashkeel and tatweel never change the terms (the folding of search).
        #[test]
        fn marks_do_not_change_terms(text in "[\u{0621}-\u{063A}\u{0641}-\u{064A} ]{0,60}") {
            let marked: String = text
                .chars()
                .flat_map(|c| if c == ' ' { vec![c] } else { vec![c, '\u{064E}', '\u{0640}'] })
                .collect();
            prop_assert_eq!(terms(&marked), terms(&text));
        }
    }
}
