//! Conversions between model types and their stored text form, and row structs read raw from
//! either engine then parsed (so that a bad stored value is a [`StoreError::Corrupt`], not a panic).

use std::str::FromStr;

use crate::db::Row;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use claimtrack_model::{
    Action, Article, ClaimKind, Entity, Evidence, ExtractedClaim, Field, HistoryEntry, Note,
    Reason, Span, Stance, Status, StoredClaim, Verdict,
};

use crate::{Result, StoreError, StoredArticle};

/// Formats a UTC time as stored: RFC 3339 with `Z`, fractional seconds only when non-zero
/// (`2026-11-29T10:00:00Z`), so that it parses back to the same value.
pub(crate) fn format_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Parses a stored RFC 3339 time; `what` names the column for the error.
pub(crate) fn parse_time(s: &str, what: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("{what} '{s}' is not an RFC 3339 time: {e}")))
}

/// Formats a publication date as stored (`YYYY-MM-DD`).
pub(crate) fn format_date(d: &NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| StoreError::Corrupt(format!("published '{s}' is not a YYYY-MM-DD date: {e}")))
}

/// Parses a stored snake_case enum name; `what` names the column for the error.
pub(crate) fn parse_enum<T: FromStr<Err = claimtrack_model::ParseError>>(
    s: &str,
    what: &str,
    id: i64,
) -> Result<T> {
    s.parse()
        .map_err(|e| StoreError::Corrupt(format!("{what} of row {id}: {e}")))
}

fn parse_json<T: serde::de::DeserializeOwned>(s: &str, what: &str, id: i64) -> Result<T> {
    serde_json::from_str(s)
        .map_err(|e| StoreError::Corrupt(format!("{what} of row {id} is not valid JSON: {e}")))
}

fn offset(v: i64, what: &str, id: i64) -> Result<usize> {
    usize::try_from(v)
        .map_err(|_| StoreError::Corrupt(format!("{what} of claim {id} is negative ({v})")))
}

