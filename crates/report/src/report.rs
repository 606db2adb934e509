//! The desk report as data: per article its metadata, counts and check-worthy claims, then the
//! desk-wide summary. [`Report`] is what `report.json` holds (a documented, stable shape) and
//! what the Markdown, HTML and terminal renderers read.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};
use claimtrack_model::{
    Action, ClaimKind, Field, HistoryEntry, Status, Verdict, CHECK_WORTHY_THRESHOLD,
};
use serde::Serialize;

use crate::claimreview::is_absolute_http;
use crate::data::{ArticleClaims, Evidence, ReviewedClaim};

/// Version of the `report.json` shape; bumped only when a key is renamed or removed.
pub const REPORT_VERSION: u32 = 1;

/// Number of bins of the check-worthiness histogram (`[0, 0.1)`, …, `[0.9, 1]`).
pub const HISTOGRAM_BINS: usize = 10;

/// The language of a report's headings and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic, right to left (the default: the desk's language).
    #[default]
    Ar,
    /// English, left to right.
    En,
}

impl Lang {
    /// The BCP 47 tag (`ar`, `en`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The HTML `dir` of the language: `rtl` or `ltr`.
    pub fn dir(&self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    /// The report language for a BCP 47 tag: Arabic for `ar` and `ar-*`, else English.
    pub fn for_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ar") {
            Lang::Ar
        } else {
            Lang::En
        }
    }

    /// Picks the Arabic or the English text.
    pub fn pick<'a>(&self, ar: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ar => ar,
            Lang::En => en,
        }
    }

    /// The label of a status in this language.
    pub fn status(&self, status: Status) -> &'static str {
        match self {
            Lang::Ar => status.label_ar(),
            Lang::En => match status {
                Status::Unverified => "Unverified",
                Status::InProgress => "In progress",
                Status::InReview => "In review",
                Status::Published => "Published",
                Status::Dismissed => "Dismissed",
            },
        }
    }

    /// The label of a verdict in this language; `None` is "no verdict yet".
    pub fn verdict(&self, verdict: Option<Verdict>) -> &'static str {
        match (self, verdict) {
            (Lang::Ar, Some(v)) => v.label_ar(),
            (Lang::En, Some(v)) => v.label_en(),
            (Lang::Ar, None) => "بلا حكم بعد",
            (Lang::En, None) => "No verdict yet",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = String;

    /// `ar` or `en` (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" => Ok(Lang::Ar),
            "en" => Ok(Lang::En),
            _ => Err(format!(
                "unknown report language '{s}' (expected one of: ar, en)"
            )),
        }
    }
}

/// Where and when a report was made, and in which language.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// The database the report was read from, as the user named it.
    pub source: String,
    /// When the report was generated (from the caller's clock).
    pub generated_at: DateTime<Utc>,
    /// Language of headings and labels.
    pub lang: Lang,
}

