//! Everything the CLI takes from its environment: the database (path or URL), the user's
//! identity and the clock. Read here and nowhere else.

use std::env;
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use chrono::{DateTime, SubsecRound, Utc};
use claimtrack_store::Locator;

/// Environment variable naming the database: a SQLite file path or a `postgres://` URL
/// (overridden by `--db`).
pub const DB_VAR: &str = "CLAIMTRACK_DB";
/// Environment variable naming the user recorded in history (overridden by `--by`).
pub const USER_VAR: &str = "CLAIMTRACK_USER";
/// Environment variable fixing the clock (RFC 3339, e.g. `2026-01-02T03:04:05Z`); for tests
/// and reproducible demos.
pub const NOW_VAR: &str = "CLAIMTRACK_NOW";
/// The database used when neither `--db` nor `CLAIMTRACK_DB` is given, relative to the current
/// directory.
pub const DEFAULT_DB: &str = "claimtrack.db";

fn var(name: &str) -> Option<String> {
    env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// `--db`, else `CLAIMTRACK_DB`, else [`DEFAULT_DB`], as a [`Locator`]: a `postgres://` or
/// `postgresql://` URL selects PostgreSQL, anything else (a path, a `sqlite:` URL) SQLite.
///
/// Errors: a malformed `postgres://` URL (shown with its password masked).
pub fn db_locator(flag: Option<PathBuf>) -> Result<Locator> {
    let path = flag
        .or_else(|| {
            env::var_os(DB_VAR)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DB));
    Ok(Locator::from_path(&path)?)
}

/// True when the user named themselves (`--by` or `CLAIMTRACK_USER`); otherwise, on
/// PostgreSQL, the connected role is recorded as the author instead of the OS user.
pub fn identity_given(flag: Option<&str>) -> bool {
    flag.is_some() || var(USER_VAR).is_some()
}

/// `--by`, else `CLAIMTRACK_USER`, else the OS user (`USER`, then `USERNAME`), else `unknown`.
pub fn identity(flag: Option<String>) -> String {
    flag.or_else(|| var(USER_VAR))
        .or_else(|| var("USER"))
        .or_else(|| var("USERNAME"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The CLI's clock: `CLAIMTRACK_NOW` when set (RFC 3339), else the system time, in UTC, to the
/// millisecond (history is ordered by entry, not by time, so finer digits only add noise).
pub fn now() -> Result<DateTime<Utc>> {
    match var(NOW_VAR) {
        Some(v) => DateTime::parse_from_rfc3339(v.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| anyhow!("{NOW_VAR} '{v}' is not an RFC 3339 time: {e}")),
        None => Ok(Utc::now().trunc_subsecs(3)),
    }
}
