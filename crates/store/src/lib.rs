//! The claimtrack store: the only crate that knows SQL. It keeps articles, their claims and
//! the append-only history of every tracking change, in one of two engines behind one API:
//!
//! - **SQLite** (rusqlite, bundled): one file, zero set-up, one person's desk;
//! - **PostgreSQL** (the synchronous `postgres` crate, TLS by rustls): a shared server for a
//!   desk of many fact-checkers.
//!
//! [`Store::open`] picks the engine from a [`Locator`]: a `postgres://`/`postgresql://` URL
//! selects PostgreSQL, a path (or `sqlite:` URL) SQLite. The shared logic — workflow checks and
//! change planning (`change.rs`), row parsing (`rows.rs`), search parsing, folding and snippets
//! (`search.rs`), the invariants of `db check` (`check.rs`) and `db copy` (`copy.rs`) — is
//! written once against a small SQL interface (`db.rs`) that each engine implements
//! (`sqlite.rs`, `pg.rs`).
//!
//! Guarantees, on both engines:
//! - every public write is one transaction: all or nothing, and a read-modify-write never loses
//!   a concurrent update (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: the claim rows are read
//!   `FOR UPDATE` and conflicts are retried a bounded number of times); a database that stays
//!   busy is [`StoreError::Busy`] (retryable), never a silent loss;
//! - the schema is created and upgraded by the embedded `migrations/{sqlite,postgres}/*.sql`
//!   at open, in one transaction; a newer database is refused untouched ([`StoreError::TooNew`]);
//! - SQLite connection settings are asserted at open: WAL, `foreign_keys=ON`,
//!   `synchronous=FULL`, `busy_timeout` 10 s, `trusted_schema=OFF`, `SQLITE_DBCONFIG_DEFENSIVE`,
//!   `cache_size` 32 MiB;
//! - history rows are never updated or deleted (triggers in the database refuse it).
//!
//! Times are stored as RFC 3339 UTC text (`2026-11-29T10:00:00Z`); spans as UTF-8 byte offsets
//! into the stored article text; enum values as the model's snake_case names.

#![warn(missing_docs)]

mod candidate_index;
mod change;
mod check;
mod claim_index;
mod copy;
mod db;
mod error;
mod factchecks;
mod locator;
mod migrate;
mod pg;
mod rows;
mod search;
mod snapshot;
mod sqlite;

use std::cell::RefCell;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use claimtrack_model::{
    Article, ClaimKind, Evidence, ExtractedClaim, HistoryEntry, Note, Status, StoredClaim, Verdict,
};
use rusqlite::Connection;

pub use candidate_index::{CandidateIndex, LibraryVersion};
pub use change::{Change, Commit, FieldChange, NewEvidence, Op, VerdictChange, WriteOptions};
pub use check::Problem;
pub use claim_index::{nearest_by_keys, ClusterChanges, DeskClaim, IndexedClaim};
pub use copy::CopyCounts;
pub use error::{Result, StoreError};
pub use factchecks::{
    candidate_terms, ClaimMatch, FactCheckFilter, FactCheckKey, LibraryStats, NewFactCheck, Stored,
    StoredFactCheck,
};
pub use locator::{mask_url, Locator, PgUrl, SslMode};
pub use migrate::SCHEMA_VERSION;
pub use pg::{LOCK_TIMEOUT, MAX_ATTEMPTS};
pub use search::MIN_PREFIX;

use db::{Db, Val};
use rows::{ArticleRow, ClaimRow, HistoryRow, ARTICLE_COLUMNS, CLAIM_COLUMNS, HISTORY_COLUMNS};

/// How long a connection waits for another writer's lock before [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open claimtrack database: one SQLite connection or one PostgreSQL session, configured and
/// migrated.
///
/// Not `Sync`; open one `Store` per thread or process. Write methods take `&mut self` and run
/// one transaction each; each read method sees one consistent snapshot of the last committed
/// state.
pub struct Store {
    engine: Engine,
    /// Shared with the other connections of this process that write to the same SQLite file
    /// ([`Store::share_write_turns`]): held during each write transaction.
    turns: Option<Arc<Mutex<()>>>,
}

enum Engine {
    Sqlite(Connection),
    Postgres(Box<RefCell<pg::Pg>>),
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.engine {
            Engine::Sqlite(c) => write!(f, "Store(sqlite {:?})", c.path()),
            Engine::Postgres(p) => write!(f, "Store(postgresql {})", p.borrow().shown),
        }
    }
}

/// Which engine a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
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

/// An article checked and turned into row values, ready to be written by
/// [`Store::insert_article`] or [`Store::insert_articles`]: validation and JSON serialisation
/// happen before the transaction, so a bad claim never costs a write.
struct PreparedArticle<'a> {
    article: &'a Article,
    claims: &'a [ExtractedClaim],
    /// One row of claim values per claim (the article id slot first, filled in when written).
    rows: Vec<Vec<Val>>,
    /// The article row's values, in the INSERT's column order.
    article_params: Vec<Val>,
}

