//! A desk at once: many processes writing one database, a process killed mid-import, `db
//! check`, `db backup`, read-only files.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{assert_error_line, seed, Env, NOW};

fn claimtrack(db: &Path, args: &[&str], by: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .env("CLAIMTRACK_NOW", NOW)
        .env("NO_COLOR", "1")
        .env_remove("CLAIMTRACK_DB")
        .arg("--db")
        .arg(db)
        .arg("--by")
        .arg(by)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("spawn claimtrack")
}

#[test]
fn eight_processes_fifty_changes_each_lose_nothing() {
    const CLAIMS: [i64; 6] = [20, 21, 22, 23, 24, 25];
    const VERDICTS: [&str; 4] = ["true", "false", "mixed", "misleading"];
    let env = Env::with_seed();
    let db = Arc::new(env.db.clone());
    let counts = Arc::new(Mutex::new(HashMap::<i64, i64>::new()));
    let threads: Vec<_> = (0..8)
        .map(|p: usize| {
            let db = Arc::clone(&db);
            let counts = Arc::clone(&counts);
            std::thread::spawn(move || {
                let by = format!("w{p}");
                for i in 0..50usize {
                    let claim = CLAIMS[(p + i) % CLAIMS.len()];
                    let id = claim.to_string();
                    let mut attempts = 0;
                    loop {
                        attempts += 1;
                        assert!(attempts < 200, "claim {claim}: too many conflicts");
                        let out = if i % 5 < 2 {
                            let url = format!("https://w{p}.example/{i}");
                            claimtrack(&db, &["evidence", "add", &id, "--url", &url], &by)
                        } else {
                            let show = claimtrack(&db, &["show", &id, "--format", "json"], &by);
                            assert!(show.status.success(), "{show:?}");
                            let v: Value = serde_json::from_slice(&show.stdout).unwrap();
                            let rev = v["revision"].as_i64().unwrap().to_string();
                            if i % 5 < 4 {
                                let current = v["verdict"].as_str().unwrap_or("");
                                let next = VERDICTS
                                    .iter()
                                    .cycle()
                                    .skip(p + i)
                                    .find(|v| **v != current)
                                    .unwrap();
                                claimtrack(
                                    &db,
                                    &["verdict", &id, "--set", next, "--expect-revision", &rev],
                                    &by,
                                )
                            } else {
                                let next = match v["status"].as_str().unwrap() {
                                    "unverified" => "in_progress",
                                    _ => "unverified",
                                };
                                claimtrack(
                                    &db,
                                    &["status", &id, "--set", next, "--expect-revision", &rev],
                                    &by,
                                )
                            }
                        };
                        let stderr = String::from_utf8_lossy(&out.stderr);
                        assert!(!stderr.contains("locked"), "{stderr}");
                        match out.status.code() {
                            Some(0) => break,
                            Some(3) => continue, // someone else changed it first: re-read
                            other => panic!("exit {other:?}: {stderr}"),
                        }
                    }
                    *counts.lock().unwrap().entry(claim).or_default() += 1;
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let counts = counts.lock().unwrap();
    assert_eq!(counts.values().sum::<i64>(), 400);
    let mut entries = 0;
    for (&claim, &n) in counts.iter() {
        let show = env.json(&["show", &claim.to_string(), "--format", "json"]);
        assert_eq!(show["revision"], n, "claim {claim}");
        let history = env.history(claim);
        assert_eq!(history.last().unwrap()["revision"], n);
        entries += history.len();
    }
    assert_eq!(entries, 400);
    assert!(env.ok(&["db", "check"]).starts_with("ok"));
}

#[test]
fn killed_import_leaves_no_partial_article() {
    let env = Env::new();
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let copies = 40;
    let big = vec![seed_text.as_str(); copies].join("\n\n");
    let file = env.write("big.txt", &big);
    let wal = env.db.with_file_name("test.db-wal");
    let mut killed_mid_write = false;
    for attempt in 0..6 {
        let _ = std::fs::remove_file(&env.db);
        let _ = std::fs::remove_file(&wal);
        // A write creates and migrates the database (then finds no claim 1); the WAL is
        // checkpointed away on close. Read-only commands would not create it.
        env.run(&["status", "1", "--set", "dismissed"]).code(1);
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrack"))
            .env("CLAIMTRACK_NOW", NOW)
            .arg("--db")
            .arg(&env.db)
            .args(["import", &file])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill once the import's transaction is writing pages (the WAL grows past 64 KiB),
        // later on each retry.
        let threshold = 64 * 1024 * (attempt + 1) as u64;
        let start = Instant::now();
        let mut exited = false;
        loop {
            if child.try_wait().unwrap().is_some() {
                exited = true;
                break;
            }
            let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
            if size > threshold || start.elapsed() > Duration::from_secs(60) {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if exited {
            continue; // finished before we could kill it: try again
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        killed_mid_write = true;
        break;
    }
    assert!(
        killed_mid_write,
        "the import always finished before the kill"
    );
    let check = env.ok(&["db", "check"]);
    assert!(check.starts_with("ok"), "{check}");
    let claims = env.json(&["claims", "--all", "--format", "json"]);
    let claims = claims.as_array().unwrap();
    if !claims.is_empty() {
        // The commit won the race: then the article is complete, up to its last copy.
        let last_end = claims
            .iter()
            .map(|c| c["span"]["end"].as_u64().unwrap())
            .max()
            .unwrap();
        assert!(
            last_end as usize > big.len() - seed_text.len(),
            "partial article"
        );
    }
}

#[test]
fn db_check_reports_broken_invariants() {
    let env = Env::with_seed();
    env.ok(&["status", "3", "--set", "in_progress"]);
    assert_eq!(
        env.json(&["db", "check", "--format", "json"]),
        Value::Array(vec![])
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute("UPDATE claims SET status = 'published' WHERE id = 3", [])
        .unwrap();
    conn.execute("UPDATE claims SET text = 'x' WHERE id = 4", [])
        .unwrap();
    conn.execute("DELETE FROM claims_fts WHERE rowid = 5", [])
        .unwrap();
    conn.execute("UPDATE claims SET revision = 7 WHERE id = 6", [])
        .unwrap();
    drop(conn);
    let out = env.run(&["db", "check"]).code(1).get_output().clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "history: claim 3: status is published but its history says in_progress",
        "spans: claim 4: text differs from the article text",
        "search: search index: claim 4 is out of date",
        "search: search index: claim 5 is missing",
        "history: claim 6: revision 7 but its history ends at revision 0",
    ] {
        assert!(stdout.contains(needle), "{needle} not in {stdout}");
    }
    assert_error_line(
        &String::from_utf8(out.stderr).unwrap(),
        "database check found 5 problem(s)",
    );
}

#[test]
fn backup_is_a_consistent_copy() {
    let env = Env::with_seed();
    env.ok(&["evidence", "add", "20", "--url", "https://example.org/e"]);
    let copy = env.dir.path().join("backup.db");
    let out = env.ok(&["db", "backup", copy.to_str().unwrap()]);
    assert!(out.starts_with("backup written to "), "{out}");
    let other = Env {
        dir: tempfile::tempdir().unwrap(),
        db: copy.clone(),
    };
    assert!(other.ok(&["db", "check"]).starts_with("ok"));
    assert_eq!(
        other.json(&["claims", "--all", "--format", "json"]),
        env.json(&["claims", "--all", "--format", "json"])
    );
    assert_eq!(
        other.json(&["evidence", "list", "20", "--format", "json"])[0]["url"],
        "https://example.org/e"
    );
    let err = env.fails(&["db", "backup", copy.to_str().unwrap()], 1);
    assert_error_line(&err, "file exists");
}

#[test]
fn read_only_database_serves_reads_and_refuses_writes() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::with_seed();
    let dir = env.dir.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("ro.db");
    std::fs::copy(&env.db, &db).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = std::fs::OpenOptions::new().write(true).open(&db).is_ok();
    let ro = Env {
        dir: tempfile::tempdir().unwrap(),
        db: db.clone(),
    };
    if !writable {
        // (as root permissions do not bind, and this part cannot be observed)
        assert!(!ro
            .json(&["claims", "--format", "json"])
            .as_array()
            .unwrap()
            .is_empty());
        let err = ro.fails(&["status", "20", "--set", "in_progress"], 1);
        assert_error_line(&err, "read-only");
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}
