//! One module per verb. Each `run` takes the parsed arguments, the [`Ctx`] and stdout, and
//! returns an error for `main` to print and map to an exit code.

pub mod change;
pub mod claims;
pub mod db;
pub mod evidence;
pub mod export;
pub mod history;
pub mod import;
pub mod lint;
pub mod note;
pub mod queue;
pub mod report;
pub mod score;
pub mod search;
pub mod shell;
pub mod show;

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use claimtrack_model::StoredClaim;
use claimtrack_store::{Store, StoreError};

use crate::json::ClaimJson;

/// What every command may need from the environment, resolved once in `main`.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The database file.
    pub db: PathBuf,
    /// Who is making changes (history `by`).
    pub by: String,
    /// `--quiet`: no progress bar; `main` sends the command's report to a sink.
    pub quiet: bool,
}

impl Ctx {
    /// Opens (creating and migrating it on first use) the database. For the writes.
    pub fn open(&self) -> Result<Store> {
        Store::open(&self.db).map_err(open_error)
    }

    /// Opens the database for a command that only reads it: a missing file is an error (an
    /// empty database is not created behind the user's back).
    pub fn open_existing(&self) -> Result<Store> {
        if !self.db.exists() {
            bail!(
                "no database at {}; import an article first (claimtrack import FILE)",
                self.db.display()
            );
        }
        self.open()
    }
}

/// One line for a database that cannot be opened (`cannot open database PATH: is a directory`),
/// naming the cause when it is a common one; other store errors are kept as they are.
pub fn open_error(err: StoreError) -> anyhow::Error {
    match err {
        StoreError::Open { path, source } => {
            let code = source.sqlite_error().map(|e| e.extended_code & 0xff);
            let cause = open_cause(&path, code, &source.to_string());
            anyhow!("cannot open database {}: {cause}", path.display())
        }
        other => other.into(),
    }
}

/// SQLite's primary result code `SQLITE_NOTADB`.
const SQLITE_NOTADB: i32 = 26;

/// Why the database at `path` could not be opened, given SQLite's primary result `code` and
/// `message`: the file system's view first, then SQLite's message (once, without the path).
fn open_cause(path: &Path, code: Option<i32>, message: &str) -> String {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return "is a directory".to_owned();
        }
        if !meta.is_file() {
            return "is not a regular file".to_owned();
        }
    }
    if code == Some(SQLITE_NOTADB) {
        return "is not a SQLite database".to_owned();
    }
    let probe = if path.exists() {
        std::fs::OpenOptions::new().read(true).open(path).map(drop)
    } else {
        // SQLite could not create the file: find out why, leaving nothing behind.
        std::fs::File::create_new(path).map(|_| {
            let _ = std::fs::remove_file(path);
        })
    };
    if probe.is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied) {
        return "permission denied".to_owned();
    }
    let suffix = format!(": {}", path.display());
    message
        .strip_suffix(suffix.as_str())
        .unwrap_or(message)
        .to_owned()
}

/// The JSON objects of `claims`, each with its revision (read with the claim, so consistent).
pub fn claims_json(_store: &Store, claims: &[StoredClaim]) -> Result<Vec<ClaimJson>> {
    claims
        .iter()
        .map(|c| Ok(ClaimJson::new(c, c.revision)))
        .collect()
}
