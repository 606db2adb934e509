//! Rendering: tables, JSON and CSV. Every piece of imported text passes through
//! [`crate::safety`] here before it is written.

use std::borrow::Cow;
use std::fmt;
use std::io::Write;

use anyhow::Result;
use claimtrack_model::{Entity, HistoryEntry, StoredClaim, Verdict};
use serde::Serialize;

use tabled::builder::Builder;
use tabled::settings::Style;

use crate::json;
use crate::safety;
use crate::truncate::{truncate, truncate_around, width};
use crate::{color, display};

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

/// A terminal table drawn by `tabled` in its `sharp` style: box-drawing borders and one rule
/// under the header row.
///
/// Every cell goes through [`display::for_table`] first, so tabled's width measure agrees with
/// the terminal's on Arabic text (see that module: the lam-alef pair). When colour is on
/// ([`color::enabled`]), the cells of the columns headed `status` and `verdict` are coloured;
/// tabled's `ansi` feature keeps escape codes out of the width.
#[derive(Debug, Clone, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
    /// The headers of the columns [`Table::fit`] may narrow, and the terminal's width.
    fit: Option<(Vec<String>, usize)>,
    /// Keep a `[match]` visible when narrowing (search snippets).
    highlight: bool,
}

/// The narrowest a text column is made by [`Table::fit`], in terminal columns.
pub const MIN_FIT_WIDTH: usize = 16;

/// The width of the terminal stdout writes to, in columns; `None` when stdout is not a terminal
/// (a pipe or a file: tables are not narrowed to a terminal there).
pub fn terminal_columns() -> Option<usize> {
    use std::io::IsTerminal;
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0))
}

impl Table {
    /// Appends a row (the first one is the header). Cells may hold several lines (`\n`).
    pub fn push_record<I, S>(&mut self, row: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }

    /// Makes the table fit in `columns` terminal columns (when given) by narrowing the columns
    /// headed `headers`, the widest first, never below [`MIN_FIT_WIDTH`]; their cells are cut on
    /// grapheme boundaries with `…`. A table that still does not fit is left to the terminal.
    pub fn fit(&mut self, headers: &[&str], columns: Option<usize>) {
        self.fit = columns.map(|c| (headers.iter().map(|h| (*h).to_owned()).collect(), c));
    }

    /// When [`Table::fit`] narrows a cell holding a `[match]` (search snippets), the match stays
    /// visible: the text before it is cut instead ([`crate::truncate::truncate_around`]).
    pub fn keep_highlight(&mut self) {
        self.highlight = true;
    }

    /// The rows, with the fit columns narrowed (see [`Table::fit`]).
    fn fitted_rows(&self) -> Cow<'_, [Vec<String>]> {
        let (Some((headers, columns)), Some(head)) = (&self.fit, self.rows.first()) else {
            return Cow::Borrowed(&self.rows);
        };
        let ncols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; ncols];
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = cell.split('\n').map(width).max().unwrap_or(0).max(*w);
            }
        }
        // Each column is its text plus one space each side, plus one border per column and one.
        let total: usize = widths.iter().map(|w| w + 3).sum::<usize>() + 1;
        let mut excess = total.saturating_sub(*columns);
        if excess == 0 {
            return Cow::Borrowed(&self.rows);
        }
        let shrinkable: Vec<usize> = headers
            .iter()
            .filter_map(|h| head.iter().position(|c| c == h))
            .collect();
        let mut target = widths.clone();
        while excess > 0 {
            // The widest column that may still give a column up.
            let Some(&col) = shrinkable
                .iter()
                .filter(|&&c| target[c] > MIN_FIT_WIDTH)
                .max_by_key(|&&c| target[c])
            else {
                break;
            };
            target[col] -= 1;
            excess -= 1;
        }
        let mut rows = self.rows.clone();
        for &col in shrinkable.iter().filter(|&&c| target[c] < widths[c]) {
            for row in rows.iter_mut().skip(1) {
                if let Some(cell) = row.get_mut(col) {
                    let cut: Vec<String> = cell
                        .split('\n')
                        .map(|line| self.cut(line, target[col]))
                        .collect();
                    *cell = cut.join("\n");
                }
            }
        }
        Cow::Owned(rows)
    }

    /// One line of a narrowed cell.
    fn cut(&self, line: &str, max: usize) -> String {
        match self.highlight.then(|| highlight(line)).flatten() {
            Some(keep) => truncate_around(line, max, keep).into_owned(),
            None => truncate(line, max).into_owned(),
        }
    }
}

