//! Truncating text for table cells by display width, on grapheme-cluster boundaries.
//!
//! [`width`] is the one measure of terminal columns in the CLI: truncation uses it, and table
//! layout (tabled, fed through [`crate::display::for_table`]) agrees with it. It is the sum of the widths of the
//! text's extended grapheme clusters (`unicode-segmentation`), each measured by `unicode-width`:
//! most Arabic letters are 1, combining marks (tashkeel) 0, CJK 2, an emoji sequence 2.
//! Summing per cluster keeps each Arabic letter its own column: `unicode-width`'s string width
//! counts a lam-alef pair (`لا`, `لأ`) as 1 column in total, but terminals draw the two letters
//! in two cells, so tables measured that way lose a column per pair and misalign.
//! A cut never falls inside an extended grapheme cluster, so a letter never loses its marks and
//! an emoji sequence is never broken.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The mark appended to truncated text (1 column wide).
pub const ELLIPSIS: &str = "…";

/// Display width of `text` in terminal columns: the sum of its grapheme clusters' widths (see
/// the module docs; `لا` is 2 columns, not 1).
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(cluster_width).sum()
}

/// Width of one extended grapheme cluster.
fn cluster_width(cluster: &str) -> usize {
    cluster.width()
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
    let (mut end, mut used) = (0, 0);
    for (i, g) in text.grapheme_indices(true) {
        used += cluster_width(g);
        if used > budget {
            break;
        }
        end = i + g.len();
    }
    let mut out = text[..end].trim_end().to_owned();
    out.push_str(ELLIPSIS);
    Cow::Owned(out)
}

/// Like [`truncate`], but when the part `keep` (a byte range on grapheme boundaries, e.g. a
/// search match) would be cut off the end, text is dropped from the start instead, marked with
/// a leading [`ELLIPSIS`], so that `keep` stays visible with as much context before it as fits.
/// When `keep` alone is wider than the space, it is cut like any text.
pub fn truncate_around(text: &str, max: usize, keep: std::ops::Range<usize>) -> Cow<'_, str> {
    let fits = |s: &str| width(s) < max; // one column stays for the trailing ellipsis
    if width(text) <= max
        || max < 3
        || keep.end > text.len()
        || !text.is_char_boundary(keep.start)
        || !text.is_char_boundary(keep.end)
        || fits(&text[..keep.end])
    {
        return truncate(text, max);
    }
    // The latest start at or before `keep.start` that leaves "…" + text[start..keep.end] + "…"
    // within `max`; the match itself when even that is too wide.
    let mut start = keep.start;
    for (i, _) in text[..keep.start].grapheme_indices(true).rev() {
        if width(&text[i..keep.end]) + 2 > max {
            break;
        }
        start = i;
    }
    let rest = truncate(text[start..].trim_start(), max - 1);
    Cow::Owned(format!("{ELLIPSIS}{rest}"))
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

    #[test]
    fn truncate_around_keeps_the_match_visible() {
        let text = "فبالنظر إلى أن [الأمن] القومي يمثل أولى الأولويات";
        let keep = text.find('[').unwrap()..text.find(']').unwrap() + 1;
        // Room for the start and the match: a plain cut at the end.
        assert_eq!(truncate_around(text, 24, keep.clone()), truncate(text, 24));
        // Too narrow for both: the start goes, the match stays.
        for max in 9..20 {
            let got = truncate_around(text, max, keep.clone());
            assert!(width(&got) <= max, "{got:?} wider than {max}");
            assert!(got.contains("[الأمن]"), "{max}: {got:?}");
            assert!(got.starts_with(ELLIPSIS), "{max}: {got:?}");
        }
        // Narrower than the match: cut like any text, never wider than max.
        let got = truncate_around(text, 5, keep);
        assert!(width(&got) <= 5, "{got:?}");
    }

    #[test]
    fn lam_alef_is_two_columns() {
        // unicode-width's string width applies the lam-alef ligature rule (1 column for the
        // pair); terminals draw each letter in its own cell.
        assert_eq!("لا".width(), 1, "the rule this module works around");
        assert_eq!(width("لا"), 2);
        assert_eq!(width("الأمن"), 5);
        assert_eq!(width("لَا"), 2, "a mark between lam and alef");
        let per_char: usize = "لا غرابة".chars().map(|c| c.to_string().width()).sum();
        assert_eq!(width("لا غرابة"), per_char);
        check("لا لا لا", 5, "لا ل…");
        check("لالالا", 6, "لالالا");
        check("لالالا", 5, "لالا…");
    }
}