/// JSON text of a list of reasons (array of snake_case names).
pub(crate) fn reasons_json(reasons: &[Reason]) -> Result<String> {
    let names: Vec<&str> = reasons.iter().map(Reason::as_str).collect();
    serde_json::to_string(&names).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Checks the invariants the store guarantees on a claim before writing it: spans inside the
/// article text and on `char` boundaries, `text` equal to the text under `span`, entity spans
/// (and the claimant's) slicing their text, `score` a number in `[0, 1]`.
pub(crate) fn validate_claim(text: &str, seq: usize, claim: &ExtractedClaim) -> Result<()> {
    let bad = |reason: String| Err(StoreError::InvalidClaim { seq, reason });
    match claim.span.slice(text) {
        None => {
            return bad(format!(
                "span {:?} is outside the text or off a char boundary",
                claim.span
            ))
        }
        Some(s) if s != claim.text => {
            return bad(format!(
                "text {:?} differs from the article text under its span {s:?}",
                claim.text
            ))
        }
        Some(_) => {}
    }
    if claim.context_span.slice(text).is_none() {
        return bad(format!(
            "context span {:?} is outside the text or off a char boundary",
            claim.context_span
        ));
    }
    if !(0.0..=1.0).contains(&claim.score) {
        return bad(format!("score {} is not in [0, 1]", claim.score));
    }
    for entity in &claim.entities {
        if entity.span.slice(text) != Some(entity.text.as_str()) {
            return bad(format!(
                "entity {:?} at {:?} does not match the article text",
                entity.text, entity.span
            ));
        }
    }
    if let Some(c) = &claim.claimant {
        if c.span.slice(text) != Some(c.text.as_str()) {
            return bad(format!(
                "claimant {:?} at {:?} does not match the article text",
                c.text, c.span
            ));
        }
    }
    Ok(())
}

/// Columns read by [`ClaimRow::read`], in order.
pub(crate) const CLAIM_COLUMNS: &str = "id, article_id, seq, text, span_start, span_end, \
     context_start, context_end, score, check_worthy, kind, reasons, entities, status, verdict, \
     revision, assignee, explanation, summary, review_url, published_at, claimant";

/// A `claims` row as the database returns it.
pub(crate) struct ClaimRow {
    id: i64,
    article_id: i64,
    seq: i64,
    text: String,
    span: (i64, i64),
    context: (i64, i64),
    score: f64,
    check_worthy: bool,
    kind: String,
    reasons: String,
    entities: String,
    status: String,
    verdict: Option<String>,
    revision: i64,
    assignee: Option<String>,
    explanation: Option<String>,
    summary: Option<String>,
    review_url: Option<String>,
    published_at: Option<String>,
    claimant: Option<String>,
}

impl ClaimRow {
    /// Reads the columns of [`CLAIM_COLUMNS`].
    pub(crate) fn read(r: &Row) -> Result<Self> {
        Ok(ClaimRow {
            id: r.i64(0)?,
            article_id: r.i64(1)?,
            seq: r.i64(2)?,
            text: r.text(3)?,
            span: (r.i64(4)?, r.i64(5)?),
            context: (r.i64(6)?, r.i64(7)?),
            score: r.f64(8)?,
            check_worthy: r.bool(9)?,
            kind: r.text(10)?,
            reasons: r.text(11)?,
            entities: r.text(12)?,
            status: r.text(13)?,
            verdict: r.opt_text(14)?,
            revision: r.i64(15)?,
            assignee: r.opt_text(16)?,
            explanation: r.opt_text(17)?,
            summary: r.opt_text(18)?,
            review_url: r.opt_text(19)?,
            published_at: r.opt_text(20)?,
            claimant: r.opt_text(21)?,
        })
    }

    /// Parses the row into the model type.
    pub(crate) fn parse(self) -> Result<StoredClaim> {
        let id = self.id;
        let reasons: Vec<String> = parse_json(&self.reasons, "reasons", id)?;
        let entities: Vec<Entity> = parse_json(&self.entities, "entities", id)?;
        let claimant: Option<Entity> = self
            .claimant
            .as_deref()
            .map(|c| parse_json(c, "claimant", id))
            .transpose()?;
        Ok(StoredClaim {
            id,
            article_id: self.article_id,
            seq: u32::try_from(self.seq)
                .map_err(|_| StoreError::Corrupt(format!("seq of claim {id} is {}", self.seq)))?,
            claim: ExtractedClaim {
                text: self.text,
                span: Span {
                    start: offset(self.span.0, "span_start", id)?,
                    end: offset(self.span.1, "span_end", id)?,
                },
                context_span: Span {
                    start: offset(self.context.0, "context_start", id)?,
                    end: offset(self.context.1, "context_end", id)?,
                },
                score: self.score,
                check_worthy: self.check_worthy,
                kind: parse_enum::<ClaimKind>(&self.kind, "kind", id)?,
                reasons: reasons
                    .iter()
                    .map(|s| parse_enum::<Reason>(s, "reasons", id))
                    .collect::<Result<_>>()?,
                entities,
                claimant,
            },
            status: parse_enum::<Status>(&self.status, "status", id)?,
            verdict: self
                .verdict
                .as_deref()
                .map(|v| parse_enum::<Verdict>(v, "verdict", id))
                .transpose()?,
            revision: self.revision,
            assignee: self.assignee,
            explanation: self.explanation,
            summary: self.summary,
            review_url: self.review_url,
            published_at: self
                .published_at
                .as_deref()
                .map(|t| parse_time(t, "published_at"))
                .transpose()?,
        })
    }
}

/// Columns read by [`ArticleRow::read`], in order (`a` = articles).
pub(crate) const ARTICLE_COLUMNS: &str = "a.id, a.sha256, a.text, a.title, a.url, a.language, \
     a.published, a.dateline, a.author, a.agency, a.headings, a.imported_at, a.imported_by, \
     (SELECT count(*) FROM claims c WHERE c.article_id = a.id), \
     (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.check_worthy)";

/// An `articles` row (plus claim counts) as the database returns it.
pub(crate) struct ArticleRow {
    id: i64,
    sha256: String,
    text: String,
    title: Option<String>,
    url: Option<String>,
    language: String,
    published: Option<String>,
    dateline: Option<String>,
    author: Option<String>,
    agency: Option<String>,
    headings: String,
    imported_at: String,
    imported_by: String,
    claim_count: u32,
    check_worthy_count: u32,
}

impl ArticleRow {
    /// Reads the columns of [`ARTICLE_COLUMNS`].
    pub(crate) fn read(r: &Row) -> Result<Self> {
        let count = |i: usize| {
            let n = r.i64(i)?;
            u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("claim count {n}")))
        };
        Ok(ArticleRow {
            id: r.i64(0)?,
            sha256: r.text(1)?,
            text: r.text(2)?,
            title: r.opt_text(3)?,
            url: r.opt_text(4)?,
            language: r.text(5)?,
            published: r.opt_text(6)?,
            dateline: r.opt_text(7)?,
            author: r.opt_text(8)?,
            agency: r.opt_text(9)?,
            headings: r.text(10)?,
            imported_at: r.text(11)?,
            imported_by: r.text(12)?,
            claim_count: count(13)?,
            check_worthy_count: count(14)?,
        })
    }

    /// Parses the row into a [`StoredArticle`].
    pub(crate) fn parse(self) -> Result<StoredArticle> {
        Ok(StoredArticle {
            id: self.id,
            article: Article {
                sha256: self.sha256,
                text: self.text,
                title: self.title,
                url: self.url,
                language: self.language,
                published: self.published.as_deref().map(parse_date).transpose()?,
                dateline: self.dateline,
                author: self.author,
                agency: self.agency,
                headings: parse_json(&self.headings, "headings", self.id)?,
            },
            imported_at: parse_time(&self.imported_at, "imported_at")?,
            imported_by: self.imported_by,
            claim_count: self.claim_count,
            check_worthy_count: self.check_worthy_count,
        })
    }
}

