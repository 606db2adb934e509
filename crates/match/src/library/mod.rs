//! Earlier fact-checks: the record the library stores and the readers of the formats
//! publishers and aggregators publish them in. Pure: the CLI reads the files, these parse text.
//!
//! Formats ([`read`] picks by content, then by the file name's extension):
//! - schema.org **ClaimReview JSON-LD**: one object, an array of them, a `@graph` (other node
//!   types in a graph are skipped), or JSON Lines (one JSON value per line);
//! - **HTML** pages with `<script type="application/ld+json">` blocks (blocks holding no
//!   ClaimReview are skipped: pages carry breadcrumbs and articles too);
//! - the **Google Fact Check Tools API** `claims:search` response: `{claims: [{text, claimant,
//!   claimReview: [{publisher: {name, site}, url, title, reviewDate, textualRating,
//!   languageCode}]}]}`;
//! - the **Data Commons** ClaimReview feed: a `DataFeed` with `dataFeedElement[].item[]`;
//! - **CSV** with a header row ([`csv_columns`]).
//!
//! Every record is checked on its own: a broken record gives a [`RecordError`] naming its number
//! (1-based, in file order; the line for JSON Lines and CSV) and the rest are kept.
//!
//! Bounds ([`MAX_CLAIM_BYTES`] …): longer fields are errors, not truncations, so nothing stored is
//! silently cut. URLs must be absolute `http`/`https` with a host; the fragment is dropped (it
//! names a place on the same page, so `…#verdict` is the same fact-check).

pub mod rating;

use chrono::NaiveDate;
use claimtrack_model::Verdict;
use serde::Serialize;
use serde_json::Value;

/// Longest claim text accepted, in UTF-8 bytes.
pub const MAX_CLAIM_BYTES: usize = 8 * 1024;
/// Longest title, rating text, publisher, claimant or language, in UTF-8 bytes.
pub const MAX_FIELD_BYTES: usize = 1024;
/// Longest URL, in bytes.
pub const MAX_URL_BYTES: usize = 2048;

/// One earlier fact-check, as read (not yet stored).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCheck {
    /// The fact-check's page: absolute http/https, without fragment. Its identity.
    pub url: String,
    /// The claim as the fact-checker worded it (`claimReviewed`).
    pub claim: String,
    /// Headline of the fact-check (`name` or `headline`).
    pub title: Option<String>,
    /// The publisher's rating text (`reviewRating.alternateName`, else `name`; `textualRating`).
    pub rating: Option<String>,
    /// Numeric rating value, with its scale below.
    pub rating_value: Option<f64>,
    /// Best value of the scale (`bestRating`).
    pub best_rating: Option<f64>,
    /// Worst value of the scale (`worstRating`).
    pub worst_rating: Option<f64>,
    /// Our verdict when the mapping is sure ([`rating::verdict_for`]).
    pub verdict: Option<Verdict>,
    /// The fact-checking organisation (`author.name`; API: `publisher.name`).
    pub publisher: Option<String>,
    /// Publication date of the fact-check (`datePublished`, API `reviewDate`), calendar date.
    pub date: Option<NaiveDate>,
    /// Language code (`inLanguage`, API `languageCode`), lower case.
    pub language: Option<String>,
    /// Who made the claim (`itemReviewed.author.name`; API `claimant`).
    pub claimant: Option<String>,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("record {record}: {message}")]
pub struct RecordError {
    /// 1-based record number in the file (the line for JSON Lines and CSV; 0 for the whole file).
    pub record: usize,
    /// What is wrong, naming the field and value.
    pub message: String,
}

/// What a file gave: the readable records and the errors of the rest.
#[derive(Debug, Default)]
pub struct Read {
    /// Records read, in file order.
    pub records: Vec<FactCheck>,
    /// Records that could not be read.
    pub errors: Vec<RecordError>,
}

