//! Output safety: what imported text may look like when it reaches a terminal, a CSV file,
//! JSON, Markdown or HTML. This is the one policy of the workspace; the CLI re-exports it.
//!
//! Imported articles are untrusted input. Before any of their text is written to stdout or
//! stderr, characters that can change what a terminal or spreadsheet shows are made visible:
//!
//! - **C0 and C1 control characters and DEL** (`char::is_control`: U+0000–U+001F, U+007F,
//!   U+0080–U+009F): an ESC can start an ANSI/OSC sequence that recolours, retitles or hides
//!   output (CWE-150).
//! - **Bidi controls** (the Unicode `Bidi_Control` set): embeddings and overrides
//!   U+202A–U+202E, isolates U+2066–U+2069, and the marks U+200E (LRM), U+200F (RLM), U+061C
//!   (ALM). They reorder what is displayed without changing what is stored ("Trojan Source",
//!   CVE-2021-42574), so a claim could be shown saying something other than its text.
//! - **Other invisible separators and marks** that break lines or hide text: U+2028, U+2029
//!   (line/paragraph separators) and U+FEFF (BOM / zero-width no-break space).
//!
//! Policy (chosen over dropping them, so that a fact-checker sees that the source holds them and
//! the displayed text still maps one-to-one onto the stored text): each such character is
//! replaced by a visible escape `\u{hex}` in lower-case hex, e.g. `\u{202e}`, `\u{1b}`.
//! `\n` and `\t` are kept only where a context allows several lines ([`Context::Multiline`]:
//! the full text in `show`); table cells, CSV cells and one-line messages escape them too.
//! ZWJ/ZWNJ (U+200D/U+200C) are kept: they are legitimate in Arabic and Persian text.
//!
//! JSON output keeps the data exact (a script must get `text == article.text[span]` back), but
//! the raw characters never reach stdout either: serde_json already writes C0 controls as JSON
//! escapes, and [`json_escape_unsafe`] rewrites every other character listed above as a JSON
//! `\uXXXX` escape, which parses back to the very same string.
//!
//! CSV cells additionally get the OWASP CSV-injection guard ([`csv_cell`]), applied to the first
//! character that is not white space or zero-width (spreadsheets trim those before parsing).
//!
//! The Markdown and HTML reports say the same as the terminal and CSV (issue #12): [`visible`]
//! turns line breaks into spaces and shows every other unsafe character as the same `\u{hex}`
//! escape, so a fact-checker reading a report sees that the source text held them.
//! [`inline`] adds the Markdown escapes on top of it.
//!
//! ClaimReview text is data for search engines, not for a reader checking the source, so there
//! the policy is to **remove**: [`clean`] drops C0/C1 controls, DEL, the bidi
//! embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069, and U+FEFF, turns line breaks
//! into spaces, and keeps LRM/RLM/ALM, which Arabic text legitimately uses.

use std::borrow::Cow;

/// Where a piece of text is going to be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// One line: table cells, CSV cells, messages. Every control character is escaped.
    Line,
    /// A block that may span several lines: `\n` and `\t` are kept.
    Multiline,
}

/// True for the characters this module never lets through raw (see the module docs), not
/// counting `\n`/`\t`, which depend on the [`Context`].
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || is_tag(c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// The Unicode Tags block U+E0000–U+E007F: invisible copies of ASCII (used to smuggle hidden
/// text, "ASCII smuggling"); shown as escapes like the controls.
pub fn is_tag(c: char) -> bool {
    matches!(c, '\u{e0000}'..='\u{e007f}')
}

/// The Unicode `Bidi_Control` characters: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character replaced by a visible `\u{hex}` escape (borrowed when
/// nothing needed escaping).
pub fn sanitize(text: &str, ctx: Context) -> Cow<'_, str> {
    let escape = |c: char| match c {
        '\n' | '\t' => ctx == Context::Line,
        c => is_unsafe(c),
    };
    if !text.chars().any(escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`sanitize`] for one line (table cells, messages).
pub fn line(text: &str) -> Cow<'_, str> {
    sanitize(text, Context::Line)
}

/// A CSV cell: [`line`]-sanitised, then prefixed with `'` when its first character that is not
/// white space (any Unicode `White_Space`: no-break, thin, ideographic U+3000…) or zero-width
/// (U+200B, U+200C, U+200D, U+2060, U+180E) is one a spreadsheet would read as the start of a
/// formula (OWASP "CSV Injection": `=` `+` `-` `@`, tab, carriage return; the full-width forms
/// `＝` `＋` `－` `＠` too, since some spreadsheets fold them). Spreadsheets trim leading white
/// space before they parse, so ` =HYPERLINK(…)` is as live as `=HYPERLINK(…)`.
pub fn csv_cell(text: &str) -> String {
    let clean = line(text);
    let first = clean
        .chars()
        .find(|&c| !(c.is_whitespace() || is_zero_width(c)));
    match first {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => {
            format!("'{clean}")
        }
        _ => clean.into_owned(),
    }
}

