//! The store's error type.

use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Everything a [`crate::Store`] operation can fail with.
///
/// Messages are lower-case, without a trailing period, and name the offending value.
/// [`StoreError::Busy`] is the one to retry (the CLI maps it to exit code 4).
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
        if err.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) {
            StoreError::Busy
        } else {
            StoreError::Sqlite(err)
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
