//! Rendering: tables (tabled), JSON and CSV. Every piece of imported text passes through
//! [`crate::safety`] here before it is written.

use std::io::Write;

use anyhow::Result;
use claimtrack_model::{Entity, HistoryEntry, StoredClaim, Verdict};
use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::Style;

use crate::json;
use crate::safety;
use crate::truncate::truncate;

/// Default width of the claim column, in terminal columns (`--wide` lifts it).
pub const CLAIM_WIDTH: usize = 60;

/// Writes `value` as pretty JSON plus a newline, with unsafe characters as JSON escapes.
pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    let text = safety::json_escape_unsafe(serde_json::to_string_pretty(value)?);
    writeln!(out, "{text}")?;
    Ok(())
}

/// One line of plain text, sanitised.
pub fn write_line(out: &mut dyn Write, text: &str) -> Result<()> {
    writeln!(out, "{}", safety::line(text))?;
    Ok(())
}

/// A table cell holding imported text: sanitised (one line), then truncated unless `wide`.
pub fn cell(text: &str, max: Option<usize>) -> String {
    let clean = safety::line(text);
    match max {
        Some(max) => truncate(&clean, max).into_owned(),
        None => clean.into_owned(),
    }
}

/// `false · زائف`, or `-` when no verdict is set.
pub fn verdict_label(v: Option<Verdict>) -> String {
    match v {
        Some(v) => format!("{} · {}", v.as_str(), v.label_ar()),
        None => "-".to_owned(),
    }
}

fn table(builder: Builder) -> String {
    let mut table = builder.build();
    table.with(Style::sharp());
    table.to_string()
}

/// The claims table: id, claim, kind, score (2 decimals), status, verdict.
pub fn claims_table(claims: &[StoredClaim], wide: bool) -> String {
    let max = (!wide).then_some(CLAIM_WIDTH);
    let mut b = Builder::default();
    b.push_record(["id", "claim", "kind", "score", "status", "verdict"]);
    for c in claims {
        b.push_record([
            c.id.to_string(),
            cell(&c.claim.text, max),
            c.claim.kind.to_string(),
            format!("{:.2}", c.claim.score),
            c.status.to_string(),
            verdict_label(c.verdict),
        ]);
    }
    table(b)
}

/// Entities: kind, text, value, span (bytes), relative.
pub fn entities_table(entities: &[Entity]) -> String {
    let mut b = Builder::default();
    b.push_record(["kind", "text", "value", "span"]);
    for e in entities {
        let mut value = e
            .value
            .as_deref()
            .map(safety::line)
            .unwrap_or_default()
            .into_owned();
        if e.relative {
            value = if value.is_empty() {
                "(relative)".to_owned()
            } else {
                format!("{value} (relative)")
            };
        }
        b.push_record([
            e.kind.to_string(),
            cell(&e.text, None),
            if value.is_empty() {
                "-".to_owned()
            } else {
                value
            },
            format!("{}..{}", e.span.start, e.span.end),
        ]);
    }
    table(b)
}

/// History: rev, at, field (with `+`/`-` for added/removed items and `forced`/`undo`/`reopen`
/// marks), from, to, by, note.
pub fn history_table(entries: &[HistoryEntry]) -> String {
    let mut b = Builder::default();
    b.push_record(["rev", "at", "field", "from", "to", "by", "note"]);
    for h in entries {
        let mut field = match h.action {
            claimtrack_model::Action::Set => h.field.to_string(),
            claimtrack_model::Action::Add => format!("+{}", h.field),
            claimtrack_model::Action::Remove => format!("-{}", h.field),
        };
        if h.forced {
            field.push_str(" (forced)");
        }
        if h.reopen {
            field.push_str(" (reopen)");
        }
        if let Some(rev) = h.undoes {
            field.push_str(&format!(" (undo {rev})"));
        }
        b.push_record([
            h.revision.to_string(),
            json::time(&h.at),
            field,
            h.from
                .as_deref()
                .map(|v| cell(v, Some(40)))
                .unwrap_or_else(|| "-".into()),
            h.to.as_deref()
                .map(|v| cell(v, Some(40)))
                .unwrap_or_else(|| "-".into()),
            cell(&h.by, None),
            h.note.as_deref().map(|n| cell(n, None)).unwrap_or_default(),
        ]);
    }
    table(b)
}

/// CSV of claims, header row first: `id,article_id,claim,kind,score,check_worthy,status,verdict`
/// (`score` with 2 decimals, `verdict` empty when unset). Text cells are sanitised and guarded
/// against formula injection ([`safety::csv_cell`]).
pub fn write_claims_csv(out: &mut dyn Write, claims: &[StoredClaim]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "article_id",
        "claim",
        "kind",
        "score",
        "check_worthy",
        "status",
        "verdict",
    ])?;
    for c in claims {
        w.write_record([
            c.id.to_string(),
            c.article_id.to_string(),
            safety::csv_cell(&c.claim.text),
            c.claim.kind.to_string(),
            format!("{:.2}", c.claim.score),
            c.claim.check_worthy.to_string(),
            c.status.to_string(),
            c.verdict.map(|v| v.to_string()).unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
