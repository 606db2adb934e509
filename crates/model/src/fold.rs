//! Arabic text folding for matching and search: one definition shared by the importer (cue and
//! gazetteer matching) and the store (the search index), so a query matches what import matched.
//!
//! Folding follows `shared/notes/arabic-text.md` §4: NFKC for presentation forms (lam-alef
//! ligatures), strip tashkeel (U+064B–U+065F, U+0670), tatweel (U+0640) and invisible format
//! marks, unify alef forms (أ إ آ ٱ → ا), ى → ي, ة → ه, Persian kaf/yeh → Arabic, Arabic-Indic and
//! Eastern Arabic-Indic digits → ASCII, NBSP → space, Latin lower-cased. The result is for
//! comparison only: it is not byte-aligned with the input and is never stored as article text.

use unicode_normalization::UnicodeNormalization;

/// True for Arabic diacritics (tashkeel, incl. superscript alef) and tatweel: marks that ride on a
/// letter and never separate words.
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// True for invisible format characters found inside real text (bidi marks, ZWJ/ZWNJ, BOM).
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// The ASCII value of a decimal digit in ASCII, Arabic-Indic (U+0660–0669) or Eastern
/// Arabic-Indic (U+06F0–06F9) script.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// True for characters that belong to a word: letters (any script) and Arabic marks.
pub fn is_word_char(c: char) -> bool {
    // Fast path: ASCII and the basic Arabic letters (U+0621–U+063A, U+0641–U+064A) are most of
    // the text, and `char::is_alphabetic` searches the Unicode tables for every non-ASCII char.
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
        return true;
    }
    (c.is_alphabetic() && digit_value(c).is_none()) || is_mark(c)
}

/// True for an Arabic presentation form (U+FB50–U+FDFF, U+FE70–U+FEFF: contextual letter shapes
/// and ligatures such as lam-alef `ﻻ` U+FEFB), as text copied from PDFs carries them.
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// `s` with every Arabic presentation form ([`is_presentation_form`]) replaced by its NFKC
/// decomposition into ordinary letters (`ﻻ` → `لا`); every other character is kept as it is
/// (no case, digit or letter folding). Borrowed when there is nothing to replace. Used for the
/// `value` of entities, whose `text` stays exact.
pub fn presentation_to_letters(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_presentation_form) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_presentation_form(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Folds a string for matching (see the module docs). The result is not byte-aligned with the
/// input; use it only for comparisons.
pub fn fold(s: &str) -> String {
    fold_basic(s).unwrap_or_else(|| fold_any(s))
}

/// [`fold`] of a string made only of ASCII and the basic Arabic letters (U+0621–U+064A, two
/// bytes each: `D8 A1`–`D9 8A` in UTF-8), byte by byte; `None` for any other string. Most words
/// of news text are such strings, and folding them char by char (decoding, the mark, format and
/// digit tests, re-encoding) was a tenth of tokenising them. The rules are [`fold_any`]'s for
/// these characters: ASCII lower-cased (digits stay), tatweel (U+0640) dropped, أ إ آ → ا,
/// ة → ه, ى → ي.
fn fold_basic(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            out.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        let next = *bytes.get(i + 1)?;
        match (b, next) {
            // U+0622 آ, U+0623 أ, U+0625 إ → U+0627 ا.
            (0xD8, 0xA2 | 0xA3 | 0xA5) => out.extend_from_slice(&[0xD8, 0xA7]),
            // U+0629 ة → U+0647 ه.
            (0xD8, 0xA9) => out.extend_from_slice(&[0xD9, 0x87]),
            // U+0640 tatweel: dropped.
            (0xD9, 0x80) => {}
            // U+0649 ى → U+064A ي.
            (0xD9, 0x89) => out.extend_from_slice(&[0xD9, 0x8A]),
            // The other letters of U+0621–U+063F and U+0641–U+064A, kept.
            (0xD8, 0xA1..=0xBF) | (0xD9, 0x81..=0x8A) => out.extend_from_slice(&[b, next]),
            _ => return None,
        }
        i += 2;
    }
    // Whole characters were copied or replaced by whole characters: still UTF-8.
    String::from_utf8(out).ok()
}

