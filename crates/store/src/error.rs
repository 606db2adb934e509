//! The store's error type.

use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Everything a [`crate::Store`] operation can fail with.
///
/// Messages are lower-case, without a trailing period, and name the offending value.
/// [`StoreError::Busy`] is the one to retry (the CLI maps it to exit code 4);
/// [`StoreError::Conflict`] means someone else changed the claim first (exit code 3).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or set up: missing or uncreatable directory, not a
    /// SQLite file, unreadable schema. `path` is the path as given to [`crate::Store::open`].
    #[error("cannot open database {}: {source}", path.display())]
    Open {
        /// The database path as given.
        path: PathBuf,
        /// The SQLite error behind it.
        #[source]
        source: rusqlite::Error,
    },
    /// The database's schema version (`PRAGMA user_version`) is newer than this build knows.
    /// Nothing was written to the file.
    #[error(
        "database schema version {found} is newer than this claimtrack supports ({supported}); \
         upgrade claimtrack"
    )]
    TooNew {
        /// The version found in the file.
        found: u32,
        /// The newest version this build knows ([`crate::SCHEMA_VERSION`]).
        supported: u32,
    },
    /// Another connection held the write lock for longer than the busy timeout (10 s), or SQLite
    /// reported `SQLITE_BUSY`; on PostgreSQL, a serialization failure, deadlock or lock timeout
    /// persisted through the store's bounded retries. The operation was rolled back; retrying
    /// may succeed.
    #[error("database is busy (another claimtrack is writing); retry")]
    Busy,
    /// No claim has this id.
    #[error("no claim with id {0}")]
    ClaimNotFound(i64),
    /// No article has this id.
    #[error("no article with id {0}")]
    ArticleNotFound(i64),
    /// No fact-check of the library has this id.
    #[error("no fact-check with id {0}")]
    FactCheckNotFound(i64),
    /// A connection setting read back a different value than the one required (e.g.
    /// `journal_mode` is `delete` instead of `wal`, `foreign_keys` is `0`).
    #[error("database setting {name} is {found}, expected {expected}")]
    Setting {
        /// The pragma or option name, e.g. `"journal_mode"`.
        name: &'static str,
        /// The required value.
        expected: String,
        /// The value read back.
        found: String,
    },
    /// A claim given to [`crate::Store::insert_article`] breaks an invariant the store checks:
    /// a span out of bounds or off a `char` boundary, `text` not equal to the article text under
    /// its span, an entity span that does not slice the entity text, or a score outside `[0, 1]`.
    /// Nothing was written.
    #[error("claim {seq} is invalid: {reason}")]
    InvalidClaim {
        /// 0-based position of the claim in the slice given.
        seq: usize,
        /// What is wrong, naming the offending value.
        reason: String,
    },
    /// A workflow rule refuses the change on this claim (see `claimtrack_model::workflow`).
    /// Nothing was written (the whole command is rolled back).
    #[error("claim {claim_id}: {rule}")]
    Workflow {
        /// The claim refused.
        claim_id: i64,
        /// The rule that refused it; its message lists what is allowed.
        rule: claimtrack_model::workflow::WorkflowError,
    },
    /// Optimistic concurrency: the claim is not at the revision (or status) the caller expected,
    /// because someone else changed it first. Nothing was written; the CLI exits with code 3.
    #[error(
        "claim {claim_id} is at revision {revision} with status {status}{last}, but {expected} \
         was expected: someone else changed it first, or the expected value is wrong; look at it \
         again and retry"
    )]
    Conflict {
        /// The claim.
        claim_id: i64,
        /// Its current revision.
        revision: i64,
        /// Its current status.
        status: claimtrack_model::Status,
        /// `" (last change by NAME at TIME)"`, or empty when it has no history.
        last: String,
        /// What the caller expected, e.g. `"revision 4"` or `"status in_progress"`.
        expected: String,
    },
    /// No evidence has this id (or it was removed already).
    #[error("no evidence with id {0}")]
    EvidenceNotFound(i64),
    /// The claim already has this URL among its (not removed) evidence.
    #[error("claim {claim_id} already has evidence {url} (evidence {evidence_id})")]
    DuplicateEvidence {
        /// The claim.
        claim_id: i64,
        /// The URL refused.
        url: String,
        /// The id of the evidence that has it.
        evidence_id: i64,
    },
    /// `undo` on a claim without recorded changes.
    #[error("claim {0} has no change to undo")]
    NothingToUndo(i64),
    /// A change would touch more claims than allowed without confirmation
    /// ([`crate::Commit::AtMost`]). Nothing was written.
    #[error("{count} claims would change (more than {max}); add --yes to confirm, or --dry-run to see them")]
    NeedsConfirmation {
        /// How many claims would change.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A search query that cannot be parsed. `reason` says what is wrong in plain words. The
    /// message shows at most the query's first 80 characters ([`shown_query`]).
    #[error("cannot search for '{}': {reason}", shown_query(.query))]
    BadQuery {
        /// The query as typed.
        query: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The database file (or its directory) is not writable: reads work, writes are refused.
    #[error("database is read-only: this change needs write access to the database file and its directory (reads still work)")]
    ReadOnly,
    /// SQLite reports the disk (or the file system holding the database) full. The write
    /// transaction was rolled back: nothing was written.
    #[error("the disk holding the database is full: nothing was written (the change was rolled back); free some space and run the command again")]
    DiskFull,
    /// SQLite found the file damaged (`SQLITE_CORRUPT`), or a claim looked up was missing and
    /// `PRAGMA quick_check` then found damage: the answer could not be trusted.
    #[error("the database is damaged ({0}); run `claimtrack db check` to see where, and restore a backup (claimtrack db backup)")]
    Damaged(String),
    /// A stored row does not parse back (unknown enum name, bad JSON, bad time, negative offset).
    #[error("corrupt database row: {0}")]
    Corrupt(String),
    /// Any other SQLite error (constraint violation, I/O error…).
    #[error(transparent)]
    Sqlite(rusqlite::Error),
    /// What the user gave as a database is not a usable locator (a malformed `postgres://`
    /// URL, an unknown URL parameter, a bad port). `locator` has its password masked.
    #[error("cannot use database {locator}: {reason}")]
    BadLocator {
        /// The locator as given, password masked.
        locator: String,
        /// What is wrong.
        reason: String,
    },
    /// The PostgreSQL server could not be reached or refused the connection (unreachable,
    /// authentication failed, database missing, TLS failure). `url` has its password masked.
    #[error("cannot connect to PostgreSQL at {url}: {reason}")]
    Connect {
        /// The URL, password masked.
        url: String,
        /// The driver's reason.
        reason: String,
    },
    /// A read-only open of a PostgreSQL database that has no claimtrack schema yet. The URL has
    /// its password masked.
    #[error(
        "no claimtrack database at {0} (the database exists but has no claimtrack tables); \
         import an article first (claimtrack import FILE) or copy a desk into it \
         (claimtrack db copy --from FILE --to URL)"
    )]
    NoSchema(String),
    /// A read-only open of a database whose schema is older than this build: open it read-write
    /// once (any write command) to migrate it.
    #[error(
        "database schema version {found} is older than this claimtrack's ({expected}); run a \
         write command once (it migrates the database) or ask the desk's administrator to"
    )]
    SchemaOutdated {
        /// The version found.
        found: u32,
        /// [`crate::SCHEMA_VERSION`].
        expected: u32,
    },
    /// The PostgreSQL role may not do this (SQLSTATE 42501, or a read-only transaction): a
    /// reporting role writing. Nothing was changed.
    #[error(
        "{0}; this database role may not change the desk (reads still \
         work); nothing was changed — ask the desk's administrator for an editor role"
    )]
    PermissionDenied(String),
    /// `db copy` into a database that already holds articles. Nothing was written.
    #[error(
        "the target database {target} is not empty ({articles} articles, {claims} claims); \
         db copy only fills an empty database: copy to a new file or an empty PostgreSQL \
         database (createdb NAME), or drop the target's tables first"
    )]
    NotEmpty {
        /// The target, password masked.
        target: String,
        /// Its article count.
        articles: i64,
        /// Its claim count.
        claims: i64,
    },
    /// A copy's counts read back from the target differ from the source's: rolled back.
    #[error("copy verification failed: {0}; nothing was written")]
    CopyMismatch(String),
    /// Any other PostgreSQL error (constraint violation, connection lost…).
    #[error("PostgreSQL: {}", pg_message(.0))]
    Postgres(postgres::Error),
}