/// Validates and normalises a fact-check URL (see the module docs).
pub fn check_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.len() > MAX_URL_BYTES {
        return Err(format!("url is longer than {MAX_URL_BYTES} bytes"));
    }
    // As for an article's URL: white space or a control character inside is refused, not
    // percent-encoded into another address.
    if let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("url {raw:?} holds {}", c.escape_unicode()));
    }
    let mut u =
        url::Url::parse(raw).map_err(|e| format!("url {raw:?} is not a valid URL ({e})"))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(format!("url {raw:?} is not http or https"));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(format!("url {raw:?} has no host"));
    }
    u.set_fragment(None);
    Ok(u.into())
}

fn bounded(field: &str, v: Option<String>, max: usize) -> Result<Option<String>, String> {
    // PostgreSQL cannot store U+0000 in text: the record is refused on both engines alike.
    if v.as_deref().is_some_and(|s| s.contains('\0')) {
        return Err(format!("{field} holds a NUL character (U+0000)"));
    }
    match v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) {
        Some(s) if s.len() > max => Err(format!(
            "{field} is longer than {max} bytes ({} bytes)",
            s.len()
        )),
        other => Ok(other),
    }
}

/// A date from the start of an ISO 8601 date or date-time (`2023-05-01`, `2023-05-01T10:00Z`).
fn parse_date(field: &str, v: Option<String>) -> Result<Option<NaiveDate>, String> {
    let Some(s) = v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    s.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(Some)
        .ok_or_else(|| format!("{field} {s:?} is not a date (YYYY-MM-DD…)"))
}

/// The fields of a record before checking.
#[derive(Default)]
struct Raw {
    url: Option<String>,
    claim: Option<String>,
    title: Option<String>,
    rating: Option<String>,
    rating_value: Option<f64>,
    best: Option<f64>,
    worst: Option<f64>,
    publisher: Option<String>,
    date: Option<String>,
    language: Option<String>,
    claimant: Option<String>,
}

impl Raw {
    fn check(self) -> Result<FactCheck, String> {
        let url = check_url(
            self.url
                .as_deref()
                .filter(|u| !u.trim().is_empty())
                .ok_or("no url")?,
        )?;
        let claim = bounded("claim", self.claim, MAX_CLAIM_BYTES)?
            .ok_or("no claim text (claimReviewed)")?;
        if !claim.chars().any(char::is_alphanumeric) {
            // Escaped once (a `{:?}` of the escapes doubled their backslashes).
            return Err(format!(
                "claim text \"{}\" has no letter or digit",
                claim.escape_unicode()
            ));
        }
        let rating = bounded("rating", self.rating, MAX_FIELD_BYTES)?;
        let verdict =
            rating::verdict_for(rating.as_deref(), self.rating_value, self.best, self.worst);
        Ok(FactCheck {
            url,
            claim,
            title: bounded("title", self.title, MAX_FIELD_BYTES)?,
            verdict,
            rating,
            rating_value: self.rating_value,
            best_rating: self.best,
            worst_rating: self.worst,
            publisher: bounded("publisher", self.publisher, MAX_FIELD_BYTES)?,
            date: parse_date("date", self.date)?,
            language: bounded("language", self.language.map(|l| l.to_lowercase()), 35)?,
            claimant: bounded("claimant", self.claimant, MAX_FIELD_BYTES)?,
        })
    }
}

/// A string field: a JSON string, or the `name` of an object, or the first of an array.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("alternateName"))
            .and_then(text),
        Value::Array(a) => a.iter().find_map(text),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn has_type(v: &Value, ty: &str) -> bool {
    match &v["@type"] {
        Value::String(s) => s == ty || s.ends_with(&format!("/{ty}")),
        Value::Array(a) => a.iter().any(|t| t.as_str() == Some(ty)),
        _ => false,
    }
}

