//! The hermetic test environment.

use std::path::{Path, PathBuf};

use assert_cmd::assert::Assert;
use assert_cmd::Command;
use tempfile::TempDir;

/// The fixed clock of every test run.
pub const NOW: &str = "2026-01-02T03:04:05Z";
/// The user every test run acts as.
pub const USER: &str = "tester";

/// The seed article, relative to the cli crate.
pub fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds/000_918a3ce10e0930b5.txt")
}

/// A temp directory with a database path in it; every command runs there.
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

/// An [`Env`] whose `db` is the URL of a fresh PostgreSQL database, dropped with it.
pub struct PgEnv {
    pub env: Env,
    /// Keeps the database alive; dropping it drops the database.
    _pg: claimtrack_testkit::pg::TestDb,
}

impl std::ops::Deref for PgEnv {
    type Target = Env;
    fn deref(&self) -> &Env {
        &self.env
    }
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("test.db");
        Env { dir, db }
    }

    /// An environment on a fresh PostgreSQL database, or `None` when the test is skipped (no
    /// server and `CI` unset; see claimtrack_testkit::pg).
    pub fn postgres() -> Option<PgEnv> {
        let pg = claimtrack_testkit::pg::fresh_db()?;
        let dir = tempfile::tempdir().expect("temp dir");
        Some(PgEnv {
            env: Env {
                dir,
                db: PathBuf::from(pg.url()),
            },
            _pg: pg,
        })
    }

    /// A fresh environment with the seed imported (article 1).
    pub fn with_seed() -> Env {
        let env = Env::new();
        env.ok(&["import", seed().to_str().unwrap()]);
        env
    }

    /// `claimtrack` with the hermetic environment but no `--db` (tests of the db selection).
    pub fn bare(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimtrack"));
        cmd.current_dir(self.dir.path())
            .env("CLAIMTRACK_NOW", NOW)
            .env("CLAIMTRACK_USER", USER)
            .env("NO_COLOR", "1")
            .env_remove("CLAIMTRACK_DB");
        cmd
    }

    /// `claimtrack --db <temp db>`.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db").arg(&self.db);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Assert {
        self.cmd().args(args).assert()
    }

    /// Runs, asserts success and that stderr holds at most warnings (import diagnostics),
    /// returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args).success().get_output().clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr
                .lines()
                .all(|l| l.starts_with("claimtrack: warning: ")),
            "{args:?} wrote to stderr: {stderr}"
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs, asserts the exit code, returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args).code(code).get_output().clone();
        String::from_utf8(out.stderr).unwrap()
    }

    /// Parsed JSON stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
    }

    /// Writes a file in the temp dir and returns its path as a string.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    }

    /// The history of a claim as JSON.
    pub fn history(&self, id: i64) -> Vec<serde_json::Value> {
        let v = self.json(&["history", &id.to_string(), "--format", "json"]);
        v.as_array().expect("history is an array").clone()
    }
}

/// Asserts an error message of the CLI's own form: one line `claimtrack: error: …` (which holds
/// `contains`), optionally followed by one `hint: …` line.
pub fn assert_error_line(stderr: &str, contains: &str) {
    assert!(stderr.starts_with("claimtrack: error: "), "{stderr:?}");
    let lines: Vec<&str> = stderr.trim_end().lines().collect();
    assert!(
        lines.len() == 1 || (lines.len() == 2 && lines[1].starts_with("hint: ")),
        "not one error line (and a hint): {stderr:?}"
    );
    assert!(
        lines[0].contains(contains),
        "{stderr:?} does not contain {contains:?} in its error line"
    );
}

/// A table as the reader sees its letters: without the display-only ZERO WIDTH NON-JOINERs the
/// CLI puts between lam and alef in table cells (`crates/cli/src/display.rs`).
pub fn letters(table: &str) -> String {
    table.replace('\u{200c}', "")
}

/// Whether the tests run as root (who may read and write anything, so permission tests switch
/// to `nobody`).
pub fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The claimtrack binary as a command run by `nobody` (setpriv) when the tests run as root —
/// root may read and write anything, so permission tests need another user — else as is.
pub fn claimtrack_as_nobody_when_root() -> assert_cmd::Command {
    if running_as_root() {
        let mut c = assert_cmd::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_claimtrack"));
        c
    } else {
        assert_cmd::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
    }
}
