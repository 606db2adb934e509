//! Article language, and the word lists used for Latin-script (English and French) articles.
//!
//! The language is detected on the article (its first 4,000 characters) with `whatlang` (trigram
//! models; unreliable on short lines, so never run per sentence of an article; only a line scored
//! alone without Arabic letters is guessed from itself, see `line_context` in `lib.rs`) and
//! reported as a BCP 47 primary language subtag:
//! `ar`, `en`, `fr`, the ISO 639-1 code of any other language whatlang knows, or `und`.
//! Arabic-script text that whatlang reads as Persian or Urdu is `ar` unless it uses letters that
//! Arabic does not (پ چ ژ گ ۀ ے): whatlang confuses short Arabic and Darija texts with them.
//!
//! English and French support is deliberately smaller than Arabic: abbreviations for sentence
//! splitting (`segment.rs`), numbers, percent words, month names and year cues (`numbers.rs`,
//! `dates.rs`), persons after a title, country and city names (`entities/persons.rs`,
//! `entities/places.rs`; lists here).

use std::sync::OnceLock;

use crate::text::tokenize;

/// How many characters of an article [`detect`] reads.
const DETECT_CHARS: usize = 4000;

/// BCP 47 language subtag of `text` (see the module docs). Never fails: `und` when unsure.
pub(crate) fn detect(text: &str) -> String {
    // The first few thousand characters decide: trigram scores settle long before, and a long
    // article would otherwise cost a full pass.
    let text = match text.char_indices().nth(DETECT_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    // Mostly Arabic letters and none of Persian or Urdu: whatlang would read the Arabic script
    // and answer Arabic, Persian or Urdu, which the rule below maps to `ar` anyway. Skipping it
    // saves a tenth of an import.
    let (mut letters, mut arabic) = (0usize, 0usize);
    for c in text.chars().filter(|c| crate::text::is_word_char(*c)) {
        letters += 1;
        arabic += usize::from(is_arabic(c));
        if is_non_arabic_letter(c) {
            arabic = 0;
            break;
        }
    }
    if arabic * 2 > letters {
        return "ar".to_string();
    }
    let Some(info) = whatlang::detect(text) else {
        return "und".to_string();
    };
    let code3 = info.lang().code();
    if matches!(code3, "pes" | "urd") && !text.chars().any(is_non_arabic_letter) {
        return "ar".to_string();
    }
    iso639_1(code3).unwrap_or("und").to_string()
}

/// Letters of Persian and Urdu that Arabic (and Darija) text does not use.
fn is_non_arabic_letter(c: char) -> bool {
    matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ۀ' | 'ے' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں')
}

/// ISO 639-1 code of the ISO 639-3 codes whatlang 0.16 reports (Mandarin `cmn` → `zh`,
/// Persian `pes` → `fa`, Norwegian Bokmål `nob` → `nb`). `None` for a code without one.
fn iso639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "ara" => "ar",
        "eng" => "en",
        "fra" => "fr",
        "epo" => "eo",
        "rus" => "ru",
        "cmn" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "deu" => "de",
        "ukr" => "uk",
        "kat" => "ka",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" => "nl",
        "hun" => "hu",
        "ces" => "cs",
        "ell" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" => "hy",
        _ => return None,
    })
}

/// English and French abbreviations that end with a dot but not a sentence (case-sensitive,
/// without the final dot). One-letter abbreviations (`M.`, `J.`, the parts of `U.S.`, `e.g.`) are
/// handled by the one-letter rule of `segment.rs`; this list is the longer ones. Hand-compiled
/// from the usual English and French press abbreviations.
pub(crate) const LATIN_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Gov", "Sen", "Rep", "Col", "Lt",
    "Capt", "Sgt", "Rev", "Hon", "vs", "No", "Nos", "Mme", "Mmes", "Mlle", "Mlles", "MM", "Pr",
    "Me", "Mgr", "av", "apr", "env", "cf", "Inc", "Ltd", "Co", "Corp", "Jan", "Feb", "Aug", "Sept",
    "Oct", "Nov", "Dec", "art", "p", "pp", "al", "approx", "ca",
];

/// Abbreviations that may also end a sentence: a boundary only when a capitalised word follows.
pub(crate) const LATIN_SOFT_ABBREVIATIONS: &[&str] = &["etc", "Inc", "Ltd", "Co", "Corp"];

