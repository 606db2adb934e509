//! Issue 4's workflow from the CLI: transition rules and refusals, evidence, notes, assignment,
//! queue, bulk changes, undo, optimistic concurrency (exit 3), JSON revisions.

use serde_json::Value;

use crate::util::{assert_error_line, Env};

/// Takes claim `id` of the seed to `in_review` with a verdict, an explanation and evidence.
fn ready_for_review(env: &Env, id: &str) {
    env.ok(&["status", id, "--set", "in_progress"]);
    env.ok(&[
        "verdict",
        id,
        "--set",
        "true",
        "--explanation",
        "the State Department readout confirms the meeting",
        "--summary",
        "Hammouchi met Pompeo in 2019",
        "--url",
        "https://factcheck.example/20",
    ]);
    env.ok(&[
        "evidence",
        "add",
        id,
        "--url",
        "https://www.state.gov/readout",
        "--title",
        "Readout",
        "--stance",
        "supports",
    ]);
    env.ok(&["status", id, "--set", "in_review"]);
}

fn show(env: &Env, id: &str) -> Value {
    env.json(&["show", id, "--format", "json"])
}

#[test]
fn refused_transitions_list_the_allowed_next_statuses() {
    let env = Env::with_seed();
    let err = env.fails(&["status", "20", "--set", "published"], 1);
    assert_error_line(
        &err,
        "claim 20: cannot move from unverified to published; allowed next: in_progress, dismissed",
    );
    let err = env.fails(&["status", "20", "--set", "in_review"], 1);
    assert_error_line(&err, "allowed next: in_progress, dismissed");
    env.ok(&["status", "20", "--set", "dismissed"]);
    let err = env.fails(&["status", "20", "--set", "in_progress"], 1);
    assert_error_line(&err, "allowed next: unverified");
    env.ok(&["status", "20", "--set", "unverified"]);
    env.ok(&["status", "20", "--set", "in_progress"]);
    // in_review needs a verdict
    let err = env.fails(&["status", "20", "--set", "in_review"], 1);
    assert_error_line(&err, "moving to in_review needs a verdict");
    assert_eq!(show(&env, "20")["revision"], 3);
}

#[test]
fn publishing_needs_verdict_explanation_and_evidence() {
    let env = Env::with_seed();
    env.ok(&["status", "20", "--set", "in_progress"]);
    env.ok(&["verdict", "20", "--set", "true"]);
    env.ok(&["status", "20", "--set", "in_review"]);
    let err = env.fails(&["status", "20", "--set", "published"], 1);
    assert_error_line(&err, "needs a rating explanation");
    env.ok(&["verdict", "20", "--explanation", "readout"]);
    let err = env.fails(&["status", "20", "--set", "published"], 1);
    assert_error_line(&err, "needs at least one piece of evidence");
    env.ok(&["evidence", "add", "20", "--url", "https://example.org/a"]);
    let out = env.ok(&["status", "20", "--set", "published"]);
    assert!(
        out.starts_with("claim 20: status in_review -> published"),
        "{out}"
    );
    let v = show(&env, "20");
    assert_eq!(v["status"], "published");
    assert_eq!(v["published_at"], crate::util::NOW);
    assert_eq!(v["explanation"], "readout");
}

#[test]
fn published_claims_reopen_only_with_reopen_and_a_note() {
    let env = Env::with_seed();
    ready_for_review(&env, "20");
    env.ok(&["status", "20", "--set", "published"]);
    let err = env.fails(&["status", "20", "--set", "in_progress"], 1);
    assert_error_line(&err, "only with --reopen and a note");
    let err = env.fails(&["status", "20", "--set", "in_progress", "--reopen"], 1);
    assert_error_line(&err, "only with --reopen and a note");
    let err = env.fails(&["verdict", "20", "--set", "false"], 1);
    assert_error_line(
        &err,
        "the verdict of a published claim changes only with --reopen",
    );
    let err = env.fails(
        &[
            "status",
            "20",
            "--set",
            "dismissed",
            "--reopen",
            "--note",
            "x",
        ],
        1,
    );
    assert_error_line(&err, "allowed next: in_progress");
    env.ok(&[
        "verdict",
        "20",
        "--set",
        "mostly_true",
        "--reopen",
        "--note",
        "new source",
    ]);
    env.ok(&[
        "status",
        "20",
        "--set",
        "in_progress",
        "--reopen",
        "--note",
        "correction",
    ]);
    let h = env.history(20);
    let last = h.last().unwrap();
    assert_eq!(last["field"], "status");
    assert_eq!(last["reopen"], true);
    assert_eq!(last["note"], "correction");
}

