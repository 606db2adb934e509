//! Input formats: plain text and Markdown (kept as they are), HTML (the main text extracted with
//! the `scraper` HTML5 parser), and JSON / JSON Lines records `{title, url, published, author,
//! content}` (the shape of the shared corpora; `date_extracted` stands in for `published`).
//!
//! Pure functions over the input's content: the caller reads files. Spans of the imported article
//! index [`Document::text`], the text as stored, not the raw HTML or JSON.

use chrono::NaiveDate;
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

/// An input format, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt` and anything unknown: UTF-8 text.
    Text,
    /// `.md`: kept as text (headings `# …` become sub-headings by the structure rules).
    Markdown,
    /// `.html`, `.htm`.
    Html,
    /// `.json`: one record or an array of records.
    Json,
    /// `.jsonl`, `.ndjson`: one record per line.
    JsonLines,
}

impl Format {
    /// The format for a file name (by its extension, case-insensitive); `Text` when unknown.
    pub fn from_name(name: &str) -> Format {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => Format::Text,
        }
    }
}

/// One article read from an input, with the metadata the input carried.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The article text to store and segment.
    pub text: String,
    /// Title (`<title>`/`<h1>`, or the record's `title`).
    pub title: Option<String>,
    /// Source URL (canonical link, or the record's `url`): always an absolute http(s) URL
    /// ([`check_http_url`]); a page's relative or non-http(s) link is left out.
    pub url: Option<String>,
    /// Publication date (`article:published_time`, `<time datetime>`, the record's `published`
    /// or `date_extracted`), the calendar date part only.
    pub published: Option<NaiveDate>,
    /// Author (`<meta name="author">` or the record's `author`).
    pub author: Option<String>,
    /// Where in the input it came from: empty for a whole file, `record 3` / `line 3` for records.
    pub origin: String,
}

/// Why an input could not be read as its format. `location` names the record or line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct FormatError {
    /// `line 4`, `record 2`, or `document`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

/// Reads the documents in `content` (the whole input, UTF-8) according to `format`: one result
/// per article, so that a bad record does not hide the good ones.
///
/// # Errors
/// The outer [`FormatError`] when a `.json` file does not parse at all, or when an HTML page is
/// nested deeper than [`MAX_HTML_DEPTH`]; an inner one per JSON record without a string
/// `content`, with a metadata field of the wrong type or value (`"title": 1`, `"published":
/// "2024-99-99"`, a non-http(s) `"url"`), or per JSON Lines line that does not parse, naming
/// the record (`record 2`) or line (`line 4`) and the field. Empty lines of JSON Lines are
/// skipped.
pub fn read_documents(
    format: Format,
    content: &str,
) -> Result<Vec<Result<Document, FormatError>>, FormatError> {
    Ok(match format {
        Format::Text | Format::Markdown => vec![Ok(Document {
            text: content.to_string(),
            ..Default::default()
        })],
        Format::Html => vec![Ok(from_html(content)?)],
        Format::Json => {
            let v: Value = serde_json::from_str(content).map_err(|e| FormatError {
                location: format!("line {}", e.line()),
                message: format!("not valid JSON: {e}"),
            })?;
            match v {
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, r)| from_record(r, format!("record {}", i + 1)))
                    .collect(),
                other => vec![from_record(&other, "record 1".into())],
            }
        }
        Format::JsonLines => content
            .lines()
            .enumerate()
            .filter_map(|(i, l)| read_json_line(l, i + 1))
            .collect(),
    })
}

/// Reads one line of JSON Lines (line number `line_no`, counted from 1, without its line end):
/// `None` for a blank line, else the record's document or its error, exactly as
/// [`read_documents`] reads each line of a `.jsonl` input. This is the streaming reader's unit:
/// `claimtrack import` reads a JSON Lines file line by line, never whole.
///
/// # Errors
/// A [`FormatError`] at `line N` when the line is not valid JSON or the record is not an
/// article record (see [`read_documents`]).
pub fn read_json_line(line: &str, line_no: usize) -> Option<Result<Document, FormatError>> {
    if line.trim().is_empty() {
        return None;
    }
    let location = format!("line {line_no}");
    Some(
        serde_json::from_str::<Value>(line)
            .map_err(|e| FormatError {
                location: location.clone(),
                message: format!("not valid JSON: {e}"),
            })
            .and_then(|v| from_record(&v, location)),
    )
}

