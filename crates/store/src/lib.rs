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

mod change;
mod check;
mod error;
mod migrate;
mod rows;
mod search;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use claimtrack_model::{
    Article, ClaimKind, Evidence, ExtractedClaim, HistoryEntry, Note, Status, StoredClaim, Verdict,
};
use rusqlite::config::DbConfig;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

pub use change::{Change, Commit, FieldChange, NewEvidence, Op, VerdictChange, WriteOptions};
pub use check::Problem;
pub use error::{Result, StoreError};
pub use migrate::SCHEMA_VERSION;
pub use search::MIN_PREFIX;

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
/// (all `None`/`false`) selects every claim. The same filter selects the claims of a bulk
/// change.
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
    /// Only claims of this kind.
    pub kind: Option<ClaimKind>,
    /// Only claims assigned to this person, or only unassigned ones.
    pub assignee: Option<AssigneeFilter>,
    /// Only claims matching this search query (same language as [`Store::search`]).
    pub search: Option<String>,
}

/// The `assignee` criterion of a [`ClaimFilter`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssigneeFilter {
    /// Claims nobody is assigned to.
    Unassigned,
    /// Claims assigned to this person (exact name).
    Name(String),
}

/// One result of [`Store::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The claim found.
    pub claim: StoredClaim,
    /// Its article's title, if any.
    pub article_title: Option<String>,
    /// BM25 score from FTS5: lower (more negative) is a better match.
    pub rank: f64,
    /// The claim text with matching words in `[` `]`, cut to about 12 words around the first
    /// match (`…` marks a cut). Built on the original text, not the folded index.
    pub snippet: String,
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
                 context_end, score, check_worthy, kind, reasons, entities, claimant) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
            )?;
            for (seq, claim) in claims.iter().enumerate() {
                let invalid = |e: serde_json::Error| StoreError::InvalidClaim {
                    seq,
                    reason: e.to_string(),
                };
                let entities = serde_json::to_string(&claim.entities).map_err(invalid)?;
                let claimant = claim
                    .claimant
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(invalid)?;
                let claim_id: i64 = insert.query_row(
                    params![
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
                        claimant,
                    ],
                    |r| r.get(0),
                )?;
                // The search index, in the same transaction as the claim.
                search::index_claim(&tx, claim_id, &claim.text, article.title.as_deref())?;
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
    /// [`StoreError::BadQuery`] for a malformed `filter.search`,
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
        if let Some(kind) = filter.kind {
            args.push(Value::Text(kind.as_str().to_owned()));
            sql.push_str(&format!(" AND kind = ?{}", args.len()));
        }
        match &filter.assignee {
            None => {}
            Some(AssigneeFilter::Unassigned) => sql.push_str(" AND assignee IS NULL"),
            Some(AssigneeFilter::Name(name)) => {
                args.push(Value::Text(name.clone()));
                sql.push_str(&format!(" AND assignee = ?{}", args.len()));
            }
        }
        let query = match &filter.search {
            Some(q) => {
                let parsed = search::parse_query(q)?;
                args.push(Value::Text(parsed.fts));
                sql.push_str(&format!(
                    " AND id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?{})",
                    args.len()
                ));
                q.as_str()
            }
            None => "",
        };
        sql.push_str(" ORDER BY article_id, seq");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), ClaimRow::read)
            .map_err(|e| search::query_error(query, e))?;
        rows.map(|r| r.map_err(|e| search::query_error(query, e))?.parse())
            .collect()
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

    /// Moves every claim in `ids` to status `to`, with the workflow rules enforced and no
    /// expectations: [`Store::change`] with [`Op::Status`] and default [`WriteOptions`].
    ///
    /// Errors: as [`Store::change`].
    pub fn set_status(
        &mut self,
        ids: &[i64],
        to: Status,
        meta: &ChangeMeta,
    ) -> Result<Vec<Change>> {
        self.change(ids, &Op::Status(to), &WriteOptions::default(), meta)
    }

    /// Sets the verdict of every claim in `ids` to `to` (`from` is `None` for a claim without a
    /// verdict): [`Store::change`] with [`Op::Verdict`] and default [`WriteOptions`].
    ///
    /// Errors: as [`Store::change`].
    pub fn set_verdict(
        &mut self,
        ids: &[i64],
        to: Verdict,
        meta: &ChangeMeta,
    ) -> Result<Vec<Change>> {
        let op = Op::Verdict(VerdictChange {
            verdict: Some(to),
            ..Default::default()
        });
        self.change(ids, &op, &WriteOptions::default(), meta)
    }

    /// Removes (hides) a piece of evidence from its claim, as a change of that claim; the
    /// note of `meta` says why. The row and the history keep it.
    ///
    /// Errors: [`StoreError::EvidenceNotFound`] (unknown or already removed), and those of
    /// [`Store::change`].
    pub fn remove_evidence(
        &mut self,
        evidence_id: i64,
        opts: &WriteOptions,
        meta: &ChangeMeta,
    ) -> Result<Change> {
        let claim_id: i64 = self
            .conn
            .query_row(
                "SELECT claim_id FROM evidence WHERE id = ?1 AND removed_at IS NULL",
                [evidence_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::EvidenceNotFound(evidence_id))?;
        let mut changes = self.change(&[claim_id], &Op::RemoveEvidence(evidence_id), opts, meta)?;
        Ok(changes.remove(0))
    }

    /// The evidence of a claim that has not been removed, oldest first.
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`].
    pub fn evidence(&self, claim_id: i64) -> Result<Vec<Evidence>> {
        if !self.exists("SELECT 1 FROM claims WHERE id = ?1", claim_id)? {
            return Err(StoreError::ClaimNotFound(claim_id));
        }
        let sql = format!(
            "SELECT {} FROM evidence WHERE claim_id = ?1 AND removed_at IS NULL ORDER BY id",
            rows::EVIDENCE_COLUMNS
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([claim_id], rows::read_evidence)?;
        rows.map(|r| r?).collect()
    }

    /// The notes of a claim that have not been removed (by undo), oldest first.
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`].
    pub fn notes(&self, claim_id: i64) -> Result<Vec<Note>> {
        if !self.exists("SELECT 1 FROM claims WHERE id = ?1", claim_id)? {
            return Err(StoreError::ClaimNotFound(claim_id));
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, claim_id, text, \"by\", at FROM notes \
             WHERE claim_id = ?1 AND removed_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([claim_id], rows::read_note)?;
        rows.map(|r| r?).collect()
    }

    /// The work list: open claims (status `unverified`, `in_progress` or `in_review`) ordered by
    /// check-worthiness (score, highest first), then age (oldest article, then text order).
    /// Without `person`, unassigned claims come first, then assigned ones. With `person`, only
    /// that person's claims, then unassigned ones (what they could pick up). At most `limit`.
    ///
    /// Errors: [`StoreError::Corrupt`], [`StoreError::Sqlite`].
    pub fn queue(&self, person: Option<&str>, limit: usize) -> Result<Vec<StoredClaim>> {
        let columns = CLAIM_COLUMNS
            .split(", ")
            .map(|c| format!("c.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {columns} FROM claims c JOIN articles a ON a.id = c.article_id \
             WHERE c.status IN ('unverified', 'in_progress', 'in_review') \
             AND (?1 IS NULL OR c.assignee IS NULL OR c.assignee = ?1) \
             ORDER BY CASE WHEN ?1 IS NULL THEN c.assignee IS NOT NULL \
                           ELSE c.assignee IS NULL END, \
             c.score DESC, a.imported_at, c.article_id, c.seq LIMIT ?2"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![person, limit], ClaimRow::read)?;
        rows.map(|r| r?.parse()).collect()
    }

    /// Full-text search over claim texts and article titles (see the `search` module docs for
    /// the query language and Arabic folding), best BM25 match first, at most `limit` hits,
    /// optionally only in one article or with one status. Claim text weighs 4 times the title.
    ///
    /// Errors: [`StoreError::BadQuery`] (readable reason), [`StoreError::ArticleNotFound`],
    /// [`StoreError::Corrupt`], [`StoreError::Sqlite`].
    pub fn search(
        &self,
        query: &str,
        article: Option<i64>,
        status: Option<Status>,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let parsed = search::parse_query(query)?;
        if let Some(article) = article {
            if !self.exists("SELECT 1 FROM articles WHERE id = ?1", article)? {
                return Err(StoreError::ArticleNotFound(article));
            }
        }
        let columns = CLAIM_COLUMNS
            .split(", ")
            .map(|c| format!("c.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        // MATCH drives the plan (a CTE), the filters apply to its hits.
        let sql = format!(
            "WITH hits AS (SELECT rowid AS id, bm25(claims_fts, 4.0, 1.0) AS rank \
                           FROM claims_fts WHERE claims_fts MATCH ?1) \
             SELECT {columns}, a.title, hits.rank FROM hits \
             JOIN claims c ON c.id = hits.id JOIN articles a ON a.id = c.article_id \
             WHERE (?2 IS NULL OR c.article_id = ?2) AND (?3 IS NULL OR c.status = ?3) \
             ORDER BY hits.rank, c.id LIMIT ?4"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let n = CLAIM_COLUMNS.split(", ").count();
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(
                params![parsed.fts, article, status.map(|s| s.as_str()), limit],
                |r| {
                    Ok((
                        ClaimRow::read(r)?,
                        r.get::<_, Option<String>>(n)?,
                        r.get::<_, f64>(n + 1)?,
                    ))
                },
            )
            .map_err(|e| search::query_error(query, e))?;
        let mut hits = Vec::new();
        for row in rows {
            let (claim, title, rank) = row.map_err(|e| search::query_error(query, e))?;
            let claim = claim.parse()?;
            let snippet = search::highlight(&claim.claim.text, &parsed.terms, 6);
            hits.push(SearchHit {
                claim,
                article_title: title,
                rank,
                snippet,
            });
        }
        Ok(hits)
    }

    /// Checks the database: `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, and the
    /// store's invariants (claim spans inside their article and matching its text; each
    /// claim's status, verdict and assignee equal to the last history entries for them and its
    /// revision to its last history revision; the search index in sync). Read-only.
    ///
    /// Returns every problem found (empty = healthy). Errors: [`StoreError::Sqlite`].
    pub fn check(&self) -> Result<Vec<Problem>> {
        check::run(&self.conn)
    }

    /// Writes a consistent copy of the database to `dest` with SQLite's online backup (other
    /// processes may keep writing meanwhile); the copy is then switched to WAL like any
    /// claimtrack database. `dest` must not exist.
    ///
    /// Errors: [`StoreError::Open`] when `dest` exists or cannot be created,
    /// [`StoreError::Busy`], [`StoreError::Sqlite`].
    pub fn backup(&self, dest: &Path) -> Result<()> {
        let open_err = |source| StoreError::Open {
            path: dest.to_path_buf(),
            source,
        };
        if dest.exists() {
            return Err(open_err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some("file exists; choose a new path".to_owned()),
            )));
        }
        let mut dst = Connection::open(dest).map_err(open_err)?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
            backup.run_to_completion(256, Duration::from_millis(5), None)?;
        }
        let mode: String =
            dst.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        expect("journal_mode", "wal", mode.to_ascii_lowercase())?;
        Ok(())
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
        let article = Article::bare("a".repeat(64), text);
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
            claimant: None,
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
