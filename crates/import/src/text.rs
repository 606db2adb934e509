//! Word tokens over the article text, and clitic readings of folded words.
//!
//! The stored text is never changed: folding (`claimtrack_model::fold`) produces a *copy* of each
//! token for matching, and every token keeps the UTF-8 byte range of its original characters.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::rc::Rc;

use crate::words::WordFacts;

pub(crate) use claimtrack_model::fold::{digit_value, fold, is_format, is_mark, is_word_char};

/// A list of one- or more-word phrases (words separated by one space) indexed by first word, so
/// a text is matched with one hash lookup per word instead of a scan of the whole list. Phrases
/// that share a first word keep their list order.
pub(crate) struct PhraseIndex<V: 'static> {
    by_first: HashMap<&'static str, Vec<(Vec<&'static str>, V)>>,
}

impl<V: Copy> PhraseIndex<V> {
    /// Indexes `(phrase, value)` pairs.
    pub fn new(items: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let mut by_first: HashMap<&'static str, Vec<(Vec<&'static str>, V)>> = HashMap::default();
        for (phrase, value) in items {
            let mut parts = phrase.split(' ');
            let first = parts.next().unwrap_or_default();
            by_first
                .entry(first)
                .or_default()
                .push((parts.collect(), value));
        }
        PhraseIndex { by_first }
    }

    /// The phrases whose first word is `first`, as (the other words, value), in list order.
    pub fn starting_with(&self, first: &str) -> &[(Vec<&'static str>, V)] {
        self.by_first.get(first).map_or(&[], Vec::as_slice)
    }
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
    /// The facts of the folded word ([`crate::words`]), filled on first use: entity rules, cues,
    /// the claimant pass and the learned features all ask them of every word.
    facts: OnceCell<Rc<WordFacts>>,
}

impl Token {
    /// The facts of this token's folded form ([`crate::words::facts`]), looked up once per token.
    /// Meant for word tokens (other tokens get the facts of their folded text).
    pub fn facts(&self) -> &WordFacts {
        self.facts.get_or_init(|| crate::words::facts(&self.fold))
    }

    /// The clitic readings of this token's folded form ([`clitic_readings`]), from its facts.
    pub fn readings(&self) -> Readings<'_> {
        Readings {
            word: &self.fold,
            shape: Cow::Borrowed(&self.facts().readings),
        }
    }

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
    crate::work::add(slice.len() as u64);
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
                // Marks may also come before the separator (`7` U+200E `,5`).
                if is_sep(cj) || is_format(cj) {
                    let skip = |mut k: usize| {
                        while k < chars.len() && is_format(chars[k].1) {
                            k += 1;
                        }
                        k
                    };
                    let mut k = skip(j);
                    if k < chars.len() && is_sep(chars[k].1) {
                        k = skip(k + 1);
                    }
                    if k > j && k < chars.len() && digit_value(chars[k].1).is_some() {
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
            facts: OnceCell::new(),
        });
        space_before = false;
        i = j;
    }
    tokens
}

/// `c.is_alphabetic()`, answered without the Unicode table search for ASCII and the basic
/// Arabic letters (U+0621–U+063A, U+0641–U+064A, all alphabetic), which are most of the text:
/// the standard library searches its tables for every non-ASCII character.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') || c.is_alphabetic()
}

/// `c.is_alphanumeric()` with the fast paths of [`is_alphabetic`].
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') || c.is_alphanumeric()
}

/// Decimal and group separators that may sit inside a number.
fn is_sep(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬')
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

/// The clitic readings of a word apart from the word itself (see [`clitic_readings`]): a reading
/// is its prefix length in letters and the byte offset of its stem in the word (a stem is a
/// suffix of the word), except the one `لل…` reading read as `ل` + `ال…`, whose stem is held
/// apart. A word's facts keep its shape ([`crate::words::WordFacts`]), so a token's readings
/// ([`Token::readings`]) are worked out once per distinct word.
#[derive(Debug, Clone)]
pub(crate) struct ReadingsShape {
    /// `(prefix letters, stem's byte offset in word, restored_al)`; a restored reading's stem is
    /// `restored`.
    items: [(u8, u8, bool); 5],
    len: u8,
    /// The stem of the restored-`ال` reading (`المنظمه` of `للمنظمه`), when there is one.
    restored: Option<Box<str>>,
}

/// The clitic readings of one word (see [`clitic_readings`]), held compactly: the word and its
/// [`ReadingsShape`], borrowed from the word's facts or worked out for this call. Iterate with
/// [`Readings::iter`]: `(prefix letters, stem, restored_al)`.
pub(crate) struct Readings<'a> {
    word: &'a str,
    shape: Cow<'a, ReadingsShape>,
}

impl ReadingsShape {
    fn push(&mut self, item: (u8, u8, bool)) {
        self.items[usize::from(self.len)] = item;
        self.len += 1;
    }
}

impl Readings<'_> {
    /// The readings in order: `(prefix letters, stem, restored_al)`.
    pub fn iter(&self) -> ReadingsIter<'_> {
        ReadingsIter {
            word: self.word,
            shape: &self.shape,
            next: 0,
        }
    }
}

