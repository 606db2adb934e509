//! schema.org `ClaimReview` JSON-LD for one reviewed claim, following schema.org and Google's
//! documented rules (`shared/notes/claimreview-and-ratings.md` §2–§4):
//!
//! - `claimReviewed`: the fact-checker's summary, else the claim text cut at a word boundary to
//!   at most [`CLAIM_REVIEWED_MAX`] characters; never containing a verdict word;
//! - `reviewRating`: `alternateName` always (the verdict's label in the claim's language);
//!   `ratingValue` with `bestRating` 5 and `worstRating` 1 for ordinal verdicts only;
//!   `ratingExplanation` from the explanation;
//! - `itemReviewed`: a `Claim` with `author` (the claimant, when known), `datePublished` (the
//!   article's publication date, never the check date) and `appearance` (the article);
//! - `author` (the publishing desk), `url` (the fact-check), `datePublished` (when the verdict
//!   was published), `inLanguage`.
//!
//! [`build`] returns the object together with the list of required data that was missing, each
//! with what to do about it; the caller decides whether an incomplete review is exported.

use claimtrack_model::fold::{fold, is_word_char};
use claimtrack_model::Verdict;
use serde_json::{json, Map, Value};

use crate::data::ReviewedClaim;
use crate::safety;

/// Google's advice for `claimReviewed`: keep it under 75 characters.
pub const CLAIM_REVIEWED_MAX: usize = 75;

/// The fact-checking organisation that publishes the reviews (`ClaimReview.author`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Publisher {
    /// Its name (`--publisher`).
    pub name: Option<String>,
    /// Its site (`--publisher-url`), absolute.
    pub url: Option<String>,
}

/// A ClaimReview object and what it lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    /// The claim's id.
    pub claim_id: i64,
    /// The JSON-LD object (incomplete when `missing` is not empty).
    pub value: Value,
    /// Required data that is missing or unusable, each naming the field and how to fix it.
    pub missing: Vec<String>,
}

/// The verdict's label in a language (`ar`/`ar-*` → Arabic, anything else → English).
pub fn verdict_label(verdict: Verdict, language: &str) -> &'static str {
    match crate::report::Lang::for_tag(language) {
        crate::report::Lang::Ar => verdict.label_ar(),
        crate::report::Lang::En => verdict.label_en(),
    }
}

/// Words of `text` after [`fold`] (Arabic-aware matching form).
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// One-letter Arabic proclitics and the article that may be glued to a word (`والصحيح`).
const PREFIXES: &[&str] = &[
    "", "و", "ف", "ب", "ل", "ال", "وال", "فال", "بال", "لل", "ولل",
];

/// The first verdict label (English or Arabic, any case, whole words, Arabic proclitics
/// allowed) found in `text`, as written in the label.
pub fn verdict_word_in(text: &str) -> Option<&'static str> {
    let tokens = words(text);
    for v in Verdict::ALL {
        for label in [v.label_en(), v.label_ar()] {
            let needle = words(label);
            if needle.is_empty() || needle.len() > tokens.len() {
                continue;
            }
            let hit = tokens.windows(needle.len()).any(|window| {
                window.iter().zip(&needle).enumerate().all(|(i, (t, n))| {
                    t == n || (i == 0 && PREFIXES.iter().any(|p| *t == format!("{p}{n}")))
                })
            });
            if hit {
                return Some(label);
            }
        }
    }
    None
}

/// `text` cut at a word boundary to at most `max` characters, with `…` when cut.
pub fn cut_at_word(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let extra = if out.is_empty() { 0 } else { 1 } + word.chars().count();
        if out.chars().count() + extra + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max - 1).collect();
    }
    let trimmed = out.trim_end_matches(|c: char| !c.is_alphanumeric() && !safety::is_stripped(c));
    format!("{trimmed}…")
}