/// A schema.org ClaimReview object.
fn claim_review(v: &Value) -> Result<FactCheck, String> {
    let r = &v["reviewRating"];
    let item = &v["itemReviewed"];
    Raw {
        url: text(&v["url"]),
        claim: text(&v["claimReviewed"]).or_else(|| text(&item["text"])),
        title: text(&v["name"]).or_else(|| text(&v["headline"])),
        rating: r["alternateName"]
            .as_str()
            .or(r["name"].as_str())
            .map(str::to_owned),
        rating_value: number(&r["ratingValue"]),
        best: number(&r["bestRating"]),
        worst: number(&r["worstRating"]),
        publisher: text(&v["author"]).or_else(|| text(&v["sdPublisher"])),
        date: text(&v["datePublished"]),
        language: match &v["inLanguage"] {
            Value::Object(o) => o.get("alternateName").or(o.get("name")).and_then(text),
            other => text(other),
        },
        claimant: text(&item["author"]),
    }
    .check()
}

/// One claim of a Google Fact Check Tools API response: one record per `claimReview`.
fn api_claim(c: &Value, out: &mut Vec<Result<FactCheck, String>>) {
    let reviews = c["claimReview"].as_array().cloned().unwrap_or_default();
    if reviews.is_empty() {
        out.push(Err("claim has no claimReview".into()));
    }
    for r in &reviews {
        out.push(
            Raw {
                url: text(&r["url"]),
                claim: text(&c["text"]),
                title: text(&r["title"]),
                rating: text(&r["textualRating"]),
                publisher: text(&r["publisher"]["name"]).or_else(|| text(&r["publisher"]["site"])),
                date: text(&r["reviewDate"]).or_else(|| text(&c["claimDate"])),
                language: text(&r["languageCode"]),
                claimant: text(&c["claimant"]),
                ..Raw::default()
            }
            .check(),
        );
    }
}

/// Walks one JSON value; `lenient` skips nodes that are not ClaimReviews (graphs, HTML blocks).
fn walk(v: &Value, lenient: bool, out: &mut Vec<Result<FactCheck, String>>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| walk(x, lenient, out)),
        Value::Object(o) if o.contains_key("@graph") => walk(&o["@graph"], true, out),
        Value::Object(o) if o.contains_key("dataFeedElement") => {
            for e in o["dataFeedElement"].as_array().into_iter().flatten() {
                walk(&e["item"], false, out);
            }
        }
        Value::Object(o) if o.get("claims").is_some_and(Value::is_array) => {
            o["claims"]
                .as_array()
                .into_iter()
                .flatten()
                .for_each(|c| api_claim(c, out));
        }
        Value::Object(_) if has_type(v, "ClaimReview") => out.push(claim_review(v)),
        _ if lenient => {}
        Value::Object(_) => out.push(Err(format!(
            "not a ClaimReview (@type {})",
            v["@type"]
                .as_str()
                .map_or("missing".into(), |t| format!("{t:?}"))
        ))),
        _ => out.push(Err("not a JSON object".into())),
    }
}

/// Files the results of records numbered `first`, `first + step`, … (`step` 0: one line's).
fn collect(results: Vec<Result<FactCheck, String>>, first: usize, step: usize, read: &mut Read) {
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Ok(f) => read.records.push(f),
            Err(message) => read.errors.push(RecordError {
                record: first + i * step,
                message,
            }),
        }
    }
}

/// The `<script type="application/ld+json">` blocks of an HTML page.
fn json_ld_blocks(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = lower[pos..].find("<script") {
        let start = pos + i;
        let Some(tag_end) = lower[start..].find('>').map(|e| start + e + 1) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|e| tag_end + e) else {
            break;
        };
        if lower[start..tag_end].contains("application/ld+json") {
            out.push(&html[tag_end..close]);
        }
        pos = close;
    }
    out
}

/// The columns the CSV reader knows (header names, case-insensitive): `claim` and `url` are
/// required; `rating`, `publisher`, `date`, `language`, `title`, `claimant`, `rating_value`,
/// `best_rating`, `worst_rating` are optional; other columns are ignored.
pub fn csv_columns() -> &'static [&'static str] {
    &[
        "claim",
        "url",
        "rating",
        "publisher",
        "date",
        "language",
        "title",
        "claimant",
        "rating_value",
        "best_rating",
        "worst_rating",
    ]
}

