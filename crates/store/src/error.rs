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
    /// reported `SQLITE_BUSY`. The operation was rolled back; retrying may succeed.
    #[error("database is busy (another claimtrack is writing); retry")]
    Busy,
    /// No claim has this id.
    #[error("no claim with id {0}")]
    ClaimNotFound(i64),
    /// No article has this id.
    #[error("no article with id {0}")]
    ArticleNotFound(i64),
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
        "claim {claim_id} was changed by someone else: it is at revision {revision} with status \
         {status}{last}, but {expected} was expected; look at it again and retry"
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
    /// A search query that cannot be parsed. `reason` says what is wrong in plain words.
    #[error("cannot search for '{query}': {reason}")]
    BadQuery {
        /// The query as typed.
        query: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The database file (or its directory) is not writable: reads work, writes are refused.
    #[error("database is read-only: this change needs write access to the database file and its directory (reads still work)")]
    ReadOnly,
    /// A stored row does not parse back (unknown enum name, bad JSON, bad time, negative offset).
    #[error("corrupt database row: {0}")]
    Corrupt(String),
    /// Any other SQLite error (constraint violation, I/O error…).
    #[error(transparent)]
    Sqlite(rusqlite::Error),
}

/// `Result` with [`StoreError`].
pub type Result<T> = std::result::Result<T, StoreError>;

/// Routes `SQLITE_BUSY` to [`StoreError::Busy`], everything else to [`StoreError::Sqlite`], so
/// that every `?` on a rusqlite call classifies busy errors the same way.
impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sqlite(err),
        }
    }
}

impl StoreError {
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
