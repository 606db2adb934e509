//! The claimtrack SQLite store: the only crate that knows SQL. It keeps articles, their claims
//! and the append-only history of every status and verdict change in one SQLite file.
//!
//! Guarantees:
//! - every public write is one `BEGIN IMMEDIATE` transaction: all or nothing, and a
//!   read-modify-write never loses a concurrent update; a busy database is
//!   [`StoreError::Busy`] (retryable), never a silent loss;
//! - the schema is created and upgraded by the embedded `migrations/NNNN_*.sql` at open, its
//!   version kept in `PRAGMA user_version`; a newer database is refused untouched
//!   ([`StoreError::TooNew`]);
//! - connection settings are asserted at open: WAL, `foreign_keys=ON`, `synchronous=FULL`,
//!   `busy_timeout` 10 s, `trusted_schema=OFF`, `SQLITE_DBCONFIG_DEFENSIVE`;
//! - history rows are never updated or deleted (SQL triggers refuse it).
//!
//! Times are stored as RFC 3339 UTC text (`2026-11-29T10:00:00Z`); spans as UTF-8 byte offsets
//! into the stored article text; enum values as the model's snake_case names.

#![warn(missing_docs)]

mod error;
mod migrate;
mod rows;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use claimtrack_model::{
    Article, ExtractedClaim, Field, HistoryEntry, Status, StoredClaim, Verdict,
};
use rusqlite::config::DbConfig;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

pub use error::{Result, StoreError};
pub use migrate::SCHEMA_VERSION;

use rows::{ArticleRow, ClaimRow, HistoryRow, ARTICLE_COLUMNS, CLAIM_COLUMNS, HISTORY_COLUMNS};

/// How long a connection waits for another writer's lock before [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open claimtrack database: one SQLite connection, configured and migrated.
///
/// Not `Sync`; open one `Store` per thread or process. Write methods take `&mut self` and run
/// one IMMEDIATE transaction each; read methods see the last committed state.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// An article as stored: the model article plus its id, import record and claim counts.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    /// Store-assigned id (`articles.id`), positive.
    pub id: i64,
    /// The article, exactly as given to [`Store::insert_article`].
    pub article: Article,
    /// When it was imported, UTC (as given to [`Store::insert_article`]).
    pub imported_at: DateTime<Utc>,
    /// Who imported it (as given to [`Store::insert_article`]).
    pub imported_by: String,
    /// Number of its claims.
    pub claim_count: u32,
    /// Number of its claims with `check_worthy == true`.
    pub check_worthy_count: u32,
}

/// What [`Store::insert_article`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The article and its claims were stored under this new id.
    Inserted {
        /// Id of the new article.
        article_id: i64,
    },
    /// An article with the same `sha256` was already stored under this id; nothing was written.
    Duplicate {
        /// Id of the existing article.
        article_id: i64,
    },
}

impl ImportOutcome {
    /// The article id, new or existing.
    pub fn article_id(&self) -> i64 {
        match *self {
            ImportOutcome::Inserted { article_id } | ImportOutcome::Duplicate { article_id } => {
                article_id
            }
        }
    }
}

/// Which claims [`Store::claims`] returns. Every criterion set must hold (AND); the default
/// (all `None`/`false`) selects every claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimFilter {
    /// Only claims of this article.
    pub article: Option<i64>,
    /// Only claims with this status.
    pub status: Option<Status>,
    /// Only claims with this verdict (claims without a verdict never match).
    pub verdict: Option<Verdict>,
    /// Only claims with `score >= min_score` (score is in `[0, 1]`; NaN matches nothing).
    pub min_score: Option<f64>,
    /// Only claims with `check_worthy == true`.
    pub check_worthy_only: bool,
}

/// Who, when and why of one write command; recorded in every history row it creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeMeta {
    /// Who makes the change (`--by`, `CLAIMTRACK_USER` or the OS user); must not be empty.
    pub by: String,
    /// Why, as typed by the fact-checker.
    pub note: Option<String>,
    /// When, UTC (from the CLI's clock).
    pub at: DateTime<Utc>,
}

/// What one claim's change did, one per id given to [`Store::set_status`] /
/// [`Store::set_verdict`], in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The claim.
    pub claim_id: i64,
    /// The attribute set.
    pub field: Field,
    /// Snake_case value before (`None` = no verdict yet).
    pub from: Option<String>,
    /// Snake_case value after.
    pub to: Option<String>,
    /// False when the claim already had the value: nothing was written for it.
    pub changed: bool,
    /// The claim's revision after the command (incremented by one when `changed`).
    pub revision: i64,
}

