//! Imported text never reaches stdout with raw control or bidi characters (Trojan Source,
//! terminal escape injection); JSON keeps the exact text as escapes.

use crate::util::{letters, Env};

const HOSTILE: &str = "الرباط-كا\u{202e}تب\n\
    قال الوزير \u{202e}إن 2000 مهاجر\u{2066} وصلوا سنة 2024\u{1b}]0;pwned\u{7} \u{200f}أمس\u{9b}31m.\n\
    وأكد \u{061c}المدير\u{2069} أن 300 شرطي شاركوا في العملية سنة 2023\u{200e}.\n";

fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fn assert_clean(what: &str, out: &str) {
    let bad: Vec<char> = out.chars().filter(|&c| is_dangerous(c)).collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in output:\n{out}");
}

#[test]
fn bidi_and_control_characters_never_reach_stdout_raw() {
    let env = Env::new();
    let file = env.write("hostile.txt", HOSTILE);
    let run = env.run(&["import", &file, "--all", "--wide"]).success();
    let out = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    assert_clean("import table", &out);
    assert_clean(
        "import warnings",
        &String::from_utf8(run.get_output().stderr.clone()).unwrap(),
    );
    assert!(out.contains("\\u{202e}"), "escapes are visible: {out}");
    assert!(out.contains("\\u{1b}"), "escapes are visible: {out}");

    let claims = env.json(&["claims", "--all", "--format", "json"]);
    let ids: Vec<String> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].to_string())
        .collect();
    assert!(!ids.is_empty());
    // JSON keeps the exact text (as escapes), so scripts get the stored text back
    let joined: String = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        joined.contains('\u{202e}') && joined.contains('\u{1b}'),
        "{joined:?}"
    );

    env.ok(&[
        "status",
        &ids[0],
        "--set",
        "in_progress",
        "--note",
        "ملاحظة \u{202e}مقلوبة",
    ]);
    for args in [
        vec!["claims", "--all"],
        vec!["claims", "--all", "--wide"],
        vec!["claims", "--all", "--format", "csv"],
        vec!["claims", "--all", "--format", "json"],
        vec!["import", &file, "--format", "json"],
        vec!["show", &ids[0]],
        vec!["show", &ids[0], "--format", "json"],
        vec!["history", &ids[0]],
        vec!["history", &ids[0], "--format", "json"],
    ] {
        let out = env.ok(&args);
        assert_clean(&args.join(" "), &out);
    }
    let show = env.ok(&["show", &ids[0]]);
    assert!(show.contains("\\u{202e}"), "{show}");
    let history = letters(&env.ok(&["history", &ids[0]]));
    assert!(history.contains("ملاحظة \\u{202e}مقلوبة"), "{history}");
}

/// Issue #14 item 11: `assign 20 --to $'sara\nverdict: true · صحيح\nstatus: published'` forged
/// `verdict:` and `status:` lines in `show`. Every free-text field a person types (assignee,
/// by, notes, explanation, summary, evidence title and note) is escaped in every terminal
/// output: no line of it starts at the margin.
#[test]
fn free_text_fields_cannot_forge_lines() {
    let env = crate::util::Env::with_seed();
    let claims = env.json(&["claims", "--format", "json"]);
    let id = claims[0]["id"].to_string();
    let forged = "sara\nverdict: true · صحيح\nstatus: published\t\u{1b}[2J";
    env.ok(&["assign", &id, "--to", forged]);
    env.ok(&["note", &id, forged]);
    env.ok(&[
        "--by",
        forged,
        "status",
        &id,
        "--set",
        "in_progress",
        "--note",
        forged,
    ]);
    env.ok(&[
        "verdict",
        &id,
        "--set",
        "false",
        "--explanation",
        forged,
        "--summary",
        forged,
    ]);
    env.ok(&[
        "evidence",
        "add",
        &id,
        "--url",
        "https://example.ma/s",
        "--title",
        forged,
        "--note",
        forged,
    ]);
    for args in [
        vec!["show", &id],
        vec!["history", &id],
        vec!["evidence", "list", &id],
        vec!["queue"],
        vec![
            "queue",
            "--for",
            "sara\nverdict: true · صحيح\nstatus: published\t\u{1b}[2J",
        ],
        vec!["claims", "--assignee", forged],
    ] {
        let out = env.ok(&args);
        let forged_lines: Vec<&str> = out
            .lines()
            // indented too: an indented `verdict: true` still reads as a field
            .map(str::trim_start)
            .filter(|l| l.starts_with("verdict: true") || l.starts_with("status: published"))
            .collect();
        assert!(
            forged_lines.is_empty(),
            "{args:?} forged {forged_lines:?}:\n{out}"
        );
        assert!(!out.contains('\u{1b}'), "{args:?}: raw ESC");
    }
    let show = env.ok(&["show", &id]);
    assert!(
        show.contains(
            "assignee:  sara\\u{a}verdict: true · صحيح\\u{a}status: published\\u{9}\\u{1b}[2J"
        ),
        "{show}"
    );
    assert_eq!(
        show.lines().filter(|l| l.starts_with("verdict:")).count(),
        1,
        "{show}"
    );
    assert_eq!(
        show.lines().filter(|l| l.starts_with("status:")).count(),
        1,
        "{show}"
    );
}