/// RFC 3339 UTC with `Z`, fractional seconds only when non-zero.
pub fn time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The whole report (`report.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// [`REPORT_VERSION`].
    pub version: u32,
    /// The database read.
    pub source: String,
    /// Generation time, RFC 3339 UTC.
    pub generated_at: String,
    /// Language of the labels (`ar` or `en`).
    pub language: Lang,
    /// Check-worthiness threshold (claims at or above it are listed).
    pub threshold: f64,
    /// The articles, in id order.
    pub articles: Vec<ArticleReport>,
    /// Desk-wide totals.
    pub summary: Summary,
}

/// Desk-wide totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Number of articles in the report.
    pub articles: usize,
    /// Counts over every claim of those articles.
    pub counts: Counts,
}

/// One article of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReport {
    /// Store id.
    pub id: i64,
    /// Title, when known.
    pub title: Option<String>,
    /// Source URL, when known and an absolute http(s) URL: any other value (stored before
    /// import validated URLs) is left out, so a report never renders `javascript:` or the like.
    pub url: Option<String>,
    /// BCP 47 language of the text.
    pub language: String,
    /// Dateline place.
    pub dateline: Option<String>,
    /// Byline author.
    pub author: Option<String>,
    /// News agency.
    pub agency: Option<String>,
    /// Publication date `YYYY-MM-DD`, when known.
    pub published: Option<String>,
    /// SHA-256 of the text, lowercase hex.
    pub sha256: String,
    /// Import time, RFC 3339 UTC.
    pub imported_at: String,
    /// Who imported it.
    pub imported_by: String,
    /// Counts over all the article's claims.
    pub counts: Counts,
    /// The check-worthy claims, in text order.
    pub claims: Vec<ClaimReport>,
}

/// Counts of claims (all of them, and the check-worthy ones) by status, verdict and score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counts {
    /// Number of claims.
    pub claims: usize,
    /// Number of check-worthy claims.
    pub check_worthy: usize,
    /// One row per status, in workflow order, zeros included.
    pub by_status: Vec<StatusCount>,
    /// One row per verdict in scale order, then "no verdict yet" (`verdict: null`).
    pub by_verdict: Vec<VerdictCount>,
    /// Check-worthiness histogram: [`HISTOGRAM_BINS`] bins of width 0.1, the last one closed.
    pub score_histogram: Vec<Bin>,
}

/// Claims with one status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusCount {
    /// The status.
    pub status: Status,
    /// Its label in the report language.
    pub label: String,
    /// Claims with it.
    pub claims: usize,
    /// Check-worthy claims with it.
    pub check_worthy: usize,
}

/// Claims with one verdict (or none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerdictCount {
    /// The verdict, `null` for claims without one.
    pub verdict: Option<Verdict>,
    /// Its label in the report language.
    pub label: String,
    /// Its value on the 1–5 scale, `null` for non-ordinal verdicts.
    pub rating_value: Option<u8>,
    /// Claims with it.
    pub claims: usize,
    /// Check-worthy claims with it.
    pub check_worthy: usize,
}

/// One histogram bin: claims with `from <= score < to` (`<= 1` for the last).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bin {
    /// Lower bound.
    pub from: f64,
    /// Upper bound.
    pub to: f64,
    /// Claims in the bin.
    pub claims: usize,
}

/// A check-worthy claim of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimReport {
    /// Store id.
    pub id: i64,
    /// Position in the article.
    pub seq: u32,
    /// The claim text, exactly as stored.
    pub text: String,
    /// Claim type.
    pub kind: ClaimKind,
    /// Check-worthiness in `[0, 1]`.
    pub score: f64,
    /// Workflow status.
    pub status: Status,
    /// Its label in the report language.
    pub status_label: String,
    /// Verdict, `null` until set.
    pub verdict: Option<Verdict>,
    /// Its label in the report language ("no verdict yet" when unset).
    pub verdict_label: String,
    /// 1–5 for ordinal verdicts, else `null`.
    pub rating_value: Option<u8>,
    /// Assigned fact-checker, when recorded.
    pub assignee: Option<String>,
    /// Fact-checker's summary of the claim, when recorded.
    pub summary: Option<String>,
    /// Explanation of the verdict, when recorded.
    pub explanation: Option<String>,
    /// URL of the published fact-check, when recorded and an absolute http(s) URL.
    pub review_url: Option<String>,
    /// When the verdict was published, RFC 3339 UTC.
    pub reviewed_at: Option<String>,
    /// Sources consulted.
    pub evidence: Vec<Evidence>,
    /// Every change, oldest first.
    pub history: Vec<Change>,
}

/// One history entry of a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What changed: `status`, `verdict`, `explanation`, `evidence`…
    pub field: Field,
    /// `set`, `add` or `remove`.
    pub action: Action,
    /// Value before (snake_case name), `null` when unset.
    pub from: Option<String>,
    /// Value after.
    pub to: Option<String>,
    /// Why.
    pub note: Option<String>,
    /// Who.
    pub by: String,
    /// When, RFC 3339 UTC.
    pub at: String,
}

impl From<&HistoryEntry> for Change {
    fn from(h: &HistoryEntry) -> Self {
        Change {
            field: h.field,
            action: h.action,
            from: h.from.clone(),
            to: h.to.clone(),
            note: h.note.clone(),
            by: h.by.clone(),
            at: time(&h.at),
        }
    }
}

impl Counts {
    /// Number of claims whose status is `published`.
    pub fn published(&self) -> usize {
        self.by_status
            .iter()
            .filter(|s| s.status == Status::Published)
            .map(|s| s.claims)
            .sum()
    }

    /// Number of claims that have a verdict.
    pub fn with_verdict(&self) -> usize {
        self.by_verdict
            .iter()
            .filter(|v| v.verdict.is_some())
            .map(|v| v.claims)
            .sum()
    }

    /// Counts over `claims`, labels in `lang`.
    pub fn of<'a>(claims: impl IntoIterator<Item = &'a ReviewedClaim>, lang: Lang) -> Counts {
        let mut counts = Counts {
            claims: 0,
            check_worthy: 0,
            by_status: Status::ALL
                .iter()
                .map(|&status| StatusCount {
                    status,
                    label: lang.status(status).to_string(),
                    claims: 0,
                    check_worthy: 0,
                })
                .collect(),
            by_verdict: Verdict::ALL
                .iter()
                .map(|v| Some(*v))
                .chain([None])
                .map(|verdict| VerdictCount {
                    verdict,
                    label: lang.verdict(verdict).to_string(),
                    rating_value: verdict.and_then(|v| v.rating_value()),
                    claims: 0,
                    check_worthy: 0,
                })
                .collect(),
            score_histogram: (0..HISTOGRAM_BINS)
                .map(|i| Bin {
                    from: i as f64 / HISTOGRAM_BINS as f64,
                    to: (i + 1) as f64 / HISTOGRAM_BINS as f64,
                    claims: 0,
                })
                .collect(),
        };
        for c in claims {
            let worthy = usize::from(c.is_check_worthy());
            counts.claims += 1;
            counts.check_worthy += worthy;
            if let Some(s) = counts
                .by_status
                .iter_mut()
                .find(|s| s.status == c.claim.status)
            {
                s.claims += 1;
                s.check_worthy += worthy;
            }
            if let Some(v) = counts
                .by_verdict
                .iter_mut()
                .find(|v| v.verdict == c.claim.verdict)
            {
                v.claims += 1;
                v.check_worthy += worthy;
            }
            let score = c.claim.claim.score;
            if score.is_finite() {
                let bin = ((score * HISTOGRAM_BINS as f64).floor().max(0.0) as usize)
                    .min(HISTOGRAM_BINS - 1);
                counts.score_histogram[bin].claims += 1;
            }
        }
        counts
    }
}

impl ClaimReport {
    /// The report row of a claim, labels in `lang`.
    pub fn new(c: &ReviewedClaim, lang: Lang) -> ClaimReport {
        ClaimReport {
            id: c.claim.id,
            seq: c.claim.seq,
            text: c.claim.claim.text.clone(),
            kind: c.claim.claim.kind,
            score: c.claim.claim.score,
            status: c.claim.status,
            status_label: lang.status(c.claim.status).to_string(),
            verdict: c.claim.verdict,
            verdict_label: lang.verdict(c.claim.verdict).to_string(),
            rating_value: c.claim.verdict.and_then(|v| v.rating_value()),
            assignee: c.assignee.clone(),
            summary: c.summary.clone(),
            explanation: c.explanation.clone(),
            review_url: c.review_url.clone().filter(|u| is_absolute_http(u)),
            reviewed_at: c.reviewed_at.as_ref().map(time),
            evidence: c.evidence.clone(),
            history: c.history.iter().map(Change::from).collect(),
        }
    }
}

/// Builds the report of `articles` (each with **all** its claims): counts cover every claim,
/// the claim lists only the check-worthy ones.
pub fn build(provenance: &Provenance, articles: &[ArticleClaims]) -> Report {
    let lang = provenance.lang;
    let reports = articles
        .iter()
        .map(|a| {
            let stored = &a.article;
            let art = &stored.article;
            ArticleReport {
                id: stored.id,
                title: art.title.clone(),
                url: art.url.clone().filter(|u| is_absolute_http(u)),
                language: art.language.clone(),
                dateline: art.dateline.clone(),
                author: art.author.clone(),
                agency: art.agency.clone(),
                published: art.published.map(|d| d.format("%Y-%m-%d").to_string()),
                sha256: art.sha256.clone(),
                imported_at: time(&stored.imported_at),
                imported_by: stored.imported_by.clone(),
                counts: Counts::of(&a.claims, lang),
                claims: a
                    .claims
                    .iter()
                    .filter(|c| c.is_check_worthy())
                    .map(|c| ClaimReport::new(c, lang))
                    .collect(),
            }
        })
        .collect();
    Report {
        version: REPORT_VERSION,
        source: provenance.source.clone(),
        generated_at: time(&provenance.generated_at),
        language: lang,
        threshold: CHECK_WORTHY_THRESHOLD,
        articles: reports,
        summary: Summary {
            articles: articles.len(),
            counts: Counts::of(articles.iter().flat_map(|a| &a.claims), lang),
        },
    }
}

/// `report.json`: pretty JSON plus a newline. Strings keep the stored text exactly; control and
/// bidi characters are written as `\uXXXX` escapes ([`crate::safety::json_escape_unsafe`]).
pub fn to_json(report: &Report) -> String {
    let json = serde_json::to_string_pretty(report).expect("a report always serialises");
    crate::safety::json_escape_unsafe(json) + "\n"
}
