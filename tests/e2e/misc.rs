//! Environment: database selection, identity, clock; exit codes for broken pipes and a busy
//! database; help.

use std::process::Stdio;
use std::time::Duration;

use crate::util::{assert_error_line, seed, Env};

#[test]
fn default_database_is_claimtrack_db_in_the_current_directory() {
    let env = Env::new();
    env.bare()
        .args(["import", seed().to_str().unwrap()])
        .assert()
        .success();
    assert!(env.dir.path().join("claimtrack.db").is_file());
    assert!(!env.db.exists());
}

#[test]
fn claimtrack_db_env_selects_the_database_and_db_flag_wins() {
    let env = Env::new();
    let from_env = env.dir.path().join("sub/env.db");
    env.bare()
        .env("CLAIMTRACK_DB", &from_env)
        .args(["import", seed().to_str().unwrap()])
        .assert()
        .success();
    assert!(
        from_env.is_file(),
        "created on first use, with its directory"
    );
    env.bare()
        .env("CLAIMTRACK_DB", &from_env)
        .arg("--db")
        .arg(&env.db)
        .args(["import", seed().to_str().unwrap()])
        .assert()
        .success();
    assert!(env.db.is_file());
    assert!(!env.dir.path().join("claimtrack.db").exists());
}

#[test]
fn identity_falls_back_to_the_os_user() {
    let env = Env::with_seed();
    env.cmd()
        .env_remove("CLAIMTRACK_USER")
        .env("USER", "osuser")
        .args(["status", "3", "--set", "dismissed"])
        .assert()
        .success();
    env.cmd()
        .env_remove("CLAIMTRACK_USER")
        .env_remove("USER")
        .env_remove("USERNAME")
        .args(["verdict", "3", "--set", "satire"])
        .assert()
        .success();
    let by: Vec<_> = env.history(3).iter().map(|h| h["by"].clone()).collect();
    assert_eq!(by, ["osuser", "unknown"]);
    env.fails(&["status", "3", "--set", "published", "--by", ""], 2);
}

#[test]
fn clock_comes_from_claimtrack_now() {
    let env = Env::with_seed();
    env.cmd()
        .env("CLAIMTRACK_NOW", "2030-05-06T07:08:09+02:00")
        .args(["status", "3", "--set", "in_progress"])
        .assert()
        .success();
    assert_eq!(env.history(3)[0]["at"], "2030-05-06T05:08:09Z");
    let out = env
        .cmd()
        .env("CLAIMTRACK_NOW", "yesterday")
        .args(["status", "3", "--set", "published"])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_error_line(&err, "CLAIMTRACK_NOW 'yesterday'");
}

#[test]
fn broken_pipe_exits_zero_silently() {
    let env = Env::with_seed();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .current_dir(env.dir.path())
        .env("CLAIMTRACK_NOW", crate::util::NOW)
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(&env.db)
        .args(["claims", "--all", "--wide", "--format", "json"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is written
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn busy_database_exits_4_and_says_retry() {
    let env = Env::with_seed();
    let mut conn = rusqlite::Connection::open(&env.db).unwrap();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let out = env
        .cmd()
        .args(["status", "3", "--set", "in_progress"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(4);
    drop(tx);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_error_line(&err, "retry");
    assert_eq!(env.history(3), Vec::<serde_json::Value>::new());
}

#[test]
fn help_documents_the_database_default() {
    let env = Env::new();
    let out = env.ok(&["--help"]);
    assert!(
        out.contains("CLAIMTRACK_DB") && out.contains("claimtrack.db"),
        "{out}"
    );
    for verb in ["import", "claims", "show", "status", "verdict", "history"] {
        assert!(out.contains(verb), "{verb} missing from help");
    }
}

/// Issue #14 item 6: `--db postgres://…`-looking values of another scheme made a directory tree
/// named after the URL, password included. Now a usage error (exit 2) that creates nothing and
/// masks the password; `CLAIMTRACK_DB` likewise.
#[test]
fn an_unsupported_db_url_is_a_usage_error_that_creates_nothing() {
    let env = Env::new();
    for db in [
        "mysql://user:secret@host/db",
        "http://sara:secret@example.org/claims.db",
        "SQLITE3://x/secret.db",
        // URL-looking without `//`, with a prefix, or with white space: never a folder tree
        "jdbc:postgresql://user:secret@host/db",
        "postgres:/user:secret@host/db",
        "mysql:user:secret@host/db",
        " postgres://user:secret@host/db",
        "Postgres ://user:secret@host/db",
        "sqlite://user:secret@host/db",
    ] {
        let out = env.bare().args(["--db", db, "claims"]).assert().code(2);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains("cannot use database"), "{db}: {err}");
        assert!(!err.contains("secret@"), "{db}: password shown: {err}");
        let out = env
            .bare()
            .env("CLAIMTRACK_DB", db)
            .args(["import", crate::util::seed().to_str().unwrap()])
            .assert()
            .code(2);
        assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("cannot use database"));
        let left: Vec<_> = std::fs::read_dir(env.dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{db}: created {left:?}");
    }
    // `db copy --to` and `db backup` take the same rules, and never show the password
    let seeded = Env::with_seed();
    for args in [
        &["db", "copy", "--to", "jdbc:postgresql://u:secret@h/db"][..],
        &["db", "backup", "postgres://u:secret@h/db"],
        &["db", "backup", "mysql:u:secret@h/db"],
    ] {
        let out = seeded.cmd().args(args).assert().failure();
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(!err.contains("secret@"), "{args:?}: {err}");
        assert!(!seeded.dir.path().join("jdbc:postgresql:").exists());
        assert!(!seeded.dir.path().join("postgres:").exists(), "{args:?}");
    }
}
