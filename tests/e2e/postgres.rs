//! The CLI on PostgreSQL: the same commands give the same output as on SQLite (import, claims,
//! show, status, verdict, assign, evidence, note, history, search, queue, undo, report, export,
//! db check, db copy); 8 processes changing overlapping claims lose nothing; a process killed
//! during an import leaves no partial article. Each test has a fresh database; without a server
//! the tests print one skip line and pass (fail under CI).

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::batch::{counts, many_articles};
use crate::util::{seed, Env, NOW, USER};

/// Runs `args` on an env, returning (exit code, stdout, stderr).
pub(crate) fn run(env: &Env, args: &[&str]) -> (i32, String, String) {
    let out = env.cmd().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Output made comparable across engines: the database's name (or a report's label of it)
/// replaced, search ranks dropped
/// and JSON hits sorted by id (scores differ by engine, so hits of different relevance may be
/// ordered differently; the README says so). The table of a one-word search is compared as is.
fn normalise(env: &Env, text: &str) -> String {
    let db = env.db.to_string_lossy().into_owned();
    let shown = claimtrack_testkit::pg::masked(&db);
    let mut text = text.replace(&db, "<db>").replace(&shown, "<db>");
    // Reports name a PostgreSQL database without host or role (`Locator::public_label`).
    if let Some(name) = url::Url::parse(&db).ok().map(|u| u.path()[1..].to_owned()) {
        text = text.replace(&format!("PostgreSQL database {name}"), "<db>");
    }
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(mut v) => {
            if let Some(a) = v.as_array_mut() {
                let mut is_search = false;
                for hit in a.iter_mut().filter_map(|h| h.as_object_mut()) {
                    is_search |= hit.remove("rank").is_some();
                }
                if is_search {
                    // Hits of different relevance may come in another order.
                    a.sort_by_key(|h| h["id"].as_i64());
                }
            }
            serde_json::to_string_pretty(&v).unwrap()
        }
        Err(_) => text,
    }
}