/// Columns read by [`HistoryRow::read`], in order.
pub(crate) const HISTORY_COLUMNS: &str =
    "id, claim_id, field, from_value, to_value, note, \"by\", at, \
     revision, action, forced, reopen, undoes, evidence_id, note_id";

/// A `history` row as the database returns it.
pub(crate) struct HistoryRow {
    id: i64,
    claim_id: i64,
    field: String,
    from: Option<String>,
    to: Option<String>,
    note: Option<String>,
    by: String,
    at: String,
    revision: i64,
    action: String,
    forced: bool,
    reopen: bool,
    undoes: Option<i64>,
    evidence_id: Option<i64>,
    note_id: Option<i64>,
}

impl HistoryRow {
    /// Reads the columns of [`HISTORY_COLUMNS`].
    pub(crate) fn read(r: &Row) -> Result<Self> {
        Ok(HistoryRow {
            id: r.i64(0)?,
            claim_id: r.i64(1)?,
            field: r.text(2)?,
            from: r.opt_text(3)?,
            to: r.opt_text(4)?,
            note: r.opt_text(5)?,
            by: r.text(6)?,
            at: r.text(7)?,
            revision: r.i64(8)?,
            action: r.text(9)?,
            forced: r.bool(10)?,
            reopen: r.bool(11)?,
            undoes: r.opt_i64(12)?,
            evidence_id: r.opt_i64(13)?,
            note_id: r.opt_i64(14)?,
        })
    }

    /// Parses the row into the model type.
    pub(crate) fn parse(self) -> Result<HistoryEntry> {
        Ok(HistoryEntry {
            claim_id: self.claim_id,
            revision: self.revision,
            field: parse_enum::<Field>(&self.field, "field", self.id)?,
            action: parse_enum::<Action>(&self.action, "action", self.id)?,
            from: self.from,
            to: self.to,
            note: self.note,
            by: self.by,
            at: parse_time(&self.at, "at")?,
            forced: self.forced,
            reopen: self.reopen,
            undoes: self.undoes,
            evidence_id: self.evidence_id,
            note_id: self.note_id,
        })
    }
}

/// Columns read by [`read_evidence`], in order.
pub(crate) const EVIDENCE_COLUMNS: &str =
    "id, claim_id, url, title, note, stance, added_by, added_at";

/// Reads and parses an `evidence` row ([`EVIDENCE_COLUMNS`]); a bad stance or time is
/// [`StoreError::Corrupt`].
pub(crate) fn read_evidence(r: &Row) -> Result<Evidence> {
    let id = r.i64(0)?;
    let stance = r.opt_text(5)?;
    Ok(Evidence {
        id,
        claim_id: r.i64(1)?,
        url: r.text(2)?,
        title: r.opt_text(3)?,
        note: r.opt_text(4)?,
        stance: stance
            .as_deref()
            .map(|s| parse_enum::<Stance>(s, "stance", id))
            .transpose()?,
        added_by: r.text(6)?,
        added_at: parse_time(&r.text(7)?, "added_at")?,
    })
}

/// Reads and parses a `notes` row (`id, claim_id, text, "by", at`).
pub(crate) fn read_note(r: &Row) -> Result<Note> {
    Ok(Note {
        id: r.i64(0)?,
        claim_id: r.i64(1)?,
        text: r.text(2)?,
        by: r.text(3)?,
        at: parse_time(&r.text(4)?, "at")?,
    })
}
