//! One module per verb. Each `run` takes the parsed arguments, the [`Ctx`] and stdout, and
//! returns an error for `main` to print and map to an exit code.

pub mod change;
pub mod claims;
pub mod clusters;
pub mod db;
pub mod evidence;
pub mod export;
pub mod factchecks;
pub mod history;
pub mod import;
pub mod lint;
pub mod matching;
pub mod note;
pub mod queue;
pub mod report;
pub mod score;
pub mod search;
pub mod shell;
pub mod show;

use std::cell::OnceCell;
use std::path::Path;

use anyhow::{anyhow, bail, Result};
use claimtrack_model::StoredClaim;
use claimtrack_store::{Locator, Store, StoreError};

use crate::json::ClaimJson;

/// What every command may need from the environment, resolved once in `main`.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The database: a SQLite file or a PostgreSQL URL.
    pub db: Locator,
    /// Who is making changes (history `by`): `--by`, `CLAIMTRACK_USER` or the OS user.
    by: String,
    /// Whether `by` was given (`--by`, `CLAIMTRACK_USER`) rather than taken from the OS.
    by_given: bool,
    /// On PostgreSQL, the connected role, read when the database is opened.
    role: OnceCell<String>,
    /// `--quiet`: no progress bar; `main` sends the command's report to a sink.
    pub quiet: bool,
}

impl Ctx {
    /// A context for database `db` and author `by` (`by_given`: named by the user).
    pub fn new(db: Locator, by: String, by_given: bool) -> Ctx {
        Ctx {
            db,
            by,
            by_given,
            role: OnceCell::new(),
            quiet: false,
        }
    }

    /// Who is making changes: `--by`/`CLAIMTRACK_USER` when given; else, once a PostgreSQL
    /// database is open, the connected role; else the OS user.
    pub fn by(&self) -> &str {
        match self.role.get() {
            Some(role) if !self.by_given => role,
            _ => &self.by,
        }
    }

    /// Opens (creating and migrating it on first use) the database. For the writes.
    pub fn open(&self) -> Result<Store> {
        let store = Store::open_locator(&self.db).map_err(open_error)?;
        if !self.by_given && self.role.get().is_none() {
            if let Some(role) = store.connected_role()? {
                let _ = self.role.set(role);
            }
        }
        Ok(store)
    }

    /// Opens the database for a command that only reads it, without writing to it: a missing
    /// file is an error (an empty database is not created behind the user's back), and so is a
    /// file without the claimtrack schema (a zero-byte file, another program's SQLite file):
    /// "not a claimtrack database", the file left untouched. SQLite is opened read-only (as
    /// immutable in a directory the user may not write to); only a claimtrack database of an
    /// older schema is opened read-write, to be migrated as any command would. On PostgreSQL the
    /// session is read-only and a database without the claimtrack schema is an error.
    pub fn open_existing(&self) -> Result<Store> {
        match &self.db {
            Locator::Sqlite(path) => {
                if !path.exists() {
                    bail!(
                        "no database at {}; import an article first (claimtrack import FILE)",
                        path.display()
                    );
                }
                match Store::open_read_only_locator(&self.db) {
                    Ok(store) => Ok(store),
                    Err(StoreError::Setting {
                        name: "user_version",
                        found,
                        ..
                    }) if found == "0" && !path.is_file() => bail!(
                        "cannot open database {}: {}",
                        path.display(),
                        open_cause(path, None, "is not a regular file")
                    ),
                    Err(StoreError::Setting {
                        name: "user_version",
                        found,
                        ..
                    }) if found == "0" => bail!(
                        "{} is not a claimtrack database (it has no claimtrack tables); \
                         left untouched",
                        path.display()
                    ),
                    Err(StoreError::Setting {
                        name: "user_version",
                        ..
                    }) => self.open(),
                    Err(e) => Err(open_error(e)),
                }
            }
            Locator::Postgres(_) => Ok(Store::open_read_only_locator(&self.db)?),
        }
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

/// False when a file cannot be created in `path`'s directory (permission denied, read-only
/// file system); the probe file is removed at once.
fn dir_writable(path: &Path) -> bool {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(format!(".claimtrack-probe-{}", std::process::id()));
    match std::fs::File::create_new(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
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
    if path.is_file() && !dir_writable(path) {
        return "the database is read-only here: its directory cannot be written, and a change \
                needs to create the -wal and -shm files beside it (reads still work)"
            .to_owned();
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
pub fn claims_json(store: &Store, claims: &[StoredClaim]) -> Result<Vec<ClaimJson>> {
    let seen = store.claim_matches()?;
    claims
        .iter()
        .map(|c| Ok(ClaimJson::new(c, c.revision).with_seen(seen.get(&c.id))))
        .collect()
}
