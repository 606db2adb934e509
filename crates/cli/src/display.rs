//! Table text whose width every measure agrees on.
//!
//! The tables are drawn by `tabled`, which measures a cell with `unicode-width`'s *string*
//! width. That measure applies a context rule the terminals do not: a lam followed by an alef
//! (`لا`, `لأ`, `لإ`, `لآ`) counts as **one** column, the width of the lam-alef ligature, while
//! terminals that draw one character per cell (xterm, VTE/GNOME Terminal, Konsole, tmux,
//! Alacritty, kitty) give each letter its own column. Measured that way, every Arabic row came out
//! one column narrower per pair than the header, and the right border moved.
//!
//! [`for_table`] fixes it at the root, in the text tabled sees: wherever joining two adjacent
//! extended grapheme clusters makes the string width differ from the sum of their widths (today:
//! the lam-alef rule), it puts a ZERO WIDTH NON-JOINER (U+200C) between them. ZWNJ has width 0 in
//! `unicode-width` and in the terminals' `wcwidth`, keeps every letter, and breaks the context
//! rule, so after it tabled's measure equals [`crate::truncate::width`] (the per-cluster sum the
//! terminals draw). The characters are display-only: JSON, CSV and the `text:` lines of `show`
//! never get them (the e2e tests check), and a claim copied from a table cell may carry a ZWNJ
//! (table cells are truncated previews anyway; `show` and `--format json` give the exact text).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// ZERO WIDTH NON-JOINER, the display-only separator [`for_table`] inserts.
pub const ZWNJ: char = '\u{200c}';

/// `text` with a [`ZWNJ`] between every two adjacent grapheme clusters whose joint
/// `unicode-width` string width differs from the sum of their own widths (borrowed when there
/// is none). Afterwards `for_table(t).width() == crate::truncate::width(t)` for every `t`.
pub fn for_table(text: &str) -> Cow<'_, str> {
    // Fast path: the only rule today needs a lam (U+0644).
    if !text.contains('\u{644}') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut changed = false;
    let mut prev: Option<&str> = None;
    for g in text.graphemes(true) {
        if let Some(p) = prev {
            if joint_width(p, g) != p.width() + g.width() {
                out.push(ZWNJ);
                changed = true;
            }
        }
        out.push_str(g);
        prev = Some(g);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// `unicode-width`'s string width of `a` followed by `b`.
fn joint_width(a: &str, b: &str) -> usize {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    s.width()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::truncate::width;

    #[test]
    fn lam_alef_gets_a_non_joiner() {
        assert_eq!(
            "لا".width(),
            1,
            "the unicode-width rule this module works around"
        );
        assert_eq!(for_table("لا"), "ل\u{200c}ا");
        assert_eq!(for_table("لا").width(), 2);
        for pair in ["لأ", "لإ", "لآ"] {
            assert_eq!(for_table(pair).width(), 2, "{pair}");
        }
        assert_eq!(for_table("الأمن"), "ال\u{200c}أمن");
    }

    #[test]
    fn text_without_the_rule_is_borrowed() {
        assert!(matches!(for_table("abc لم"), Cow::Borrowed(_)));
        assert!(matches!(for_table("المغرب"), Cow::Borrowed(_)));
        assert!(matches!(for_table(""), Cow::Borrowed(_)));
    }

    #[test]
    fn only_a_zwnj_is_added() {
        let text = "لا غرابة أن الأمن الوطني لأول مرة، لَا إله";
        let shown = for_table(text);
        assert_eq!(shown.replace(ZWNJ, ""), text);
    }

    /// The invariant tabled's layout depends on, on every line of the seed article.
    #[test]
    fn table_width_equals_the_terminal_width_on_the_seed() {
        let seed = include_str!("../../../seeds/000_918a3ce10e0930b5.txt");
        let mut pairs = 0;
        for line in seed.lines() {
            pairs += line.matches("لا").count() + line.matches("لأ").count();
            assert_eq!(for_table(line).width(), width(line), "{line}");
        }
        assert!(pairs > 0, "the seed has lam-alef pairs");
    }

    #[test]
    fn marks_and_emoji_keep_their_width() {
        for text in [
            "لَا",
            "كَتَبَ الوَلَدُ",
            "👨\u{200d}👩\u{200d}👧 لا",
            "漢字 لا",
            "e\u{301}لا",
        ] {
            assert_eq!(for_table(text).width(), width(text), "{text:?}");
        }
    }
}