fn read_csv(text: &str, read: &mut Read) {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim().trim_start_matches('\u{FEFF}').to_lowercase())
            .collect(),
        Err(e) => {
            read.errors.push(RecordError {
                record: 0,
                message: format!("CSV header: {e}"),
            });
            return;
        }
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    for req in ["claim", "url"] {
        if col(req).is_none() {
            read.errors.push(RecordError {
                record: 0,
                message: format!(
                    "CSV header has no `{req}` column (columns: {})",
                    header.join(", ")
                ),
            });
            return;
        }
    }
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                read.errors.push(RecordError {
                    record: line,
                    message: format!("CSV: {e}"),
                });
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let get = |name: &str| col(name).and_then(|i| rec.get(i)).map(str::to_owned);
        let num = |name: &str| -> Result<Option<f64>, String> {
            match get(name).filter(|s| !s.trim().is_empty()) {
                None => Ok(None),
                Some(s) => s
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{name} {s:?} is not a number")),
            }
        };
        let result = (|| {
            Raw {
                url: get("url"),
                claim: get("claim"),
                title: get("title"),
                rating: get("rating"),
                rating_value: num("rating_value")?,
                best: num("best_rating")?,
                worst: num("worst_rating")?,
                publisher: get("publisher"),
                date: get("date"),
                language: get("language"),
                claimant: get("claimant"),
            }
            .check()
        })();
        collect(vec![result], line, 0, read);
    }
}

/// Reads the fact-checks of one file. `name` is the file name (its extension decides between CSV
/// and the JSON forms when the content does not: `.csv`); HTML is recognised by a leading `<`.
/// Never panics; a file that is no known format gives one error with record 0.
pub fn read(name: &str, text: &str) -> Read {
    let mut out = Read::default();
    let text = text.trim_start_matches('\u{FEFF}');
    let trimmed = text.trim_start();
    if name.to_ascii_lowercase().ends_with(".csv") {
        read_csv(text, &mut out);
    } else if trimmed.starts_with('<') {
        let blocks = json_ld_blocks(text);
        if blocks.is_empty() {
            out.errors.push(RecordError {
                record: 0,
                message: "HTML page has no <script type=\"application/ld+json\"> block".into(),
            });
        }
        let mut results = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            match serde_json::from_str::<Value>(b) {
                Ok(v) => walk(&v, true, &mut results),
                Err(e) => results.push(Err(format!(
                    "JSON-LD block {} is not valid JSON ({e})",
                    i + 1
                ))),
            }
        }
        if results.is_empty() && !blocks.is_empty() {
            out.errors.push(RecordError {
                record: 0,
                message: "HTML page holds no ClaimReview".into(),
            });
        }
        collect(results, 1, 1, &mut out);
    } else {
        match serde_json::from_str::<Value>(text) {
            Ok(v) => {
                let mut results = Vec::new();
                walk(&v, false, &mut results);
                collect(results, 1, 1, &mut out);
            }
            // Not one JSON value: JSON Lines, one record (or array) per line.
            Err(whole) => {
                let lines: Vec<&str> = text.lines().collect();
                if lines.iter().filter(|l| !l.trim().is_empty()).count() < 2 {
                    out.errors.push(RecordError {
                        record: 0,
                        message: format!("not JSON, JSON Lines, HTML or CSV ({whole})"),
                    });
                    return out;
                }
                for (i, line) in lines.iter().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let mut results = Vec::new();
                    match serde_json::from_str::<Value>(line) {
                        Ok(v) => walk(&v, false, &mut results),
                        Err(e) => results.push(Err(format!("line is not valid JSON ({e})"))),
                    }
                    collect(results, i + 1, 0, &mut out);
                }
            }
        }
    }
    out
}