/// [`fold`] of any string, char by char.
fn fold_any(s: &str) -> String {
    let nfkc;
    let s = if s.chars().any(|c| ('\u{FB50}'..='\u{FEFC}').contains(&c)) {
        nfkc = s.nfkc().collect::<String>();
        nfkc.as_str()
    } else {
        s
    };
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_mark(c) || is_format(c) {
            continue;
        }
        if let Some(d) = digit_value(c) {
            out.push(char::from(b'0' + d as u8));
            continue;
        }
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            'ک' => out.push('ك'),
            'ی' => out.push('ي'),
            '\u{00A0}' => out.push(' '),
            // Arabic letters have no case: skip the lower-case table search for them and ASCII
            // (most of the text).
            '\u{0621}'..='\u{064A}' => out.push(c),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-wise fold of ASCII and basic Arabic letters agrees with the char-wise one on
    /// every character it takes, alone and in words, and declines every other character.
    #[test]
    fn basic_fold_agrees_with_the_general_fold() {
        let basic = |c: char| c.is_ascii() || ('\u{0621}'..='\u{064A}').contains(&c);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            match fold_basic(&s) {
                Some(f) => {
                    assert!(basic(c), "{c:?} taken");
                    assert_eq!(f, fold_any(&s), "{c:?}");
                }
                None => assert!(!basic(c), "{c:?} declined"),
            }
        }
        for w in [
            "أحمد",
            "إلى",
            "آخر",
            "مدرسة",
            "مستشفى",
            "سعيـــد",
            "Hello World 2024",
            "وللمنظمة",
            "ABC-def_01",
            "",
            "ـ",
        ] {
            assert_eq!(fold_basic(w).as_deref(), Some(fold_any(w).as_str()), "{w}");
        }
        for w in [
            "مُحَمَّد",
            "\u{FEFB}",
            "١٢",
            "ک",
            "a\u{00A0}b",
            "é",
            "x\u{200F}",
        ] {
            assert_eq!(fold_basic(w), None, "{w}");
            assert_eq!(fold(w), fold_any(w), "{w}");
        }
    }

    /// Presentation forms become ordinary letters (the lam-alef ligature two of them); nothing
    /// else changes (no folding of hamza, taa marbuta, digits or case), and plain text is
    /// borrowed.
    #[test]
    fn presentation_forms_become_letters_and_nothing_else_changes() {
        assert_eq!(presentation_to_letters("\u{FEFB}"), "لا");
        assert_eq!(
            presentation_to_letters("\u{FEEE}\u{FEB0}\u{FE8E}\u{FEAE}\u{FE94} أحمد ٣ Ab"),
            "وزارة أحمد ٣ Ab"
        );
        assert!(matches!(
            presentation_to_letters("وزارة الصحة \u{FEFF}"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// The fast path of `is_word_char` agrees with its definition on every Unicode scalar value.
    #[test]
    fn word_char_fast_path_matches_the_definition() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let definition = (c.is_alphabetic() && digit_value(c).is_none()) || is_mark(c);
            assert_eq!(is_word_char(c), definition, "U+{:04X}", c as u32);
        }
    }

    /// The fast paths for Arabic letters and ASCII give what full lower-casing gives, on every
    /// Unicode scalar value that reaches them.
    #[test]
    fn fold_fast_paths_match_lower_casing() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_ascii() || ('\u{0621}'..='\u{064A}').contains(&c) {
                let want: String = if is_mark(c) || is_format(c) {
                    String::new()
                } else if let Some(d) = digit_value(c) {
                    char::from(b'0' + d as u8).to_string()
                } else {
                    match c {
                        'أ' | 'إ' | 'آ' => "ا".into(),
                        'ى' => "ي".into(),
                        'ة' => "ه".into(),
                        _ => c.to_lowercase().collect(),
                    }
                };
                assert_eq!(fold(&c.to_string()), want, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn fold_strips_marks_and_unifies_letters() {
        assert_eq!(fold("الوزيـــر"), "الوزير");
        assert_eq!(fold("أَحْمَد"), "احمد");
        assert_eq!(fold("إسبانيا"), "اسبانيا");
        assert_eq!(fold("مصطفى"), "مصطفي");
        assert_eq!(fold("المملكة"), "المملكه");
        assert_eq!(fold("٢٠٢٥"), "2025");
        assert_eq!(fold("۲۰۲۵"), "2025");
        assert_eq!(fold("ﻻ"), "لا");
        assert_eq!(fold("FBI"), "fbi");
        assert_eq!(fold("a\u{200F}b"), "ab");
    }
}