/// The byte range of the first `[match]` in a search snippet's line.
fn highlight(line: &str) -> Option<std::ops::Range<usize>> {
    let start = line.find('[')?;
    let end = start + line[start..].find(']')? + 1;
    Some(start..end)
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = self.fitted_rows();
        let Some(header) = rows.first() else {
            return Ok(());
        };
        let mut builder = Builder::default();
        for (i, row) in rows.iter().enumerate() {
            builder.push_record(row.iter().enumerate().map(|(c, cell)| {
                // Every cell is made terminal-safe here too, whoever built it (line breaks stay:
                // a cell may hold several lines, drawn inside its borders).
                let safe = safety::sanitize(cell, safety::Context::Multiline);
                let shown = display::for_table(&safe);
                let style = match (i, header.get(c)) {
                    (0, _) | (_, None) => None,
                    (_, Some(head)) => color::cell_style(head, cell),
                };
                color::paint(&shown, style)
            }));
        }
        let mut table = builder.build();
        table.with(Style::sharp());
        write!(f, "{table}")
    }
}

/// The claims table: id, claim, kind, score (2 decimals), status, verdict.
pub fn claims_table(claims: &[StoredClaim], wide: bool) -> String {
    claims_table_seen(claims, wide, None)
}

/// [`claims_table`] with a `seen` column when `seen` is given: the stored best library match's
/// score (2 decimals, `!` when strong) per claim id, `-` for claims without one.
pub fn claims_table_seen(
    claims: &[StoredClaim],
    wide: bool,
    seen: Option<&std::collections::HashMap<i64, (f64, bool)>>,
) -> String {
    let max = (!wide).then_some(CLAIM_WIDTH);
    let mut b = Table::default();
    let mut header = vec!["id", "claim", "kind", "score", "status", "verdict"];
    if seen.is_some() {
        header.push("seen");
    }
    b.push_record(header);
    for c in claims {
        let mut row = vec![
            c.id.to_string(),
            cell(&c.claim.text, max),
            c.claim.kind.to_string(),
            format!("{:.2}", c.claim.score),
            c.status.to_string(),
            verdict_label(c.verdict),
        ];
        if let Some(seen) = seen {
            row.push(seen.get(&c.id).map_or("-".to_owned(), |(s, strong)| {
                format!("{s:.2}{}", if *strong { "!" } else { "" })
            }));
        }
        b.push_record(row);
    }
    if !wide {
        b.fit(&["claim", "verdict"], terminal_columns());
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
    b.fit(&["text", "value"], terminal_columns());
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
    b.fit(&["note", "from", "to"], terminal_columns());
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

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthChar;

    /// Terminal cells of a line, one per character as terminals draw them.
    fn cells(line: &str) -> usize {
        line.chars().map(|c| c.width().unwrap_or(0)).sum()
    }

    fn table() -> Table {
        let mut t = Table::default();
        t.push_record(["id", "claim", "verdict"]);
        t.push_record([
            "2",
            "لذلك، لا غرابة أن تنال المملكة المغربية شرف تنظيم احتضان أشغال الدورة",
            "missing_context · ينقصه السياق",
        ]);
        t.push_record(["3", "قصير", "-"]);
        t
    }

    #[test]
    fn fit_narrows_the_widest_text_columns_first_and_keeps_alignment() {
        let wide = table().to_string();
        let full = cells(wide.lines().next().unwrap());
        assert!(full > 60, "{wide}");
        for columns in [60, 50, 45] {
            let mut t = table();
            t.fit(&["claim", "verdict"], Some(columns));
            let shown = t.to_string();
            let widths: Vec<usize> = shown.lines().map(cells).collect();
            assert!(
                widths.iter().all(|&w| w == widths[0]),
                "misaligned:\n{shown}"
            );
            assert!(widths[0] <= columns, "{columns}: {}\n{shown}", widths[0]);
            assert!(shown.contains('…'), "{shown}");
        }
        // Never below the minimum: a table that cannot fit is left wider than asked.
        let mut t = table();
        t.fit(&["claim", "verdict"], Some(10));
        let first = t.to_string().lines().next().map(cells).unwrap();
        // id (2), then claim and verdict at most MIN_FIT_WIDTH each (a cut may end a column
        // short: the space before `…` is dropped), with padding and borders.
        assert!(
            first > 10 && first <= 2 + 3 + 2 * (MIN_FIT_WIDTH + 3) + 1,
            "{first}"
        );
        // No terminal: nothing is cut.
        let mut t = table();
        t.fit(&["claim"], None);
        assert_eq!(t.to_string(), wide);
    }

    #[test]
    fn a_narrowed_search_snippet_keeps_its_match() {
        let mut t = Table::default();
        t.push_record(["id", "snippet"]);
        t.push_record([
            "1",
            "هذه الجهود التي تمثل في عمقها جهودا من أجل [أمن] واستقرار أي إنسان",
        ]);
        t.keep_highlight();
        t.fit(&["snippet"], Some(30));
        let shown = t.to_string();
        assert!(shown.contains("[أمن]"), "{shown}");
    }
}
