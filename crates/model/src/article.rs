//! An imported source document and its metadata.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One imported article: the text exactly as stored plus the metadata recognised in it or given
/// on the command line.
///
/// `text` is never rewritten (no normalisation): every claim and entity span indexes it in UTF-8
/// bytes. `sha256` is the lowercase hex SHA-256 of `text`'s bytes and identifies the article for
/// de-duplication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Lowercase hex SHA-256 of `text` (64 characters).
    pub sha256: String,
    /// The article text as stored, UTF-8.
    pub text: String,
    /// Title, when given (`--title`) or known from a metadata sidecar.
    pub title: Option<String>,
    /// Source URL, when given.
    pub url: Option<String>,
    /// BCP 47 language tag of the text as detected at import (`ar`, `en`, `fr`, another ISO 639-1
    /// code, or `und` when unknown).
    pub language: String,
    /// Publication date (the article's local calendar date), when known; relative dates in the
    /// text are resolved against it.
    pub published: Option<NaiveDate>,
    /// Dateline place (`الرباط` in `الرباط-سناء الجدني`).
    pub dateline: Option<String>,
    /// Byline author (`سناء الجدني`).
    pub author: Option<String>,
    /// News agency named in the dateline (`و م ع` in `الرباط - و م ع:`).
    pub agency: Option<String>,
    /// Sub-headings, in order of appearance.
    pub headings: Vec<String>,
}

impl Article {
    /// An Arabic article with only its text and hash: no title, URL, date, dateline, author,
    /// agency or headings. `sha256` must be the lowercase hex SHA-256 of `text` for the store to
    /// treat it as the same article again.
    pub fn bare(sha256: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            sha256: sha256.into(),
            text: text.into(),
            title: None,
            url: None,
            language: "ar".to_owned(),
            published: None,
            dateline: None,
            author: None,
            agency: None,
            headings: vec![],
        }
    }
}
