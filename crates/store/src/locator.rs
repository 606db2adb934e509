//! Where a database is: a SQLite file or a PostgreSQL server, from what the user typed
//! (`--db`, `CLAIMTRACK_DB`).
//!
//! - `postgres://…` or `postgresql://…`: PostgreSQL. What the URL lacks comes from the libpq
//!   variables `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`,
//!   `PGSSLROOTCERT`, `PGAPPNAME` and `PGCONNECT_TIMEOUT`, then libpq's defaults (the Unix
//!   socket directory `/var/run/postgresql` when it exists, else `localhost`; port 5432; the OS
//!   user; a database named like the user; `sslmode=prefer`).
//! - `sqlite:PATH` or `sqlite://PATH`: SQLite, the file `PATH`.
//! - any other `SCHEME://…` (`mysql://`, `http://`…): refused ([`StoreError::BadLocator`],
//!   password masked), never taken for a file path — that made a directory tree named after
//!   the URL, password included.
//! - anything else: SQLite, a file path, as before.
//!
//! A password is never shown: [`Locator`]'s `Display` masks it (`postgres://sara:***@host/db`).

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{Result, StoreError};

/// A database location: a SQLite file or a PostgreSQL URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Locator {
    /// A SQLite database file.
    Sqlite(PathBuf),
    /// A PostgreSQL database (`postgres://` or `postgresql://` URL, password included).
    Postgres(PgUrl),
}

/// A parsed `postgres://` URL. `Display` and `Debug` mask the password.
#[derive(Clone, PartialEq, Eq)]
pub struct PgUrl {
    url: url::Url,
}

/// The TLS policy of a PostgreSQL connection (libpq's `sslmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// `disable`: plain TCP.
    Disable,
    /// `allow`/`prefer` (the default): TLS when the server offers it, certificate not verified.
    Prefer,
    /// `require`: TLS or fail; the certificate is not verified (libpq's meaning).
    Require,
    /// `verify-ca`/`verify-full`: TLS or fail, the certificate chain verified against the
    /// Mozilla roots (webpki-roots) plus `sslrootcert`, and the host name checked (verify-ca
    /// is treated as the stricter verify-full).
    VerifyFull,
}

/// Everything needed to connect, resolved from the URL and the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PgParams {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: Option<String>,
    pub dbname: String,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
    pub application_name: String,
    pub connect_timeout: Duration,
}

impl Locator {
    /// Reads a locator from what the user typed (see the module docs). Never fails for a
    /// path; a malformed `postgres://` URL or a URL of another scheme is
    /// [`StoreError::BadLocator`].
    pub fn parse(s: &str) -> Result<Locator> {
        let trimmed = s.trim();
        if trimmed != s && url_scheme(trimmed).is_some() {
            return Err(StoreError::BadLocator {
                locator: shown_masked(trimmed),
                reason: "white space around the URL: give it without".to_owned(),
            });
        }
        let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            let url = url::Url::parse(s).map_err(|e| StoreError::BadLocator {
                // The URL did not parse, so it cannot be masked part by part: show its scheme.
                locator: format!("{}://…", s.split("://").next().unwrap_or("postgres")),
                reason: e.to_string(),
            })?;
            return Ok(Locator::Postgres(PgUrl { url }));
        }
        if let Some(rest) = s.strip_prefix("sqlite:") {
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            // `sqlite://user:pw@host/db` is a URL, not the file `user:pw@host/db`.
            if url_scheme(rest).is_some() {
                return Err(StoreError::BadLocator {
                    locator: shown_masked(s),
                    reason: "sqlite:PATH takes a file path, not a URL with a host or user"
                        .to_owned(),
                });
            }
            return Ok(Locator::Sqlite(PathBuf::from(rest)));
        }
        if let Some(scheme) = url_scheme(s) {
            return Err(StoreError::BadLocator {
                locator: shown_masked(s),
                reason: format!(
                    "unsupported scheme '{scheme}': give a file path, sqlite:PATH or a \
                     postgres:// URL (a file whose name starts with `{scheme}:` is ./{scheme}:…)"
                ),
            });
        }
        Ok(Locator::Sqlite(PathBuf::from(s)))
    }

    /// [`Locator::parse`] on a path given as a `Path` (a path that is not UTF-8 is a file).
    pub fn from_path(p: &Path) -> Result<Locator> {
        match p.to_str() {
            Some(s) => Locator::parse(s),
            None => Ok(Locator::Sqlite(p.to_path_buf())),
        }
    }

    /// True for PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Locator::Postgres(_))
    }
}

