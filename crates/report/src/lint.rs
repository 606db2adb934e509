//! Offline validator for ClaimReview JSON-LD, ours or another publisher's.
//!
//! Accepts a single ClaimReview object, an array of them, an `@graph`, or a Data Commons
//! `DataFeed` (`dataFeedElement[].item[]`). Checks the rules of schema.org and Google's
//! ClaimReview documentation (`shared/notes/claimreview-and-ratings.md` §2–§3): required fields,
//! `alternateName`, rating numbers in range with `worstRating >= 1` and `worstRating <
//! bestRating`, a short `claimReviewed` free of verdict words, well-formed absolute URLs, ISO
//! 8601 dates, BCP 47 `inLanguage`, and the `@type` of every node.
//!
//! Each [`Problem`] has a JSON-pointer path (`/dataFeedElement/0/item/1/reviewRating`), a
//! severity and a message. Errors break a rule; warnings flag a recommendation.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::{Map, Value};

use crate::claimreview::{verdict_word_in, CLAIM_REVIEWED_MAX};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Breaks a required rule: the document fails the lint.
    Error,
    /// Misses a recommendation: reported, does not fail the lint.
    Warning,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer of the offending value (`/` for the document itself).
    pub path: String,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lower-case, naming the value.
    pub message: String,
}

impl fmt::Display for Problem {
    /// `path: message`, or `path: warning: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}: {}", self.path, self.message),
            Severity::Warning => write!(f, "{}: warning: {}", self.path, self.message),
        }
    }
}

/// URL shorteners: Google does not follow redirects or short links for `ClaimReview.url`.
const SHORTENERS: &[&str] = &[
    "bit.ly",
    "t.co",
    "goo.gl",
    "tinyurl.com",
    "ow.ly",
    "buff.ly",
    "is.gd",
    "rb.gy",
    "cutt.ly",
    "shorturl.at",
    "t.ly",
    "tiny.cc",
];

/// Lints JSON text: one JSON document (a ClaimReview, an array, an `@graph`, a `DataFeed`), or
/// JSON Lines (one document per line, as `export --format claimreview --jsonl` writes). A text
/// whose first line is a whole JSON value followed by more values is read as JSON Lines: each
/// non-empty line is linted alone and its problems' paths start with `line N: ` (1-based). A parse
/// error is one problem at `/` (or at `line N: /`).
pub fn lint_str(text: &str) -> Vec<Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(text) {
        Ok(value) => lint(&value),
        Err(_) if is_json_lines(text) => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .flat_map(|(i, l)| {
                lint_str(l).into_iter().map(move |mut p| {
                    p.path = format!("line {}: {}", i + 1, p.path);
                    p
                })
            })
            .collect(),
        Err(e) => vec![Problem {
            path: "/".into(),
            severity: Severity::Error,
            message: format!("not valid JSON: {e}"),
        }],
    }
}

/// True when the first non-empty line of `text` is a whole JSON value and another non-empty
/// line follows it: the shape of JSON Lines (a pretty-printed document's first line is `{`).
fn is_json_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    lines
        .next()
        .is_some_and(|first| serde_json::from_str::<Value>(first).is_ok())
        && lines.next().is_some()
}

/// Lints a parsed document.
pub fn lint(value: &Value) -> Vec<Problem> {
    let mut linter = Linter::default();
    linter.walk(value, "", false);
    if linter.reviews == 0 && linter.problems.is_empty() {
        linter.error("", "no ClaimReview found");
    }
    linter.problems
}

/// True when `problems` holds an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