/// Titles before a person's name in English and French news (case-sensitive; `M` and `Mme` are
/// the French "Mr" and "Mrs"; lowercase French titles follow `le`/`la` in running text).
/// Hand-compiled.
pub(crate) const LATIN_TITLES: &[&str] = &[
    "President",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Minister",
    "Senator",
    "Governor",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "General",
    "Judge",
    "Mayor",
    "Ambassador",
    "M",
    "Mme",
    "Mlle",
    "Pr",
    "Me",
    "président",
    "présidente",
    "ministre",
    "Président",
    "Présidente",
    "roi",
    "reine",
    "sénateur",
    "sénatrice",
    "maire",
    "ambassadeur",
    "ambassadrice",
    "général",
];

/// Capitalised nouns of institutions and offices that follow a title word without being a name
/// (`General Assembly`, `President Office`, `Ministre Délégué`): a title before one of them starts
/// no person. Hand-compiled from English and French press usage.
pub(crate) const LATIN_INSTITUTION_WORDS: &[&str] = &[
    "Assembly",
    "Council",
    "Committee",
    "Court",
    "Secretary",
    "Secretariat",
    "Staff",
    "Office",
    "Assemblée",
    "Conseil",
    "Comité",
    "Cour",
    "Secrétaire",
    "Secrétariat",
    "Délégué",
    "Directorate",
    "Direction",
    "Prosecutor",
    "Attorney",
    "Election",
    "Elections",
];

/// Lowercase name particles inside a Latin person name (`Ursula von der Leyen`, `Charles de
/// Gaulle`). A name never ends with one.
pub(crate) const NAME_PARTICLES: &[&str] = &[
    "de", "du", "von", "van", "der", "den", "da", "di", "bin", "ben", "al", "la", "del", "della",
    "dos", "das",
];

/// A country or territory name of the English or French gazetteer as folded tokens.
pub(crate) struct LatinPlace {
    /// Folded tokens of the name (`["united", "states"]`, `["royaume", "-", "uni"]`).
    pub tokens: Vec<String>,
    /// The name as listed.
    pub name: String,
}

/// The English and French country names (`data/places-en.txt`, `data/places-fr.txt`: Unicode
/// CLDR via Babel, see their headers) and Latin-script city names
/// (`data/places-cities-latin.txt`, hand-compiled), longest first.
pub(crate) fn latin_places() -> &'static [LatinPlace] {
    static PLACES: OnceLock<Vec<LatinPlace>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut out: Vec<LatinPlace> = [
            include_str!("../data/places-en.txt"),
            include_str!("../data/places-fr.txt"),
            include_str!("../data/places-cities-latin.txt"),
        ]
        .iter()
        .flat_map(|f| f.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|name| LatinPlace {
            tokens: tokenize(name, 0, name.len())
                .into_iter()
                .map(|t| t.fold)
                .collect(),
            name: name.to_string(),
        })
        .collect();
        out.sort_by_key(|p| std::cmp::Reverse(p.tokens.len()));
        out
    })
}

/// True when `raw` is a capitalised Latin word (`Macron`, `Élysée`), as names are written.
pub(crate) fn is_capitalised(raw: &str) -> bool {
    let mut cs = raw.chars();
    cs.next()
        .is_some_and(|c| c.is_uppercase() && c.is_alphabetic() && !is_arabic(c))
        && cs.all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{08FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        assert_eq!(detect(input), expect, "{input}");
    }

    #[test]
    fn languages() {
        check(
            "قال وزير الاقتصاد إن معدل النمو بلغ 3 في المائة خلال السنة الماضية.",
            "ar",
        );
        check(
            "The minister said on Monday that the economy grew by 3 percent last year.",
            "en",
        );
        check(
            "Le ministre a déclaré lundi que l'économie avait progressé de 3 % l'an dernier.",
            "fr",
        );
        check(
            "El ministro dijo el lunes que la economía creció un tres por ciento el año pasado.",
            "es",
        );
        check("12345 6789", "und");
        // Around the Arabic-script shortcut: Persian letters still go to whatlang, and a few
        // Arabic words do not make a French text Arabic.
        check(
            "این یک متن فارسی است که در آن از حروف پ و چ و گ استفاده می‌شود و درباره اقتصاد است.",
            "fa",
        );
        check(
            "Le ministre a cité le mot «الأمن» lors de sa conférence de presse à Rabat hier soir.",
            "fr",
        );
    }

    #[test]
    fn places_load() {
        let p = latin_places();
        assert!(p.iter().any(|x| x.name == "United States"));
        assert!(p.iter().any(|x| x.name == "Maroc"));
        assert!(p.iter().all(|x| !x.tokens.is_empty()));
    }
}