/// A record's or page's date: `YYYY-MM-DD`, alone or followed by a time (`T10:00:00Z`,
/// ` 02:21:49`, RFC 3339 or a local time); the calendar date part is kept. `None` for anything
/// else (`2024-99-99`, `21/07/2015`, `2015-07-21junk`, `2024-03-01T25:00:00`,
/// `2024-03-01T10:00:00+99:00`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(date);
    }
    // A time must be a real one (`T25:00` is not), with a real offset (`+99:00` is not): RFC 3339,
    // or a local time without offset, with or without seconds.
    let t = s.replacen(['t', ' '], "T", 1);
    let valid = chrono::DateTime::parse_from_rfc3339(&t).is_ok()
        || ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
            .iter()
            .any(|f| chrono::NaiveDateTime::parse_from_str(&t, f).is_ok());
    valid.then_some(date)
}

/// Checks that `s` is an absolute `http`/`https` URL with a host (parsed by the `url` crate) —
/// the only URLs claimtrack stores or renders as links, so that `javascript:` or `file:` URLs
/// never reach a report or export.
///
/// # Errors
/// `'S' is not an http(s) URL (scheme X)` or `'S' is not a valid URL: …`.
pub fn check_http_url(s: &str) -> Result<(), String> {
    // The URL parser drops tabs and newlines before judging (WHATWG URL), but the string as given
    // is what is stored and exported: refuse them, and any other white space or control or
    // bidi character, rather than store `https://x/a\nstatus: published`.
    if let Some((at, c)) = s
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || c.is_control() || crate::text::is_format(*c))
    {
        return Err(format!(
            "{:?} is not a valid URL: it holds {} at byte {at}",
            s,
            c.escape_unicode()
        ));
    }
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        Ok(u) => Err(format!(
            "'{s}' is not an http(s) URL (scheme {})",
            u.scheme()
        )),
        Err(e) => Err(format!("'{s}' is not a valid URL: {e}")),
    }
}

/// A URL found in an input (a record's `url`, a page's canonical link), as claimtrack stores it:
/// invisible format characters inside it (U+200F right-to-left mark, U+202B embedding, U+FEFF,
/// zero-width joiners…, Unicode category Cf), which editors type into Arabic slugs and scraped
/// feeds carry (9 of the 4,574 SaudiNewsNet records), are percent-encoded as UTF-8 (`%E2%80%8F`),
/// as a browser does when it requests the page, so the article is kept and the stored URL is
/// plain ASCII there (a right-to-left override can no longer disguise it). Then it must pass
/// [`check_http_url`]. A URL typed by the user (`--url`, a sidecar) is not rewritten: it is
/// refused with the character named, so the user fixes it.
///
/// # Errors
/// Those of [`check_http_url`]: white space, control characters, a non-http(s) scheme.
pub fn input_url(s: &str) -> Result<String, String> {
    let s = if s.chars().any(crate::text::is_format) {
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            if crate::text::is_format(c) {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            } else {
                out.push(c);
            }
        }
        out
    } else {
        s.to_owned()
    };
    check_http_url(&s)?;
    Ok(s)
}

/// The metadata fields of a record, checked as the command-line flags are: a string for
/// `title`, `author`; an http(s) URL for `url`; a `YYYY-MM-DD` date (optionally with a time)
/// for `published`/`date_extracted`. `null`, a missing key and a blank string are "not given".
fn from_record(v: &Value, location: String) -> Result<Document, FormatError> {
    let error = |message: String| FormatError {
        location: location.clone(),
        message,
    };
    let field = |k: &str| -> Result<Option<String>, FormatError> {
        match v.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
            Some(other) => Err(error(format!(
                "field \"{k}\" must be a string, not {}",
                json_kind(other)
            ))),
        }
    };
    let Some(text) = v.get("content").and_then(Value::as_str) else {
        return Err(error("a record needs a string field \"content\"".into()));
    };
    let url = field("url")?
        .map(|u| input_url(&u).map_err(|m| error(format!("field \"url\": {m}"))))
        .transpose()?;
    let date = |k: &str| -> Result<Option<NaiveDate>, FormatError> {
        field(k)?
            .map(|d| {
                parse_date(&d).ok_or_else(|| {
                    error(format!(
                        "field \"{k}\": '{d}' is not a YYYY-MM-DD date (optionally followed by a time)"
                    ))
                })
            })
            .transpose()
    };
    let published = match date("published")? {
        Some(d) => Some(d),
        None => date("date_extracted")?,
    };
    Ok(Document {
        text: text.trim().to_string(),
        title: field("title")?,
        url,
        published,
        author: field("author")?,
        origin: location.clone(),
    })
}

