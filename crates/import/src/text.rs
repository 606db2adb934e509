//! Character classes, matching normalisation ("folding") and word tokens.
//!
//! The stored text is never changed: folding produces a *copy* of each token for matching, and
//! every token keeps the UTF-8 byte range of its original characters. Folding follows
//! `shared/notes/arabic-text.md` §4: NFKC for presentation forms, strip tashkeel (U+064B–U+065F,
//! U+0670), tatweel (U+0640) and format marks, unify alef forms (أ إ آ ٱ → ا), ى → ي, ة → ه,
//! Arabic-Indic and Eastern Arabic-Indic digits → ASCII, Latin lower-cased.

use unicode_normalization::UnicodeNormalization;

/// True for Arabic diacritics (tashkeel, incl. superscript alef) and tatweel: marks that ride on a
/// letter and never separate words.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// True for invisible format characters found inside real text (bidi marks, ZWJ/ZWNJ, BOM).
pub(crate) fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// The ASCII value of a decimal digit in ASCII, Arabic-Indic (U+0660–0669) or Eastern
/// Arabic-Indic (U+06F0–06F9) script.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// True for characters that belong to a word: letters (any script) and Arabic marks.
pub(crate) fn is_word_char(c: char) -> bool {
    (c.is_alphabetic() && digit_value(c).is_none()) || is_mark(c)
}

/// Folds a string for matching (see the module docs). The result is not byte-aligned with the
/// input; use it only for comparisons.
pub(crate) fn fold(s: &str) -> String {
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
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// What a [`Token`] is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (with their marks).
    Word,
    /// Digits, with internal decimal/group separators and invisible marks.
    Number,
    /// Any other visible character, one per token.
    Punct,
}

/// A word, number or punctuation character of the article, with its byte range in the article.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// First byte in the article text.
    pub start: usize,
    /// One past the last byte in the article text.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// Folded form for matching (digits in ASCII, separators kept as written).
    pub fold: String,
    /// True when whitespace (or nothing, at the start) separates this token from the previous one.
    pub space_before: bool,
}

impl Token {
    /// True when this token is a punctuation token equal to `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.fold.starts_with(c)
    }
}

/// Splits `text[range]` into tokens whose offsets are relative to `text` (not to the range).
///
/// Letters followed by digits without a space (`و2018`, `ب15`) give two tokens: the clitic and the
/// number. A number keeps internal `.` `,` `٫` `٬` and invisible format marks when a digit
/// follows them (`3.5`, `٣٫٥`, `1,000`, `5.` U+200F `2`).
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let slice = &text[start..end];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut space_before = true;
    while i < chars.len() {
        let (off, c) = chars[i];
        if c.is_whitespace() || is_format(c) {
            if c.is_whitespace() {
                space_before = true;
            }
            i += 1;
            continue;
        }
        let tok_start = off;
        let kind;
        let mut j = i + 1;
        if digit_value(c).is_some() {
            kind = TokenKind::Number;
            while j < chars.len() {
                let cj = chars[j].1;
                if digit_value(cj).is_some() {
                    j += 1;
                    continue;
                }
                // A separator or invisible mark inside a number only when a digit follows
                // (possibly after more invisible marks).
                if matches!(cj, '.' | ',' | '٫' | '٬') || is_format(cj) {
                    let mut k = j + 1;
                    while k < chars.len() && is_format(chars[k].1) {
                        k += 1;
                    }
                    if k < chars.len() && digit_value(chars[k].1).is_some() {
                        j = k;
                        continue;
                    }
                }
                break;
            }
        } else if is_word_char(c) {
            kind = TokenKind::Word;
            while j < chars.len() && (is_word_char(chars[j].1) || is_zw_joiner(chars[j].1)) {
                j += 1;
            }
        } else {
            kind = TokenKind::Punct;
        }
        let tok_end = if j < chars.len() {
            chars[j].0
        } else {
            slice.len()
        };
        let raw = &slice[tok_start..tok_end];
        let folded = match kind {
            TokenKind::Number => raw
                .chars()
                .filter(|c| !is_format(*c))
                .map(|c| digit_value(c).map_or(c, |d| char::from(b'0' + d as u8)))
                .collect(),
            _ => fold(raw),
        };
        tokens.push(Token {
            start: start + tok_start,
            end: start + tok_end,
            kind,
            fold: folded,
            space_before,
        });
        space_before = false;
        i = j;
    }
    tokens
}