/// How a connection is opened; decides the journal-mode and migration steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A file opened read-write: WAL set on a new database, verified otherwise; migrated.
    ReadWrite,
    /// A file opened read-only: WAL verified; the schema must be current; nothing written.
    ReadOnly,
    /// An in-memory database (journal mode `memory`): migrated.
    Memory,
}

impl Store {
    /// Opens (creating it, and its parent directory, if missing) the database at `path`,
    /// configures the connection and applies pending migrations.
    ///
    /// Settings are read back and asserted: `journal_mode=wal` (set only on a new database,
    /// since the mode persists in the file), `foreign_keys=1`, `synchronous=2` (FULL),
    /// `trusted_schema=0`, DEFENSIVE on, busy timeout [`BUSY_TIMEOUT`]. Retries once on
    /// `SQLITE_BUSY` (first-open WAL race, recovery after a crash).
    ///
    /// Errors: [`StoreError::Open`] (cannot create the directory or open the file, not a
    /// database), [`StoreError::TooNew`] (file left untouched), [`StoreError::Setting`],
    /// [`StoreError::Busy`].
    pub fn open(path: &Path) -> Result<Store> {
        match Self::open_file(path, Mode::ReadWrite) {
            Err(StoreError::Busy) => Self::open_file(path, Mode::ReadWrite),
            other => other,
        }
    }