/// `a number`, `an array`… for messages about a JSON value of the wrong type.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Elements whose text is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "svg", "figure",
];
/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "br",
    "tr",
    "section",
    "article",
    "main",
    "pre",
    "dd",
    "dt",
];

/// Appends the text of `el`'s descendants to `out`, one line per block element. Iterative (an
/// explicit stack instead of recursion), so any nesting depth the parser produced is walked in
/// constant call-stack space and linear time.
fn collect_text(el: ElementRef, out: &mut String) {
    /// A node to visit, or the end of a block element whose closing line break is due.
    enum Step<'a> {
        Visit(NodeRef<'a, Node>),
        EndBlock,
    }
    fn end_line(out: &mut String) {
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
    }
    let mut stack: Vec<Step> = el.children().rev().map(Step::Visit).collect();
    while let Some(step) = stack.pop() {
        let child = match step {
            Step::EndBlock => {
                if !out.ends_with('\n') {
                    end_line(out);
                }
                continue;
            }
            Step::Visit(child) => child,
        };
        match child.value() {
            Node::Text(t) => {
                let s: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !s.is_empty() {
                    if !out.is_empty()
                        && !out.ends_with(['\n', ' '])
                        && t.starts_with(char::is_whitespace)
                    {
                        out.push(' ');
                    }
                    out.push_str(&s);
                    if t.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    if !out.is_empty() && !out.ends_with('\n') {
                        end_line(out);
                    }
                    stack.push(Step::EndBlock);
                }
                stack.extend(child.children().rev().map(Step::Visit));
            }
            _ => {}
        }
    }
}

fn select_first<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    Selector::parse(css)
        .ok()
        .and_then(|s| doc.select(&s).next())
}