#[test]
fn force_needs_a_note_and_is_recorded() {
    let env = Env::with_seed();
    let err = env.fails(&["status", "20", "--set", "published", "--force"], 1);
    assert_error_line(&err, "--force needs a --note");
    let out = env.ok(&[
        "status",
        "20",
        "--set",
        "published",
        "--force",
        "--note",
        "legacy import",
    ]);
    assert!(out.contains("(forced)"), "{out}");
    let h = env.history(20);
    assert_eq!(h[0]["forced"], true);
    assert_eq!(h[0]["note"], "legacy import");
    assert!(env.ok(&["history", "20"]).contains("status (forced)"));
    // an allowed move with --force is not recorded as forced
    env.ok(&[
        "status",
        "3",
        "--set",
        "in_progress",
        "--force",
        "--note",
        "n",
    ]);
    assert!(env.history(3)[0].get("forced").is_none());
}

#[test]
fn evidence_add_list_rm() {
    let env = Env::with_seed();
    let out = env.ok(&[
        "evidence",
        "add",
        "20",
        "--url",
        "https://www.state.gov/r",
        "--title",
        "Readout",
        "--note",
        "official",
        "--stance",
        "supports",
    ]);
    assert_eq!(
        out,
        "claim 20: evidence 1 added (https://www.state.gov/r)\n"
    );
    // same URL (normalised) refused
    let err = env.fails(
        &["evidence", "add", "20", "--url", "HTTPS://WWW.STATE.GOV/r"],
        1,
    );
    assert_error_line(
        &err,
        "claim 20 already has evidence https://www.state.gov/r (evidence 1)",
    );
    // invalid URLs refused before anything is written
    for bad in [
        "not a url",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "https://",
    ] {
        let err = env.fails(&["evidence", "add", "20", "--url", bad], 1);
        assert!(err.contains("URL") || err.contains("url"), "{bad}: {err}");
    }
    env.fails(
        &[
            "evidence",
            "add",
            "20",
            "--url",
            "https://a.example",
            "--stance",
            "maybe",
        ],
        2,
    );
    env.ok(&[
        "evidence",
        "add",
        "20",
        "--url",
        "https://b.example/x",
        "--stance",
        "refutes",
    ]);
    let list = env.json(&["evidence", "list", "20", "--format", "json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["title"], "Readout");
    assert_eq!(list[0]["stance"], "supports");
    assert_eq!(list[0]["added_by"], crate::util::USER);
    assert!(env
        .ok(&["evidence", "list", "20"])
        .contains("https://b.example/x"));
    // rm needs a note
    env.fails(&["evidence", "rm", "2"], 2);
    let out = env.ok(&["evidence", "rm", "2", "--note", "wrong page"]);
    assert_eq!(out, "claim 20: evidence 2 removed (https://b.example/x)\n");
    let err = env.fails(&["evidence", "rm", "2", "--note", "again"], 1);
    assert_error_line(&err, "no evidence with id 2");
    assert_eq!(
        env.json(&["evidence", "list", "20", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(env.ok(&["evidence", "list", "5"]), "claim 5: no evidence\n");
    let h = env.history(20);
    assert_eq!(h.len(), 3);
    assert_eq!(h[2]["action"], "remove");
    assert_eq!(h[2]["note"], "wrong page");
    assert_eq!(h[2]["evidence_id"], 2);
    // the removed URL may be added again
    env.ok(&["evidence", "add", "20", "--url", "https://b.example/x"]);
    env.fails(&["evidence", "list", "999"], 1);
}

#[test]
fn notes_are_listed_in_show_and_recorded() {
    let env = Env::with_seed();
    let out = env.ok(&["note", "20", "اتصلت بالمصدر"]);
    assert_eq!(out, "claim 20: note 1 added\n");
    env.fails(&["note", "20", ""], 2);
    let v = show(&env, "20");
    assert_eq!(v["notes"][0]["text"], "اتصلت بالمصدر");
    assert_eq!(v["revision"], 1);
    assert!(env.ok(&["show", "20"]).contains("اتصلت بالمصدر"));
    assert_eq!(env.history(20)[0]["field"], "note");
}

#[test]
fn assign_claims_filter_and_queue() {
    let env = Env::with_seed();
    let out = env.ok(&["assign", "20", "21", "--to", "sara"]);
    assert_eq!(
        out,
        "claim 20: assignee none -> sara\nclaim 21: assignee none -> sara\n"
    );
    env.ok(&["assign", "22", "--to", "omar"]);
    env.fails(&["assign", "20"], 2);
    env.fails(&["assign", "20", "--to", "x", "--unassign"], 2);
    let ids = |args: &[&str]| -> Vec<i64> {
        env.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(
        ids(&["claims", "--assignee", "sara", "--format", "json"]),
        [20, 21]
    );
    let unassigned = ids(&["claims", "--assignee", "none", "--format", "json"]);
    assert!(!unassigned.contains(&20) && !unassigned.contains(&22));
    // queue: unassigned first by score; --for: that person's first, others' left out
    let q = env.json(&["queue", "--format", "json", "--limit", "100"]);
    let q = q.as_array().unwrap();
    let first_assigned = q.iter().position(|c| !c["assignee"].is_null()).unwrap();
    assert!(q[first_assigned..].iter().all(|c| !c["assignee"].is_null()));
    let scores: Vec<f64> = q[..first_assigned]
        .iter()
        .map(|c| c["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let mine = ids(&["queue", "--for", "sara", "--format", "json", "--limit", "3"]);
    let mut first_two = mine[..2].to_vec();
    first_two.sort();
    assert_eq!(first_two, [20, 21]);
    assert_eq!(mine.len(), 3);
    assert!(!ids(&["queue", "--for", "sara", "--format", "json", "--limit", "500"]).contains(&22));
    assert!(env.ok(&["queue", "--limit", "2"]).contains("assignee"));
    let out = env.ok(&["assign", "20", "--unassign"]);
    assert_eq!(out, "claim 20: assignee sara -> none\n");
    // closed claims leave the queue
    env.ok(&["status", "21", "--set", "dismissed"]);
    assert!(!ids(&["queue", "--for", "sara", "--format", "json", "--limit", "500"]).contains(&21));
}

#[test]
fn bulk_changes_use_filters_dry_run_and_yes() {
    let env = Env::with_seed();
    let all = env.json(&["claims", "--format", "json"]);
    let n = all.as_array().unwrap().len();
    assert!(n > 20, "the seed has {n} check-worthy claims");
    // ids and filters don't mix; nothing selected is a usage error
    env.fails(
        &["status", "20", "--article", "1", "--set", "in_progress"],
        2,
    );
    env.fails(&["status", "--set", "in_progress"], 2);
    // dry run writes nothing
    let out = env.ok(&[
        "status",
        "--article",
        "1",
        "--set",
        "in_progress",
        "--dry-run",
    ]);
    assert!(
        out.ends_with(&format!(
            "dry run: {n} claim(s) would change; nothing written\n"
        )),
        "{out}"
    );
    assert_eq!(
        env.json(&["claims", "--status", "in_progress", "--format", "json"]),
        Value::Array(vec![])
    );
    // more than 20: --yes required, nothing written without it
    let err = env.fails(&["status", "--article", "1", "--set", "in_progress"], 1);
    assert_error_line(
        &err,
        &format!("{n} claims would change (more than 20); add --yes"),
    );
    assert_eq!(env.history(20), Vec::<Value>::new());
    env.ok(&["status", "--article", "1", "--set", "in_progress", "--yes"]);
    assert_eq!(
        env.json(&["claims", "--status", "in_progress", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        n
    );
    // all or nothing: one claim refused -> none changed
    env.ok(&["verdict", "20", "--set", "true"]);
    let err = env.fails(
        &[
            "status",
            "--status",
            "in_progress",
            "--set",
            "in_review",
            "--yes",
        ],
        1,
    );
    assert_error_line(&err, "needs a verdict");
    assert_eq!(show(&env, "20")["status"], "in_progress");
    // filters: kind, min-score, search, verdict, assignee
    let out = env.ok(&[
        "verdict",
        "--verdict",
        "true",
        "--set",
        "false",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["claim_id"], 20);
    assert_eq!(v[0]["revision"], 3);
    env.ok(&["assign", "--search", "بومبيو", "--to", "sara"]);
    let sara = env.json(&["claims", "--assignee", "sara", "--format", "json"]);
    assert!(sara
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["text"].as_str().unwrap().contains("بومبيو")));
    assert!(!sara.as_array().unwrap().is_empty());
    // a filter that matches at least one claim of the seed, whatever the scorer's exact figures
    let statistics = env.json(&["claims", "--kind", "statistic", "--format", "json"]);
    let min = statistics
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["score"].as_f64())
        .fold(f64::NAN, f64::max);
    assert!(min.is_finite(), "the seed has check-worthy statistics");
    let min = format!("{:.2}", (min - 0.005).max(0.0));
    let stats = env.ok(&[
        "status",
        "--kind",
        "statistic",
        "--min-score",
        &min,
        "--set",
        "unverified",
        "--dry-run",
    ]);
    assert!(stats.contains("dry run"), "{stats}");
    let err = env.fails(&["status", "--search", "\"open", "--set", "unverified"], 1);
    assert_error_line(&err, "a quote is not closed");
}

#[test]
fn undo_reverts_the_last_change_as_a_new_entry() {
    let env = Env::with_seed();
    let err = env.fails(&["undo", "20"], 1);
    assert_error_line(&err, "claim 20 has no change to undo");
    ready_for_review(&env, "20");
    env.ok(&["status", "20", "--set", "published"]);
    let out = env.ok(&["undo", "20", "--note", "too early"]);
    assert!(
        out.contains("status published -> in_review") && out.contains("(undoes revision 5)"),
        "{out}"
    );
    let v = show(&env, "20");
    assert_eq!(v["status"], "in_review");
    assert_eq!(v["published_at"], Value::Null);
    assert_eq!(v["revision"], 6);
    // a second undo walks back: the review move (4), then the evidence (3), then the verdict
    // with its texts (2)
    env.ok(&["undo", "20"]);
    assert_eq!(show(&env, "20")["status"], "in_progress");
    env.ok(&["undo", "20"]);
    assert_eq!(show(&env, "20")["evidence"], Value::Array(vec![]));
    let out = env.ok(&["undo", "20"]);
    assert!(out.contains("(undoes revision 2)"), "{out}");
    let v = show(&env, "20");
    assert_eq!(v["verdict"], Value::Null);
    assert_eq!(v["explanation"], Value::Null);
    assert_eq!(v["summary"], Value::Null);
    let undone: Vec<_> = env
        .history(20)
        .iter()
        .filter_map(|e| e["undoes"].as_i64())
        .collect();
    assert!(undone.contains(&5) && undone.contains(&3), "{undone:?}");
    env.ok(&["undo", "20"]);
    assert_eq!(show(&env, "20")["status"], "unverified");
    let err = env.fails(&["undo", "20"], 1);
    assert_error_line(&err, "claim 20 has no change to undo");
    // notes and evidence removals come back on undo
    env.ok(&["note", "20", "n"]);
    env.ok(&["undo", "20"]);
    assert_eq!(show(&env, "20")["notes"], Value::Array(vec![]));
    env.ok(&["evidence", "add", "20", "--url", "https://e.example/1"]);
    env.ok(&["evidence", "rm", "2", "--note", "mistake"]);
    env.ok(&["undo", "20"]);
    assert_eq!(
        show(&env, "20")["evidence"][0]["url"],
        "https://e.example/1"
    );
    let check = env.ok(&["db", "check"]);
    assert!(check.starts_with("ok"), "{check}");
}

#[test]
fn expect_revision_and_status_conflicts_exit_3() {
    let env = Env::with_seed();
    env.ok(&[
        "status",
        "20",
        "--set",
        "in_progress",
        "--expect-revision",
        "0",
    ]);
    let err = env.fails(
        &[
            "verdict",
            "20",
            "--set",
            "true",
            "--expect-revision",
            "0",
            "--by",
            "omar",
        ],
        3,
    );
    assert_error_line(&err, "claim 20 is at revision 1 with status in_progress (last change by tester at 2026-01-02T03:04:05Z), but revision 0 was expected: someone else changed it first");
    let err = env.fails(
        &[
            "status",
            "20",
            "--set",
            "dismissed",
            "--expect-status",
            "unverified",
        ],
        3,
    );
    assert_error_line(&err, "but status unverified was expected");
    env.ok(&[
        "status",
        "20",
        "--set",
        "dismissed",
        "--expect-status",
        "in_progress",
        "--expect-revision",
        "1",
    ]);
    for args in [
        &[
            "evidence",
            "add",
            "20",
            "--url",
            "https://x.example",
            "--expect-revision",
            "0",
        ][..],
        &["note", "20", "n", "--expect-revision", "0"],
        &["assign", "20", "--to", "a", "--expect-revision", "0"],
        &["undo", "20", "--expect-revision", "0"],
    ] {
        env.fails(args, 3);
    }
    assert_eq!(show(&env, "20")["revision"], 2);
    let out = env.json(&["assign", "20", "--to", "sara", "--format", "json"]);
    assert_eq!(out[0]["revision"], 3);
    assert_eq!(out[0]["fields"][0]["to"], "sara");
}