impl Locator {
    /// How a published document (a report) names this database: the path as given for SQLite;
    /// for PostgreSQL only `PostgreSQL database NAME`, without host, port or role, which are
    /// the desk's internal details (messages use `Display`, which shows them, password masked).
    pub fn public_label(&self) -> String {
        match self {
            Locator::Sqlite(p) => p.display().to_string(),
            Locator::Postgres(u) => match u.dbname() {
                Some(name) => format!("PostgreSQL database {name}"),
                None => "PostgreSQL database".to_owned(),
            },
        }
    }
}

impl fmt::Display for Locator {
    /// The path, or the URL with its password replaced by `***`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locator::Sqlite(p) => write!(f, "{}", p.display()),
            Locator::Postgres(u) => write!(f, "{u}"),
        }
    }
}

impl fmt::Debug for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Locator({self})")
    }
}

impl fmt::Display for PgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for PgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PgUrl({})", self.masked())
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_owned())
}

/// The scheme of `s` when it starts like a URL, `SCHEME://` (RFC 3986: a letter, then letters,
/// digits, `+`, `-`, `.`), lower-cased; `None` for a path (`./a.db`, `C:\\x.db`, `a:b.db`).
fn url_scheme(s: &str) -> Option<String> {
    // Anything that starts like `scheme:` is taken for a URL, with or without `//` (`mysql:u@h`,
    // `jdbc:postgresql://…`, `postgres:/db`, `Postgres ://…`), so that a mistyped URL never
    // becomes a folder tree named after its password. One letter is a drive, not a scheme.
    let (scheme, _) = s.split_once(':')?;
    let scheme = scheme.trim_end();
    let mut chars = scheme.chars();
    (scheme.len() >= 2
        && chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// A refused locator as messages show it: the URL with its password masked when it parses,
/// else only its scheme (what follows may hold a password in a form the parser cannot find).
fn shown_masked(s: &str) -> String {
    match url::Url::parse(s) {
        Ok(u) if u.has_host() || !s.contains('@') => mask_url(&u),
        _ => format!(
            "{}:…",
            s.split(':')
                .next()
                .unwrap_or("")
                .trim_end()
                .to_ascii_lowercase()
        ),
    }
}

/// `url` with its password replaced by `***`, wherever it is given: the user-info part
/// (`sara:pw@`) and a `password=` query parameter (libpq accepts both).
pub fn mask_url(url: &url::Url) -> String {
    let mut u = url.clone();
    if u.password().is_some() {
        let _ = u.set_password(Some("***"));
    }
    if u.query_pairs()
        .any(|(k, _)| k.eq_ignore_ascii_case("password"))
    {
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                let v = if k.eq_ignore_ascii_case("password") {
                    "***".to_owned()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    u.to_string()
}

impl PgUrl {
    /// The URL with its password (if any) replaced by `***`; query parameters are kept.
    pub fn masked(&self) -> String {
        mask_url(&self.url)
    }

    /// The same server and credentials with another database name (for tests and tools that
    /// create databases).
    pub fn with_dbname(&self, dbname: &str) -> PgUrl {
        let mut url = self.url.clone();
        url.set_path(&format!("/{dbname}"));
        PgUrl { url }
    }

    /// The full URL, password included: for handing to a connection or a child process only,
    /// never for messages (use `Display`).
    pub fn to_string_unmasked(&self) -> String {
        self.url.to_string()
    }

    /// The database name in the URL, if any.
    pub fn dbname(&self) -> Option<String> {
        let p = self.url.path().trim_start_matches('/');
        (!p.is_empty()).then(|| decode(p))
    }

    /// Resolves URL, environment and defaults (see the module docs).
    ///
    /// Errors: [`StoreError::BadLocator`] for an unknown or malformed parameter.
    pub(crate) fn params(&self) -> Result<PgParams> {
        let bad = |reason: String| StoreError::BadLocator {
            locator: self.masked(),
            reason,
        };
        let mut host = self.url.host_str().filter(|h| !h.is_empty()).map(|h| {
            let h = decode(h);
            h.trim_start_matches('[').trim_end_matches(']').to_owned()
        });
        let mut port = self.url.port();
        let mut user = Some(decode(self.url.username())).filter(|u| !u.is_empty());
        let mut password = self.url.password().map(decode);
        let mut dbname = self.dbname();
        let mut sslmode = None;
        let mut sslrootcert = None;
        let mut application_name = None;
        let mut connect_timeout = None;
        for (k, v) in self.url.query_pairs() {
            let v = v.into_owned();
            match &*k {
                "host" => host = Some(v),
                "port" => port = Some(v.parse().map_err(|_| bad(format!("port '{v}'")))?),
                "user" => user = Some(v),
                "password" => password = Some(v),
                "dbname" => dbname = Some(v),
                "sslmode" => sslmode = Some(v),
                "sslrootcert" => sslrootcert = Some(v),
                "application_name" => application_name = Some(v),
                "connect_timeout" => connect_timeout = Some(v),
                other => {
                    return Err(bad(format!(
                        "unsupported parameter '{other}' (supported: host, port, user, \
                         password, dbname, sslmode, sslrootcert, application_name, \
                         connect_timeout)"
                    )))
                }
            }
        }
        let host = host.or_else(|| env("PGHOST")).unwrap_or_else(|| {
            if Path::new("/var/run/postgresql").is_dir() {
                "/var/run/postgresql".to_owned()
            } else {
                "localhost".to_owned()
            }
        });
        let port = match port {
            Some(p) => p,
            None => match env("PGPORT") {
                Some(p) => p.parse().map_err(|_| bad(format!("PGPORT '{p}'")))?,
                None => 5432,
            },
        };
        let user = user
            .or_else(|| env("PGUSER"))
            .or_else(|| env("USER"))
            .or_else(|| env("USERNAME"))
            .ok_or_else(|| bad("no user name: put it in the URL or set PGUSER".to_owned()))?;
        let password = password.or_else(|| env("PGPASSWORD"));
        let dbname = dbname
            .or_else(|| env("PGDATABASE"))
            .unwrap_or_else(|| user.clone());
        let sslmode = match sslmode
            .or_else(|| env("PGSSLMODE"))
            .as_deref()
            .unwrap_or("prefer")
        {
            "disable" => SslMode::Disable,
            "allow" | "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" | "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(bad(format!(
                    "sslmode '{other}' (use disable, allow, prefer, require, verify-ca or \
                     verify-full)"
                )))
            }
        };
        let connect_timeout = match connect_timeout.or_else(|| env("PGCONNECT_TIMEOUT")) {
            Some(t) => Duration::from_secs(
                t.parse::<u64>()
                    .map_err(|_| bad(format!("connect_timeout '{t}'")))?
                    .max(2),
            ),
            None => Duration::from_secs(10),
        };
        Ok(PgParams {
            host,
            port,
            user,
            password,
            dbname,
            sslmode,
            sslrootcert: sslrootcert
                .or_else(|| env("PGSSLROOTCERT"))
                .map(PathBuf::from),
            application_name: application_name
                .or_else(|| env("PGAPPNAME"))
                .unwrap_or_else(|| "claimtrack".to_owned()),
            connect_timeout,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue #14 item 6: `--db mysql://user:secret@host/db` made a directory tree holding the
    /// password. Any scheme but postgres/sqlite is refused, password masked.
    #[test]
    fn other_url_schemes_are_refused_with_the_password_masked() {
        for (given, shown) in [
            ("mysql://user:secret@host/db", "mysql://user:***@host/db"),
            (
                "HTTP://sara:pw@example.org/x.db",
                "http://sara:***@example.org/x.db",
            ),
            (
                "redis://h:6379?password=secret",
                "redis://h:6379?password=***",
            ),
            ("file:///tmp/a.db", "file:///tmp/a.db"),
            ("my+sql://u:secret@[bad", "my+sql:…"),
            // URL-like without `//`, or with a prefix: still URLs, never folders
            ("jdbc:postgresql://user:secret@host/db", "jdbc:…"),
            ("postgres:/user:secret@host/db", "postgres:…"),
            ("mysql:user:secret@host/db", "mysql:…"),
            ("Postgres ://user:secret@host/db", "postgres:…"),
        ] {
            let err = Locator::parse(given).unwrap_err();
            let msg = err.to_string();
            assert!(
                matches!(err, StoreError::BadLocator { .. }),
                "{given}: {err:?}"
            );
            assert!(
                msg.starts_with(&format!("cannot use database {shown}: unsupported scheme")),
                "{given}: {msg}"
            );
            assert!(!msg.contains("secret") && !msg.contains(":pw@"), "{msg}");
        }
        // white space around a URL, and sqlite: given a URL, are refused, masked
        for given in [
            " postgres://user:secret@host/db",
            "sqlite://user:secret@host/db",
        ] {
            let err = Locator::parse(given).unwrap_err();
            assert!(
                matches!(err, StoreError::BadLocator { .. }),
                "{given}: {err:?}"
            );
            assert!(!err.to_string().contains("secret"), "{err}");
        }
        // paths with a colon are still paths
        for path in [
            "a:b.db",
            "./x://y",
            "C:\\data\\a.db",
            "1http://x",
            "claims.db",
        ] {
            assert!(
                matches!(Locator::parse(path), Ok(Locator::Sqlite(_))),
                "{path}"
            );
        }
    }

    #[test]
    fn urls_select_postgres_and_paths_sqlite() {
        assert!(Locator::parse("postgres://u@h/db").unwrap().is_postgres());
        assert!(Locator::parse("PostgreSQL://u@h/db").unwrap().is_postgres());
        assert_eq!(
            Locator::parse("sqlite:///tmp/x.db").unwrap(),
            Locator::Sqlite(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(
            Locator::parse("sqlite:x.db").unwrap(),
            Locator::Sqlite(PathBuf::from("x.db"))
        );
        assert_eq!(
            Locator::parse("claims.db").unwrap(),
            Locator::Sqlite(PathBuf::from("claims.db"))
        );
    }

    #[test]
    fn reports_name_a_postgres_database_without_host_or_role() {
        let l = Locator::parse("postgres://sara:pw@db.desk.example:5433/claims").unwrap();
        assert_eq!(l.public_label(), "PostgreSQL database claims");
        let l = Locator::parse("desk/claims.db").unwrap();
        assert_eq!(l.public_label(), "desk/claims.db");
    }

    #[test]
    fn a_password_in_the_query_is_masked() {
        for url in [
            "postgres://sara@localhost/desk?password=SECRETQ",
            "postgres://sara@localhost/desk?sslmode=disable&PASSWORD=SECRETQ",
            "postgres://sara:SECRETQ@localhost/desk?password=SECRETQ",
        ] {
            let l = Locator::parse(url).unwrap();
            let shown = format!("{l} {l:?}");
            assert!(!shown.contains("SECRETQ"), "{shown}");
            assert!(shown.contains("***"), "{shown}");
        }
    }

    #[test]
    fn the_password_is_masked() {
        let l =
            Locator::parse("postgres://sara:s%40cret@db.desk.example:5433/claims?sslmode=require")
                .unwrap();
        let shown = format!("{l} {l:?}");
        assert!(!shown.contains("cret"), "{shown}");
        assert!(shown.contains("postgres://sara:***@db.desk.example:5433/claims?sslmode=require"));
        let Locator::Postgres(u) = l else { panic!() };
        let p = u.params().unwrap();
        assert_eq!(p.password.as_deref(), Some("s@cret"));
        assert_eq!(p.port, 5433);
        assert_eq!(p.dbname, "claims");
        assert_eq!(p.sslmode, SslMode::Require);
        let err = Locator::parse("postgres://sara:secret@h/db?bogus=1")
            .unwrap()
            .to_string();
        assert!(!err.contains("secret"));
        let Locator::Postgres(u) = Locator::parse("postgres://sara:secret@h/db?bogus=1").unwrap()
        else {
            panic!()
        };
        let err = u.params().unwrap_err().to_string();
        assert!(err.contains("bogus") && !err.contains("secret"), "{err}");
    }

    #[test]
    fn what_the_url_lacks_comes_from_the_query_or_defaults() {
        let Locator::Postgres(u) =
            Locator::parse("postgresql:///claims?host=/tmp/sock&user=omar&application_name=x")
                .unwrap()
        else {
            panic!()
        };
        let p = u.params().unwrap();
        assert_eq!(p.host, "/tmp/sock");
        assert_eq!(p.user, "omar");
        assert_eq!(p.dbname, "claims");
        assert_eq!(p.application_name, "x");
        assert_eq!(p.connect_timeout, Duration::from_secs(10));
    }
}
