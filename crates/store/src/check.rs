//! `db check`: SQLite's own checks plus the store's invariants, all read-only.

use claimtrack_model::Span;
use rusqlite::Connection;

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
pub(crate) fn run(conn: &Connection) -> Result<Vec<Problem>> {
    let mut out = Vec::new();

    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let row = row?;
        if row != "ok" {
            out.push(problem("integrity", row));
        }
    }

    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (table, rowid, parent) = row?;
        out.push(problem(
            "foreign_keys",
            format!(
                "{table} row {} refers to a missing {parent} row",
                rowid.map(|r| r.to_string()).unwrap_or_default()
            ),
        ));
    }

    // Spans: inside the article and matching its text.
    let mut stmt = conn.prepare(
        "SELECT c.id, c.text, c.span_start, c.span_end, c.context_start, c.context_end, a.text \
         FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY c.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    for row in rows {
        let (id, text, s, e, cs, ce, article) = row?;
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
    let mut stmt = conn.prepare(
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
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            [
                (
                    "status",
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ),
                ("verdict", r.get(5)?, r.get(6)?),
                ("assignee", r.get(7)?, r.get(8)?),
            ],
        ))
    })?;
    for row in rows {
        let (id, revision, last_revision, fields) = row?;
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

    for message in search::check_index(conn)? {
        out.push(problem("search", message));
    }
    Ok(out)
}
