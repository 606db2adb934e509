//! Terminal conventions of well-liked Rust CLIs: `--color`, `NO_COLOR`, `--quiet`, error and
//! hint lines on stderr.

use crate::util::{assert_error_line, seed, Env};

const ESC: char = '\u{1b}';

/// `text` without ANSI SGR sequences (`ESC [ … m`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn color_always_paints_status_and_verdict_and_nothing_else() {
    let env = Env::with_seed();
    env.ok(&["status", "20", "--set", "in_progress"]);
    env.ok(&["verdict", "20", "--set", "false"]);
    let plain = env.ok(&["claims"]);
    assert!(!plain.contains(ESC), "a pipe gets no colour by default");
    let painted = env.ok(&["claims", "--color", "always"]);
    assert!(
        painted.contains("\u{1b}[33min_progress\u{1b}[0m"),
        "{painted}"
    );
    assert!(painted.contains(ESC) && painted.contains("false · زائف"));
    assert_eq!(strip_ansi(&painted), plain, "colour changes nothing else");
    let show = env.ok(&["show", "20", "--color", "always"]);
    assert!(show
        .lines()
        .any(|l| l.starts_with("status:") && l.contains(ESC)));
    // Data formats never carry escape codes.
    for args in [
        &["claims", "--color", "always", "--format", "json"][..],
        &["claims", "--color", "always", "--format", "csv"],
        &["show", "20", "--color", "always", "--format", "json"],
        &["export", "--color", "always", "--format", "csv", "--all"],
    ] {
        assert!(!env.ok(args).contains(ESC), "{args:?}");
    }
}

#[test]
fn never_and_no_color_turn_colour_off() {
    let env = Env::with_seed();
    env.ok(&["status", "20", "--set", "in_progress"]);
    let never = env.ok(&["claims", "--color", "never"]);
    assert!(!never.contains(ESC));
    // NO_COLOR only governs `auto`; an explicit `always` wins (as in ripgrep).
    let out = env
        .cmd()
        .args(["claims", "--color", "always"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains(ESC));
    let err = env.fails(&["claims", "--color", "sometimes"], 2);
    assert!(err.contains("sometimes"), "{err}");
}

#[test]
fn quiet_writes_print_nothing_but_still_write() {
    let env = Env::new();
    let seed = seed();
    let out = env.ok(&["--quiet", "import", seed.to_str().unwrap()]);
    assert_eq!(out, "");
    let claims = env.json(&["claims", "--format", "json"]);
    assert!(
        !claims.as_array().unwrap().is_empty(),
        "the article was stored"
    );
    assert_eq!(env.ok(&["status", "20", "--set", "in_progress", "-q"]), "");
    assert_eq!(env.ok(&["note", "20", "checked the wire", "-q"]), "");
    assert_eq!(env.history(20).len(), 2, "status and note recorded");
    // Output asked for explicitly still prints.
    assert!(env
        .ok(&["status", "21", "--set", "in_progress", "-q", "--dry-run"])
        .contains("21"));
    let json = env.json(&[
        "status",
        "21",
        "--set",
        "in_progress",
        "-q",
        "--format",
        "json",
    ]);
    assert_eq!(json[0]["claim_id"], 21);
    // Listings are data, not reports: --quiet leaves them alone.
    assert!(env.ok(&["claims", "-q"]).contains("┌"));
    // Errors still reach stderr, with their exit code.
    let err = env.fails(&["status", "20", "--set", "published", "-q"], 1);
    assert_error_line(&err, "claim 20");
}

#[test]
fn errors_come_with_a_hint_where_one_helps() {
    let env = Env::with_seed();
    env.ok(&["status", "20", "--set", "in_progress"]);
    let err = env.fails(
        &[
            "status",
            "20",
            "--set",
            "in_review",
            "--expect-revision",
            "0",
        ],
        3,
    );
    assert_error_line(&err, "someone else changed it first");
    let hint = err.lines().nth(1).expect("a hint line");
    assert!(
        hint.starts_with("hint: ") && hint.contains("--expect-revision 1"),
        "{err}"
    );
    let err = env.fails(&["status", "20", "--set", "published"], 1);
    assert_error_line(&err, "claim 20");
    assert!(
        err.contains("\nhint: `claimtrack show 20` shows what it has"),
        "{err}"
    );
    let err = env.fails(&["show", "999"], 1);
    assert!(err.contains("hint: `claimtrack claims --all`"), "{err}");
    // A plain usage error keeps clap's own form.
    let err = env.fails(&["status", "20", "--set", "nonsense"], 2);
    assert!(err.starts_with("claimtrack: error: "), "{err}");
}