/// The server's message (with its detail) for a database error, else the driver's.
fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(d) => format!("{} ({d})", db.message()),
            None => db.message().to_owned(),
        },
        None => e.to_string(),
    }
}

/// Routes PostgreSQL's retryable conditions (serialization failure 40001, deadlock 40P01, lock
/// timeout 55P03) to [`StoreError::Busy`], permission problems (42501, read-only transaction
/// 25006) to [`StoreError::PermissionDenied`], everything else to [`StoreError::Postgres`].
impl From<postgres::Error> for StoreError {
    fn from(err: postgres::Error) -> Self {
        use postgres::error::SqlState;
        match err.code() {
            Some(c)
                if *c == SqlState::T_R_SERIALIZATION_FAILURE
                    || *c == SqlState::T_R_DEADLOCK_DETECTED
                    || *c == SqlState::LOCK_NOT_AVAILABLE =>
            {
                StoreError::Busy
            }
            Some(c)
                if *c == SqlState::INSUFFICIENT_PRIVILEGE
                    || *c == SqlState::READ_ONLY_SQL_TRANSACTION =>
            {
                StoreError::PermissionDenied(pg_message(&err))
            }
            _ => StoreError::Postgres(err),
        }
    }
}

/// `Result` with [`StoreError`].
pub type Result<T> = std::result::Result<T, StoreError>;

