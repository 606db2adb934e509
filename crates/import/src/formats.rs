//! Input formats: plain text and Markdown (kept as they are), HTML (the main text extracted with
//! the `scraper` HTML5 parser), and JSON / JSON Lines records `{title, url, published, author,
//! content}` (the shape of the shared corpora; `date_extracted` stands in for `published`).
//!
//! Pure functions over the input's content: the caller reads files. Spans of the imported article
//! index [`Document::text`], the text as stored, not the raw HTML or JSON.

use chrono::NaiveDate;
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
    /// Source URL (canonical link, or the record's `url`).
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
/// The outer [`FormatError`] when a `.json` file does not parse at all; an inner one per JSON
/// record without a string `content` or per JSON Lines line that does not parse, naming the
/// record (`record 2`) or line (`line 4`). Empty lines of JSON Lines are skipped.
pub fn read_documents(
    format: Format,
    content: &str,
) -> Result<Vec<Result<Document, FormatError>>, FormatError> {
    Ok(match format {
        Format::Text | Format::Markdown => vec![Ok(Document {
            text: content.to_string(),
            ..Default::default()
        })],
        Format::Html => vec![Ok(from_html(content))],
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
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let location = format!("line {}", i + 1);
                let v: Value = serde_json::from_str(l).map_err(|e| FormatError {
                    location: location.clone(),
                    message: format!("not valid JSON: {e}"),
                })?;
                from_record(&v, location)
            })
            .collect(),
    })
}

fn date_prefix(s: &str) -> Option<NaiveDate> {
    s.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

fn from_record(v: &Value, location: String) -> Result<Document, FormatError> {
    let field = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let Some(text) = v.get("content").and_then(Value::as_str) else {
        return Err(FormatError {
            location,
            message: "a record needs a string field \"content\"".into(),
        });
    };
    Ok(Document {
        text: text.trim().to_string(),
        title: field("title"),
        url: field("url"),
        published: field("published")
            .or_else(|| field("date_extracted"))
            .as_deref()
            .and_then(date_prefix),
        author: field("author"),
        origin: location,
    })
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

fn collect_text(el: ElementRef, out: &mut String) {
    for child in el.children() {
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
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                let block = BLOCKS.contains(&name);
                if block && !out.is_empty() && !out.ends_with('\n') {
                    out.truncate(out.trim_end_matches(' ').len());
                    out.push('\n');
                }
                collect_text(child_el, out);
                if block && !out.ends_with('\n') {
                    out.truncate(out.trim_end_matches(' ').len());
                    out.push('\n');
                }
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

/// Extracts the main text of an HTML page: the first `<article>`, else `<main>`, else `<body>`,
/// one line per block element, without scripts, styles, navigation, headers, footers and asides.
pub fn from_html(html: &str) -> Document {
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
        .and_then(date_prefix);
    Document {
        text,
        title,
        url: meta(&doc, "link[rel='canonical']", "href")
            .or_else(|| meta(&doc, "meta[property='og:url']", "content")),
        published,
        author: meta(&doc, "meta[name='author']", "content"),
        origin: String::new(),
    }
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
        let d = from_html(html);
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
}
