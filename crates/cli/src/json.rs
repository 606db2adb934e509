//! The JSON output contract: stable shapes scripts may rely on, separate from storage rows.
//!
//! Field names and meanings below only ever grow (new keys may be added; none is renamed or
//! removed without a major version). Strings hold the stored text exactly; characters unsafe for a
//! terminal are written as JSON `\uXXXX` escapes (see [`crate::safety`]), which parse back to the
//! same string.
//!
//! - `claimtrack import --format json` prints an [`ImportJson`]:
//!   ```text
//!   {"article": {"id", "sha256", "title", "url", "language", "dateline", "author", "agency",
//!                "headings": [], "published", "imported_at"},
//!    "duplicate": bool,
//!    "claims": [<claim>…],          every claim candidate of the article, text order
//!    "diagnostics": [{"message", "span"}]}
//!   ```
//! - `claimtrack claims --format json` prints an array of `<claim>`:
//!   ```text
//!   {"id", "article_id", "text", "span": {"start", "end"}, "score", "check_worthy", "kind",
//!    "reasons": [], "entities": [{"kind", "text", "span", "value", "relative"?}],
//!    "status", "verdict", "revision"}
//!   ```
//!   `span`s are UTF-8 byte offsets, half-open, into the article text (`text ==
//!   article.text[start..end]`); `score` is in `[0, 1]`; `kind`, `reasons`, `status` and
//!   `verdict` are snake_case names (`verdict` is `null` until one is set); `value` is the
//!   normalised entity value or `null`; `relative` appears (as `true`) only on relative dates;
//!   `revision` counts the recorded changes of the claim.
//! - `claimtrack show ID --format json` prints a `<claim>` plus `"context": {"span", "text"}`
//!   (the sentence the claim was cut from) and `"history": [<change>…]`.
//! - `claimtrack history ID --format json` prints an array of `<change>`:
//!   `{"field": "status"|"verdict", "from", "to", "note", "by", "at"}`; `from`/`to` are
//!   snake_case names or `null` (no verdict yet), `at` is RFC 3339 UTC ending in `Z`.
//!
//! Dates: `published` is `YYYY-MM-DD` or `null`; `imported_at` and `at` are RFC 3339 UTC with `Z`.

use chrono::{DateTime, SecondsFormat, Utc};
use claimtrack_model::{
    ClaimKind, Entity, Field, HistoryEntry, Reason, Span, Status, StoredClaim, Verdict,
};
use claimtrack_store::StoredArticle;
use serde::Serialize;

/// RFC 3339 UTC with `Z`, fractional seconds only when non-zero.
pub fn time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// An article (`import` output).
#[derive(Debug, Serialize)]
pub struct ArticleJson {
    pub id: i64,
    pub sha256: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub language: String,
    pub dateline: Option<String>,
    pub author: Option<String>,
    pub agency: Option<String>,
    pub headings: Vec<String>,
    pub published: Option<String>,
    pub imported_at: String,
}

impl From<&StoredArticle> for ArticleJson {
    fn from(a: &StoredArticle) -> Self {
        let art = &a.article;
        ArticleJson {
            id: a.id,
            sha256: art.sha256.clone(),
            title: art.title.clone(),
            url: art.url.clone(),
            language: art.language.clone(),
            dateline: art.dateline.clone(),
            author: art.author.clone(),
            agency: art.agency.clone(),
            headings: art.headings.clone(),
            published: art.published.map(|d| d.format("%Y-%m-%d").to_string()),
            imported_at: time(&a.imported_at),
        }
    }
}

/// A claim (`import`, `claims`, `show` output).
#[derive(Debug, Serialize)]
pub struct ClaimJson {
    pub id: i64,
    pub article_id: i64,
    pub text: String,
    pub span: Span,
    pub score: f64,
    pub check_worthy: bool,
    pub kind: ClaimKind,
    pub reasons: Vec<Reason>,
    pub entities: Vec<Entity>,
    pub status: Status,
    pub verdict: Option<Verdict>,
    pub revision: i64,
}

impl ClaimJson {
    /// `revision` comes from the store (it is not part of [`StoredClaim`]).
    pub fn new(c: &StoredClaim, revision: i64) -> Self {
        ClaimJson {
            id: c.id,
            article_id: c.article_id,
            text: c.claim.text.clone(),
            span: c.claim.span,
            score: c.claim.score,
            check_worthy: c.claim.check_worthy,
            kind: c.claim.kind,
            reasons: c.claim.reasons.clone(),
            entities: c.claim.entities.clone(),
            status: c.status,
            verdict: c.verdict,
            revision,
        }
    }
}

/// An import diagnostic (a warning about odd input).
#[derive(Debug, Serialize)]
pub struct DiagnosticJson {
    pub message: String,
    pub span: Option<Span>,
}

/// `import --format json`.
#[derive(Debug, Serialize)]
pub struct ImportJson {
    pub article: ArticleJson,
    pub duplicate: bool,
    pub claims: Vec<ClaimJson>,
    pub diagnostics: Vec<DiagnosticJson>,
}

/// One history entry (`history`, `show` output).
#[derive(Debug, Serialize)]
pub struct ChangeJson {
    pub field: Field,
    pub from: Option<String>,
    pub to: Option<String>,
    pub note: Option<String>,
    pub by: String,
    pub at: String,
}

impl From<&HistoryEntry> for ChangeJson {
    fn from(h: &HistoryEntry) -> Self {
        ChangeJson {
            field: h.field,
            from: h.from.clone(),
            to: h.to.clone(),
            note: h.note.clone(),
            by: h.by.clone(),
            at: time(&h.at),
        }
    }
}

/// The sentence a claim was cut from.
#[derive(Debug, Serialize)]
pub struct ContextJson {
    pub span: Span,
    pub text: String,
}

/// `show --format json`: the claim object plus its context and history.
#[derive(Debug, Serialize)]
pub struct ShowJson {
    #[serde(flatten)]
    pub claim: ClaimJson,
    pub context: ContextJson,
    pub history: Vec<ChangeJson>,
}
