//! Command-line parsing for `cargo xtask`, by hand over `std::env::args_os`.

use std::ffi::OsString;
use std::path::PathBuf;

/// Printed by `cargo xtask help` and after a usage error.
pub const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  report [--db PATH] [--out DIR]  write DIR/report.md from the database (opened read-only)
  demo [--db PATH]                import the seed article with the CLI, then list its claims
  ci                              cargo fmt --check, clippy -D warnings, cargo test --workspace
  help                            show this message

options:
  --db PATH   database file (default: $CLAIMTRACK_DB, else claimtrack.db)
  --out DIR   report directory (default: target/reports)
";

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `report`.
    Report {
        /// Database to read.
        db: PathBuf,
        /// Directory to write `report.md` into.
        out: PathBuf,
    },
    /// `demo`.
    Demo {
        /// Database to import into.
        db: PathBuf,
    },
    /// `ci`.
    Ci,
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
        "report" => &["--db", "--out"],
        "demo" => &["--db"],
        "ci" => &[],
        "help" | "-h" | "--help" => &[],
        other => return Err(UsageError(format!("unknown command '{other}'"))),
    };

    let mut db = None;
    let mut out = None;
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
        let slot = if name == "--db" { &mut db } else { &mut out };
        if slot.replace(value).is_some() {
            return Err(UsageError(format!("{name} given twice")));
        }
    }

    Ok(match command.as_str() {
        "report" => Command::Report {
            db: db.unwrap_or_else(default_db),
            out: out.unwrap_or_else(|| PathBuf::from("target/reports")),
        },
        "demo" => Command::Demo {
            db: db.unwrap_or_else(default_db),
        },
        "ci" => Command::Ci,
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
                out: "r".into()
            })
        );
        match parse_str(&["report", "--db=x.db"]).unwrap() {
            Command::Report { db, out } => {
                assert_eq!(db, PathBuf::from("x.db"));
                assert_eq!(out, PathBuf::from("target/reports"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_commands() {
        assert_eq!(parse_str(&["ci"]), Ok(Command::Ci));
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
            err(&["report", "extra"]),
            "unexpected argument 'extra' for 'report'"
        );
    }
}