impl<'a> PreparedArticle<'a> {
    /// Checks every claim against the article text and serialises the rows.
    ///
    /// Errors: [`StoreError::InvalidClaim`], [`StoreError::Corrupt`] (headings not
    /// serialisable).
    fn new(
        article: &'a Article,
        claims: &'a [ExtractedClaim],
        imported_at: DateTime<Utc>,
        imported_by: &str,
    ) -> Result<Self> {
        let mut prepared = Self::claims_only(article, claims)?;
        let headings = serde_json::to_string(&article.headings)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        prepared.article_params = vec![
            article.sha256.as_str().into(),
            article.text.as_str().into(),
            article.title.clone().into(),
            article.url.clone().into(),
            article.language.as_str().into(),
            article.published.as_ref().map(rows::format_date).into(),
            article.dateline.clone().into(),
            article.author.clone().into(),
            article.agency.clone().into(),
            headings.into(),
            rows::format_time(&imported_at).into(),
            imported_by.into(),
        ];
        Ok(prepared)
    }

    /// Only the claim rows (no article row: [`PreparedArticle::insert_claims`] only), checked
    /// against `article.text`, which is not copied.
    fn claims_only(article: &'a Article, claims: &'a [ExtractedClaim]) -> Result<Self> {
        let mut rows: Vec<Vec<Val>> = Vec::with_capacity(claims.len());
        for (seq, claim) in claims.iter().enumerate() {
            rows::validate_claim(&article.text, seq, claim)?;
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
            rows.push(vec![
                Val::Null, // article id, filled in when written
                Val::Int(seq as i64),
                claim.text.as_str().into(),
                Val::Int(claim.span.start as i64),
                Val::Int(claim.span.end as i64),
                Val::Int(claim.context_span.start as i64),
                Val::Int(claim.context_span.end as i64),
                claim.score.into(),
                claim.check_worthy.into(),
                claim.kind.as_str().into(),
                rows::reasons_json(&claim.reasons)?.into(),
                entities.into(),
                claimant.into(),
            ]);
        }
        Ok(PreparedArticle {
            article,
            claims,
            rows,
            article_params: Vec::new(),
        })
    }

    /// Writes the article, its claims and their search-index rows inside the caller's
    /// transaction, unless its `sha256` is already stored.
    /// Writes the article row and its claim rows, not their search-index rows: the claim ids
    /// (claim order; none for a duplicate) are returned for [`Self::search_rows`]. A batch
    /// indexes its articles after their savepoints, since FTS5 flushes its pending terms to a
    /// new segment at every savepoint (a segment per article made merging a tenth of a batch
    /// import's time).
    fn insert_rows(&self, db: &mut dyn Db) -> Result<(ImportOutcome, Vec<i64>)> {
        let sha = self.article.sha256.as_str();
        let existing = |db: &mut dyn Db| -> Result<Option<i64>> {
            db.query_opt("SELECT id FROM articles WHERE sha256 = $1", &[sha.into()])?
                .map(|r| r.i64(0))
                .transpose()
        };
        if let Some(article_id) = existing(db)? {
            return Ok((ImportOutcome::Duplicate { article_id }, Vec::new()));
        }
        let inserted = db.query_opt(
            "INSERT INTO articles (sha256, text, title, url, language, published, dateline, \
             author, agency, headings, imported_at, imported_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (sha256) DO NOTHING RETURNING id",
            &self.article_params,
        )?;
        let Some(inserted) = inserted else {
            // Another desk member imported it meanwhile (PostgreSQL): a duplicate.
            let article_id = existing(db)?
                .ok_or_else(|| StoreError::Corrupt("article vanished during import".to_owned()))?;
            return Ok((ImportOutcome::Duplicate { article_id }, Vec::new()));
        };
        let article_id = inserted.i64(0)?;
        let ids = self.insert_claim_rows(db, article_id, 0)?;
        Ok((ImportOutcome::Inserted { article_id }, ids))
    }

    /// Writes the article and its claims with their search-index rows ([`Self::insert_rows`],
    /// then [`Self::search_rows`]).
    fn insert(&self, db: &mut dyn Db) -> Result<ImportOutcome> {
        let (outcome, ids) = self.insert_rows(db)?;
        search::index_claims(db, &self.search_rows(&ids))?;
        Ok(outcome)
    }

    /// Writes the claims of this article's rows for article `article_id`, their `seq`
    /// numbered from `first_seq`, and their search-index rows.
    fn insert_claims(&self, db: &mut dyn Db, article_id: i64, first_seq: usize) -> Result<()> {
        let ids = self.insert_claim_rows(db, article_id, first_seq)?;
        search::index_claims(db, &self.search_rows(&ids))
    }

    /// The search-index rows of this article's claims, stored under `ids` (claim order).
    fn search_rows(&self, ids: &[i64]) -> Vec<(i64, &'a str, Option<&'a str>)> {
        ids.iter()
            .zip(self.claims)
            .map(|(id, c)| (*id, c.text.as_str(), self.article.title.as_deref()))
            .collect()
    }