/// Appends a JSON-pointer token (escaping `~` and `/`).
fn join(path: &str, key: &str) -> String {
    format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// The `@type`s of a node, without a `schema:` or `https://schema.org/` prefix.
fn types(obj: &Map<String, Value>) -> Vec<&str> {
    fn strip(s: &str) -> &str {
        s.rsplit(['/', ':']).next().unwrap_or(s)
    }
    match obj.get("@type") {
        Some(Value::String(s)) => vec![strip(s)],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(strip).collect(),
        _ => vec![],
    }
}

/// True when a `@context` value names schema.org.
fn is_schema_context(v: &Value) -> bool {
    match v {
        Value::String(s) => {
            let s = s.trim_end_matches('/');
            s == "https://schema.org" || s == "http://schema.org"
        }
        Value::Array(items) => items.iter().any(is_schema_context),
        Value::Object(map) => map.get("@vocab").is_some_and(is_schema_context),
        _ => false,
    }
}

/// An ISO 8601 date or date-time as schema.org uses them; returns the calendar date when full.
fn iso_date(s: &str) -> Result<Option<NaiveDate>, ()> {
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return if digits(&s[..4], 4) && s.len() == 10 {
            Ok(Some(d))
        } else {
            Err(())
        };
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(t.date_naive()));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Ok(Some(t.date()));
        }
    }
    // reduced precision: YYYY or YYYY-MM
    match s.split_once('-') {
        None if digits(s, 4) => Ok(None),
        Some((y, m))
            if digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse().unwrap_or(0)) =>
        {
            Ok(None)
        }
        _ => Err(()),
    }
}