/// The iterator of [`Readings::iter`].
pub(crate) struct ReadingsIter<'r> {
    word: &'r str,
    shape: &'r ReadingsShape,
    next: u8,
}

impl<'r> Iterator for ReadingsIter<'r> {
    type Item = (usize, &'r str, bool);

    fn next(&mut self) -> Option<Self::Item> {
        let r = self.shape;
        if self.next >= r.len {
            return None;
        }
        let (prefix, off, restored) = r.items[usize::from(self.next)];
        self.next += 1;
        let stem = if restored {
            r.restored.as_deref().unwrap_or_default()
        } else {
            &self.word[usize::from(off)..]
        };
        Some((usize::from(prefix), stem, restored))
    }
}

impl<'r> IntoIterator for &'r Readings<'r> {
    type Item = (usize, &'r str, bool);
    type IntoIter = ReadingsIter<'r>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Clitic readings of a folded word: the word itself (prefix length 0), then the word without one
/// or two proclitic letters in their grammatical order, a conjunction (و ف) before a preposition
/// (ب ل ك) (e.g. `وبالرباط` → `بالرباط` → `الرباط`), and `لل…` read
/// as `ل` + `ال…` (`للمنظمة` → `المنظمة`, prefix length 1, `restored_al` true).
///
/// Returns at most five readings `(prefix letters, stem, restored_al)` ([`Readings::iter`]), held
/// inline as offsets into `word` (this runs for nearly every word of an article, so it allocates
/// only for a restored `ال`); stems shorter than two letters are not offered.
pub(crate) fn clitic_readings(word: &str) -> Readings<'_> {
    Readings {
        word,
        shape: Cow::Owned(readings_shape(word)),
    }
}

/// The [`ReadingsShape`] of folded word `word` ([`clitic_readings`]).
pub(crate) fn readings_shape(word: &str) -> ReadingsShape {
    let mut out = ReadingsShape {
        items: [(0, 0, false); 5],
        len: 1,
        restored: None,
    };
    let mut rest = word;
    // Proclitics come in a fixed order: an optional conjunction (و ف), then an optional
    // preposition (ب ل ك). `بوعشرين` is a name, not ب + و + عشرين.
    let mut allowed: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];
    for n in 1..=2u8 {
        let mut it = rest.chars();
        match it.next() {
            Some(c) if allowed.contains(&c) => {
                allowed = &['ب', 'ل', 'ك'];
                if matches!(c, 'ب' | 'ل' | 'ك') {
                    allowed = &[];
                }
                let stem = it.as_str();
                // Fewer than two letters (without counting them all).
                if stem.chars().nth(1).is_none() {
                    break;
                }
                if let Some(after_ll) = stem.strip_prefix('ل') {
                    if rest.starts_with('ل') && after_ll.chars().nth(1).is_some() {
                        // At most one per word: only `لل…`, `ولل…` and `فلل…` have one.
                        out.restored = Some(format!("ال{after_ll}").into_boxed_str());
                        out.push((n, 0, true));
                    }
                }
                // Each proclitic is a two-byte letter, so the offset is at most 4.
                out.push((n, (word.len() - stem.len()) as u8, false));
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
        let check = |input: &str, expect: &[&str]| {
            let toks = tokenize(input, 0, input.len());
            let folds: Vec<&str> = toks.iter().map(|t| t.fold.as_str()).collect();
            assert_eq!(folds, expect, "{input:?}");
        };
        check("7\u{200E},5", &["7,5"]);
        check("٣\u{061C}٫\u{200F}٥", &["3٫5"]);
        check("2018.\u{200F} ثم", &["2018", ".", "ثم"]);
        check("5,", &["5", ","]);
    }

    #[test]
    fn fast_alphabetic_agrees_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn clitics() {
        let all = |w| {
            clitic_readings(w)
                .iter()
                .map(|(p, s, r)| (p, s.to_string(), r))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            all("للمنظمه"),
            [
                (0, "للمنظمه".into(), false),
                (1, "المنظمه".into(), true),
                (1, "لمنظمه".into(), false)
            ]
        );
        assert_eq!(
            all("وبالرباط"),
            [
                (0, "وبالرباط".into(), false),
                (1, "بالرباط".into(), false),
                (2, "الرباط".into(), false)
            ]
        );
        assert_eq!(
            all("وللمنظمه"),
            [
                (0, "وللمنظمه".into(), false),
                (1, "للمنظمه".into(), false),
                (2, "المنظمه".into(), true),
                (2, "لمنظمه".into(), false)
            ]
        );
        assert_eq!(
            all("بوعشرين"),
            [(0, "بوعشرين".into(), false), (1, "وعشرين".into(), false)]
        );
        assert_eq!(all("وب"), [(0, "وب".into(), false)]);
        // A token's readings, from its facts, are the word's.
        for w in ["للمنظمه", "وبالرباط", "وللمنظمه", "بوعشرين", "قال"]
        {
            let t = tokenize(w, 0, w.len());
            let from_token: Vec<_> = t[0]
                .readings()
                .iter()
                .map(|(p, s, r)| (p, s.to_string(), r))
                .collect();
            assert_eq!(from_token, all(w), "{w}");
        }
        assert_eq!(prefix_bytes("بِمراكش", 1), "بِ".len());
    }
}