/// True for an absolute `http`/`https` URL with a host and no white space or control character
/// inside (the URL parser drops tabs and newlines; the string as given is what is published).
pub fn is_absolute_http(url: &str) -> bool {
    match url::Url::parse(url) {
        Ok(u) => {
            matches!(u.scheme(), "http" | "https")
                && u.host().is_some()
                && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        Err(_) => false,
    }
}

/// Builds the ClaimReview of `claim` for `publisher`. Text is cleaned ([`safety::clean`]):
/// no control or bidi-override character reaches a published document.
pub fn build(claim: &ReviewedClaim, publisher: &Publisher) -> Built {
    let id = claim.claim.id;
    let article = &claim.article.article;
    let language = claim.language().to_string();
    let mut missing = Vec::new();
    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));

    // claimReviewed
    let claim_reviewed = match claim.summary.as_deref().map(safety::clean) {
        Some(s) if !s.is_empty() => s,
        _ => cut_at_word(&safety::clean(&claim.claim.claim.text), CLAIM_REVIEWED_MAX),
    };
    if let Some(word) = verdict_word_in(&claim_reviewed) {
        missing.push(format!(
            "claimReviewed contains the verdict word '{word}': set a short summary without it \
             (claimtrack verdict {id} --summary TEXT)"
        ));
    }
    review.insert("claimReviewed".into(), json!(claim_reviewed));

    // reviewRating
    match claim.claim.verdict {
        Some(verdict) => {
            let mut rating = Map::new();
            rating.insert("@type".into(), json!("Rating"));
            rating.insert(
                "alternateName".into(),
                json!(verdict_label(verdict, &language)),
            );
            if let Some(value) = verdict.rating_value() {
                rating.insert("ratingValue".into(), json!(value));
                rating.insert("bestRating".into(), json!(5));
                rating.insert("worstRating".into(), json!(1));
            }
            if let Some(text) = claim.explanation.as_deref().map(safety::clean) {
                if !text.is_empty() {
                    rating.insert("ratingExplanation".into(), json!(text));
                }
            }
            review.insert("reviewRating".into(), Value::Object(rating));
        }
        None => missing.push(format!(
            "reviewRating: the claim has no verdict (claimtrack verdict {id} --set RATING)"
        )),
    }

    // url
    match claim.review_url.as_deref() {
        Some(u) if is_absolute_http(u) => {
            review.insert("url".into(), json!(u));
        }
        Some(u) => missing.push(format!(
            "url: '{}' is not an absolute http(s) URL (claimtrack verdict {id} --url URL)",
            safety::line(u)
        )),
        None => missing.push(format!(
            "url: the fact-check's URL (claimtrack verdict {id} --url URL)"
        )),
    }

    // author: the desk
    let mut author = Map::new();
    author.insert("@type".into(), json!("Organization"));
    if let Some(name) = publisher.name.as_deref().map(safety::clean) {
        if !name.is_empty() {
            author.insert("name".into(), json!(name));
        }
    }
    if let Some(u) = publisher.url.as_deref().filter(|u| is_absolute_http(u)) {
        author.insert("url".into(), json!(u));
    }
    if author.contains_key("name") {
        review.insert("author".into(), Value::Object(author));
    } else {
        missing.push("author: the publishing desk (--publisher NAME [--publisher-url URL])".into());
    }

    // datePublished: when the verdict was published
    match claim.reviewed_at {
        Some(at) => {
            review.insert(
                "datePublished".into(),
                json!(at.format("%Y-%m-%d").to_string()),
            );
        }
        None => missing.push(format!(
            "datePublished: the claim's verdict is not published (claimtrack status {id} --set \
             published)"
        )),
    }
    review.insert("inLanguage".into(), json!(language));

    // itemReviewed: the claim where it appeared
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if let Some(name) = claim.claimant.as_deref().map(safety::clean) {
        if !name.is_empty() {
            // schema.org type from the claimant entity when the claim has one (a person unless
            // it is an organisation).
            let kind = match claim.claim.claim.claimant.as_ref().map(|e| e.kind) {
                Some(claimtrack_model::EntityKind::Organisation) => "Organization",
                _ => "Person",
            };
            item.insert("author".into(), json!({"@type": kind, "name": name}));
        }
    }
    let published = article.published.map(|d| d.format("%Y-%m-%d").to_string());
    match &published {
        Some(date) => {
            item.insert("datePublished".into(), json!(date));
        }
        None => missing.push(format!(
            "itemReviewed.datePublished: the publication date of article {} (import it with \
             --published YYYY-MM-DD)",
            claim.article.id
        )),
    }
    match article.url.as_deref() {
        Some(u) if is_absolute_http(u) => {
            let mut appearance = Map::new();
            appearance.insert("@type".into(), json!("NewsArticle"));
            appearance.insert("url".into(), json!(u));
            if let Some(title) = article.title.as_deref().map(safety::clean) {
                if !title.is_empty() {
                    appearance.insert("headline".into(), json!(title));
                }
            }
            if let Some(date) = &published {
                appearance.insert("datePublished".into(), json!(date));
            }
            item.insert("appearance".into(), Value::Object(appearance));
        }
        _ => missing.push(format!(
            "itemReviewed.appearance: the URL of article {} (import it with --url URL)",
            claim.article.id
        )),
    }
    review.insert("itemReviewed".into(), Value::Object(item));

    Built {
        claim_id: id,
        value: Value::Object(review),
        missing,
    }
}

/// Serialises ClaimReview objects: a pretty JSON array, or JSON Lines (one compact object per
/// line). Control and bidi characters left in strings are written as `\uXXXX` escapes.
pub fn to_json(values: &[Value], jsonl: bool) -> String {
    let text = if jsonl {
        values
            .iter()
            .map(|v| serde_json::to_string(v).expect("JSON values serialise") + "\n")
            .collect()
    } else {
        serde_json::to_string_pretty(values).expect("JSON values serialise") + "\n"
    };
    safety::json_escape_unsafe(text)
}
