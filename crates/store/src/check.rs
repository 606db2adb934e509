//! `db check`: the engine's own checks plus the store's invariants, all read-only. The
//! invariants (spans, history, search index) are written once for both engines; the engine
//! checks are SQLite's `integrity_check`/`foreign_key_check`, and on PostgreSQL (which enforces
//! foreign keys itself and has no whole-database integrity check) that the append-only triggers
//! of `history` are present and enabled.

use claimtrack_model::Span;

use crate::db::{Db, Kind};
use crate::{search, Result};

/// One problem found by [`crate::Store::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Which check found it: `integrity`, `foreign_keys`, `spans`, `history` or `search`.
    pub check: &'static str,
    /// What is wrong, naming the row.
    pub message: String,
}

fn problem(check: &'static str, message: String) -> Problem {
    Problem { check, message }
}

/// Runs every check; see [`crate::Store::check`].
pub(crate) fn run(db: &mut dyn Db) -> Result<Vec<Problem>> {
    let mut out = Vec::new();

    match db.kind() {
        Kind::Sqlite => {
            for row in db.query("PRAGMA integrity_check", &[])? {
                let row = row.text(0)?;
                if row != "ok" {
                    out.push(problem("integrity", row));
                }
            }
            for row in db.query("PRAGMA foreign_key_check", &[])? {
                let (table, rowid, parent) = (row.text(0)?, row.opt_i64(1)?, row.text(2)?);
                out.push(problem(
                    "foreign_keys",
                    format!(
                        "{table} row {} refers to a missing {parent} row",
                        rowid.map(|r| r.to_string()).unwrap_or_default()
                    ),
                ));
            }
        }
        Kind::Postgres => {
            let enabled = db
                .query(
                    "SELECT t.tgname FROM pg_trigger t \
                     WHERE t.tgrelid = 'history'::regclass AND NOT t.tgisinternal \
                     AND t.tgenabled <> 'D'",
                    &[],
                )?
                .iter()
                .map(|r| r.text(0))
                .collect::<Result<Vec<_>>>()?;
            for name in [
                "history_no_update",
                "history_no_delete",
                "history_no_truncate",
            ] {
                if !enabled.iter().any(|n| n == name) {
                    out.push(problem(
                        "integrity",
                        format!("trigger {name} on history is missing or disabled"),
                    ));
                }
            }
        }
    }

    // Spans: inside the article and matching its text.
    let rows = db.query(
        "SELECT c.id, c.text, c.span_start, c.span_end, c.context_start, c.context_end, a.text \
         FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY c.id",
        &[],
    )?;
    for row in rows {
        let (id, text, s, e, cs, ce, article) = (
            row.i64(0)?,
            row.text(1)?,
            row.i64(2)?,
            row.i64(3)?,
            row.i64(4)?,
            row.i64(5)?,
            row.text(6)?,
        );
        let span = |a: i64, b: i64| Span::new(a.max(0) as usize, b.max(0) as usize);
        match span(s, e).slice(&article) {
            None => out.push(problem(
                "spans",
                format!("claim {id}: span {s}..{e} is outside its article or off a char boundary"),
            )),
            Some(under) if under != text => out.push(problem(
                "spans",
                format!("claim {id}: text differs from the article text under span {s}..{e}"),
            )),
            Some(_) => {}
        }
        if span(cs, ce).slice(&article).is_none() {
            out.push(problem(
                "spans",
                format!("claim {id}: context span {cs}..{ce} is outside its article"),
            ));
        }
    }

    // Current state equals the last history entries.
    let rows = db.query(
        "SELECT c.id, c.revision, \
           coalesce((SELECT max(h.revision) FROM history h WHERE h.claim_id = c.id), 0), \
           c.status, \
           coalesce((SELECT h.to_value FROM history h WHERE h.claim_id = c.id \
                     AND h.field = 'status' ORDER BY h.id DESC LIMIT 1), 'unverified'), \
           c.verdict, \
           (SELECT h.to_value FROM history h WHERE h.claim_id = c.id \
              AND h.field = 'verdict' ORDER BY h.id DESC LIMIT 1), \
           c.assignee, \
           (SELECT h.to_value FROM history h WHERE h.claim_id = c.id \
              AND h.field = 'assignee' ORDER BY h.id DESC LIMIT 1) \
         FROM claims c ORDER BY c.id",
        &[],
    )?;
    for row in rows {
        let (id, revision, last_revision) = (row.i64(0)?, row.i64(1)?, row.i64(2)?);
        let fields = [
            ("status", row.opt_text(3)?, row.opt_text(4)?),
            ("verdict", row.opt_text(5)?, row.opt_text(6)?),
            ("assignee", row.opt_text(7)?, row.opt_text(8)?),
        ];
        if revision != last_revision {
            out.push(problem(
                "history",
                format!("claim {id}: revision {revision} but its history ends at revision {last_revision}"),
            ));
        }
        for (name, current, last) in fields {
            if current != last {
                out.push(problem(
                    "history",
                    format!(
                        "claim {id}: {name} is {} but its history says {}",
                        current.as_deref().unwrap_or("unset"),
                        last.as_deref().unwrap_or("unset")
                    ),
                ));
            }
        }
    }

    for message in search::check_index(db)? {
        out.push(problem("search", message));
    }
    Ok(out)
}
