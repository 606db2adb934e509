//! Fresh-user review fixes: table widths with Arabic, read-only commands on a missing database,
//! one-line open errors, negative numbers reaching validation, repeated ids, Arabic labels as
//! input, impossible dates.

use unicode_width::UnicodeWidthChar;

use crate::util::{assert_error_line, letters, seed, Env};

/// Terminal columns of a line, one cell per character as terminals draw Arabic (each letter of
/// a lam-alef pair in its own cell; marks 0, CJK 2).
fn columns(line: &str) -> usize {
    line.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Every line of a table is as wide as its first line.
fn assert_aligned(table: &str) {
    let mut lines = table.lines().filter(|l| !l.is_empty());
    let first = lines.next().expect("a table");
    let want = columns(first);
    for line in lines {
        assert_eq!(columns(line), want, "misaligned row:\n{line}\nin:\n{table}");
    }
}

#[test]
fn tables_with_arabic_are_aligned() {
    let env = Env::with_seed();
    let claims = env.ok(&["claims"]);
    // The seed has lam-alef pairs (لا, لأ) in the truncated claim column.
    let shown = letters(&claims);
    assert!(shown.contains("لا") || shown.contains("لأ"), "{claims}");
    assert_aligned(&claims);
    assert_aligned(&env.ok(&["claims", "--all", "--wide"]));
    assert_aligned(&env.ok(&["queue"]));
    assert_aligned(&env.ok(&["search", "لا"]));
    // the report prints three tables, one after the other
    let report = env.ok(&["report"]);
    let starts: Vec<usize> = report.match_indices('┌').map(|(i, _)| i).collect();
    assert_eq!(starts.len(), 3, "{report}");
    for (n, start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(report.len());
        assert_aligned(&report[*start..end]);
    }
}

const READ_ONLY: &[&[&str]] = &[
    &["claims"],
    &["show", "1"],
    &["history", "1"],
    &["search", "المغرب"],
    &["queue"],
    &["report"],
    &["export"],
    &["export", "--format", "csv"],
    &["db", "check"],
    &["evidence", "list", "1"],
];

#[test]
fn read_only_commands_do_not_create_a_missing_database() {
    let env = Env::new();
    let db = env.dir.path().join("sub").join("missing.db");
    for args in READ_ONLY {
        let out = env
            .bare()
            .arg("--db")
            .arg(&db)
            .args(*args)
            .assert()
            .code(1)
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_error_line(
            &stderr,
            &format!(
                "no database at {}; import an article first (claimtrack import FILE)",
                db.display()
            ),
        );
        assert!(!db.exists(), "{args:?} created the database");
        assert!(
            !db.parent().unwrap().exists(),
            "{args:?} created its directory"
        );
    }
    // the default ./claimtrack.db too
    env.bare().arg("claims").assert().code(1);
    assert!(!env.dir.path().join("claimtrack.db").exists());
    // writes still create it on first use
    env.ok(&["import", seed().to_str().unwrap()]);
    assert!(env.db.exists());
}

#[test]
fn open_errors_are_one_line_with_the_cause() {
    let env = Env::new();
    let dir = env.dir.path().join("adir");
    std::fs::create_dir(&dir).unwrap();
    let text = env.write("notes.txt", "not a database, just text\n".repeat(200));
    let cases: [(&str, &str); 3] = [
        (dir.to_str().unwrap(), "is a directory"),
        (&text, "is not a SQLite database"),
        ("/dev/null", "is not a regular file"),
    ];
    for (db, cause) in cases {
        for args in [&["claims"][..], &["import", seed().to_str().unwrap()][..]] {
            let out = env
                .bare()
                .arg("--db")
                .arg(db)
                .args(args)
                .assert()
                .code(1)
                .get_output()
                .clone();
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_error_line(&stderr, &format!("cannot open database {db}: {cause}"));
            assert_eq!(stderr.matches(db).count(), 1, "{stderr}");
        }
    }
}

#[test]
fn negative_numbers_reach_validation() {
    let env = Env::with_seed();
    let cases: &[(&[&str], &str)] = &[
        (
            &["claims", "--min-score", "-1"],
            "--min-score must be between 0 and 1, got -1",
        ),
        (
            &["claims", "--min-score", "1.5"],
            "--min-score must be between 0 and 1, got 1.5",
        ),
        (&["show", "-1"], "claim ids are positive, got -1"),
        (&["history", "0"], "claim ids are positive, got 0"),
        (
            &["status", "-1", "--set", "in_progress"],
            "claim ids are positive, got -1",
        ),
        (
            &["verdict", "2", "-3", "--set", "false"],
            "claim ids are positive, got -3",
        ),
        (
            &["claims", "--article", "-2"],
            "article ids are positive, got -2",
        ),
        (
            &[
                "status",
                "--article",
                "1",
                "--min-score",
                "-0.5",
                "--set",
                "dismissed",
            ],
            "--min-score must be between 0 and 1, got -0.5",
        ),
        (
            &["evidence", "rm", "-4", "--note", "x"],
            "evidence ids are positive, got -4",
        ),
        (
            &["queue", "--limit", "-1"],
            "--limit must be a whole number from 1, got -1",
        ),
    ];
    for (args, message) in cases {
        let stderr = env.fails(args, 2);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("unexpected argument"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn repeated_ids_change_a_claim_once() {
    let env = Env::with_seed();
    let out = env.ok(&["status", "2", "2", "--set", "in_progress"]);
    assert_eq!(out, "claim 2: status unverified -> in_progress\n");
    let out = env.ok(&["assign", "3", "2", "3", "--to", "sara"]);
    assert_eq!(
        out,
        "claim 3: assignee none -> sara\nclaim 2: assignee none -> sara\n"
    );
    let json = env.json(&["verdict", "2", "2", "--set", "false", "--format", "json"]);
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
    assert_eq!(env.history(2).len(), 3);
}

#[test]
fn arabic_labels_are_accepted_as_values() {
    let env = Env::with_seed();
    env.ok(&["verdict", "3", "--set", "زائف"]);
    env.ok(&["status", "3", "--set", "قيد_التحقق"]);
    env.ok(&["status", "4", "--set", "قيد التحقق"]);
    let show = env.json(&["show", "3", "--format", "json"]);
    assert_eq!(show["verdict"], "false");
    assert_eq!(show["status"], "in_progress");
    let listed = env.json(&["claims", "--status", "قيد التحقق", "--format", "json"]);
    let ids: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [3, 4]);
    let stderr = env.fails(&["verdict", "3", "--set", "كاذب"], 2);
    assert!(stderr.contains("unknown verdict 'كاذب'"), "{stderr}");
    assert!(
        stderr.contains("mostly_false, false, misleading"),
        "{stderr}"
    );
    assert!(stderr.contains("or in Arabic: صحيح، "), "{stderr}");
    assert!(stderr.contains("زائف"), "{stderr}");
}

#[test]
fn impossible_dates_are_named() {
    let env = Env::new();
    let seed = seed();
    let stderr = env.fails(
        &[
            "import",
            seed.to_str().unwrap(),
            "--published",
            "2022-02-30",
        ],
        2,
    );
    assert!(
        stderr.contains("2022-02-30 is not a calendar date"),
        "{stderr}"
    );
    let stderr = env.fails(
        &[
            "import",
            seed.to_str().unwrap(),
            "--published",
            "30/02/2022",
        ],
        2,
    );
    assert!(
        stderr.contains("'30/02/2022' is not a date of the form YYYY-MM-DD"),
        "{stderr}"
    );
}