    /// Opens an existing database at `path` read-only (for reports and inspection): nothing is
    /// created, migrated or written; write methods fail with a SQLite read-only error.
    ///
    /// Errors: as [`Store::open`], plus [`StoreError::Setting`] named `user_version` when the
    /// schema is older than [`SCHEMA_VERSION`] (open it read-write once to migrate).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Self::open_file(path, Mode::ReadOnly)
    }

    /// Opens a fresh, migrated in-memory database (for tests). Same settings as [`Store::open`]
    /// except the journal mode, which is `memory`.
    ///
    /// Errors: [`StoreError::Sqlite`] if SQLite cannot allocate the database.
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, Mode::Memory)
    }

    fn open_file(path: &Path, mode: Mode) -> Result<Store> {
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = if mode == Mode::ReadOnly {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(path, flags).map_err(open_err)?
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
        Self::init(conn, mode).map_err(|e| e.while_opening(path))
    }

    /// Configures, checks and migrates a new connection.
    fn init(mut conn: Connection, mode: Mode) -> Result<Store> {
        configure(&conn)?;
        let found = migrate::user_version(&conn)?;
        // Refuse a newer schema before anything (WAL switch, migration) writes to the file.
        migrate::check_not_too_new(found)?;
        match mode {
            Mode::ReadWrite => ensure_wal(&conn, found == 0)?,
            Mode::ReadOnly => {
                ensure_wal(&conn, false)?;
                if found != SCHEMA_VERSION {
                    return Err(StoreError::Setting {
                        name: "user_version",
                        expected: SCHEMA_VERSION.to_string(),
                        found: found.to_string(),
                    });
                }
            }
            Mode::Memory => {}
        }
        if mode != Mode::ReadOnly {
            migrate::migrate(&mut conn)?;
        }
        Ok(Store { conn })
    }

    /// The schema version of the open database (`PRAGMA user_version`); equals
    /// [`SCHEMA_VERSION`] after a successful open.
    ///
    /// Errors: [`StoreError::Sqlite`].
    pub fn schema_version(&self) -> Result<u32> {
        migrate::user_version(&self.conn)
    }

    /// Stores `article` and its `claims` in one transaction, unless an article with the same
    /// `sha256` is already stored ([`ImportOutcome::Duplicate`], nothing written).
    ///
    /// Claims get `seq` 0, 1, … in the order given, status `unverified`, no verdict, revision 0.
    /// Before writing, every claim is checked against `article.text` (UTF-8 byte spans in bounds
    /// and on `char` boundaries, `text == article.text[span]`, entity spans slicing their text,
    /// score in `[0, 1]`). `imported_at` is stored as RFC 3339 UTC.
    ///
    /// Errors: [`StoreError::InvalidClaim`] (nothing written), [`StoreError::Busy`],
    /// [`StoreError::Sqlite`] for a schema constraint (e.g. `sha256` not 64 lowercase hex
    /// digits).
    pub fn insert_article(
        &mut self,
        article: &Article,
        claims: &[ExtractedClaim],
        imported_at: DateTime<Utc>,
        imported_by: &str,
    ) -> Result<ImportOutcome> {
        for (seq, claim) in claims.iter().enumerate() {
            rows::validate_claim(&article.text, seq, claim)?;
        }
        let headings = serde_json::to_string(&article.headings)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM articles WHERE sha256 = ?1",
                [&article.sha256],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(article_id) = existing {
            return Ok(ImportOutcome::Duplicate { article_id });
        }
        let article_id: i64 = tx.query_row(
            "INSERT INTO articles (sha256, text, title, url, language, published, dateline, \
             author, agency, headings, imported_at, imported_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
            params![
                article.sha256,
                article.text,
                article.title,
                article.url,
                article.language,
                article.published.as_ref().map(rows::format_date),
                article.dateline,
                article.author,
                article.agency,
                headings,
                rows::format_time(&imported_at),
                imported_by,
            ],
            |r| r.get(0),
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO claims (article_id, seq, text, span_start, span_end, context_start, \
                 context_end, score, check_worthy, kind, reasons, entities) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for (seq, claim) in claims.iter().enumerate() {
                let entities = serde_json::to_string(&claim.entities).map_err(|e| {
                    StoreError::InvalidClaim {
                        seq,
                        reason: e.to_string(),
                    }
                })?;
                insert.execute(params![
                    article_id,
                    seq as i64,
                    claim.text,
                    claim.span.start as i64,
                    claim.span.end as i64,
                    claim.context_span.start as i64,
                    claim.context_span.end as i64,
                    claim.score,
                    claim.check_worthy,
                    claim.kind.as_str(),
                    rows::reasons_json(&claim.reasons)?,
                    entities,
                ])?;
            }
        }
        tx.commit()?;
        Ok(ImportOutcome::Inserted { article_id })
    }

    /// The article with this id, with its claim counts.
    ///
    /// Errors: [`StoreError::ArticleNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`].
    pub fn article(&self, id: i64) -> Result<StoredArticle> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?1");
        self.conn
            .query_row(&sql, [id], ArticleRow::read)
            .optional()?
            .ok_or(StoreError::ArticleNotFound(id))?
            .parse()
    }

    /// Every article, ordered by id.
    ///
    /// Errors: [`StoreError::Corrupt`], [`StoreError::Sqlite`].
    pub fn articles(&self) -> Result<Vec<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], ArticleRow::read)?;
        rows.map(|r| r?.parse()).collect()
    }

    /// The claims matching `filter`, ordered by article id, then `seq`.
    ///
    /// Errors: [`StoreError::ArticleNotFound`] when `filter.article` names no article,
    /// [`StoreError::Corrupt`], [`StoreError::Sqlite`].
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<StoredClaim>> {
        let mut sql = format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(article) = filter.article {
            if !self.exists("SELECT 1 FROM articles WHERE id = ?1", article)? {
                return Err(StoreError::ArticleNotFound(article));
            }
            args.push(Value::Integer(article));
            sql.push_str(&format!(" AND article_id = ?{}", args.len()));
        }
        if let Some(status) = filter.status {
            args.push(Value::Text(status.as_str().to_owned()));
            sql.push_str(&format!(" AND status = ?{}", args.len()));
        }
        if let Some(verdict) = filter.verdict {
            args.push(Value::Text(verdict.as_str().to_owned()));
            sql.push_str(&format!(" AND verdict = ?{}", args.len()));
        }
        if let Some(min_score) = filter.min_score {
            args.push(Value::Real(min_score));
            sql.push_str(&format!(" AND score >= ?{}", args.len()));
        }
        if filter.check_worthy_only {
            sql.push_str(" AND check_worthy = 1");
        }
        sql.push_str(" ORDER BY article_id, seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), ClaimRow::read)?;
        rows.map(|r| r?.parse()).collect()
    }

    /// The claim with this id.
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`].
    pub fn claim(&self, id: i64) -> Result<StoredClaim> {
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], ClaimRow::read)
            .optional()?
            .ok_or(StoreError::ClaimNotFound(id))?
            .parse()
    }

    /// The claim's revision: 0 at import, incremented by every recorded change.
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Sqlite`].
    pub fn revision(&self, claim_id: i64) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT revision FROM claims WHERE id = ?1",
                [claim_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::ClaimNotFound(claim_id))
    }

    /// Sets the workflow status of every claim in `ids` to `to`, recording one history row per
    /// claim whose status differs; see [`Change`]. One IMMEDIATE transaction: all or nothing.
    ///
    /// Errors: [`StoreError::ClaimNotFound`] for the first unknown id (nothing written),
    /// [`StoreError::Busy`], [`StoreError::Sqlite`] (e.g. empty `meta.by`).
    pub fn set_status(
        &mut self,
        ids: &[i64],
        to: Status,
        meta: &ChangeMeta,
    ) -> Result<Vec<Change>> {
        self.set_field(ids, Field::Status, to.as_str(), meta)
    }

    /// Sets the verdict of every claim in `ids` to `to`, recording one history row per claim
    /// whose verdict differs (`from` is `None` for a claim without a verdict); see [`Change`].
    /// One IMMEDIATE transaction: all or nothing.
    ///
    /// Errors: as [`Store::set_status`].
    pub fn set_verdict(
        &mut self,
        ids: &[i64],
        to: Verdict,
        meta: &ChangeMeta,
    ) -> Result<Vec<Change>> {
        self.set_field(ids, Field::Verdict, to.as_str(), meta)
    }

    /// Shared body of [`Store::set_status`] and [`Store::set_verdict`]: `to` is the new value's
    /// snake_case name. A duplicate id is reported twice, the second time unchanged.
    fn set_field(
        &mut self,
        ids: &[i64],
        field: Field,
        to: &'static str,
        meta: &ChangeMeta,
    ) -> Result<Vec<Change>> {
        // Column names come from this allow-list, never from input.
        let (select_sql, update_sql) = match field {
            Field::Status => (
                "SELECT status, revision FROM claims WHERE id = ?1",
                "UPDATE claims SET status = ?1, revision = revision + 1 WHERE id = ?2 \
                 RETURNING revision",
            ),
            Field::Verdict => (
                "SELECT verdict, revision FROM claims WHERE id = ?1",
                "UPDATE claims SET verdict = ?1, revision = revision + 1 WHERE id = ?2 \
                 RETURNING revision",
            ),
        };
        let at = rows::format_time(&meta.at);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut changes = Vec::with_capacity(ids.len());
        {
            let mut select = tx.prepare(select_sql)?;
            let mut update = tx.prepare(update_sql)?;
            let mut record = tx.prepare(
                "INSERT INTO history (claim_id, field, from_value, to_value, note, \"by\", at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for &claim_id in ids {
                let current: Option<(Option<String>, i64)> = select
                    .query_row([claim_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                // Returning drops `tx`, which rolls back everything done so far.
                let Some((from, revision)) = current else {
                    return Err(StoreError::ClaimNotFound(claim_id));
                };
                if from.as_deref() == Some(to) {
                    changes.push(Change {
                        claim_id,
                        field,
                        from: from.clone(),
                        to: from,
                        changed: false,
                        revision,
                    });
                    continue;
                }
                let revision: i64 = update.query_row(params![to, claim_id], |r| r.get(0))?;
                record.execute(params![
                    claim_id,
                    field.as_str(),
                    from,
                    to,
                    meta.note,
                    meta.by,
                    at
                ])?;
                changes.push(Change {
                    claim_id,
                    field,
                    from,
                    to: Some(to.to_owned()),
                    changed: true,
                    revision,
                });
            }
        }
        tx.commit()?;
        Ok(changes)
    }

    /// The change history of a claim, oldest first (by insertion order).
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`].
    pub fn history(&self, claim_id: i64) -> Result<Vec<HistoryEntry>> {
        if !self.exists("SELECT 1 FROM claims WHERE id = ?1", claim_id)? {
            return Err(StoreError::ClaimNotFound(claim_id));
        }
        let sql = format!("SELECT {HISTORY_COLUMNS} FROM history WHERE claim_id = ?1 ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([claim_id], HistoryRow::read)?;
        rows.map(|r| r?.parse()).collect()
    }

    fn exists(&self, sql: &str, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .query_row(sql, [id], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

impl Drop for Store {
    /// Runs `PRAGMA optimize` (pragma.html advice) without waiting for locks; errors ignored.
    fn drop(&mut self) {
        let _ = self.conn.busy_timeout(Duration::ZERO);
        let _ = self.conn.execute_batch("PRAGMA optimize");
    }
}

/// Applies the per-connection settings and reads each back.
fn configure(conn: &Connection) -> Result<()> {
    let defensive = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    expect("defensive", "1", i64::from(defensive).to_string())?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
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
    ] {
        conn.pragma_update(None, name, value)?;
        let found: i64 = conn.pragma_query_value(None, name, |r| r.get(0))?;
        expect(name, expected, found.to_string())?;
    }
    Ok(())
}

/// Sets WAL on a new database (`set`), otherwise only checks that the file is in WAL mode.
fn ensure_wal(conn: &Connection, set: bool) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn pragma(store: &Store, name: &str) -> String {
        store
            .conn
            .query_row(&format!("SELECT * FROM pragma_{name}"), [], |r| {
                r.get::<_, Value>(0)
            })
            .map(|v| match v {
                Value::Integer(i) => i.to_string(),
                Value::Text(s) => s,
                other => format!("{other:?}"),
            })
            .unwrap()
    }

    fn one_claim_store(path: &Path) -> (Store, i64) {
        let mut store = Store::open(path).unwrap();
        let text = "قال الوزير إن 2000 مهاجر وصلوا.";
        let article = Article {
            sha256: "a".repeat(64),
            text: text.to_owned(),
            title: None,
            url: None,
            language: "ar".to_owned(),
            published: None,
            dateline: None,
            author: None,
            agency: None,
            headings: vec![],
        };
        let span = claimtrack_model::Span::new(0, text.len());
        let claim = ExtractedClaim {
            text: text.to_owned(),
            span,
            context_span: span,
            score: 0.5,
            check_worthy: true,
            kind: claimtrack_model::ClaimKind::Statistic,
            reasons: vec![],
            entities: vec![],
        };
        let at = Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap();
        store.insert_article(&article, &[claim], at, "x").unwrap();
        let id = store.claims(&ClaimFilter::default()).unwrap()[0].id;
        (store, id)
    }

    #[test]
    fn settings_read_back_on_a_file_database() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = one_claim_store(&dir.path().join("claims.db"));
        for (name, expected) in [
            ("journal_mode", "wal"),
            ("foreign_keys", "1"),
            ("synchronous", "2"),
            ("trusted_schema", "0"),
            ("busy_timeout", "10000"),
        ] {
            assert_eq!(pragma(&store, name), expected, "{name}");
        }
        assert!(store
            .conn
            .db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE)
            .unwrap());
        // DEFENSIVE: writing the schema table directly is refused even with writable_schema.
        store
            .conn
            .pragma_update(None, "writable_schema", "ON")
            .unwrap();
        let err = store
            .conn
            .execute(
                "DELETE FROM sqlite_schema WHERE name = 'history_no_delete'",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("may not be modified"), "{err}");
    }

    #[test]
    fn settings_read_back_in_memory() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(pragma(&store, "journal_mode"), "memory");
        assert_eq!(pragma(&store, "foreign_keys"), "1");
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn foreign_keys_are_enforced() {
        let store = Store::open_in_memory().unwrap();
        let err = store
            .conn
            .execute(
                "INSERT INTO claims (article_id, seq, text, span_start, span_end, context_start, \
                 context_end, score, check_worthy, kind) VALUES (42, 0, '', 0, 0, 0, 0, 0.5, 1, 'other')",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    }

    #[test]
    fn lock_held_elsewhere_is_busy_and_rolls_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.db");
        let (mut store, id) = one_claim_store(&path);
        store.conn.busy_timeout(Duration::from_millis(50)).unwrap();

        let mut other = Connection::open(&path).unwrap();
        let tx = other
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        let meta = ChangeMeta {
            by: "x".to_owned(),
            note: None,
            at: Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap(),
        };
        let err = store
            .set_status(&[id], Status::InProgress, &meta)
            .unwrap_err();
        assert!(matches!(err, StoreError::Busy), "{err:?}");
        assert_eq!(
            err.to_string(),
            "database is busy (another claimtrack is writing); retry"
        );
        assert!(store.conn.is_autocommit(), "transaction left open");
        drop(tx);

        let changes = store.set_status(&[id], Status::InProgress, &meta).unwrap();
        assert!(changes[0].changed);
        assert_eq!(store.revision(id).unwrap(), 1);
    }
}