/// Routes `SQLITE_BUSY` to [`StoreError::Busy`], `SQLITE_READONLY` to [`StoreError::ReadOnly`],
/// `SQLITE_FULL` to [`StoreError::DiskFull`], `SQLITE_CORRUPT` to [`StoreError::Damaged`],
/// everything else to [`StoreError::Sqlite`], so that every `?` on a rusqlite call classifies
/// them the same way.
impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged(err.to_string()),
            _ => StoreError::Sqlite(err),
        }
    }
}

/// A query as an error message shows it: whole up to 80 characters, else its first 80 and how
/// long it is (a 100 KB query is not echoed back whole).
fn shown_query(query: &str) -> String {
    const SHOWN: usize = 80;
    let count = query.chars().count();
    if count <= SHOWN {
        query.to_owned()
    } else {
        let head: String = query.chars().take(SHOWN).collect();
        format!("{head}… ({count} characters)")
    }
}

impl StoreError {
    /// An [`StoreError::InvalidClaim`] of a part of a streamed article, renumbered to the
    /// claim's `seq` in the whole article (`offset` claims came before the part).
    pub(crate) fn offset_seq(self, offset: usize) -> Self {
        match self {
            StoreError::InvalidClaim { seq, reason } => StoreError::InvalidClaim {
                seq: seq + offset,
                reason,
            },
            other => other,
        }
    }

    /// Whether this error, raised while one article of an import was being written, must stop
    /// the import (and roll back the batch of [`crate::Store::insert_articles`]): everything
    /// but a claim that fails the store's checks and a schema constraint of that one article
    /// (SQLite `SQLITE_CONSTRAINT`, PostgreSQL class `23`), which concern that article alone
    /// (one failed article; the others go on). A busy, full, read-only or damaged database, or
    /// a lost connection, stops the import.
    pub fn is_fatal_to_import(&self) -> bool {
        match self {
            StoreError::InvalidClaim { .. } => false,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code != rusqlite::ErrorCode::ConstraintViolation
            }
            StoreError::Postgres(e) => !e.code().is_some_and(|c| c.code().starts_with("23")),
            _ => true,
        }
    }

    /// Turns a plain SQLite error raised while opening `path` into [`StoreError::Open`]; other
    /// variants (busy, too new, settings) are kept.
    pub(crate) fn while_opening(self, path: &std::path::Path) -> Self {
        match self {
            StoreError::Sqlite(source) => StoreError::Open {
                path: path.to_path_buf(),
                source,
            },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A search error echoed a 100 KB query whole: now its first 80 characters and its length.
    #[test]
    fn a_long_bad_query_is_shown_shortened() {
        let long = "ب".repeat(100_000);
        let msg = StoreError::BadQuery {
            query: long,
            reason: "r".into(),
        }
        .to_string();
        assert_eq!(
            msg,
            format!(
                "cannot search for '{}… (100000 characters)': r",
                "ب".repeat(80)
            )
        );
        let short = StoreError::BadQuery {
            query: "a OR".into(),
            reason: "r".into(),
        };
        assert_eq!(short.to_string(), "cannot search for 'a OR': r");
    }
}