/// Characters that are not white space for Unicode but are invisible (or blank) and skipped
/// like it before a formula: U+200B ZERO WIDTH SPACE, U+200C ZWNJ, U+200D ZWJ, U+2060 WORD
/// JOINER, U+180E MONGOLIAN VOWEL SEPARATOR, U+00AD SOFT HYPHEN, U+034F COMBINING GRAPHEME
/// JOINER, the variation selectors U+FE00–U+FE0F and U+180B–U+180D, the Hangul fillers U+115F,
/// U+1160, U+3164, U+FFA0, U+2800 BRAILLE PATTERN BLANK and the Tags block (Unicode
/// `Default_Ignorable_Code_Point`, plus the blank-looking fillers).
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2064}'
            | '\u{180b}'..='\u{180e}'
            | '\u{00ad}'
            | '\u{034f}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{ffa0}'
            | '\u{2800}'
    ) || is_tag(c)
}

/// Rewrites JSON text produced by serde_json so that no unsafe character appears raw: each is
/// replaced by its JSON escape `\uXXXX` (UTF-16 code units: a character above U+FFFF, such as
/// the Tags, is a surrogate pair). Valid because outside strings JSON is ASCII, and serde_json already
/// escapes `"`, `\` and C0 controls inside them; the parsed value is unchanged.
pub fn json_escape_unsafe(json: String) -> String {
    if !json.chars().any(is_unsafe) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Raw `\n` between tokens of pretty-printed JSON is layout, not string content:
        // serde_json never leaves a raw control character inside a string.
        if is_unsafe(c) && c != '\n' {
            // JSON escapes are UTF-16 code units: a character above U+FFFF (the Tags) is a pair.
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// True for the characters [`clean`] removes: C0/C1 controls and DEL (line breaks and tab are
/// turned into spaces first), the bidi embeddings and overrides U+202A–U+202E, the bidi
/// isolates U+2066–U+2069 and U+FEFF. LRM, RLM and ALM are kept.
pub fn is_stripped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// True for characters that end a line somewhere (CommonMark, Unicode): [`clean`] makes them
/// a space.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `text` as one line for a published document (report, ClaimReview): line breaks and tabs
/// become one space each, [`is_stripped`] characters are removed, the ends are trimmed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_line_break(c) {
            out.push(' ');
        } else if !is_stripped(c) {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// `text` as one line for a report (Markdown, HTML): line breaks and tabs become one space each,
/// every other unsafe character ([`is_unsafe`]: controls, bidi controls including LRM/RLM/ALM,
/// U+FEFF) is shown as the `\u{hex}` escape the terminal and CSV show, the ends are trimmed.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_line_break(c) {
            out.push(' ');
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// `text` as one line of Markdown that renders verbatim and cannot break the structure around
/// it: [`visible`], then backslash-escaped: `\` `|` `<` `>` `&` (so the text can neither end a
/// table cell — GFM splits cells on unescaped `|` — nor open an HTML tag, autolink or character
/// reference such as `&#x202E;`), and the inline syntax `[` `]` `!` `` ` `` `*` `_` `~` (so it
/// can make no link, image, code span, emphasis or strike-through: `[t](javascript:alert(1))`
/// stays text). `#` is escaped too, for the places where text opens a line.
pub fn inline(text: &str) -> String {
    let shown = visible(text);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        if matches!(
            c,
            '\\' | '|' | '<' | '>' | '&' | '[' | ']' | '!' | '`' | '*' | '_' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Like [`inline`], with `fallback` for a missing or blank value.
pub fn inline_or(text: Option<&str>, fallback: &str) -> String {
    match text.map(inline) {
        Some(s) if !s.is_empty() => s,
        _ => fallback.to_string(),
    }
}

/// Number of `|` in `line` that GFM treats as cell delimiters: those not preceded by an odd run
/// of backslashes (for tests of Markdown tables).
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

    fn check(input: &str, ctx: Context, expect: &str) {
        assert_eq!(sanitize(input, ctx), expect, "input {input:?}");
    }

    #[test]
    fn escapes_controls_and_bidi() {
        check("abc", Context::Line, "abc");
        check("الرباط", Context::Line, "الرباط");
        check("a\u{1b}[31mred", Context::Line, "a\\u{1b}[31mred");
        check("x\u{202e}cba", Context::Line, "x\\u{202e}cba");
        check("\u{2066}\u{2069}", Context::Line, "\\u{2066}\\u{2069}");
        check(
            "\u{200e}\u{200f}\u{61c}",
            Context::Line,
            "\\u{200e}\\u{200f}\\u{61c}",
        );
        check("c1\u{85}\u{9b}", Context::Line, "c1\\u{85}\\u{9b}");
        check("del\u{7f}", Context::Line, "del\\u{7f}");
        check("\u{feff}bom", Context::Line, "\\u{feff}bom");
        // the Tags block (invisible ASCII, "ASCII smuggling")
        check(
            "a\u{e0041}\u{e007f}b",
            Context::Line,
            "a\\u{e0041}\\u{e007f}b",
        );
        check(
            "zw\u{200c}nj\u{200d}",
            Context::Line,
            "zw\u{200c}nj\u{200d}",
        );
    }

    #[test]
    fn newline_and_tab_depend_on_context() {
        check("a\nb\tc\r", Context::Line, "a\\u{a}b\\u{9}c\\u{d}");
        check("a\nb\tc\r", Context::Multiline, "a\nb\tc\\u{d}");
    }

    #[test]
    fn csv_cells_get_the_injection_guard() {
        for (input, expect) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("＝1+1", "'＝1+1"),
            ("plain = text", "plain = text"),
            ("قال الوزير", "قال الوزير"),
            // escaped before the check: a leading tab/CR is no longer raw
            ("\tx", "\\u{9}x"),
            ("\u{202e}=1", "\\u{202e}=1"),
            // issue #12 item 11 and #14: white space or zero-width before the formula
            (
                " =HYPERLINK(\"http://example.org\",\"اضغط\")",
                "' =HYPERLINK(\"http://example.org\",\"اضغط\")",
            ),
            ("\u{3000}=1+1", "'\u{3000}=1+1"),
            ("\u{200b}=1+1", "'\u{200b}=1+1"),
            ("\u{a0}\u{2009}\u{202f}@x", "'\u{a0}\u{2009}\u{202f}@x"),
            ("\u{2060}\u{200d} -2", "'\u{2060}\u{200d} -2"),
            ("   ＋1", "'   ＋1"),
            // other invisible or blank characters a spreadsheet may skip
            ("\u{ad}=1", "'\u{ad}=1"),
            ("\u{34f}=1", "'\u{34f}=1"),
            ("\u{3164}=1", "'\u{3164}=1"),
            ("\u{115f}+1", "'\u{115f}+1"),
            ("\u{2800}@x", "'\u{2800}@x"),
            ("\u{fe0f}-1", "'\u{fe0f}-1"),
            ("  a=1", "  a=1"),
            ("   ", "   "),
            // escaped line breaks start with `\`: no formula
            ("\n=1", "\\u{a}=1"),
        ] {
            assert_eq!(csv_cell(input), expect, "input {input:?}");
        }
    }

    #[test]
    fn json_keeps_the_value_and_hides_the_raw_characters() {
        let value = serde_json::json!({"text": "a\u{202e}b\u{1b}c\u{85}d\n\u{2067}\u{e0041}"});
        let raw = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_escape_unsafe(raw);
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe}");
        assert!(safe.contains("\\u202e"), "{safe}");
        assert!(safe.contains("\\udb40\\udc41"), "a surrogate pair: {safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn markdown_inline_escapes_and_marks() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("a|b", r"a\|b"),
            (r"a\|b", r"a\\\|b"),
            ("one\ntwo\r\nthree", "one two  three"),
            // issue #12 item 12: removed characters leave a visible mark, as in the terminal
            (
                "x\u{202E}y\u{2066}z\u{2069}",
                r"x\\u{202e}y\\u{2066}z\\u{2069}",
            ),
            ("bell\u{7}\u{0}\u{9B}end", r"bell\\u{7}\\u{0}\\u{9b}end"),
            ("<script>&#x202E;", r"\<script\>\&\#x202E;"),
            ("  \u{202D} padded \n", r"\\u{202d} padded"),
            ("الرباط | ٢٠٢٥", r"الرباط \| ٢٠٢٥"),
            ("rlm\u{200f} marked", r"rlm\\u{200f} marked"),
            // issue #14 item 12: no link, image, code, emphasis or autolink from input text
            ("[t](javascript:alert(1))", r"\[t\](javascript:alert(1))"),
            ("![x](http://e.org/p.png)", r"\!\[x\](http://e.org/p.png)"),
            (
                "`code` *em* _em_ ~~del~~",
                r"\`code\` \*em\* \_em\_ \~\~del\~\~",
            ),
            ("<javascript:alert(1)>", r"\<javascript:alert(1)\>"),
            ("# عنوان", r"\# عنوان"),
            ("[ref]: javascript:x", r"\[ref\]: javascript:x"),
        ];
        for (input, expect) in cases {
            assert_eq!(inline(input), *expect, "input {input:?}");
        }
    }

    #[test]
    fn visible_shows_what_clean_removes() {
        assert_eq!(visible(" a\u{202e}b\nc\u{1b} "), r"a\u{202e}b c\u{1b}");
        assert_eq!(clean(" a\u{202e}b\nc\u{1b} "), "ab c");
        assert_eq!(visible("zw\u{200c}nj"), "zw\u{200c}nj");
    }

    #[test]
    fn inline_fallback_for_missing_or_blank() {
        assert_eq!(inline_or(None, "—"), "—");
        assert_eq!(inline_or(Some(" \t\n"), "—"), "—");
        assert_eq!(inline_or(Some(" \u{202E}\n"), "—"), r"\\u{202e}");
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
