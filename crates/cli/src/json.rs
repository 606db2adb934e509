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
//!    "claimant": {"kind", "text", "span", "value"} | null,
//!    "status", "verdict", "revision"}
//!   ```
//!   `span`s are UTF-8 byte offsets, half-open, into the article text (`text ==
//!   article.text[start..end]`); `score` is in `[0, 1]`; `kind`, `reasons`, `status` and
//!   `verdict` are snake_case names (`verdict` is `null` until one is set); `value` is the
//!   normalised entity value or `null`; `relative` appears (as `true`) only on relative dates;
//!   `claimant` is who makes the claim (the named speaker of its reported speech or quotation:
//!   a `person` or `organisation` mention whose span may lie outside the claim's, in its
//!   sentence), always present, `null` when no speaker is named;
//!   `revision` counts the recorded changes of the claim.
//! - `claimtrack show ID --format json` prints a `<claim>` plus the tracking fields
//!   `"assignee", "explanation", "summary", "review_url", "published_at"` (each `null` when
//!   unset), `"context": {"span", "text"}` (the sentence the claim was cut from),
//!   `"evidence": [{"id", "claim_id", "url", "title", "note", "stance", "added_by", "added_at"}]`,
//!   `"notes": [{"id", "text", "by", "at"}]` and `"history": [<change>…]`.
//! - `claimtrack history ID --format json` prints an array of `<change>`:
//!   `{"field", "from", "to", "note", "by", "at", "revision"}` plus, only when they apply,
//!   `"action": "add"|"remove"` (evidence, notes), `"forced": true`, `"reopen": true`,
//!   `"undoes": N` (the revision an undo reverted), `"evidence_id"`, `"note_id"`. `field` is one
//!   of `status, verdict, explanation, summary, review_url, published_at, assignee, evidence,
//!   note`; `from`/`to` are snake_case names for status and verdict, text otherwise, `null` when
//!   unset; `at` is RFC 3339 UTC ending in `Z`; the entries of one change share `revision`.
//! - Writes (`status`, `verdict`, `assign`, `evidence add|rm`, `note`, `undo`) with
//!   `--format json` print an array, one object per claim:
//!   `{"claim_id", "changed", "forced", "revision", "undoes"?, "dry_run", "fields": [{"field",
//!   "action", "from", "to", "evidence_id"?, "note_id"?}]}`.
//! - `queue --format json`: `<claim>` objects plus the tracking fields; `search --format json`:
//!   `<claim>` objects plus `"article_title"`, `"rank"` (lower is better: BM25 on
//!   SQLite, minus `ts_rank` on PostgreSQL; the scales differ) and `"snippet"`
//!   (matching words in `[` `]`); `evidence list --format json`: the evidence objects above;
//!   `db check --format json`: `[{"check", "message"}]` (empty when healthy).
//!
//! Dates: `published` is `YYYY-MM-DD` or `null`; `imported_at` and `at` are RFC 3339 UTC with `Z`.

use chrono::{DateTime, SecondsFormat, Utc};
use claimtrack_model::{
    Action, ClaimKind, Entity, EntityKind, Field, HistoryEntry, Reason, Span, Status, StoredClaim,
    Verdict,
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
    pub claimant: Option<ClaimantJson>,
    pub status: Status,
    pub verdict: Option<Verdict>,
    pub revision: i64,
    /// The stored best library match (`claims`, `show`, `import`), absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seen: Option<SeenJson>,
}

/// The best earlier fact-check stored with a claim (at or above *suggest*): `seen` of a claim
/// object; the `seen` column of the `claims` table shows the same.
#[derive(Debug, Serialize)]
pub struct SeenJson {
    /// The fact-check (`match` and `verdict --from-match` take it).
    pub factcheck_id: i64,
    /// Same-claim probability 0..1.
    pub score: f64,
    /// At or above the strong threshold.
    pub strong: bool,
}

impl ClaimJson {
    /// With the claim's stored best match, when it has one.
    pub fn with_seen(mut self, m: Option<&claimtrack_store::ClaimMatch>) -> Self {
        self.seen = m.map(|m| SeenJson {
            factcheck_id: m.factcheck_id,
            score: m.score,
            strong: m.strong,
        });
        self
    }

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
            claimant: c.claim.claimant.as_ref().map(ClaimantJson::from),
            status: c.status,
            verdict: c.verdict,
            revision,
            seen: None,
        }
    }
}

/// Who makes a claim: a person or organisation mention (`claimant` of a claim object).
#[derive(Debug, Serialize)]
pub struct ClaimantJson {
    pub kind: EntityKind,
    pub text: String,
    pub span: Span,
    pub value: Option<String>,
}

impl From<&Entity> for ClaimantJson {
    fn from(e: &Entity) -> Self {
        ClaimantJson {
            kind: e.kind,
            text: e.text.clone(),
            span: e.span,
            value: e.value.clone(),
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

/// One history entry (`history`, `show` output). `action` appears unless it is `set`;
/// `forced`, `reopen` only when true; `undoes`, `evidence_id`, `note_id` only when set.
#[derive(Debug, Serialize)]
pub struct ChangeJson {
    pub field: Field,
    #[serde(skip_serializing_if = "is_set")]
    pub action: Action,
    pub from: Option<String>,
    pub to: Option<String>,
    pub note: Option<String>,
    pub by: String,
    pub at: String,
    pub revision: i64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub forced: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reopen: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undoes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_id: Option<i64>,
}

fn is_set(a: &Action) -> bool {
    *a == Action::Set
}

impl From<&HistoryEntry> for ChangeJson {
    fn from(h: &HistoryEntry) -> Self {
        ChangeJson {
            field: h.field,
            action: h.action,
            from: h.from.clone(),
            to: h.to.clone(),
            note: h.note.clone(),
            by: h.by.clone(),
            at: time(&h.at),
            revision: h.revision,
            forced: h.forced,
            reopen: h.reopen,
            undoes: h.undoes,
            evidence_id: h.evidence_id,
            note_id: h.note_id,
        }
    }
}

/// The tracking fields beyond status and verdict (`show`, `queue` output).
#[derive(Debug, Serialize)]
pub struct TrackingJson {
    pub assignee: Option<String>,
    pub explanation: Option<String>,
    pub summary: Option<String>,
    pub review_url: Option<String>,
    pub published_at: Option<String>,
}

impl From<&StoredClaim> for TrackingJson {
    fn from(c: &StoredClaim) -> Self {
        TrackingJson {
            assignee: c.assignee.clone(),
            explanation: c.explanation.clone(),
            summary: c.summary.clone(),
            review_url: c.review_url.clone(),
            published_at: c.published_at.as_ref().map(time),
        }
    }
}

/// A free comment (`show` output).
#[derive(Debug, Serialize)]
pub struct NoteJson {
    pub id: i64,
    pub text: String,
    pub by: String,
    pub at: String,
}

/// A queue entry: the claim object plus its tracking fields.
#[derive(Debug, Serialize)]
pub struct QueueJson {
    #[serde(flatten)]
    pub claim: ClaimJson,
    #[serde(flatten)]
    pub tracking: TrackingJson,
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
    #[serde(flatten)]
    pub tracking: TrackingJson,
    pub context: ContextJson,
    pub evidence: Vec<crate::commands::evidence::EvidenceJson>,
    pub notes: Vec<NoteJson>,
    pub history: Vec<ChangeJson>,
}