    /// Writes the claim rows of this article for article `article_id`, their `seq` numbered
    /// from `first_seq`; returns their ids in claim order.
    fn insert_claim_rows(
        &self,
        db: &mut dyn Db,
        article_id: i64,
        first_seq: usize,
    ) -> Result<Vec<i64>> {
        let mut ids = vec![0i64; self.rows.len()];
        for chunk in self.rows.chunks(CLAIM_BATCH) {
            let sql = format!(
                "INSERT INTO claims (article_id, seq, text, span_start, span_end, \
                 context_start, context_end, score, check_worthy, kind, reasons, entities, \
                 claimant) VALUES {} RETURNING id, seq",
                db::values_list(chunk.len(), 13)
            );
            let mut params = Vec::with_capacity(chunk.len() * 13);
            for row in chunk {
                params.push(Val::Int(article_id));
                // `seq` counts from the first claim of the article, not of this part.
                let Val::Int(seq) = row[1] else {
                    return Err(StoreError::Corrupt("claim seq is not a number".to_owned()));
                };
                params.push(Val::Int(seq + first_seq as i64));
                params.extend(row[2..].iter().cloned());
            }
            for r in db.query(&sql, &params)? {
                let (id, seq) = (r.i64(0)?, r.i64(1)?);
                let slot = usize::try_from(seq - first_seq as i64)
                    .ok()
                    .and_then(|s| ids.get_mut(s))
                    .ok_or_else(|| StoreError::Corrupt(format!("seq {seq} returned")))?;
                *slot = id;
            }
        }
        Ok(ids)
    }
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
    /// Relevance, lower (more negative) = better. SQLite: FTS5's BM25 (claim text weighted 4,
    /// title 1). PostgreSQL: minus `ts_rank` (claim text weight 1, title 0.25). The hits are the
    /// same on both engines; the scores, and so the order of hits of different relevance,
    /// may differ.
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

/// Claim rows per multi-row INSERT at import (13 parameters each).
const CLAIM_BATCH: usize = 500;

/// The claim columns of [`CLAIM_COLUMNS`] qualified with `c.`.
fn claim_columns_c() -> String {
    CLAIM_COLUMNS
        .split(", ")
        .map(|c| format!("c.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Opens the database at `db`: a `postgres://`/`postgresql://` URL (PostgreSQL), else a
    /// path or `sqlite:` URL (SQLite; see [`Locator`]). The schema is created or migrated.
    ///
    /// SQLite: the file (and its parent directory) is created if missing; settings are read
    /// back and asserted: `journal_mode=wal` (set only on a new database, since the mode
    /// persists in the file), `foreign_keys=1`, `synchronous=2` (FULL), `trusted_schema=0`,
    /// DEFENSIVE on, busy timeout [`BUSY_TIMEOUT`]. Retries once on `SQLITE_BUSY` (first-open
    /// WAL race, recovery after a crash).
    ///
    /// PostgreSQL: the database must exist; an empty one gets the claimtrack schema (under an
    /// advisory lock). The session's `lock_timeout` is [`LOCK_TIMEOUT`].
    ///
    /// Errors: [`StoreError::Open`] (cannot create the directory or open the file, not a
    /// database), [`StoreError::BadLocator`], [`StoreError::Connect`], [`StoreError::TooNew`]
    /// (database left untouched), [`StoreError::Setting`], [`StoreError::Busy`],
    /// [`StoreError::PermissionDenied`] (a role that may not create the schema).
    pub fn open(db: impl AsRef<Path>) -> Result<Store> {
        Self::open_locator(&Locator::from_path(db.as_ref())?)
    }

    /// [`Store::open`] with a parsed [`Locator`].
    ///
    /// Errors: as [`Store::open`].
    pub fn open_locator(locator: &Locator) -> Result<Store> {
        let engine = match locator {
            Locator::Sqlite(path) => {
                let conn = match sqlite::open_file(path, sqlite::Mode::ReadWrite) {
                    Err(StoreError::Busy) => sqlite::open_file(path, sqlite::Mode::ReadWrite),
                    other => other,
                }?;
                Engine::Sqlite(conn)
            }
            Locator::Postgres(url) => Engine::Postgres(Box::new(RefCell::new(pg::Pg::open(
                url,
                pg::Mode::ReadWrite,
            )?))),
        };
        Ok(Store {
            engine,
            turns: None,
        })
    }

    /// Opens an existing database read-only (for reports and inspection): nothing is created,
    /// migrated or written; write methods fail (SQLite: [`StoreError::ReadOnly`]; PostgreSQL: a
    /// read-only session, [`StoreError::PermissionDenied`]).
    ///
    /// Errors: as [`Store::open`], plus [`StoreError::Setting`] named `user_version` (SQLite) or
    /// [`StoreError::SchemaOutdated`] (PostgreSQL) when the schema is older than
    /// [`SCHEMA_VERSION`], and [`StoreError::NoSchema`] for a PostgreSQL database without the
    /// claimtrack schema.
    pub fn open_read_only(db: impl AsRef<Path>) -> Result<Store> {
        Self::open_read_only_locator(&Locator::from_path(db.as_ref())?)
    }

    /// [`Store::open_read_only`] with a parsed [`Locator`].
    ///
    /// Errors: as [`Store::open_read_only`].
    pub fn open_read_only_locator(locator: &Locator) -> Result<Store> {
        let engine = match locator {
            Locator::Sqlite(path) => {
                Engine::Sqlite(sqlite::open_file(path, sqlite::Mode::ReadOnly)?)
            }
            Locator::Postgres(url) => Engine::Postgres(Box::new(RefCell::new(pg::Pg::open(
                url,
                pg::Mode::ReadOnly,
            )?))),
        };
        Ok(Store {
            engine,
            turns: None,
        })
    }

    /// Opens a fresh, migrated in-memory SQLite database (for tests). Same settings as
    /// [`Store::open`] except the journal mode, which is `memory`.
    ///
    /// Errors: [`StoreError::Sqlite`] if SQLite cannot allocate the database.
    pub fn open_in_memory() -> Result<Store> {
        let conn = sqlite::init(Connection::open_in_memory()?, sqlite::Mode::Memory)?;
        Ok(Store {
            engine: Engine::Sqlite(conn),
            turns: None,
        })
    }

    /// Makes this store and `other` — two connections of this process to the same SQLite
    /// database, used from different threads — take turns at writing: each write transaction
    /// first waits for the other's to end. When this store already takes turns with others,
    /// `other` joins them (three connections or more take turns together). Without it, the
    /// connection that finds the file locked waits in SQLite's busy handler, which sleeps up
    /// to 100 ms at a time, long after the lock is free (an import's writer and its clustering
    /// thread lost seconds so). Other processes are still waited for by the busy timeout. PostgreSQL: nothing to do (its
    /// writers lock rows, not the database), so nothing changes.
    pub fn share_write_turns(&mut self, other: &mut Store) {
        if let (Engine::Sqlite(_), Engine::Sqlite(_)) = (&self.engine, &other.engine) {
            let turns = self.turns.get_or_insert_with(|| Arc::new(Mutex::new(())));
            other.turns = Some(Arc::clone(turns));
        }
    }

    /// Refreshes the query planner's statistics of tables whose size changed much since they
    /// were gathered (SQLite: `PRAGMA optimize=0x10002`, every table checked, not only those
    /// this connection queried; a no-op on PostgreSQL, whose autovacuum analyses). Run after a
    /// large write: statistics gathered while the fact-check library held a few rows made
    /// SQLite scan whole tables for each look-up once it held ten thousand.
    ///
    /// Errors: [`StoreError::Sqlite`].
    pub fn refresh_statistics(&self) -> Result<()> {
        if let Engine::Sqlite(conn) = &self.engine {
            conn.execute_batch("PRAGMA optimize=0x10002")?;
        }
        Ok(())
    }

    /// The engine this store runs on.
    pub fn engine(&self) -> EngineKind {
        match self.engine {
            Engine::Sqlite(_) => EngineKind::Sqlite,
            Engine::Postgres(_) => EngineKind::Postgres,
        }
    }

    /// On PostgreSQL, the role the session is connected as (`SELECT current_user`), the default
    /// author of changes; `None` on SQLite.
    ///
    /// Errors: [`StoreError::Postgres`].
    pub fn connected_role(&self) -> Result<Option<String>> {
        match self.engine {
            Engine::Sqlite(_) => Ok(None),
            Engine::Postgres(_) => self.read(|db| {
                Ok(Some(
                    db.query_one("SELECT current_user::text", &[])?.text(0)?,
                ))
            }),
        }
    }

    /// Runs `f` in one read snapshot (SQLite: a deferred transaction, in WAL mode a snapshot
    /// that never blocks writers; PostgreSQL: a REPEATABLE READ, READ ONLY transaction).
    fn read<T>(&self, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T> {
        match &self.engine {
            Engine::Sqlite(conn) => sqlite::read(conn, f),
            Engine::Postgres(pg) => pg.borrow_mut().read(f),
        }
    }

    /// Runs `f` in one write transaction; it returns whether to commit.
    fn write<T>(&mut self, f: impl FnMut(&mut dyn Db) -> Result<(T, bool)>) -> Result<T> {
        let turns = self.turns.clone();
        // A poisoned turn only means another thread panicked while writing; its transaction
        // was rolled back by SQLite, so the turn is still good.
        let _turn = turns
            .as_deref()
            .map(|t| t.lock().unwrap_or_else(PoisonError::into_inner));
        match &mut self.engine {
            Engine::Sqlite(conn) => sqlite::write(conn, f),
            Engine::Postgres(pg) => pg.get_mut().write(f),
        }
    }

    /// The schema version of the open database (SQLite: `PRAGMA user_version`; PostgreSQL: the
    /// `claimtrack_schema` table); equals [`SCHEMA_VERSION`] after a successful open.
    ///
    /// Errors: [`StoreError::Sqlite`], [`StoreError::Postgres`].
    pub fn schema_version(&self) -> Result<u32> {
        match &self.engine {
            Engine::Sqlite(conn) => migrate::user_version(conn),
            Engine::Postgres(pg) => pg.borrow_mut().version(),
        }
    }

    /// Stores `article` and its `claims` in one transaction, unless an article with the same
    /// `sha256` is already stored ([`ImportOutcome::Duplicate`], nothing written).
    ///
    /// Claims get `seq` 0, 1, … in the order given, status `unverified`, no verdict, revision 0.
    /// Before writing, every claim is checked against `article.text` (UTF-8 byte spans in bounds
    /// and on `char` boundaries, `text == article.text[span]`, entity spans slicing their text,
    /// score in `[0, 1]`). `imported_at` is stored as RFC 3339 UTC. Claims and their search
    /// index rows are written with multi-row INSERTs (a few statements per article).
    ///
    /// Errors: [`StoreError::InvalidClaim`] (nothing written), [`StoreError::Busy`],
    /// [`StoreError::Sqlite`]/[`StoreError::Postgres`] for a schema constraint (e.g. `sha256`
    /// not 64 lowercase hex digits), [`StoreError::PermissionDenied`].
    pub fn insert_article(
        &mut self,
        article: &Article,
        claims: &[ExtractedClaim],
        imported_at: DateTime<Utc>,
        imported_by: &str,
    ) -> Result<ImportOutcome> {
        let prepared = PreparedArticle::new(article, claims, imported_at, imported_by)?;
        self.write(|db| Ok((prepared.insert(db)?, true)))
    }

    /// Stores `article` and the claims `claims` yields, in one transaction, writing claims as
    /// they come ([`CLAIM_BATCH`] at a time) instead of holding them: the store side of an
    /// import in bounded memory (a 50 MB article's claims never all in memory). Claims are
    /// checked as [`Store::insert_article`] checks them; ids, `seq` and the search index are
    /// the same as if they had been given at once. An article whose `sha256` is stored already
    /// is [`ImportOutcome::Duplicate`] and the iterator is not read.
    ///
    /// Returns the outcome and the number of claims and check-worthy claims stored.
    ///
    /// Errors: those of [`Store::insert_article`] (nothing written); [`StoreError::Busy`] when
    /// PostgreSQL would retry the transaction (a stream cannot be replayed: run the import
    /// again).
    pub fn insert_article_streamed(
        &mut self,
        article: &Article,
        claims: &mut dyn Iterator<Item = ExtractedClaim>,
        imported_at: DateTime<Utc>,
        imported_by: &str,
    ) -> Result<(ImportOutcome, u32, u32)> {
        let head = PreparedArticle::new(article, &[], imported_at, imported_by)?;
        let mut attempts = 0;
        self.write(|db| {
            attempts += 1;
            if attempts > 1 {
                return Err(StoreError::Busy);
            }
            let outcome = head.insert(db)?;
            let ImportOutcome::Inserted { article_id } = outcome else {
                return Ok(((outcome, 0, 0), true));
            };
            let (mut seq, mut worthy) = (0usize, 0u32);
            let mut chunk: Vec<ExtractedClaim> = Vec::with_capacity(CLAIM_BATCH);
            loop {
                let next = claims.next();
                let done = next.is_none();
                if let Some(c) = next {
                    worthy += u32::from(c.check_worthy);
                    chunk.push(c);
                }
                if chunk.len() == CLAIM_BATCH || (done && !chunk.is_empty()) {
                    let part = PreparedArticle::claims_only(article, &chunk)
                        .map_err(|e| e.offset_seq(seq))?;
                    part.insert_claims(db, article_id, seq)?;
                    seq += chunk.len();
                    chunk.clear();
                }
                if done {
                    break;
                }
            }
            let stored = u32::try_from(seq).unwrap_or(u32::MAX);
            Ok(((outcome, stored, worthy), true))
        })
    }

    /// Stores a batch of articles in **one** transaction, each article inside its own savepoint:
    /// an article is either wholly stored or not at all, and one bad article (a claim that fails
    /// the checks of [`Store::insert_article`], a schema constraint) is rolled back alone and
    /// reported in its slot while the others are stored. One result per article, in the order
    /// given; a duplicate of a stored article, or of an earlier article of the same batch, is
    /// [`ImportOutcome::Duplicate`].
    ///
    /// This is the archive-scale path of `claimtrack import`: one commit (one `fsync` on
    /// SQLite) per batch instead of per article. Nothing of the batch is durable before this
    /// returns `Ok`; after it returns, all of the stored articles are.
    ///
    /// Errors (the whole batch, nothing written): [`StoreError::Busy`],
    /// [`StoreError::DiskFull`], [`StoreError::ReadOnly`], [`StoreError::PermissionDenied`],
    /// [`StoreError::Damaged`], and any error of the commit itself.
    pub fn insert_articles(
        &mut self,
        batch: &[(&Article, &[ExtractedClaim])],
        imported_at: DateTime<Utc>,
        imported_by: &str,
    ) -> Result<Vec<Result<ImportOutcome>>> {
        // Articles failing the checks get their error now; the others are written below.
        let mut results: Vec<Option<Result<ImportOutcome>>> = Vec::with_capacity(batch.len());
        let mut prepared = Vec::with_capacity(batch.len());
        for (a, c) in batch {
            match PreparedArticle::new(a, c, imported_at, imported_by) {
                Ok(p) => {
                    prepared.push(p);
                    results.push(None);
                }
                Err(e) => results.push(Some(Err(e))),
            }
        }
        let written = self.write(|db| {
            let mut out = Vec::with_capacity(prepared.len());
            let mut index = Vec::new();
            for p in &prepared {
                db.exec("SAVEPOINT article", &[])?;
                match p.insert_rows(db) {
                    Ok((outcome, ids)) => {
                        db.exec("RELEASE SAVEPOINT article", &[])?;
                        index.extend(p.search_rows(&ids));
                        out.push(Ok(outcome));
                    }
                    Err(e) if e.is_fatal_to_import() => return Err(e),
                    Err(e) => {
                        db.exec("ROLLBACK TO SAVEPOINT article", &[])?;
                        db.exec("RELEASE SAVEPOINT article", &[])?;
                        out.push(Err(e));
                    }
                }
            }
            // The stored articles' search-index rows, in the same transaction, outside the
            // savepoints (see `PreparedArticle::insert_rows`).
            search::index_claims(db, &index)?;
            Ok((out, true))
        })?;
        let mut written = written.into_iter();
        Ok(results
            .into_iter()
            .map(|r| {
                r.unwrap_or_else(|| {
                    written.next().unwrap_or_else(|| {
                        Err(StoreError::Corrupt("batch result missing".to_owned()))
                    })
                })
            })
            .collect())
    }

    /// The article with this id, with its claim counts.
    ///
    /// Errors: [`StoreError::ArticleNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`],
    /// [`StoreError::Postgres`].
    pub fn article(&self, id: i64) -> Result<StoredArticle> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = $1");
        self.read(|db| {
            ArticleRow::read(
                &db.query_opt(&sql, &[id.into()])?
                    .ok_or(StoreError::ArticleNotFound(id))?,
            )?
            .parse()
        })
    }

    /// Every article, ordered by id.
    ///
    /// Errors: [`StoreError::Corrupt`], [`StoreError::Sqlite`], [`StoreError::Postgres`].
    pub fn articles(&self) -> Result<Vec<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.id");
        self.read(|db| {
            db.query(&sql, &[])?
                .iter()
                .map(|r| ArticleRow::read(r)?.parse())
                .collect()
        })
    }

    /// The claims matching `filter`, ordered by article id, then `seq`.
    ///
    /// Errors: [`StoreError::ArticleNotFound`] when `filter.article` names no article,
    /// [`StoreError::BadQuery`] for a malformed `filter.search`,
    /// [`StoreError::Corrupt`], [`StoreError::Sqlite`], [`StoreError::Postgres`].
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<StoredClaim>> {
        let parsed = filter
            .search
            .as_deref()
            .map(search::parse_query)
            .transpose()?;
        self.read(|db| {
            let mut sql = format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE TRUE");
            let mut args: Vec<Val> = Vec::new();
            if let Some(article) = filter.article {
                if db
                    .query_opt("SELECT 1 FROM articles WHERE id = $1", &[article.into()])?
                    .is_none()
                {
                    return Err(StoreError::ArticleNotFound(article));
                }
                args.push(Val::Int(article));
                sql.push_str(&format!(" AND article_id = ${}", args.len()));
            }
            if let Some(status) = filter.status {
                args.push(status.as_str().into());
                sql.push_str(&format!(" AND status = ${}", args.len()));
            }
            if let Some(verdict) = filter.verdict {
                args.push(verdict.as_str().into());
                sql.push_str(&format!(" AND verdict = ${}", args.len()));
            }
            if let Some(min_score) = filter.min_score {
                args.push(Val::Real(min_score));
                sql.push_str(&format!(" AND score >= ${}", args.len()));
            }
            if filter.check_worthy_only {
                sql.push_str(" AND check_worthy");
            }
            if let Some(kind) = filter.kind {
                args.push(kind.as_str().into());
                sql.push_str(&format!(" AND kind = ${}", args.len()));
            }
            match &filter.assignee {
                None => {}
                Some(AssigneeFilter::Unassigned) => sql.push_str(" AND assignee IS NULL"),
                Some(AssigneeFilter::Name(name)) => {
                    args.push(name.as_str().into());
                    sql.push_str(&format!(" AND assignee = ${}", args.len()));
                }
            }
            if let Some(parsed) = &parsed {
                args.push(parsed.engine_query(db.kind()).into());
                sql.push_str(&format!(
                    " AND id IN ({})",
                    search::matching_ids(db.kind(), args.len())
                ));
            }
            sql.push_str(" ORDER BY article_id, seq");
            let query = filter.search.as_deref().unwrap_or("");
            db.query(&sql, &args)
                .map_err(|e| search::query_error(query, e))?
                .iter()
                .map(|r| ClaimRow::read(r)?.parse())
                .collect()
        })
    }

    /// The claim with this id.
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`],
    /// [`StoreError::Postgres`].
    pub fn claim(&self, id: i64) -> Result<StoredClaim> {
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE id = $1");
        self.read(|db| {
            ClaimRow::read(
                &db.query_opt(&sql, &[id.into()])?
                    .ok_or(StoreError::ClaimNotFound(id))?,
            )?
            .parse()
        })
    }

    /// The claim's revision: 0 at import, incremented by every recorded change.
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Sqlite`], [`StoreError::Postgres`].
    pub fn revision(&self, claim_id: i64) -> Result<i64> {
        self.read(|db| {
            db.query_opt(
                "SELECT revision FROM claims WHERE id = $1",
                &[claim_id.into()],
            )?
            .ok_or(StoreError::ClaimNotFound(claim_id))?
            .i64(0)
        })
    }

    /// Applies `op` to every claim of `ids` in one write transaction: all or nothing. For each
    /// claim, in order: the expectations of `opts` are checked ([`StoreError::Conflict`]), the
    /// workflow rules are checked against its current state, read inside the transaction
    /// (locked `FOR UPDATE` on PostgreSQL) ([`StoreError::Workflow`], unless `opts.force` with a
    /// note overrides them), the new values are written, its revision is incremented once and
    /// one history row is appended per field touched (with `meta`'s who, when and why). A claim
    /// that already has the requested values is reported unchanged and nothing is written for
    /// it.
    ///
    /// Every id is looked up before anything is checked, so an unknown id is reported first.
    /// `opts.commit` decides whether the transaction commits (see [`Commit`]).
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Conflict`],
    /// [`StoreError::Workflow`], [`StoreError::EvidenceNotFound`],
    /// [`StoreError::DuplicateEvidence`], [`StoreError::NothingToUndo`],
    /// [`StoreError::NeedsConfirmation`], [`StoreError::Busy`], [`StoreError::ReadOnly`],
    /// [`StoreError::PermissionDenied`], [`StoreError::Sqlite`]/[`StoreError::Postgres`] (e.g.
    /// empty `meta.by`).
    pub fn change(
        &mut self,
        ids: &[i64],
        op: &Op,
        opts: &WriteOptions,
        meta: &ChangeMeta,
    ) -> Result<Vec<Change>> {
        self.write(|db| change::run(db, ids, op, opts, meta))
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
        let claim_id = self.read(|db| {
            db.query_opt(
                "SELECT claim_id FROM evidence WHERE id = $1 AND removed_at IS NULL",
                &[evidence_id.into()],
            )?
            .ok_or(StoreError::EvidenceNotFound(evidence_id))?
            .i64(0)
        })?;
        let mut changes = self.change(&[claim_id], &Op::RemoveEvidence(evidence_id), opts, meta)?;
        Ok(changes.remove(0))
    }

    /// The evidence of a claim that has not been removed, oldest first.
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`],
    /// [`StoreError::Postgres`].
    pub fn evidence(&self, claim_id: i64) -> Result<Vec<Evidence>> {
        self.read(|db| {
            require_claim(db, claim_id)?;
            let sql = format!(
                "SELECT {} FROM evidence WHERE claim_id = $1 AND removed_at IS NULL ORDER BY id",
                rows::EVIDENCE_COLUMNS
            );
            db.query(&sql, &[claim_id.into()])?
                .iter()
                .map(rows::read_evidence)
                .collect()
        })
    }

