//! The small SQL interface the shared store logic is written against, implemented once per
//! engine (`sqlite.rs`, `postgres.rs`).
//!
//! Shared SQL uses PostgreSQL's `$1, $2, …` placeholders; the SQLite side rewrites them to
//! `?1, ?2, …` (same numbering). Values cross the boundary as [`Val`]; rows come back as
//! [`Row`]s of [`Val`], so the row parsing in `rows.rs` and the write logic in `change.rs` run
//! unchanged on both engines. Only SQL both engines accept goes through here as shared text;
//! engine-specific fragments (search, row locks) are chosen by [`Db::kind`].

use crate::{Result, StoreError};

/// Which engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// SQLite through rusqlite.
    Sqlite,
    /// PostgreSQL through the `postgres` crate.
    Postgres,
}

/// One SQL value, engine-neutral.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// SQL NULL.
    Null,
    /// An integer (SQLite INTEGER, PostgreSQL bigint/integer/smallint).
    Int(i64),
    /// A float (SQLite REAL, PostgreSQL double precision/real).
    Real(f64),
    /// Text.
    Text(String),
    /// A boolean (SQLite stores 0/1, PostgreSQL boolean).
    Bool(bool),
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Self {
        Val::Real(v)
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Self {
        Val::Bool(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_owned())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::Text(v.clone())
    }
}
impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Self {
        v.map_or(Val::Null, Into::into)
    }
}

/// One result row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row(pub(crate) Vec<Val>);

fn bad_type(i: usize, want: &str, got: &Val) -> StoreError {
    StoreError::Corrupt(format!("column {i}: expected {want}, found {got:?}"))
}

impl Row {
    fn at(&self, i: usize) -> Result<&Val> {
        self.0
            .get(i)
            .ok_or_else(|| StoreError::Corrupt(format!("row has no column {i}")))
    }

    /// Integer column `i` (not NULL).
    pub(crate) fn i64(&self, i: usize) -> Result<i64> {
        self.opt_i64(i)?
            .ok_or_else(|| StoreError::Corrupt(format!("column {i} is NULL")))
    }

    /// Integer column `i` or NULL.
    pub(crate) fn opt_i64(&self, i: usize) -> Result<Option<i64>> {
        match self.at(i)? {
            Val::Null => Ok(None),
            Val::Int(v) => Ok(Some(*v)),
            Val::Bool(b) => Ok(Some(i64::from(*b))),
            other => Err(bad_type(i, "an integer", other)),
        }
    }

    /// Float column `i` (integers are widened).
    pub(crate) fn f64(&self, i: usize) -> Result<f64> {
        match self.at(i)? {
            Val::Real(v) => Ok(*v),
            Val::Int(v) => Ok(*v as f64),
            other => Err(bad_type(i, "a number", other)),
        }
    }

    /// Boolean column `i` (SQLite's 0/1 integers accepted).
    pub(crate) fn bool(&self, i: usize) -> Result<bool> {
        match self.at(i)? {
            Val::Bool(b) => Ok(*b),
            Val::Int(v) => Ok(*v != 0),
            other => Err(bad_type(i, "a boolean", other)),
        }
    }

    /// Text column `i` (not NULL).
    pub(crate) fn text(&self, i: usize) -> Result<String> {
        self.opt_text(i)?
            .ok_or_else(|| StoreError::Corrupt(format!("column {i} is NULL")))
    }

    /// Text column `i` or NULL.
    pub(crate) fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.at(i)? {
            Val::Null => Ok(None),
            Val::Text(s) => Ok(Some(s.clone())),
            other => Err(bad_type(i, "text", other)),
        }
    }
}

/// SQL access inside one transaction (writes) or one snapshot (reads) of either engine.
pub(crate) trait Db {
    /// The engine behind this connection.
    fn kind(&self) -> Kind;

    /// Runs a statement, returning the number of rows changed.
    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64>;

    /// Runs a query, returning every row.
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>>;

    /// Runs a query expected to return at most one row.
    fn query_opt(&mut self, sql: &str, params: &[Val]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Runs a query expected to return exactly one row.
    fn query_one(&mut self, sql: &str, params: &[Val]) -> Result<Row> {
        self.query_opt(sql, params)?
            .ok_or_else(|| StoreError::Corrupt(format!("no row returned by: {sql}")))
    }

    /// `FOR UPDATE` on PostgreSQL (lock the rows read inside the write transaction), empty on
    /// SQLite (where `BEGIN IMMEDIATE` already holds the write lock).
    fn for_update(&self) -> &'static str {
        match self.kind() {
            Kind::Sqlite => "",
            Kind::Postgres => " FOR UPDATE",
        }
    }
}

/// Rewrites `$1, $2, …` placeholders to SQLite's `?1, ?2, …` (outside quoted literals).
/// Byte by byte, since it runs on every statement (a multi-row INSERT's text is kilobytes):
/// `$`, `?` and the quotes are ASCII, so replacing one never touches a multi-byte character.
pub(crate) fn sqlite_placeholders(sql: &str) -> String {
    let bytes = sql.as_bytes();
    let mut out = sql.to_owned();
    let mut quote: Option<u8> = None;
    for (i, &c) in bytes.iter().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'\'' || c == b'"' => quote = Some(c),
            None if c == b'$' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                out.replace_range(i..=i, "?");
            }
            None => {}
        }
    }
    out
}

/// `($1, $2, …), ($n+1, …)`: the VALUES list of a multi-row INSERT of `rows` rows of `width`
/// columns.
pub(crate) fn values_list(rows: usize, width: usize) -> String {
    let mut out = String::new();
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for c in 0..width {
            if c > 0 {
                out.push_str(", ");
            }
            out.push_str(&format!("${}", r * width + c + 1));
        }
        out.push(')');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_rewritten_outside_quotes() {
        assert_eq!(
            sqlite_placeholders("SELECT '$1', \"$2\" FROM t WHERE a = $1 AND b = $12"),
            "SELECT '$1', \"$2\" FROM t WHERE a = ?1 AND b = ?12"
        );
    }

    #[test]
    fn values_list_numbers_row_by_row() {
        assert_eq!(values_list(2, 2), "($1, $2), ($3, $4)");
    }
}