fn is_zw_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Byte length, in `raw`, of its first `letters` base letters together with the marks that
/// follow them. Used to cut a clitic prefix (`ب` in `بمراكش`) off an entity span.
pub(crate) fn prefix_bytes(raw: &str, letters: usize) -> usize {
    let mut seen = 0;
    for (i, c) in raw.char_indices() {
        if !is_mark(c) && !is_format(c) {
            if seen == letters {
                return i;
            }
            seen += 1;
        }
    }
    raw.len()
}

/// Clitic readings of a folded word: the word itself (prefix length 0), then the word without one
/// or two proclitic letters (و ف ب ل ك, e.g. `وبالرباط` → `بالرباط` → `الرباط`), and `لل…` read
/// as `ل` + `ال…` (`للمنظمة` → `المنظمة`, prefix length 1, `restored_al` true).
///
/// Returns `(prefix letters, stem, restored_al)`; stems shorter than two letters are not offered.
pub(crate) fn clitic_readings(word: &str) -> Vec<(usize, String, bool)> {
    let mut out = vec![(0, word.to_string(), false)];
    let mut rest = word;
    for n in 1..=2 {
        let mut it = rest.chars();
        match it.next() {
            Some('و' | 'ف' | 'ب' | 'ل' | 'ك') => {
                let stem = it.as_str();
                if stem.chars().count() < 2 {
                    break;
                }
                if let Some(after_ll) = stem.strip_prefix('ل') {
                    if rest.starts_with('ل') && after_ll.chars().count() >= 2 {
                        out.push((n, format!("ال{after_ll}"), true));
                    }
                }
                out.push((n, stem.to_string(), false));
                rest = stem;
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_marks_and_unifies_letters() {
        assert_eq!(fold("الوزيـــر"), "الوزير");
        assert_eq!(fold("أَحْمَد"), "احمد");
        assert_eq!(fold("إسبانيا"), "اسبانيا");
        assert_eq!(fold("مصطفى"), "مصطفي");
        assert_eq!(fold("المملكة"), "المملكه");
        assert_eq!(fold("٢٠٢٥"), "2025");
        assert_eq!(fold("ﻻ"), "لا");
        assert_eq!(fold("FBI"), "fbi");
    }

    #[test]
    fn tokens_keep_byte_ranges_and_split_clitic_digits() {
        let text = "في سنتي 2014 و2018، بلغ ٣.٥ %";
        let toks = tokenize(text, 0, text.len());
        for t in &toks {
            assert!(text.get(t.start..t.end).is_some());
        }
        let folds: Vec<&str> = toks.iter().map(|t| t.fold.as_str()).collect();
        assert_eq!(
            folds,
            ["في", "سنتي", "2014", "و", "2018", "،", "بلغ", "3.5", "%"]
        );
        assert!(!toks[4].space_before, "و2018 is glued");
    }

    #[test]
    fn number_with_rlm_inside() {
        let text = "5.\u{200F}2 مليون";
        let toks = tokenize(text, 0, text.len());
        assert_eq!(toks[0].fold, "5.2");
        assert_eq!(toks[0].kind, TokenKind::Number);
    }

    #[test]
    fn clitics() {
        let r = clitic_readings("للمنظمه");
        assert!(r.contains(&(1, "المنظمه".to_string(), true)));
        let r = clitic_readings("وبالرباط");
        assert!(r.contains(&(2, "الرباط".to_string(), false)));
        assert_eq!(prefix_bytes("بِمراكش", 1), "بِ".len());
    }
}
