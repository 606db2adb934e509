//! The SQLite engine: opening a file (connection settings asserted, WAL, migrations from
//! `migrations/sqlite/`), `BEGIN IMMEDIATE` write transactions, online backup, and [`Db`] over
//! rusqlite with its statement cache.

use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{Connection, OpenFlags, ToSql, TransactionBehavior};

use crate::db::{sqlite_placeholders, Db, Kind, Row, Val};
use crate::{migrate, Result, StoreError, BUSY_TIMEOUT, SCHEMA_VERSION};

/// How a connection is opened; decides the journal-mode and migration steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A file opened read-write: WAL set on a new database, verified otherwise; migrated.
    ReadWrite,
    /// A file opened read-only: WAL verified; the schema must be current; nothing written.
    ReadOnly,
    /// An in-memory database (journal mode `memory`): migrated.
    Memory,
    /// A file opened read-only as `immutable` (a directory the reader may not write to): as
    /// [`Mode::ReadOnly`], but the journal mode is not checked (SQLite reports `delete` for an
    /// immutable file, whose WAL it never reads).
    Immutable,
}

/// Opens the file at `path` (creating it and its directory in [`Mode::ReadWrite`]).
pub(crate) fn open_file(path: &Path, mode: Mode) -> Result<Connection> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let conn = if mode == Mode::ReadOnly {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let first = Connection::open_with_flags(path, flags)
            .map_err(open_err)
            .and_then(|conn| init(conn, mode).map_err(|e| e.while_opening(path)));
        return match first {
            // A WAL database needs its `-shm` file, which a reader cannot create in a directory
            // it may not write to: read it as immutable (no locks, no `-shm`) then.
            Err(e) if cannot_init_read_only(&e) => {
                Connection::open_with_flags(immutable_uri(path), flags)
                    .map_err(open_err)
                    .and_then(|conn| init(conn, Mode::Immutable).map_err(|e| e.while_opening(path)))
                    .map_err(|_| e)
            }
            other => other,
        };
    } else {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                open_err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    Some(format!("cannot create directory {}: {e}", parent.display())),
                ))
            })?;
        }
        Connection::open(path).map_err(open_err)?
    };
    init(conn, mode).map_err(|e| e.while_opening(path))
}

/// True for the errors of a read-only open that come from the file system refusing what SQLite
/// needs beside a WAL database (`SQLITE_CANTOPEN`, `SQLITE_READONLY_*`), not from the data.
fn cannot_init_read_only(e: &StoreError) -> bool {
    let source = match e {
        StoreError::Open { source, .. } => source,
        StoreError::Sqlite(source) => source,
        // `SQLITE_READONLY` is routed to its own variant by the `From` conversion: reading a WAL
        // database whose `-wal`/`-shm` cannot be created in the directory says this.
        StoreError::ReadOnly => return true,
        _ => return false,
    };
    matches!(
        source.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
    )
}