fn meta(doc: &Html, css: &str, attr: &str) -> Option<String> {
    select_first(doc, css)
        .and_then(|e| e.value().attr(attr))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The deepest element nesting an HTML page may have: 1000 levels (real articles nest a few
/// dozen). Counted on the raw markup as `html_nesting` explains.
pub const MAX_HTML_DEPTH: usize = 1000;

/// Extracts the main text of an HTML page: the first `<article>`, else `<main>`, else `<body>`,
/// one line per block element, without scripts, styles, navigation, headers, footers and asides.
///
/// # Errors
/// `document: HTML nested deeper than 1000 elements (at byte N)` for a page nested deeper than
/// [`MAX_HTML_DEPTH`]: refused before parsing, whose cost grows with the square of the nesting.
pub fn from_html(html: &str) -> Result<Document, FormatError> {
    if let Some(at) = crate::html_nesting::first_past(html, MAX_HTML_DEPTH) {
        return Err(FormatError {
            location: "document".into(),
            message: format!(
                "HTML nested deeper than {MAX_HTML_DEPTH} elements (at byte {at}); \
                 no article needs that, so the page is not read"
            ),
        });
    }
    let doc = Html::parse_document(html);
    let root = ["article", "main", "body"]
        .iter()
        .find_map(|c| select_first(&doc, c))
        .unwrap_or_else(|| doc.root_element());
    let mut text = String::new();
    collect_text(root, &mut text);
    let text = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let title = meta(&doc, "meta[property='og:title']", "content").or_else(|| {
        select_first(&doc, "title")
            .map(|t| t.text().collect::<String>().trim().to_string())
            .filter(|s| !s.is_empty())
    });
    let published = meta(&doc, "meta[property='article:published_time']", "content")
        .or_else(|| meta(&doc, "time[datetime]", "datetime"))
        .as_deref()
        .and_then(parse_date);
    // A page's own links are often relative (`/news/1`): only an absolute http(s) one is kept.
    let http = |u: String| input_url(&u).ok();
    Ok(Document {
        text,
        title,
        url: meta(&doc, "link[rel='canonical']", "href")
            .and_then(http)
            .or_else(|| meta(&doc, "meta[property='og:url']", "content").and_then(http)),
        published,
        author: meta(&doc, "meta[name='author']", "content"),
        origin: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_main_text_without_boilerplate() {
        let html = r#"<html><head><title>عنوان</title><meta name="author" content="سناء">
            <meta property="article:published_time" content="2022-06-21T10:00:00Z"></head>
            <body><nav>الرئيسية</nav><article><h1>المغرب ينظم الدورة 93</h1>
            <p>قال المسؤول إن <b>التحضيرات</b> بدأت.</p><script>alert(1)</script>
            <p>وحضر 196 وفدا.</p></article><footer>حقوق</footer></body></html>"#;
        let d = from_html(html).unwrap();
        assert_eq!(
            d.text,
            "المغرب ينظم الدورة 93\nقال المسؤول إن التحضيرات بدأت.\nوحضر 196 وفدا."
        );
        assert_eq!(d.title.as_deref(), Some("عنوان"));
        assert_eq!(d.author.as_deref(), Some("سناء"));
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2022, 6, 21));
    }

    #[test]
    fn json_and_json_lines_records() {
        let rec = r#"{"title": "t", "url": "http://x", "date_extracted": "2015-07-21 02:21:49", "author": "a", "content": " نص الخبر. "}"#;
        let d = read_documents(Format::Json, rec).unwrap();
        let d = d[0].as_ref().unwrap();
        assert_eq!(d.text, "نص الخبر.");
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2015, 7, 21));
        let lines = format!("{rec}\n\n{rec}\n");
        assert_eq!(read_documents(Format::JsonLines, &lines).unwrap().len(), 2);
        // a bad line fails alone; the good one is still read
        let docs = read_documents(Format::JsonLines, &format!("{rec}\n{{bad")).unwrap();
        assert!(docs[0].is_ok());
        assert_eq!(docs[1].as_ref().unwrap_err().location, "line 2");
        let docs = read_documents(Format::Json, r#"[{"title": "no content"}]"#).unwrap();
        assert_eq!(
            docs[0].as_ref().unwrap_err().to_string(),
            "record 1: a record needs a string field \"content\""
        );
        assert_eq!(
            read_documents(Format::Json, "{oops").unwrap_err().location,
            "line 1"
        );
        assert_eq!(Format::from_name("a/B.HTML"), Format::Html);
        assert_eq!(Format::from_name("notes"), Format::Text);
    }

    /// Issue #14 item 2: `<b>` × 60 000 overflowed the stack (exit 134) and `<div>` × 40 000
    /// was quadratic. Such pages are refused with an error; the walk itself is iterative.
    #[test]
    fn deep_html_is_an_error_not_an_abort() {
        for (open, n) in [("<b>", 60_000), ("<div>", 40_000), ("<span><i>", 30_000)] {
            let page = format!("<html><body>{}قال الوزير.</body></html>", open.repeat(n));
            let err = from_html(&page).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("document: HTML nested deeper than 1000 elements (at byte "),
                "{open}: {err}"
            );
            let err = read_documents(Format::Html, &page).unwrap_err();
            assert_eq!(err.location, "document");
        }
        // just under the limit: read, text kept
        let page = format!("<body>{}قال الوزير.", "<div>".repeat(990));
        assert_eq!(from_html(&page).unwrap().text, "قال الوزير.");
        // the text walk needs no call stack per level: a tree far deeper than the limit
        let doc = Html::parse_document(&format!("{}عمق", "<b>".repeat(60_000)));
        let mut out = String::new();
        collect_text(doc.root_element(), &mut out);
        assert_eq!(out, "عمق");
    }

    /// Issue #14 item 5: bad metadata in a record is that record's error, naming the field.
    #[test]
    fn bad_record_metadata_is_an_error_naming_record_and_field() {
        let cases = [
            (r#"{"content": "نص.", "published": "2024-99-99", "title": "t"}"#,
             "record 1: field \"published\": '2024-99-99' is not a YYYY-MM-DD date (optionally followed by a time)"),
            (r#"{"content": "نص.", "title": 1}"#,
             "record 1: field \"title\" must be a string, not a number"),
            (r#"{"content": "نص.", "author": ["a"]}"#,
             "record 1: field \"author\" must be a string, not an array"),
            (r#"{"content": "نص.", "date_extracted": "21/07/2015"}"#,
             "record 1: field \"date_extracted\": '21/07/2015' is not a YYYY-MM-DD date (optionally followed by a time)"),
            (r#"{"content": "نص.", "published": "2015-07-21junk"}"#,
             "record 1: field \"published\": '2015-07-21junk' is not a YYYY-MM-DD date (optionally followed by a time)"),
            (r#"{"content": "نص.", "url": "javascript:alert(1)"}"#,
             "record 1: field \"url\": 'javascript:alert(1)' is not an http(s) URL (scheme javascript)"),
            (r#"{"content": "نص.", "url": "/news/1"}"#,
             "record 1: field \"url\": '/news/1' is not a valid URL: relative URL without a base"),
        ];
        for (rec, expect) in cases {
            let docs = read_documents(Format::Json, &format!("[{rec}]")).unwrap();
            assert_eq!(docs[0].as_ref().unwrap_err().to_string(), expect, "{rec}");
        }
        // null, blank and well-formed values are fine; a time after the date is allowed
        for (given, read) in [
            ("2024-03-01", Some((2024, 3, 1))),
            ("2024-03-01T10:00:00Z", Some((2024, 3, 1))),
            ("2024-03-01T10:00:00.5+01:00", Some((2024, 3, 1))),
            ("2024-03-01 02:21:49", Some((2024, 3, 1))),
            ("2024-03-01T10:00", Some((2024, 3, 1))),
            ("2024-03-01T25:00:00", None),
            ("2024-03-01T10:61:00Z", None),
            ("2024-03-01T10:00:00+99:00", None),
            ("2024-03-01Tjunk", None),
        ] {
            let want = read.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(parse_date(given), want, "{given}");
        }
        let ok = r#"{"content": "نص.", "title": null, "author": " ", "published": "2024-03-01T10:00:00Z", "url": "https://example.ma/a"}"#;
        let d = read_documents(Format::JsonLines, ok)
            .unwrap()
            .remove(0)
            .unwrap();
        assert_eq!((d.title, d.author), (None, None));
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2024, 3, 1));
        // a bad line is named by its line, the good ones are still read
        let lines = format!("{ok}\n{}", r#"{"content": "نص.", "title": 1}"#);
        let docs = read_documents(Format::JsonLines, &lines).unwrap();
        assert!(docs[0].is_ok());
        assert!(docs[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("line 2: field \"title\""));
    }

    /// Issue #14 item 13: a page's non-http(s) or relative links are not taken as its URL.
    #[test]
    fn html_links_are_kept_only_when_http() {
        let page = |href: &str| {
            format!(
                r#"<html><head><link rel="canonical" href="{href}"><meta property="og:url" content="https://example.ma/og"></head><body><p>نص.</p></body></html>"#
            )
        };
        let url = |href: &str| from_html(&page(href)).unwrap().url;
        assert_eq!(
            url("https://example.ma/a").as_deref(),
            Some("https://example.ma/a")
        );
        assert_eq!(
            url("javascript:alert(1)").as_deref(),
            Some("https://example.ma/og")
        );
        assert_eq!(url("/news/1").as_deref(), Some("https://example.ma/og"));
        assert_eq!(
            check_http_url("file:///etc/passwd").unwrap_err(),
            "'file:///etc/passwd' is not an http(s) URL (scheme file)"
        );
        assert!(check_http_url("mailto:desk@example.ma").is_err());
        // white space, controls and bidi marks inside are refused, not dropped by the parser
        for bad in [
            "https://example.org/a\nstatus: published",
            "https://example.org/\tx",
            "https://example.org/a\rb",
            "https://example.org/a b",
            "https://example.org/\u{202E}gpj.exe",
        ] {
            let err = check_http_url(bad).unwrap_err();
            assert!(
                err.contains("is not a valid URL: it holds"),
                "{bad:?}: {err}"
            );
        }
        assert!(check_http_url("https://example.org/a%0Ab").is_ok());
    }

    /// Records of the SaudiNewsNet sample have right-to-left marks and embeddings in their URLs'
    /// Arabic slugs: the article is kept, the marks percent-encoded; white space still refuses.
    #[test]
    fn invisible_marks_in_an_input_url_are_percent_encoded() {
        // JSON escapes, as the corpus writes them.
        let rec = r#"{"content": "نص.", "url": "http://aawsat.com/home/article/397761/\u202b-1970-أفلام\u202c"}"#;
        let docs = read_documents(Format::JsonLines, rec).unwrap();
        assert_eq!(
            docs[0].as_ref().unwrap().url.as_deref(),
            Some("http://aawsat.com/home/article/397761/%E2%80%AB-1970-أفلام%E2%80%AC")
        );
        assert_eq!(
            input_url("https://example.org/\u{202E}gpj.exe").unwrap(),
            "https://example.org/%E2%80%AEgpj.exe"
        );
        assert_eq!(
            input_url("http://x.sa/\u{feff}a\u{200f}").unwrap(),
            "http://x.sa/%EF%BB%BFa%E2%80%8F"
        );
        assert!(input_url("https://example.org/a b\u{200f}").is_err());
        assert!(input_url("javascript:\u{200f}alert(1)").is_err());
        // A typed URL is refused, not rewritten.
        assert!(check_http_url("https://example.org/\u{200f}a").is_err());
    }
}
