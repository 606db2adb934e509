//! How deeply an HTML page nests its elements, measured on the raw markup before it is parsed.
//!
//! Why: the HTML5 tree builder looks through its stack of open elements for each start tag
//! ("has a `p` element in button scope"), so `<div>` × 40 000 costs time quadratic in the
//! nesting, and no real article nests more than a few dozen levels. A linear scan of the tags
//! lets [`crate::formats::from_html`] refuse such a page with a clear error before parsing it.
//!
//! The scan is an estimate that never under-counts real nesting much and never over-counts on
//! ordinary pages: void elements (`<br>`, `<img>`…), self-closing tags (`<x/>`) and the
//! elements whose end tag is optional (`<p>`, `<li>`, `<td>`…, closed implicitly by the
//! parser) do not count; comments, `<!…>`/`<?…>` declarations and the content of raw-text
//! elements (`<script>`, `<style>`, `<textarea>`, `<title>`) are skipped; an end tag closes one
//! level (never below zero).

/// Elements that never have content (WHATWG "void elements").
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame",
];

/// Elements whose end tag may be omitted (closed by the parser when a sibling starts).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc",
    "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// The first byte offset at which the nesting of `html` exceeds `limit` levels, or `None` when
/// it never does. Linear in `html.len()`.
pub fn first_past(html: &str, limit: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let start = i + off;
        i = start + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |p| p + 3);
            continue;
        }
        if rest.starts_with(b"!") || rest.starts_with(b"?") {
            i = find(bytes, i, b">").map_or(bytes.len(), |p| p + 1);
            continue;
        }
        let closing = rest.starts_with(b"/");
        let name_start = i + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue; // a `<` in text, not a tag
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let (end, self_closing) = tag_end(bytes, name_start + name_len);
        i = end;
        let counted = !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str());
        if closing {
            if counted {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            // Skip to `</name`; the end tag itself is then not counted either.
            let close = format!("</{name}");
            i = find_ascii_ci(bytes, i, close.as_bytes()).map_or(bytes.len(), |p| {
                find(bytes, p, b">").map_or(bytes.len(), |q| q + 1)
            });
            continue;
        }
        if counted && !self_closing {
            depth += 1;
            if depth > limit {
                return Some(start);
            }
        }
    }
    None
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ascii_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// The offset just past the `>` that ends a tag whose attributes start at `from` (quoted
/// attribute values may hold `>`), and whether the tag ends with `/>`.
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut quote = None;
    let mut prev = 0u8;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return (k + 1, prev == b'/'),
            None => {}
        }
        prev = b;
    }
    (bytes.len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_stay_shallow() {
        let page = r#"<!DOCTYPE html><html><head><title>a <b> c</title>
            <script>if (a < b && c > "<div>") {}</script><!-- <div><div> --></head>
            <body><div class="x>y"><p>one<p>two<br><img src=a/><ul><li>a<li>b</ul>
            <table><tr><td>1<td>2</table></div></body></html>"#;
        assert_eq!(first_past(page, 2), None);
        assert_eq!(
            first_past("<div><div><div>x</div></div></div>", 2),
            Some(10)
        );
        assert_eq!(first_past("<div><div></div><div></div></div>", 2), None);
        // `a < b` in text is not a tag
        assert_eq!(first_past("a < b <3 <", 0), None);
    }

    #[test]
    fn the_issue_shapes_are_caught_linearly() {
        let b = "<b>".repeat(60_000) + "نص";
        assert_eq!(first_past(&b, 1000), Some(1000 * 3));
        let div = "<DIV>".repeat(40_000);
        assert_eq!(first_past(&div, 1000), Some(1000 * 5));
        // unclosed paragraphs and list items are siblings, not nesting
        let p = "<p>فقرة".repeat(50_000);
        assert_eq!(first_past(&p, 1000), None);
    }
}