/// `file:PATH?immutable=1`, the path made absolute and percent-encoded (RFC 3986 unreserved
/// characters and `/` kept), for SQLite's URI open.
fn immutable_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in abs.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(b) {
            uri.push(char::from(*b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri + "?immutable=1"
}

/// Configures, checks and migrates a new connection.
pub(crate) fn init(mut conn: Connection, mode: Mode) -> Result<Connection> {
    configure(&conn)?;
    let found = migrate::user_version(&conn)?;
    // Refuse a newer schema before anything (WAL switch, migration) writes to the file.
    migrate::check_not_too_new(found)?;
    match mode {
        Mode::ReadWrite => ensure_wal(&conn, found == 0)?,
        Mode::ReadOnly | Mode::Immutable => {
            // The version first: a file without the claimtrack schema (found 0) is told apart
            // from one in another journal mode.
            if found != SCHEMA_VERSION {
                return Err(StoreError::Setting {
                    name: "user_version",
                    expected: SCHEMA_VERSION.to_string(),
                    found: found.to_string(),
                });
            }
            if mode == Mode::ReadOnly {
                ensure_wal(&conn, false)?;
            }
        }
        Mode::Memory => {}
    }
    if matches!(mode, Mode::ReadWrite | Mode::Memory) {
        migrate::migrate(&mut conn)?;
    }
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Applies the per-connection settings and reads each back.
fn configure(conn: &Connection) -> Result<()> {
    let defensive = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    expect("defensive", "1", i64::from(defensive).to_string())?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    let timeout: i64 = conn.pragma_query_value(None, "busy_timeout", |r| r.get(0))?;
    expect(
        "busy_timeout",
        &BUSY_TIMEOUT.as_millis().to_string(),
        timeout.to_string(),
    )?;
    for (name, value, expected) in [
        ("foreign_keys", "ON", "1"),
        ("trusted_schema", "OFF", "0"),
        ("synchronous", "FULL", "2"),
        // A 32 MiB page cache (SQLite's default is 2 MiB): an archive import writes into the
        // claims table, its indexes and the FTS5 segments at once, and re-reading their pages
        // from the file cost more than the memory (bounded: per connection, 32 MiB at most).
        ("cache_size", "-32768", "-32768"),
    ] {
        conn.pragma_update(None, name, value)?;
        let found: i64 = conn.pragma_query_value(None, name, |r| r.get(0))?;
        expect(name, expected, found.to_string())?;
    }
    Ok(())
}

/// Sets WAL on a new database (`set`), otherwise only checks that the file is in WAL mode.
pub(crate) fn ensure_wal(conn: &Connection, set: bool) -> Result<()> {
    let mode: String = if set {
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?
    } else {
        conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?
    };
    expect("journal_mode", "wal", mode.to_ascii_lowercase())
}

fn expect(name: &'static str, expected: &str, found: String) -> Result<()> {
    if found == expected {
        Ok(())
    } else {
        Err(StoreError::Setting {
            name,
            expected: expected.to_owned(),
            found,
        })
    }
}

/// Runs `f` in one `BEGIN IMMEDIATE` transaction, committing on `(_, true)`, rolling back on
/// `(_, false)` or an error.
pub(crate) fn write<T>(
    conn: &mut Connection,
    mut f: impl FnMut(&mut dyn Db) -> Result<(T, bool)>,
) -> Result<T> {
    let result = (|| {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (t, commit) = f(&mut LiteDb(&tx))?;
        if commit {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(t)
    })();
    damage_check(conn, result)
}

/// A missing claim may be a damaged page rather than a wrong id: on
/// [`StoreError::ClaimNotFound`], `PRAGMA quick_check` decides, and damage becomes
/// [`StoreError::Damaged`] (the "no claim with id 32" of a corrupt file, issue #14).
fn damage_check<T>(conn: &Connection, result: Result<T>) -> Result<T> {
    match result {
        Err(StoreError::ClaimNotFound(id)) => {
            let verdict: rusqlite::Result<String> =
                conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0));
            match verdict {
                Ok(v) if v == "ok" => Err(StoreError::ClaimNotFound(id)),
                Ok(v) => Err(StoreError::Damaged(v)),
                Err(e) => Err(StoreError::Damaged(e.to_string())),
            }
        }
        other => other,
    }
}

/// Runs `f` in one deferred transaction (a read snapshot), rolled back afterwards.
pub(crate) fn read<T>(conn: &Connection, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T> {
    conn.execute_batch("BEGIN DEFERRED")?;
    let result = f(&mut LiteDb(conn));
    let end = conn.execute_batch("ROLLBACK");
    let t = damage_check(conn, result)?;
    end?;
    Ok(t)
}

/// Writes a consistent copy of the database to `dest` (a fresh temporary file of
/// [`crate::snapshot`]) with SQLite's online backup; the copy is then switched to WAL.
pub(crate) fn backup(conn: &Connection, dest: &Path) -> Result<()> {
    let open_err = |source| StoreError::Open {
        path: dest.to_path_buf(),
        source,
    };
    let mut dst = Connection::open(dest).map_err(open_err)?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut dst)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
    }
    let mode: String = dst.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    expect("journal_mode", "wal", mode.to_ascii_lowercase())?;
    Ok(())
}

/// [`Db`] on a SQLite connection (inside a transaction for writes).
pub(crate) struct LiteDb<'a>(pub(crate) &'a Connection);

impl Db for LiteDb<'_> {
    fn kind(&self) -> Kind {
        Kind::Sqlite
    }

    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64> {
        let mut stmt = self.0.prepare_cached(&sqlite_placeholders(sql))?;
        Ok(stmt.execute(rusqlite::params_from_iter(params))? as u64)
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>> {
        let mut stmt = self.0.prepare_cached(&sqlite_placeholders(sql))?;
        let n = stmt.column_count();
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            (0..n)
                .map(|i| {
                    Ok(match r.get::<_, Value>(i)? {
                        Value::Null => Val::Null,
                        Value::Integer(v) => Val::Int(v),
                        Value::Real(v) => Val::Real(v),
                        Value::Text(s) => Val::Text(s),
                        Value::Blob(b) => Val::Text(String::from_utf8_lossy(&b).into_owned()),
                    })
                })
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(Row)
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Val::Null => ToSqlOutput::Owned(Value::Null),
            Val::Int(v) => ToSqlOutput::Owned(Value::Integer(*v)),
            Val::Real(v) => ToSqlOutput::Owned(Value::Real(*v)),
            Val::Text(s) => ToSqlOutput::Borrowed(rusqlite::types::ValueRef::Text(s.as_bytes())),
            Val::Bool(b) => ToSqlOutput::Owned(Value::Integer(i64::from(*b))),
        })
    }
}