    /// The notes of a claim that have not been removed (by undo), oldest first.
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`],
    /// [`StoreError::Postgres`].
    pub fn notes(&self, claim_id: i64) -> Result<Vec<Note>> {
        self.read(|db| {
            require_claim(db, claim_id)?;
            db.query(
                "SELECT id, claim_id, text, \"by\", at FROM notes \
                 WHERE claim_id = $1 AND removed_at IS NULL ORDER BY id",
                &[claim_id.into()],
            )?
            .iter()
            .map(rows::read_note)
            .collect()
        })
    }

    /// The work list: open claims (status `unverified`, `in_progress` or `in_review`) ordered by
    /// check-worthiness (score, highest first), then age (oldest article, then text order).
    /// Without `person`, unassigned claims come first, then assigned ones. With `person`, only
    /// that person's claims, then unassigned ones (what they could pick up). At most `limit`.
    ///
    /// Errors: [`StoreError::Corrupt`], [`StoreError::Sqlite`], [`StoreError::Postgres`].
    pub fn queue(&self, person: Option<&str>, limit: usize) -> Result<Vec<StoredClaim>> {
        let sql = format!(
            "SELECT {} FROM claims c JOIN articles a ON a.id = c.article_id \
             WHERE c.status IN ('unverified', 'in_progress', 'in_review') \
             AND (CAST($1 AS TEXT) IS NULL OR c.assignee IS NULL OR c.assignee = $1) \
             ORDER BY CASE WHEN CAST($1 AS TEXT) IS NULL THEN c.assignee IS NOT NULL \
                           ELSE c.assignee IS NULL END, \
             c.score DESC, a.imported_at, c.article_id, c.seq LIMIT $2",
            claim_columns_c()
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read(|db| {
            db.query(&sql, &[person.into(), limit.into()])?
                .iter()
                .map(|r| ClaimRow::read(r)?.parse())
                .collect()
        })
    }

    /// Full-text search over claim texts and article titles (see the `search` module docs for
    /// the query language and Arabic folding), best match first (see [`SearchHit::rank`]), at
    /// most `limit` hits, optionally only in one article or with one status. Claim text weighs
    /// more than the title.
    ///
    /// Errors: [`StoreError::BadQuery`] (readable reason), [`StoreError::ArticleNotFound`],
    /// [`StoreError::Corrupt`], [`StoreError::Sqlite`], [`StoreError::Postgres`].
    pub fn search(
        &self,
        query: &str,
        article: Option<i64>,
        status: Option<Status>,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let parsed = search::parse_query(query)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let n = CLAIM_COLUMNS.split(", ").count();
        self.read(|db| {
            if let Some(article) = article {
                if db
                    .query_opt("SELECT 1 FROM articles WHERE id = $1", &[article.into()])?
                    .is_none()
                {
                    return Err(StoreError::ArticleNotFound(article));
                }
            }
            // The full-text match drives the plan (a CTE), the filters apply to its hits.
            let sql = format!(
                "WITH hits AS ({}) \
                 SELECT {}, a.title, hits.rank FROM hits \
                 JOIN claims c ON c.id = hits.id JOIN articles a ON a.id = c.article_id \
                 WHERE (CAST($2 AS BIGINT) IS NULL OR c.article_id = $2) \
                 AND (CAST($3 AS TEXT) IS NULL OR c.status = $3) \
                 ORDER BY hits.rank, c.id LIMIT $4",
                search::hits_cte(db.kind()),
                claim_columns_c()
            );
            let rows = db
                .query(
                    &sql,
                    &[
                        parsed.engine_query(db.kind()).into(),
                        article.into(),
                        status.map(|s| s.as_str()).into(),
                        limit.into(),
                    ],
                )
                .map_err(|e| search::query_error(query, e))?;
            let mut hits = Vec::new();
            for row in rows {
                let claim = ClaimRow::read(&row)?.parse()?;
                let snippet = search::highlight(&claim.claim.text, &parsed.terms, 6);
                hits.push(SearchHit {
                    claim,
                    article_title: row.opt_text(n)?,
                    rank: row.f64(n + 1)?,
                    snippet,
                });
            }
            Ok(hits)
        })
    }

    /// Checks the database: the engine's own checks (SQLite: `PRAGMA integrity_check` and
    /// `PRAGMA foreign_key_check`; PostgreSQL: the history triggers present and enabled), and
    /// the store's invariants (claim spans inside their article and matching its text; each
    /// claim's status, verdict and assignee equal to the last history entries for them and its
    /// revision to its last history revision; the search index in sync). Read-only.
    ///
    /// Returns every problem found (empty = healthy). Errors: [`StoreError::Sqlite`],
    /// [`StoreError::Postgres`].
    pub fn check(&self) -> Result<Vec<Problem>> {
        self.read(check::run)
    }

    /// Writes a consistent snapshot of the database to a new SQLite file `dest`. SQLite: with
    /// SQLite's online backup (other processes may keep writing meanwhile), the copy then
    /// switched to WAL. PostgreSQL: with [`Store::copy_to`] from one read snapshot (for full
    /// server backups use `pg_dump`). `dest` must not exist. The copy is written under a
    /// temporary name in `dest`'s folder, checked (integrity, schema version) and only then
    /// given its name, so `dest` never holds a partial copy (see `snapshot.rs`).
    ///
    /// Errors: [`StoreError::Open`] when `dest` exists or cannot be created,
    /// [`StoreError::DiskFull`] (nothing left behind), [`StoreError::Damaged`] (the copy did
    /// not check out), [`StoreError::Busy`], [`StoreError::Sqlite`], [`StoreError::Postgres`].
    pub fn backup(&self, dest: &Path) -> Result<()> {
        snapshot::write(dest, |tmp| match &self.engine {
            Engine::Sqlite(conn) => sqlite::backup(conn, tmp),
            Engine::Postgres(_) => {
                let mut target = Store::open_locator(&Locator::Sqlite(tmp.to_path_buf()))?;
                self.copy_to(&mut target).map(drop)
            }
        })
    }

    /// The change history of a claim, oldest first (by insertion order).
    ///
    /// Errors: [`StoreError::ClaimNotFound`], [`StoreError::Corrupt`], [`StoreError::Sqlite`],
    /// [`StoreError::Postgres`].
    pub fn history(&self, claim_id: i64) -> Result<Vec<HistoryEntry>> {
        let sql = format!("SELECT {HISTORY_COLUMNS} FROM history WHERE claim_id = $1 ORDER BY id");
        self.read(|db| {
            require_claim(db, claim_id)?;
            db.query(&sql, &[claim_id.into()])?
                .iter()
                .map(|r| HistoryRow::read(r)?.parse())
                .collect()
        })
    }
}

fn require_claim(db: &mut dyn Db, claim_id: i64) -> Result<()> {
    match db.query_opt("SELECT 1 FROM claims WHERE id = $1", &[claim_id.into()])? {
        Some(_) => Ok(()),
        None => Err(StoreError::ClaimNotFound(claim_id)),
    }
}

impl Drop for Store {
    /// SQLite: runs `PRAGMA optimize` (pragma.html advice) without waiting for locks; errors
    /// ignored. PostgreSQL: the session is closed.
    fn drop(&mut self) {
        if let Engine::Sqlite(conn) = &self.engine {
            let _ = conn.busy_timeout(Duration::ZERO);
            let _ = conn.execute_batch("PRAGMA optimize");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rusqlite::config::DbConfig;
    use rusqlite::types::Value;
    use rusqlite::TransactionBehavior;

    impl Store {
        fn conn(&self) -> &Connection {
            match &self.engine {
                Engine::Sqlite(c) => c,
                Engine::Postgres(_) => panic!("not sqlite"),
            }
        }
    }

    fn pragma(store: &Store, name: &str) -> String {
        store
            .conn()
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
            .conn()
            .db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE)
            .unwrap());
        // DEFENSIVE: writing the schema table directly is refused even with writable_schema.
        store
            .conn()
            .pragma_update(None, "writable_schema", "ON")
            .unwrap();
        let err = store
            .conn()
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
            .conn()
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
        store
            .conn()
            .busy_timeout(Duration::from_millis(50))
            .unwrap();

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
        assert!(store.conn().is_autocommit(), "transaction left open");
        drop(tx);

        let changes = store.set_status(&[id], Status::InProgress, &meta).unwrap();
        assert!(changes[0].changed);
        assert_eq!(store.revision(id).unwrap(), 1);
    }

    #[test]
    fn connections_sharing_write_turns_never_meet_a_locked_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.db");
        let (mut a, _) = one_claim_store(&path);
        let mut b = Store::open(&path).unwrap();
        // No busy timeout: a connection that found the file locked would fail at once.
        for s in [&a, &b] {
            s.conn().busy_timeout(Duration::ZERO).unwrap();
        }
        a.share_write_turns(&mut b);
        let at = Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap();
        let write = |store: &mut Store, tag: char| {
            for i in 0..60 {
                let text = format!("قال الوزير إن {i} مهاجرا وصلوا.");
                let sha = format!("{tag}{i:063}");
                store
                    .insert_article(&Article::bare(sha, &text), &[], at, "x")
                    .unwrap_or_else(|e| panic!("{tag} {i}: {e}"));
            }
        };
        std::thread::scope(|s| {
            s.spawn(|| write(&mut a, 'b'));
            s.spawn(|| write(&mut b, 'c'));
        });
        assert_eq!(Store::open(&path).unwrap().articles().unwrap().len(), 121);
    }
}