#[test]
fn every_command_gives_the_same_output_as_on_sqlite() {
    let Some(pg) = Env::postgres() else { return };
    let lite = Env::new();
    let seed = seed();
    let seed = seed.to_str().unwrap();
    // (A missing database is explained differently per engine: a missing file vs a database
    // without the claimtrack tables; see the next test.)
    let script: Vec<Vec<&str>> = vec![
        vec!["import", seed],
        vec!["import", seed, "--format", "json"],
        vec!["claims"],
        vec!["claims", "--all", "--format", "json"],
        vec!["claims", "--all", "--format", "csv"],
        vec!["show", "20"],
        vec!["queue", "--limit", "5"],
        vec!["assign", "20", "22", "--to", "sara", "--by", "editor"],
        vec![
            "status",
            "20",
            "--set",
            "in_progress",
            "--note",
            "checking the 2019 meeting",
        ],
        vec!["status", "20", "--set", "in_progress"],
        vec![
            "evidence",
            "add",
            "20",
            "--url",
            "https://www.state.gov/x",
            "--title",
            "readout",
            "--stance",
            "supports",
        ],
        vec!["evidence", "add", "20", "--url", "https://www.state.gov/x"],
        vec!["note", "20", "الخارجية الأمريكية نشرت بيان اللقاء"],
        vec![
            "verdict",
            "20",
            "--set",
            "true",
            "--explanation",
            "The readout confirms it.",
            "--summary",
            "Hammouchi met Pompeo in 2019",
            "--url",
            "https://factcheck.example.ma/20",
        ],
        vec![
            "status",
            "20",
            "--set",
            "in_review",
            "--expect-revision",
            "1",
        ],
        vec![
            "status",
            "20",
            "--set",
            "in_review",
            "--expect-revision",
            "6",
        ],
        vec!["status", "20", "--set", "published", "--by", "editor"],
        vec!["status", "21", "--set", "published"],
        vec![
            "undo",
            "20",
            "--note",
            "published too early",
            "--by",
            "editor",
        ],
        vec![
            "status",
            "--article",
            "1",
            "--min-score",
            "0.8",
            "--set",
            "in_progress",
            "--dry-run",
        ],
        vec!["queue", "--for", "sara", "--limit", "3"],
        vec!["claims", "--assignee", "sara"],
        vec![
            "claims",
            "--assignee",
            "none",
            "--min-score",
            "0.7",
            "--format",
            "json",
        ],
        vec![
            "claims",
            "--status",
            "in_review",
            "--verdict",
            "true",
            "--kind",
            "event",
        ],
        vec![
            "evidence",
            "add",
            "21",
            "--url",
            "https://example.org/e",
            "--stance",
            "refutes",
        ],
        vec!["evidence", "list", "21", "--format", "json"],
        vec!["evidence", "rm", "2", "--note", "wrong source"],
        vec!["evidence", "rm", "2", "--note", "again"],
        vec!["undo", "21"],
        vec![
            "search",
            "حموشي",
            "--article",
            "1",
            "--status",
            "unverified",
            "--limit",
            "3",
        ],
        vec!["search", "حموشي", "--article", "9"],
        vec!["show", "999"],
        vec!["history", "20"],
        vec!["history", "20", "--format", "json"],
        vec!["show", "20", "--format", "json"],
        vec!["search", "حموشي"],
        vec!["search", "\"عبد اللطيف\" OR بومب*", "--format", "json"],
        vec!["search", "(حموشي OR بومبيو) NOT 2019", "--format", "json"],
        vec!["search", "(حموشي"],
        vec!["claims", "--search", "الأمن", "--format", "json"],
        vec!["report"],
        vec!["report", "--format", "json"],
        vec!["export", "--format", "csv", "--all"],
        vec!["export", "--format", "jsonl", "--all"],
        vec!["export", "--allow-incomplete"],
        vec!["db", "check"],
    ];
    for args in &script {
        let (a, b) = (run(&lite, args), run(&pg, args));
        assert_eq!(
            a.0, b.0,
            "exit code of {args:?}: sqlite {a:?}\npostgres {b:?}"
        );
        assert_eq!(
            normalise(&lite, &a.1),
            normalise(&pg, &b.1),
            "stdout of {args:?}"
        );
        assert_eq!(
            normalise(&lite, &a.2),
            normalise(&pg, &b.2),
            "stderr of {args:?}"
        );
    }
    // db copy both ways gives the same desk.
    let copy = lite.dir.path().join("from-pg.db");
    let (code, out, err) = run(
        &pg,
        &[
            "db",
            "copy",
            "--from",
            pg.db.to_str().unwrap(),
            "--to",
            copy.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("verified"), "{out}");
    for args in [
        vec!["history", "20", "--format", "json"],
        vec!["claims", "--all"],
    ] {
        let mut c = lite.bare();
        let copied = c.arg("--db").arg(&copy).args(&args).output().unwrap();
        assert_eq!(
            String::from_utf8(copied.stdout).unwrap(),
            run(&lite, &args).1,
            "{args:?}"
        );
    }
}

#[test]
fn read_commands_on_an_empty_database_say_what_to_do_and_by_defaults_to_the_role() {
    let Some(env) = Env::postgres() else { return };
    let (code, _, err) = run(&env, &["claims"]);
    assert_eq!(code, 1);
    assert!(err.contains("import an article first"), "{err}");
    // Without --by or CLAIMTRACK_USER the history records the connected role.
    let mut c = env.bare();
    c.env_remove("CLAIMTRACK_USER").env("USER", "os-user");
    c.arg("--db")
        .arg(&env.db)
        .args(["import", seed().to_str().unwrap()]);
    assert!(c.output().unwrap().status.success());
    let mut c = env.bare();
    c.env_remove("CLAIMTRACK_USER").env("USER", "os-user");
    c.arg("--db")
        .arg(&env.db)
        .args(["status", "3", "--set", "in_progress"]);
    assert!(c.output().unwrap().status.success());
    let role = url::Url::parse(env.db.to_str().unwrap())
        .unwrap()
        .username()
        .to_owned();
    let h = env.history(3);
    assert_eq!(h[0]["by"], role.as_str(), "{h:?}");
    assert_ne!(role, USER);
    // CLAIMTRACK_DB takes the URL as --db does.
    let mut c = env.bare();
    let out = c
        .env("CLAIMTRACK_DB", &env.db)
        .arg("claims")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), env.ok(&["claims"]));
    // A wrong password is reported masked, exit 1.
    let mut url = url::Url::parse(env.db.to_str().unwrap()).unwrap();
    url.set_password(Some("not-the-password")).unwrap();
    let mut c = env.bare();
    let out = c
        .arg("--db")
        .arg(url.as_str())
        .arg("claims")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !err.contains("not-the-password") && err.contains("***"),
        "{err}"
    );
    // A password given as a query parameter is masked too (found by the fresh-user review),
    // in errors and in what db copy prints.
    let mut url = url::Url::parse(env.db.to_str().unwrap()).unwrap();
    url.set_password(None).unwrap();
    url.query_pairs_mut()
        .append_pair("password", "query-secret-pw");
    let out = env
        .bare()
        .args(["--db", url.as_str(), "claims"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        !err.contains("query-secret-pw") && err.contains("password=***"),
        "{err}"
    );
    let src = env.dir.path().join("src.db");
    env.bare()
        .arg("--db")
        .arg(&src)
        .args(["import", seed().to_str().unwrap()])
        .assert()
        .success();
    let (code, out, err) = run(
        &env,
        &[
            "db",
            "copy",
            "--from",
            src.to_str().unwrap(),
            "--to",
            url.as_str(),
        ],
    );
    assert_eq!(code, 1, "the target is not empty: {out}{err}");
    assert!(
        !format!("{out}{err}").contains("query-secret-pw"),
        "{out}{err}"
    );
    // db backup on PostgreSQL into a missing folder fails as on SQLite, leaving nothing.
    let missing = env.dir.path().join("no-such-folder/snap.db");
    let (code, _, err) = run(&env, &["db", "backup", missing.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(!missing.parent().unwrap().exists(), "no folder was created");
}

/// 8 processes (workers), 50 changes each, on 4 shared claims: 25 verdict explanations (each a
/// change) and 25 status moves (unverified <-> in_progress, made with `--expect-status` and
/// retried the other way on exit 3, so each is a real change). No update may be lost: history
/// = 400 rows, each claim's revision = its history length, every status chain consistent.
#[test]
fn eight_processes_changing_overlapping_claims_lose_no_update() {
    let Some(env) = Env::postgres() else { return };
    env.ok(&["import", seed().to_str().unwrap()]);
    let claims = [3i64, 4, 5, 6];
    let db = env.db.clone();
    let dir = env.dir.path().to_path_buf();
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let (db, dir) = (db.clone(), dir.clone());
            std::thread::spawn(move || {
                let mut conflicts = 0;
                for i in 0..50usize {
                    let id = claims[(w + i) % claims.len()].to_string();
                    let cmd = |args: &[&str]| {
                        Command::new(env!("CARGO_BIN_EXE_claimtrack"))
                            .current_dir(&dir)
                            .env("CLAIMTRACK_NOW", NOW)
                            .env("NO_COLOR", "1")
                            .arg("--db")
                            .arg(&db)
                            .args(["--by", &format!("w{w}")])
                            .args(args)
                            .output()
                            .unwrap()
                    };
                    if i % 2 == 0 {
                        let text = format!("worker {w} change {i}");
                        let out = cmd(&["verdict", &id, "--explanation", &text]);
                        assert!(out.status.success(), "{out:?}");
                    } else {
                        let mut done = false;
                        for attempt in 0..40 {
                            let (from, to) = if (attempt + w) % 2 == 0 {
                                ("unverified", "in_progress")
                            } else {
                                ("in_progress", "unverified")
                            };
                            let out = cmd(&["status", &id, "--set", to, "--expect-status", from]);
                            match out.status.code() {
                                Some(0) => {
                                    done = true;
                                    break;
                                }
                                Some(3) => conflicts += 1,
                                _ => panic!("{out:?}"),
                            }
                        }
                        assert!(done, "worker {w} could not move claim {id}");
                    }
                }
                conflicts
            })
        })
        .collect();
    let conflicts: usize = workers.into_iter().map(|h| h.join().unwrap()).sum();
    let mut total = 0;
    for id in claims {
        let h = env.history(id);
        let show = env.json(&["show", &id.to_string(), "--format", "json"]);
        assert_eq!(show["revision"], h.len() as i64, "claim {id}");
        let mut status = "unverified".to_owned();
        for (n, e) in h.iter().enumerate() {
            assert_eq!(e["revision"], n as i64 + 1, "claim {id}: {e}");
            if e["field"] == "status" {
                assert_eq!(e["from"], status.as_str(), "claim {id}: {e}");
                status = e["to"].as_str().unwrap().to_owned();
            }
        }
        assert_eq!(show["status"], status.as_str());
        total += h.len();
    }
    assert_eq!(
        total, 400,
        "({conflicts} expect-status conflicts were retried)"
    );
    assert!(env.ok(&["db", "check"]).starts_with("ok"));
}

