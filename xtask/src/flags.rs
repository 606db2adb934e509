//! Command-line parsing for `cargo xtask`, by hand over `std::env::args_os`.

use std::ffi::OsString;
use std::path::PathBuf;

/// Printed by `cargo xtask help` and after a usage error.
pub const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  report [--db PATH] [--out DIR] [--lang ar|en] [--article ID]
                                  write DIR/report.md, report.html and report.json from the
                                  database (opened read-only)
  demo [--db PATH]                import the seed article with the CLI, then list its claims
  ci                              cargo fmt --check, clippy -D warnings, cargo test --workspace
  dist [--out DIR]                build the release binary and write it with its shell completions
                                  and man page to DIR (default: target/dist)
  train                           train the check-worthiness model (crates/import/data/)
  eval [--write-readme]           print every quality figure; write target/eval/report.{md,json}
  bench [--jobs N] [--archive-mb N] [--long-mb N] [--pg URL] [--no-write]
                                  import throughput on the SaudiNewsNet sample (floor, pipeline,
                                  end to end) and memory on a 1 GB archive and a 50 MB article
                                  (--archive-mb 0, --long-mb 0 skip them), on PostgreSQL too with --pg;
                                  writes docs/performance.md
  bench-store [--articles N] [--changes N] [--pg URL] [--write]
                                  time import and status changes on PostgreSQL vs SQLite
                                  (server: --pg, $CLAIMTRACK_BENCH_PG or $CLAIMTRACK_TEST_PG);
                                  --write: docs/bench-store.md
  help                            show this message

options:
  --db PATH   database file or postgres:// URL (default: $CLAIMTRACK_DB, else claimtrack.db)
  --out DIR   report directory (default: target/reports), or for dist the distribution
              directory (default: target/dist)
  --lang L    report language: ar (right to left, the default) or en
  --article ID  report on one article only
";

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `report`.
    Report {
        /// Database to read.
        db: PathBuf,
        /// Directory to write `report.md`, `report.html` and `report.json` into.
        out: PathBuf,
        /// Language of the report's headings and labels.
        lang: claimtrack_report::Lang,
        /// Only this article.
        article: Option<i64>,
    },
    /// `demo`.
    Demo {
        /// Database to import into.
        db: PathBuf,
    },
    /// `ci`.
    Ci,
    /// `dist`.
    Dist {
        /// Where to write; `None`: `dist/` in the target directory.
        out: Option<PathBuf>,
    },
    /// `help`, `-h`, `--help`, or no command.
    Help,
}

/// A bad command line; the message names the offending argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

/// The database used when `--db` is absent: `$CLAIMTRACK_DB`, else `claimtrack.db`.
fn default_db() -> PathBuf {
    std::env::var_os("CLAIMTRACK_DB")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("claimtrack.db"))
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let command = match args.next() {
        None => return Ok(Command::Help),
        Some(c) => c
            .into_string()
            .map_err(|c| UsageError(format!("unknown command '{}'", c.to_string_lossy())))?,
    };
    let allowed: &[&str] = match command.as_str() {
        "report" => &["--db", "--out", "--lang", "--article"],
        "demo" => &["--db"],
        "ci" => &[],
        "dist" => &["--out"],
        "help" | "-h" | "--help" => &[],
        other => return Err(UsageError(format!("unknown command '{other}'"))),
    };

    let mut db = None;
    let mut out = None;
    let mut lang = None;
    let mut article = None;
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        if text == "-h" || text == "--help" {
            return Ok(Command::Help);
        }
        // `--flag=value` or `--flag value`
        let (name, inline_value) = match text.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_string(), Some(OsString::from(value)))
            }
            _ => (text.clone(), None),
        };
        if !allowed.contains(&name.as_str()) {
            return Err(UsageError(format!(
                "unexpected argument '{text}' for '{command}'"
            )));
        }
        let value = match inline_value.or_else(|| args.next()) {
            Some(v) if !v.is_empty() => PathBuf::from(v),
            _ => return Err(UsageError(format!("{name} needs a value"))),
        };
        let slot = match name.as_str() {
            "--db" => &mut db,
            "--out" => &mut out,
            "--lang" => &mut lang,
            _ => &mut article,
        };
        if slot.replace(value).is_some() {
            return Err(UsageError(format!("{name} given twice")));
        }
    }

    let lang = match lang {
        Some(l) => l.to_string_lossy().parse().map_err(UsageError)?,
        None => claimtrack_report::Lang::default(),
    };
    let article = match article {
        Some(a) => Some(a.to_string_lossy().parse::<i64>().map_err(|_| {
            UsageError(format!("--article '{}' is not an id", a.to_string_lossy()))
        })?),
        None => None,
    };
    Ok(match command.as_str() {
        "report" => Command::Report {
            db: db.unwrap_or_else(default_db),
            out: out.unwrap_or_else(|| PathBuf::from("target/reports")),
            lang,
            article,
        },
        "demo" => Command::Demo {
            db: db.unwrap_or_else(default_db),
        },
        "ci" => Command::Ci,
        "dist" => Command::Dist { out },
        _ => Command::Help,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn report_flags() {
        assert_eq!(
            parse_str(&["report", "--db", "a.db", "--out=r"]),
            Ok(Command::Report {
                db: "a.db".into(),
                out: "r".into(),
                lang: claimtrack_report::Lang::Ar,
                article: None,
            })
        );
        match parse_str(&["report", "--db=x.db", "--lang", "en", "--article=2"]).unwrap() {
            Command::Report {
                db,
                out,
                lang,
                article,
            } => {
                assert_eq!(db, PathBuf::from("x.db"));
                assert_eq!(out, PathBuf::from("target/reports"));
                assert_eq!(lang, claimtrack_report::Lang::En);
                assert_eq!(article, Some(2));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_commands() {
        assert_eq!(parse_str(&["ci"]), Ok(Command::Ci));
        assert_eq!(parse_str(&["dist"]), Ok(Command::Dist { out: None }));
        assert_eq!(
            parse_str(&["dist", "--out=d"]),
            Ok(Command::Dist {
                out: Some("d".into())
            })
        );
        assert_eq!(parse_str(&[]), Ok(Command::Help));
        assert_eq!(parse_str(&["report", "--help"]), Ok(Command::Help));
        assert_eq!(
            parse_str(&["demo", "--db", "d.db"]),
            Ok(Command::Demo { db: "d.db".into() })
        );
    }

    #[test]
    fn usage_errors_name_the_argument() {
        let err = |args: &[&str]| parse_str(args).unwrap_err().0;
        assert_eq!(err(&["deploy"]), "unknown command 'deploy'");
        assert_eq!(
            err(&["ci", "--db", "x"]),
            "unexpected argument '--db' for 'ci'"
        );
        assert_eq!(
            err(&["dist", "--db", "x"]),
            "unexpected argument '--db' for 'dist'"
        );
        assert_eq!(
            err(&["demo", "--out", "x"]),
            "unexpected argument '--out' for 'demo'"
        );
        assert_eq!(err(&["report", "--db"]), "--db needs a value");
        assert_eq!(err(&["report", "--out="]), "--out needs a value");
        assert_eq!(
            err(&["report", "--db", "a", "--db", "b"]),
            "--db given twice"
        );
        assert_eq!(
            err(&["report", "--lang", "fr"]),
            "unknown report language 'fr' (expected one of: ar, en)"
        );
        assert_eq!(
            err(&["report", "--article", "x"]),
            "--article 'x' is not an id"
        );
        assert_eq!(
            err(&["report", "extra"]),
            "unexpected argument 'extra' for 'report'"
        );
    }
}
