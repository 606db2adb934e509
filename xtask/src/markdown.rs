//! Making imported text safe to place in Markdown (table cells, headings, list items).
//!
//! Article text comes from outside and may hold anything: a `|` that would split a table cell,
//! a newline that would end a table row, bidi overrides (U+202E …) that reorder what a reader
//! sees, or C0/C1 control characters that a terminal interprets. [`inline`] turns any string into
//! one line of inert Markdown text.

/// True for the characters stripped from imported text: C0 controls (U+0000–U+001F, except the
/// line breaks and tab handled by [`inline`]), DEL, C1 controls (U+0080–U+009F), the bidi
/// embeddings and overrides (U+202A–U+202E) and the bidi isolates (U+2066–U+2069).
pub fn is_stripped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True for characters that end a line somewhere (CommonMark, Unicode): they become a space.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `text` as one line of Markdown that renders verbatim (minus stripped characters) and cannot
/// break the structure around it:
/// - line breaks and tabs become one space each; runs of spaces are kept, ends trimmed;
/// - control and bidi-override characters ([`is_stripped`]) are removed;
/// - `\` `|` `<` `>` `&` are backslash-escaped, so the text can neither end a table cell
///   (GFM splits cells on unescaped `|`, and `\\|` is an escaped backslash before a real pipe)
///   nor open an HTML tag or character reference (`&#x202E;` would bring a bidi override back).
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_line_break(c) {
            out.push(' ');
        } else if is_stripped(c) {
            continue;
        } else {
            if matches!(c, '\\' | '|' | '<' | '>' | '&') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Like [`inline`], with `fallback` for a missing or blank value.
pub fn inline_or(text: Option<&str>, fallback: &str) -> String {
    match text.map(inline) {
        Some(s) if !s.is_empty() => s,
        _ => fallback.to_string(),
    }
}

/// Number of `|` in `line` that GFM treats as cell delimiters: those not preceded by an odd run
/// of backslashes.
#[cfg(test)]
pub fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut backslashes = 0;
    for c in line.chars() {
        match c {
            '\\' => backslashes += 1,
            '|' if backslashes % 2 == 0 => {
                count += 1;
                backslashes = 0;
            }
            _ => backslashes = 0,
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        assert_eq!(inline(input), expect, "input {input:?}");
    }

    #[test]
    fn escapes_and_strips() {
        check("plain", "plain");
        check("a|b", r"a\|b");
        check(r"a\|b", r"a\\\|b");
        check("one\ntwo\r\nthree", "one two  three");
        check("x\u{202E}y\u{2066}z\u{2069}", "xyz");
        check("bell\u{7}\u{0}\u{9B}end", "bellend");
        check("<script>&#x202E;", r"\<script\>\&#x202E;");
        check("  \u{202D} padded \n", "padded");
        check("الرباط | ٢٠٢٥", r"الرباط \| ٢٠٢٥");
    }

    #[test]
    fn fallback_for_missing_or_blank() {
        assert_eq!(inline_or(None, "—"), "—");
        assert_eq!(inline_or(Some(" \u{202E}\n"), "—"), "—");
        assert_eq!(inline_or(Some("سناء"), "—"), "سناء");
    }

    #[test]
    fn counts_only_unescaped_pipes() {
        assert_eq!(unescaped_pipes(r"| a \| b | c \\| d |"), 4);
        assert_eq!(unescaped_pipes(r"\\\|"), 0);
        for s in ["a|b", r"a\|b", r"\\|", "|||", "\u{202E}|\n|"] {
            assert_eq!(unescaped_pipes(&inline(s)), 0, "{s:?}");
        }
    }
}