/// `db copy` of a desk into PostgreSQL killed (SIGKILL) at several moments: the target holds
/// either nothing or everything, never part; an empty target takes the copy again.
#[test]
fn a_killed_copy_leaves_the_target_unchanged_and_can_be_rerun() {
    let Some(first) = Env::postgres() else { return };
    let desk = Env::new();
    let inputs = desk.dir.path().join("inputs");
    many_articles(&inputs);
    desk.ok(&["import", inputs.to_str().unwrap()]);
    for id in ["3", "4", "5"] {
        desk.ok(&["status", id, "--set", "in_progress", "--note", "x"]);
    }
    let full = counts(&desk);
    let history = desk.history(3);
    let mut targets = vec![first];
    // The copy takes about 100 ms (debug build): kills from 0 to 100 ms cover the connection,
    // the migration and the copy transaction.
    for _ in 0..4 {
        targets.push(Env::postgres().unwrap());
    }
    for (i, target) in targets.iter().enumerate() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrack"))
            .current_dir(target.dir.path())
            .args(["db", "copy", "--from"])
            .arg(&desk.db)
            .arg("--to")
            .arg(&target.db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(25 * i as u64));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let (code, _, _) = run(target, &["claims", "--all", "--format", "json"]);
        let copied = if code == 0 {
            counts(target)
        } else {
            BTreeMap::new()
        };
        assert!(
            copied.is_empty() || copied == full,
            "kill after {} ms ({status}): {} of {} articles",
            25 * i,
            copied.len(),
            full.len()
        );
        if copied.is_empty() {
            let (code, out, err) = run(
                target,
                &[
                    "db",
                    "copy",
                    "--from",
                    desk.db.to_str().unwrap(),
                    "--to",
                    target.db.to_str().unwrap(),
                ],
            );
            assert_eq!(code, 0, "rerun: {out}{err}");
        }
        assert_eq!(counts(target), full);
        assert_eq!(target.history(3), history);
        assert!(target.ok(&["db", "check"]).starts_with("ok"));
    }
}

