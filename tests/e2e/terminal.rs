//! Table alignment in a real terminal emulator: `claimtrack` runs inside `tmux` at 100 and 200
//! columns, the pane is captured, and every border character of every table row must land in
//! the column of the header's. A character's column is the sum of the cell widths of the
//! characters before it on the captured line, as tmux's grid stores them: one cell per letter
//! (Arabic included), none for combining marks and format characters such as ZWNJ, two for wide
//! characters (`unicode-width`'s per-character width, which is `wcwidth`'s).
//!
//! tmux is a Debian package (`.ci/run` installs it); without it these tests print a skip line
//! and pass, unless `CI` is set.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthChar;

use crate::util::{Env, NOW, USER};

const END: &str = "__claimtrack_done__";

fn tmux() -> Option<PathBuf> {
    claimtrack_testkit::require_program(
        "the terminal alignment test",
        &["tmux"],
        None,
        "install it with `apt-get update && apt-get install -y tmux` (.ci/run does this)",
    )
}

/// Runs `claimtrack --db <env's db> ARGS` in a detached tmux session `columns` wide and returns
/// the captured pane, wrapped lines joined (`capture-pane -J`), trailing blank lines dropped.
fn in_tmux(tmux: &Path, env: &Env, columns: u16, args: &[&str]) -> Vec<String> {
    // A socket per run: a server told to exit may still hold the previous one for a moment.
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let socket = env.dir.path().join(format!("tmux-{run}.sock"));
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut line = vec![
        quote(env!("CARGO_BIN_EXE_claimtrack")),
        "--db".into(),
        quote(env.db.to_str().unwrap()),
    ];
    line.extend(args.iter().map(|a| quote(a)));
    let script = format!("{}; echo {END}; sleep 60", line.join(" "));
    let tmux_cmd = |args: &[&str]| {
        let mut cmd = Command::new(tmux);
        cmd.arg("-u") // UTF-8 whatever the locale
            .arg("-S")
            .arg(&socket)
            .args(args)
            .env("CLAIMTRACK_NOW", NOW)
            .env("CLAIMTRACK_USER", USER)
            .env_remove("NO_COLOR")
            .env_remove("CLAIMTRACK_DB")
            .env("LANG", "C.UTF-8");
        cmd
    };
    let cols = columns.to_string();
    let started = tmux_cmd(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        &cols,
        "-y",
        "400",
        "sh",
        "-c",
        &script,
    ])
    .output()
    .expect("tmux runs");
    assert!(
        started.status.success(),
        "tmux new-session failed: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let captured = loop {
        let out = tmux_cmd(&["capture-pane", "-p", "-J", "-S", "-", "-E", "-"])
            .output()
            .expect("tmux capture-pane runs");
        let text = String::from_utf8(out.stdout).expect("the pane is UTF-8");
        if text.contains(END) {
            break text;
        }
        assert!(
            Instant::now() < deadline,
            "claimtrack did not finish in tmux: {text}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = tmux_cmd(&["kill-server"]).status();
    captured
        .lines()
        .take_while(|l| !l.contains(END))
        .map(|l| l.trim_end().to_owned())
        .collect()
}

/// The columns (0-based terminal cells) of the box-drawing characters on a line.
fn border_columns(line: &str) -> Vec<usize> {
    let mut col = 0;
    let mut found = Vec::new();
    for c in line.chars() {
        if "│┌┬┐├┼┤└┴┘".contains(c) {
            found.push(col);
        }
        col += c.width().unwrap_or(0);
    }
    found
}

/// Checks every table in the captured lines: each line of a table has its borders in the
/// header's columns. Returns how many table lines were checked.
fn assert_aligned(lines: &[String], what: &str) -> usize {
    let mut checked = 0;
    let mut header: Option<Vec<usize>> = None;
    for (n, line) in lines.iter().enumerate() {
        let first = line.chars().next();
        match first {
            Some('┌') => header = Some(border_columns(line)),
            Some('│' | '├' | '└') => {
                let want = header.as_ref().unwrap_or_else(|| {
                    panic!("{what}: a table line before any top border: {line}")
                });
                assert_eq!(
                    &border_columns(line),
                    want,
                    "{what}: line {n} is misaligned:\n{}\n{line}",
                    lines[n.saturating_sub(1)]
                );
                checked += 1;
                if first == Some('└') {
                    header = None;
                }
            }
            _ => {}
        }
    }
    checked
}

/// Runs `args` in tmux at 80, 100 and 200 columns, with and without colour, and checks the
/// alignment; from `fits_from` columns on, also that no line is wider than the terminal.
fn check(tmux: &Path, env: &Env, args: &[&str], what: &str, fits_from: u16) {
    for columns in [80, 100, 200] {
        for color in ["never", "always"] {
            let mut full = args.to_vec();
            full.extend(["--color", color]);
            let lines = in_tmux(tmux, env, columns, &full);
            let rows = assert_aligned(&lines, &format!("{what} at {columns} columns"));
            if !args.contains(&"--wide") && columns >= fits_from {
                // The text column is narrowed to the terminal: no table line wraps.
                for line in &lines {
                    let cells: usize = line.chars().map(|c| c.width().unwrap_or(0)).sum();
                    assert!(
                        cells <= usize::from(columns),
                        "{what}: a line wider than {columns} columns: {line}"
                    );
                }
            }
            assert!(
                rows >= 3,
                "{what} at {columns} columns: no table drawn:\n{}",
                lines.join("\n")
            );
            let lam_alef = lines.iter().any(|l| l.contains('ل') && l.starts_with('│'));
            assert!(lam_alef, "{what}: the table has Arabic rows");
        }
    }
}

#[test]
fn claims_table_is_aligned_in_tmux() {
    let Some(tmux) = tmux() else { return };
    let env = Env::with_seed();
    // The longest labels: a two-language verdict and in_progress.
    env.ok(&["verdict", "21", "--set", "missing_context"]);
    env.ok(&["status", "22", "--set", "in_progress"]);
    check(&tmux, &env, &["claims"], "claims", 80);
    check(
        &tmux,
        &env,
        &["claims", "--all", "--wide"],
        "claims --all --wide",
        80,
    );
    check(&tmux, &env, &["queue"], "queue", 80);
}

#[test]
fn show_tables_are_aligned_in_tmux() {
    let Some(tmux) = tmux() else { return };
    let env = Env::with_seed();
    let note = "لا بد من التحقق من تاريخ اللقاء في محضر وزارة الخارجية الأمريكية قبل النشر";
    env.ok(&["status", "20", "--set", "in_progress", "--note", note]);
    env.ok(&["verdict", "20", "--set", "mostly_true", "--note", note]);
    // History has seven columns, one a timestamp: it fits from 100 columns, wraps below.
    check(&tmux, &env, &["show", "20"], "show", 100);
    check(&tmux, &env, &["history", "20"], "history", 100);
}

#[test]
fn search_table_is_aligned_in_tmux_and_keeps_the_match_visible() {
    let Some(tmux) = tmux() else { return };
    let env = Env::with_seed();
    check(&tmux, &env, &["search", "الأمن"], "search", 80);
    for columns in [80, 100] {
        let lines = in_tmux(&tmux, &env, columns, &["search", "الأمن"]);
        let rows: Vec<&String> = lines
            .iter()
            .filter(|l| l.starts_with('│') && !l.contains(" snippet "))
            .collect();
        assert!(!rows.is_empty());
        for row in rows {
            let open = row.find('[');
            let close = row.find(']');
            assert!(
                open.is_some() && close > open,
                "{columns} columns: the match was cut off: {row}"
            );
        }
    }
}

/// The display-only ZWNJ of the tables never reaches data output, and every other output of the
/// seed is free of it too (the seed itself has none).
#[test]
fn display_characters_stay_out_of_json_and_csv() {
    let env = Env::with_seed();
    let table = env.ok(&["claims", "--all", "--wide"]);
    assert!(table.contains('\u{200c}'), "the table shows lam-alef pairs");
    for args in [
        &["claims", "--all", "--format", "json"][..],
        &["claims", "--all", "--format", "csv"],
        &["show", "2", "--format", "json"],
        &["search", "الأمن", "--format", "json"],
        &["export", "--format", "csv", "--all"],
        &["export", "--format", "jsonl", "--all"],
        &["report", "--format", "json"],
    ] {
        let out = env.ok(args);
        assert!(!out.contains('\u{200c}'), "{args:?} holds a ZWNJ");
        assert!(
            out.contains("لا") || out.contains("لأ"),
            "{args:?} has the pairs"
        );
    }
    // show's text line is the exact claim text.
    let show = env.ok(&["show", "2"]);
    let text = show
        .lines()
        .find(|l| l.starts_with("text:"))
        .expect("a text line");
    assert!(text.contains("لا") && !text.contains('\u{200c}'), "{text}");
}
