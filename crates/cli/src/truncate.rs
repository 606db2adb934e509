//! Truncating text for table cells by display width, on grapheme-cluster boundaries.
//!
//! Widths are terminal columns as `unicode-width` counts them (the same measure `tabled` uses to
//! lay out columns): most Arabic letters are 1, combining marks (tashkeel) 0, CJK and emoji 2,
//! and a lam-alef pair counts 1 as a whole. A cut never falls inside an extended grapheme
//! cluster (`unicode-segmentation`), so a letter never loses its marks and an emoji sequence
//! is never broken.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The mark appended to truncated text (1 column wide).
pub const ELLIPSIS: &str = "…";

/// Display width of `text` in terminal columns.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` unchanged when it fits in `max` columns; otherwise its longest prefix of whole
/// grapheme clusters that fits in `max - 1` columns, followed by [`ELLIPSIS`]. Trailing
/// whitespace before the ellipsis is dropped. `max == 0` gives an empty string.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1;
    let mut end = 0;
    for (i, g) in text.grapheme_indices(true) {
        let next = i + g.len();
        // Width of the whole prefix, not a sum of cluster widths: ligature-aware.
        if width(&text[..next]) > budget {
            break;
        }
        end = next;
    }
    let mut out = text[..end].trim_end().to_owned();
    out.push_str(ELLIPSIS);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, max: usize, expect: &str) {
        let got = truncate(input, max);
        assert_eq!(got, expect, "truncate({input:?}, {max})");
        assert!(width(&got) <= max, "{got:?} is wider than {max}");
    }

    #[test]
    fn short_text_is_unchanged() {
        check("", 5, "");
        check("abc", 3, "abc");
        check("الرباط", 6, "الرباط");
    }

    #[test]
    fn long_text_gets_an_ellipsis() {
        check("abcdef", 4, "abc…");
        check("abcdef", 1, "…");
        check("abcdef", 0, "");
        check("قطع المغرب أشواطا", 9, "قطع المغ…");
        check("قطع المغرب أشواطا", 11, "قطع المغرب…");
        // the space before the cut is not kept before the ellipsis
        check("قطع المغرب أشواطا", 5, "قطع…");
    }

    #[test]
    fn never_splits_a_grapheme_cluster() {
        // `e` + combining acute: one cluster, width 1.
        check("e\u{301}e\u{301}e\u{301}", 3, "e\u{301}e\u{301}e\u{301}");
        check("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…");
        // Arabic letters with tashkeel: the marks (width 0) stay with their letter.
        let vowelled = "كَتَبَ الوَلَدُ";
        let got = truncate(vowelled, 3);
        assert_eq!(got, "كَتَ…");
        // Emoji ZWJ sequence (width 2): kept whole or dropped whole.
        let family = "👨\u{200d}👩\u{200d}👧xy";
        assert_eq!(width(family), 4);
        check(family, 2, "…");
        check(family, 3, "👨\u{200d}👩\u{200d}👧…");
        for max in 0..20 {
            let got = truncate(vowelled, max);
            let kept = got.trim_end_matches(ELLIPSIS);
            assert!(vowelled.starts_with(kept));
            let boundaries: Vec<usize> = vowelled
                .grapheme_indices(true)
                .map(|(i, _)| i)
                .chain([vowelled.len()])
                .collect();
            assert!(
                boundaries.contains(&kept.len()),
                "cut inside a cluster at {max}"
            );
        }
    }

    #[test]
    fn width_is_counted_with_unicode_width() {
        // CJK is 2 columns per character.
        check("漢字漢字", 5, "漢字…");
        check("漢字漢字", 4, "漢…");
        assert_eq!(width("漢字"), 4);
        assert_eq!(width("e\u{301}"), 1);
    }
}