/// kill -9 during a batch import on PostgreSQL: see `batch::killed_batch_import`.
#[test]
fn a_killed_import_leaves_no_partial_article() {
    let Some(env) = Env::postgres() else { return };
    crate::batch::killed_batch_import(&env, || Env::postgres().unwrap());
}

#[test]
fn an_article_with_a_nul_character_fails_alone() {
    let Some(env) = Env::postgres() else { return };
    crate::batch::nul_article_fails_alone(&env);
}

/// A claim row locked by another session (an editor's open transaction) for longer than the
/// retries wait: exit 4, nothing written; once released the same command succeeds.
#[test]
fn a_claim_locked_elsewhere_exits_4_after_the_retries() {
    let Some(env) = Env::postgres() else { return };
    env.ok(&["import", seed().to_str().unwrap()]);
    let mut other = claimtrack_testkit::pg::connect(env.db.to_str().unwrap()).unwrap();
    let mut tx = other.transaction().unwrap();
    tx.execute("SELECT 1 FROM claims WHERE id = 20 FOR UPDATE", &[])
        .unwrap();
    let err = env.fails(&["status", "20", "--set", "in_progress"], 4);
    crate::util::assert_error_line(&err, "busy");
    tx.rollback().unwrap();
    assert!(env.history(20).is_empty());
    assert_eq!(
        env.ok(&["status", "20", "--set", "in_progress"]),
        "claim 20: status unverified -> in_progress\n"
    );
}
