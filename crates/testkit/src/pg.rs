//! The PostgreSQL test harness: each test gets its own fresh database on the server named by
//! [`VAR`] (default [`DEFAULT_URL`]), created when asked for and dropped (`WITH (FORCE)`) when
//! the [`TestDb`] is dropped, so PostgreSQL tests run in parallel and leave nothing behind.
//!
//! The server URL needs the right to create databases (a superuser or a `CREATEDB` role) and is
//! reached without TLS (`sslmode` `disable` or `prefer`). When no server answers, [`fresh_db`]
//! follows [`crate::require`]'s rule: without `CI` it prints one line per test binary,
//! `skipped: PostgreSQL tests need a server at <URL, password masked>; see README`, and returns
//! `None`; with `CI` set it panics (the test fails).

use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

/// The variable naming the test server: a `postgres://` URL with rights to create databases.
pub const VAR: &str = "CLAIMTRACK_TEST_PG";

/// The server used when [`VAR`] is unset.
pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The server URL: [`VAR`] or [`DEFAULT_URL`].
pub fn server_url() -> String {
    std::env::var(VAR)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_URL.to_owned())
}

/// `url` with its password replaced by `***` (unparsable URLs are shown as `<unparsable URL>`).
pub fn masked(url: &str) -> String {
    match url::Url::parse(url) {
        // The user-info password and a `password=` parameter (the store's `mask_url` does the
        // same; testkit cannot depend on the store, whose tests depend on it).
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            let pairs: Vec<(String, String)> = u
                .query_pairs()
                .map(|(k, v)| {
                    let secret = k.eq_ignore_ascii_case("password");
                    (
                        k.into_owned(),
                        if secret { "***".into() } else { v.into_owned() },
                    )
                })
                .collect();
            if !pairs.is_empty() {
                u.query_pairs_mut().clear().extend_pairs(pairs);
            }
            u.to_string()
        }
        Err(_) => "<unparsable URL>".to_owned(),
    }
}

/// `url` with the database name replaced by `dbname`.
pub fn with_dbname(url: &str, dbname: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            u.set_path(&format!("/{dbname}"));
            u.to_string()
        }
        Err(_) => url.to_owned(),
    }
}

/// Connects to `url` without TLS, with a 5 s timeout.
pub fn connect(url: &str) -> Result<postgres::Client, String> {
    let mut config: postgres::Config = url.parse().map_err(|e| format!("{e}"))?;
    config.connect_timeout(Duration::from_secs(5));
    config.connect(postgres::NoTls).map_err(|e| format!("{e}"))
}

/// Whether the server answers (checked once per process): `Ok(url)` or the reason.
fn reachable() -> &'static Result<String, String> {
    static SERVER: OnceLock<Result<String, String>> = OnceLock::new();
    SERVER.get_or_init(|| {
        let url = server_url();
        connect(&url).map(|_| url)
    })
}

/// The server URL when it answers; otherwise the skip (printed once per process) or, under
/// CI, a panic naming the server and the reason.
pub fn server() -> Option<String> {
    static SKIP_PRINTED: OnceLock<()> = OnceLock::new();
    match reachable() {
        Ok(url) => Some(url.clone()),
        Err(reason) => {
            let shown = masked(&server_url());
            if crate::ci() {
                panic!(
                    "PostgreSQL tests need a server at {shown} ({reason}), and CI is set \
                     (.ci/postgres.sh installs and starts one; set {VAR})"
                );
            }
            SKIP_PRINTED.get_or_init(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "skipped: PostgreSQL tests need a server at {shown}; see README"
                );
            });
            None
        }
    }
}

/// A database created for one test; dropped with it.
#[derive(Debug)]
pub struct TestDb {
    admin: String,
    name: String,
    url: String,
}

impl TestDb {
    /// The `postgres://` URL of this database (same credentials as the server URL).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The server URL this database was created on (to create roles and the like).
    pub fn admin_url(&self) -> &str {
        &self.admin
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut c) = connect(&self.admin) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// A fresh, empty database for one test, or `None` when the test is skipped (see the module
/// docs). Panics when the server answers but refuses to create a database.
pub fn fresh_db() -> Option<TestDb> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let admin = server()?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!(
        "claimtrack_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let mut c = connect(&admin).unwrap_or_else(|e| panic!("{}: {e}", masked(&admin)));
    c.batch_execute(&format!("CREATE DATABASE \"{name}\""))
        .unwrap_or_else(|e| panic!("cannot create a test database on {}: {e}", masked(&admin)));
    Some(TestDb {
        url: with_dbname(&admin, &name),
        admin,
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_masked_and_renamed() {
        assert_eq!(
            masked("postgres://u:secret@h:5432/db?sslmode=disable"),
            "postgres://u:***@h:5432/db?sslmode=disable"
        );
        assert_eq!(masked("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(masked("not a url"), "<unparsable URL>");
        assert_eq!(
            with_dbname("postgres://u:p@h/postgres", "t1"),
            "postgres://u:p@h/t1"
        );
    }
}