/// A BCP 47 language tag, by shape: `ar`, `en-GB`, `zh-Hant-TW`.
fn is_bcp47(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[derive(Default)]
struct Linter {
    problems: Vec<Problem>,
    reviews: usize,
}

impl Linter {
    fn push(&mut self, path: &str, severity: Severity, message: impl Into<String>) {
        self.problems.push(Problem {
            path: if path.is_empty() {
                "/".into()
            } else {
                path.into()
            },
            severity,
            message: message.into(),
        });
    }

    fn error(&mut self, path: &str, message: impl Into<String>) {
        self.push(path, Severity::Error, message);
    }

    fn warn(&mut self, path: &str, message: impl Into<String>) {
        self.push(path, Severity::Warning, message);
    }

    /// Finds the ClaimReview nodes; `context` is true when an ancestor has a schema.org
    /// `@context`.
    fn walk(&mut self, value: &Value, path: &str, context: bool) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, &join(path, &i.to_string()), context);
                }
            }
            Value::Object(obj) => {
                let context = context || obj.get("@context").is_some_and(is_schema_context);
                if let Some(c) = obj.get("@context") {
                    if !is_schema_context(c) {
                        self.error(&join(path, "@context"), "expected \"https://schema.org\"");
                    }
                }
                let types = types(obj);
                if let Some(graph) = obj.get("@graph") {
                    self.walk(graph, &join(path, "@graph"), context);
                } else if types.contains(&"ClaimReview") {
                    self.claim_review(obj, path, context);
                } else if types.contains(&"DataFeed") {
                    match obj.get("dataFeedElement") {
                        Some(Value::Array(items)) => {
                            for (i, item) in items.iter().enumerate() {
                                self.feed_item(
                                    item,
                                    &join(&join(path, "dataFeedElement"), &i.to_string()),
                                    context,
                                );
                            }
                        }
                        _ => self.error(
                            &join(path, "dataFeedElement"),
                            "a DataFeed needs a dataFeedElement array",
                        ),
                    }
                } else if types.contains(&"DataFeedItem") {
                    self.feed_item(value, path, context);
                } else {
                    let found = match obj.get("@type") {
                        None => "no @type".to_string(),
                        Some(t) => format!("@type {t}"),
                    };
                    self.error(
                        &join(path, "@type"),
                        format!("expected ClaimReview, a DataFeed or an @graph; found {found}"),
                    );
                }
            }
            other => self.error(
                path,
                format!(
                    "expected a ClaimReview object or an array; found {}",
                    kind(other)
                ),
            ),
        }
    }

    fn feed_item(&mut self, value: &Value, path: &str, context: bool) {
        let Some(obj) = value.as_object() else {
            self.error(
                path,
                format!("expected a DataFeedItem object; found {}", kind(value)),
            );
            return;
        };
        if types(obj).contains(&"ClaimReview") {
            return self.claim_review(obj, path, context);
        }
        match obj.get("item") {
            Some(item) => self.walk(item, &join(path, "item"), context),
            None => self.error(&join(path, "item"), "a DataFeedItem needs an item"),
        }
    }

    fn claim_review(&mut self, obj: &Map<String, Value>, path: &str, context: bool) {
        self.reviews += 1;
        if !context {
            self.error(
                &join(path, "@context"),
                "missing (expected \"https://schema.org\")",
            );
        }

        // claimReviewed
        let p = join(path, "claimReviewed");
        match obj.get("claimReviewed") {
            None => self.error(&p, "required property is missing"),
            Some(Value::String(s)) if s.trim().is_empty() => self.error(&p, "must not be empty"),
            Some(Value::String(s)) => {
                let n = s.chars().count();
                if n > CLAIM_REVIEWED_MAX {
                    self.warn(
                        &p,
                        format!("{n} characters; keep the summary under {CLAIM_REVIEWED_MAX}"),
                    );
                }
                if let Some(word) = verdict_word_in(s) {
                    self.error(&p, format!("contains the verdict word '{word}'; the summary must not give the verdict"));
                }
            }
            Some(other) => self.error(&p, format!("expected text; found {}", kind(other))),
        }

        // reviewRating
        let p = join(path, "reviewRating");
        match obj.get("reviewRating") {
            None => self.error(&p, "required property is missing"),
            Some(Value::Object(r)) => self.rating(r, &p),
            Some(Value::Array(items)) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    let pi = join(&p, &i.to_string());
                    match item.as_object() {
                        Some(r) => self.rating(r, &pi),
                        None => self.error(
                            &pi,
                            format!("expected a Rating object; found {}", kind(item)),
                        ),
                    }
                }
            }
            Some(other) => self.error(
                &p,
                format!("expected a Rating object; found {}", kind(other)),
            ),
        }

        // url
        let p = join(path, "url");
        match obj.get("url") {
            None => self.error(&p, "required property is missing"),
            Some(Value::String(u)) => {
                if self.url(&p, u) {
                    let host = url::Url::parse(u)
                        .ok()
                        .and_then(|u| u.host_str().map(str::to_string));
                    if let Some(host) = host {
                        if SHORTENERS.iter().any(|s| host.eq_ignore_ascii_case(s)) {
                            self.error(
                                &p,
                                format!(
                                    "'{host}' is a link shortener; give the fact-check page itself"
                                ),
                            );
                        }
                        if let Some(site) = obj
                            .get("author")
                            .and_then(|a| a.get("url"))
                            .and_then(Value::as_str)
                            .and_then(|s| url::Url::parse(s).ok())
                            .and_then(|s| s.host_str().map(str::to_string))
                        {
                            let base = site.trim_start_matches("www.");
                            if !(host == base || host.ends_with(&format!(".{base}"))) {
                                self.warn(&p, format!("host '{host}' is not the publisher's site '{site}' or a subdomain of it"));
                            }
                        }
                    }
                }
            }
            Some(other) => self.error(&p, format!("expected a URL; found {}", kind(other))),
        }

        // author: the fact-checker
        let p = join(path, "author");
        match obj.get("author") {
            None => self.warn(
                &p,
                "recommended: the fact-checking organisation (name and/or url)",
            ),
            Some(a) => self.agent(a, &p, false),
        }

        // dates and language
        let review_date = self.date(obj, "datePublished", path);
        let p = join(path, "inLanguage");
        match obj.get("inLanguage") {
            None => {}
            Some(Value::String(s)) if is_bcp47(s) => {}
            Some(Value::String(s)) => self.error(
                &p,
                format!("'{s}' is not a BCP 47 language tag (e.g. ar, en, fr)"),
            ),
            Some(Value::Object(_)) => {}
            Some(other) => self.error(
                &p,
                format!("expected a language tag; found {}", kind(other)),
            ),
        }
        if let Some(Value::String(_)) | None = obj.get("headline") {
        } else {
            self.error(&join(path, "headline"), "expected text");
        }

        // itemReviewed: the claim
        let p = join(path, "itemReviewed");
        match obj.get("itemReviewed") {
            None => self.warn(&p, "recommended: the Claim reviewed"),
            Some(Value::Object(item)) => {
                let t = types(item);
                if t.contains(&"Claim") {
                } else if t.contains(&"CreativeWork") {
                    self.warn(
                        &join(&p, "@type"),
                        "CreativeWork is the legacy type; use Claim",
                    );
                } else if t.is_empty() {
                    self.error(&join(&p, "@type"), "missing (expected \"Claim\")");
                } else {
                    self.error(
                        &join(&p, "@type"),
                        format!("expected \"Claim\"; found {}", t.join(", ")),
                    );
                }
                if let Some(a) = item.get("author") {
                    self.agent(a, &join(&p, "author"), true);
                }
                let claim_date = self.date(item, "datePublished", &p);
                if let (Some(claim), Some(review)) = (claim_date, review_date) {
                    if claim > review {
                        self.error(
                            &join(&p, "datePublished"),
                            format!("the claim ({claim}) is dated after its review ({review}); give when the claim was made, not when it was checked"),
                        );
                    }
                }
                let mut appearances = 0;
                for key in ["appearance", "firstAppearance"] {
                    if let Some(v) = item.get(key) {
                        appearances += 1;
                        self.appearance(v, &join(&p, key));
                    }
                }
                if appearances == 0 {
                    self.warn(
                        &p,
                        "recommended: appearance or firstAppearance (where the claim was made)",
                    );
                }
            }
            Some(other) => self.error(
                &p,
                format!("expected a Claim object; found {}", kind(other)),
            ),
        }
    }

    fn rating(&mut self, r: &Map<String, Value>, p: &str) {
        let t = types(r);
        if t.is_empty() {
            self.error(&join(p, "@type"), "missing (expected \"Rating\")");
        } else if !t.iter().any(|t| *t == "Rating" || *t == "AggregateRating") {
            self.error(
                &join(p, "@type"),
                format!("expected \"Rating\"; found {}", t.join(", ")),
            );
        }
        match r.get("alternateName") {
            None => self.error(
                &join(p, "alternateName"),
                "required property is missing (the verdict as text)",
            ),
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.error(&join(p, "alternateName"), "must not be empty")
            }
            Some(Value::String(_)) => {}
            Some(other) => self.error(
                &join(p, "alternateName"),
                format!("expected text; found {}", kind(other)),
            ),
        }
        let mut number = |key: &str| -> Option<f64> {
            let v = r.get(key)?;
            let n = match v {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            };
            match n {
                Some(n) if n.is_finite() => Some(n),
                _ => {
                    self.error(&join(p, key), format!("expected a number; found {v}"));
                    None
                }
            }
        };
        let value = number("ratingValue");
        let best = number("bestRating");
        let worst = number("worstRating");
        let (best_or, worst_or) = (best.unwrap_or(5.0), worst.unwrap_or(1.0));
        if worst_or < 1.0 {
            self.error(
                &join(p, "worstRating"),
                format!("{worst_or} is below 1; the worst rating must be at least 1"),
            );
        }
        if worst_or >= best_or {
            let at = if best.is_some() {
                "bestRating"
            } else {
                "worstRating"
            };
            self.error(
                &join(p, at),
                format!("worstRating {worst_or} must be below bestRating {best_or}"),
            );
        }
        if let Some(v) = value {
            if v < worst_or || v > best_or {
                self.error(
                    &join(p, "ratingValue"),
                    format!("{v} is outside [{worst_or}, {best_or}]"),
                );
            } else if v.fract() != 0.0 {
                self.warn(
                    &join(p, "ratingValue"),
                    format!("{v} is not an integer; integers are recommended"),
                );
            }
        }
    }

    /// An Organization or Person; `name_required` for the claimant (Google: name required).
    fn agent(&mut self, a: &Value, p: &str, name_required: bool) {
        let Some(obj) = a.as_object() else {
            if let Value::Array(items) = a {
                for (i, item) in items.iter().enumerate() {
                    self.agent(item, &join(p, &i.to_string()), name_required);
                }
            } else {
                self.error(
                    p,
                    format!(
                        "expected an Organization or Person object; found {}",
                        kind(a)
                    ),
                );
            }
            return;
        };
        let t = types(obj);
        if t.is_empty() {
            self.error(
                &join(p, "@type"),
                "missing (expected \"Organization\" or \"Person\")",
            );
        } else if !t
            .iter()
            .any(|t| *t == "Organization" || *t == "Person" || t.ends_with("Organization"))
        {
            self.error(
                &join(p, "@type"),
                format!(
                    "expected \"Organization\" or \"Person\"; found {}",
                    t.join(", ")
                ),
            );
        }
        let name = obj.get("name");
        match name {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(Value::String(_)) => self.error(&join(p, "name"), "must not be empty"),
            Some(other) => self.error(
                &join(p, "name"),
                format!("expected text; found {}", kind(other)),
            ),
            None if name_required => self.error(&join(p, "name"), "required property is missing"),
            None if !obj.contains_key("url") => self.error(p, "give a name or a url"),
            None => {}
        }
        for key in ["url", "sameAs"] {
            match obj.get(key) {
                Some(Value::String(u)) => {
                    self.url(&join(p, key), u);
                }
                Some(Value::Array(items)) if key == "sameAs" => {
                    for (i, item) in items.iter().enumerate() {
                        let pi = join(&join(p, key), &i.to_string());
                        match item.as_str() {
                            Some(u) => {
                                self.url(&pi, u);
                            }
                            None => self.error(&pi, "expected a URL"),
                        }
                    }
                }
                Some(_) => self.error(&join(p, key), "expected a URL"),
                None => {}
            }
        }
    }

    fn appearance(&mut self, v: &Value, p: &str) {
        match v {
            Value::String(u) => {
                self.url(p, u);
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.appearance(item, &join(p, &i.to_string()));
                }
            }
            Value::Object(obj) => {
                if types(obj).is_empty() {
                    self.error(
                        &join(p, "@type"),
                        "missing (expected a CreativeWork such as \"NewsArticle\")",
                    );
                }
                match obj.get("url") {
                    Some(Value::String(u)) => {
                        self.url(&join(p, "url"), u);
                    }
                    Some(_) => self.error(&join(p, "url"), "expected a URL"),
                    None => self.error(
                        &join(p, "url"),
                        "required property is missing (where the claim appeared)",
                    ),
                }
                self.date(obj, "datePublished", p);
                if let Some(h) = obj.get("headline") {
                    if !h.is_string() {
                        self.error(&join(p, "headline"), "expected text");
                    }
                }
            }
            other => self.error(
                p,
                format!("expected a URL or a CreativeWork; found {}", kind(other)),
            ),
        }
    }

    /// Checks an absolute, well-formed http(s) URL; true when it is one.
    fn url(&mut self, p: &str, u: &str) -> bool {
        if u.trim() != u || u.chars().any(char::is_whitespace) {
            self.error(p, format!("'{}' contains white space", u.escape_debug()));
            return false;
        }
        match url::Url::parse(u) {
            Ok(parsed) => {
                if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
                    self.error(p, format!("'{u}' is not an http(s) URL with a host"));
                    return false;
                }
                if parsed.scheme() == "http" {
                    self.warn(p, format!("'{u}' uses http; use https"));
                }
                true
            }
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                self.error(
                    p,
                    format!("'{u}' is not absolute; give the full URL with https://"),
                );
                false
            }
            Err(e) => {
                self.error(p, format!("'{u}' is not a well-formed URL ({e})"));
                false
            }
        }
    }

    /// Checks an optional ISO 8601 date property; returns the calendar date when full.
    fn date(&mut self, obj: &Map<String, Value>, key: &str, path: &str) -> Option<NaiveDate> {
        let p = join(path, key);
        match obj.get(key)? {
            Value::String(s) => match iso_date(s.trim()) {
                Ok(d) => d,
                Err(()) => {
                    self.error(
                        &p,
                        format!("'{s}' is not an ISO 8601 date (YYYY-MM-DD or a date-time)"),
                    );
                    None
                }
            },
            other => {
                self.error(
                    &p,
                    format!("expected an ISO 8601 date; found {}", kind(other)),
                );
                None
            }
        }
    }
}

/// `a number`, `an array`… for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
