//! Flat exports of reviewed claims for spreadsheets and scripts: CSV (RFC 4180 via the `csv`
//! crate, UTF-8, optional BOM for Excel, OWASP formula guard) and JSON Lines.
//!
//! Both carry the same columns, [`COLUMNS`]; text cells in CSV go through
//! [`crate::safety::csv_cell`] (control and bidi characters made visible as `\u{…}`, formula
//! starts prefixed with `'`), JSON Lines keeps the exact text with `\uXXXX` escapes.

use std::io::Write;

use serde::Serialize;

use crate::claimreview::verdict_label;
use crate::data::ReviewedClaim;
use crate::report::time;
use crate::safety;

/// The UTF-8 byte-order mark written first by `--bom` (Excel reads UTF-8 only with it).
pub const BOM: &str = "\u{feff}";

/// The header row of the CSV export, in order (also the keys of each JSON Lines object).
pub const COLUMNS: &[&str] = &[
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "article_published",
    "claim",
    "kind",
    "score",
    "check_worthy",
    "status",
    "verdict",
    "verdict_label",
    "rating_value",
    "summary",
    "explanation",
    "review_url",
    "reviewed_at",
    "assignee",
];

/// One exported claim (a CSV row, a JSON Lines object).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Claim id.
    pub claim_id: i64,
    /// Article id.
    pub article_id: i64,
    /// Article title.
    pub article_title: Option<String>,
    /// Article URL.
    pub article_url: Option<String>,
    /// Article publication date, `YYYY-MM-DD`.
    pub article_published: Option<String>,
    /// Claim text, exactly as stored.
    pub claim: String,
    /// Claim kind (snake_case).
    pub kind: String,
    /// Check-worthiness, two decimals.
    pub score: String,
    /// Score at or above the threshold.
    pub check_worthy: bool,
    /// Workflow status (snake_case).
    pub status: String,
    /// Verdict (snake_case), when set.
    pub verdict: Option<String>,
    /// Verdict label in the claim's language.
    pub verdict_label: Option<String>,
    /// 1–5 for ordinal verdicts.
    pub rating_value: Option<u8>,
    /// Fact-checker's summary.
    pub summary: Option<String>,
    /// Verdict explanation.
    pub explanation: Option<String>,
    /// Fact-check URL.
    pub review_url: Option<String>,
    /// When the verdict was published, RFC 3339 UTC.
    pub reviewed_at: Option<String>,
    /// Assigned fact-checker.
    pub assignee: Option<String>,
}

impl Row {
    /// The export row of a claim.
    pub fn new(c: &ReviewedClaim) -> Row {
        let article = &c.article.article;
        Row {
            claim_id: c.claim.id,
            article_id: c.claim.article_id,
            article_title: article.title.clone(),
            article_url: article.url.clone(),
            article_published: article.published.map(|d| d.format("%Y-%m-%d").to_string()),
            claim: c.claim.claim.text.clone(),
            kind: c.claim.claim.kind.to_string(),
            score: format!("{:.2}", c.claim.claim.score),
            check_worthy: c.is_check_worthy(),
            status: c.claim.status.to_string(),
            verdict: c.claim.verdict.map(|v| v.to_string()),
            verdict_label: c
                .claim
                .verdict
                .map(|v| verdict_label(v, c.language()).to_string()),
            rating_value: c.claim.verdict.and_then(|v| v.rating_value()),
            summary: c.summary.clone(),
            explanation: c.explanation.clone(),
            review_url: c.review_url.clone(),
            reviewed_at: c.reviewed_at.as_ref().map(time),
            assignee: c.assignee.clone(),
        }
    }

    fn cells(&self) -> Vec<String> {
        let text = |s: &Option<String>| s.as_deref().map(safety::csv_cell).unwrap_or_default();
        vec![
            self.claim_id.to_string(),
            self.article_id.to_string(),
            text(&self.article_title),
            text(&self.article_url),
            text(&self.article_published),
            safety::csv_cell(&self.claim),
            self.kind.clone(),
            self.score.clone(),
            self.check_worthy.to_string(),
            self.status.clone(),
            self.verdict.clone().unwrap_or_default(),
            text(&self.verdict_label),
            self.rating_value.map(|v| v.to_string()).unwrap_or_default(),
            text(&self.summary),
            text(&self.explanation),
            text(&self.review_url),
            text(&self.reviewed_at),
            text(&self.assignee),
        ]
    }
}

/// Writes the CSV export: optional BOM, header row ([`COLUMNS`]), one row per claim.
///
/// Errors: I/O errors of `out` (as `csv::Error`).
pub fn write_csv(out: &mut dyn Write, claims: &[ReviewedClaim], bom: bool) -> csv::Result<()> {
    if bom {
        out.write_all(BOM.as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for c in claims {
        w.write_record(Row::new(c).cells())?;
    }
    w.flush()?;
    Ok(())
}

/// The JSON Lines export: one compact [`Row`] object per line, unsafe characters escaped.
pub fn to_jsonl(claims: &[ReviewedClaim]) -> String {
    let text: String = claims
        .iter()
        .map(|c| serde_json::to_string(&Row::new(c)).expect("rows serialise") + "\n")
        .collect();
    safety::json_escape_unsafe(text)
}
