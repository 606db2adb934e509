//! Rendering: tables, JSON and CSV. Every piece of imported text passes through
//! [`crate::safety`] here before it is written.

use std::fmt;
use std::io::Write;

use anyhow::Result;
use claimtrack_model::{Entity, HistoryEntry, StoredClaim, Verdict};
use serde::Serialize;

use crate::json;
use crate::safety;
use crate::truncate::{truncate, width};

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

/// A table with box-drawing borders and a rule under the header row (the look of tabled's
/// `Style::sharp`), laid out with [`crate::truncate::width`], the measure truncation uses.
///
/// tabled measures cells with `unicode-width`'s string width, which counts a lam-alef pair
/// (`لا`) as one column although terminals draw two, so rows with Arabic text came out
/// narrower than the header. Every table of the CLI is drawn here instead.
#[derive(Debug, Clone, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Appends a row (the first one is the header). Cells may hold several lines.
    pub fn push_record<I, S>(&mut self, row: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return Ok(());
        }
        let lines = |cell: &str| cell.split('\n').map(str::to_owned).collect::<Vec<_>>();
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = cell.split('\n').map(width).max().unwrap_or(0).max(*w);
            }
        }
        let rule = |f: &mut fmt::Formatter<'_>, [left, mid, right]: [char; 3]| {
            let parts: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
            writeln!(f, "{left}{}{right}", parts.join(&mid.to_string()))
        };
        rule(f, ['┌', '┬', '┐'])?;
        for (i, row) in self.rows.iter().enumerate() {
            if i == 1 {
                rule(f, ['├', '┼', '┤'])?;
            }
            let cells: Vec<Vec<String>> = (0..columns)
                .map(|c| row.get(c).map(|t| lines(t)).unwrap_or_default())
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
            for line in 0..height {
                f.write_str("│")?;
                for (cell, w) in cells.iter().zip(&widths) {
                    let text = cell.get(line).map(String::as_str).unwrap_or("");
                    let pad = w.saturating_sub(width(text));
                    write!(f, " {text}{} │", " ".repeat(pad))?;
                }
                writeln!(f)?;
            }
        }
        let parts: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
        write!(f, "└{}┘", parts.join("┴"))
    }
}

/// The claims table: id, claim, kind, score (2 decimals), status, verdict.
pub fn claims_table(claims: &[StoredClaim], wide: bool) -> String {
    let max = (!wide).then_some(CLAIM_WIDTH);
    let mut b = Table::default();
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
    b.to_string()
}

/// Entities: kind, text, value, span (bytes), relative.
pub fn entities_table(entities: &[Entity]) -> String {
    let mut b = Table::default();
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
    b.to_string()
}

/// History: rev, at, field (with `+`/`-` for added/removed items and `forced`/`undo`/`reopen`
/// marks), from, to, by, note.
pub fn history_table(entries: &[HistoryEntry]) -> String {
    let mut b = Table::default();
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
    b.to_string()
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
