//! `status`, `verdict`, `history`, `show`: the tracking round trip and its errors.

use serde_json::json;

use crate::util::{assert_error_line, Env, NOW, USER};

#[test]
fn status_verdict_history_round_trip() {
    let env = Env::with_seed();
    let out = env.ok(&[
        "status",
        "3",
        "4",
        "--set",
        "in_progress",
        "--note",
        "بدأ التحقق",
    ]);
    assert_eq!(
        out,
        "claim 3: status unverified -> in_progress\nclaim 4: status unverified -> in_progress\n"
    );
    let out = env.ok(&["status", "3", "--set", "in-progress"]);
    assert_eq!(out, "claim 3: already in_progress; nothing recorded\n");
    let out = env.ok(&["verdict", "3", "--set", "false", "--by", "editor"]);
    assert_eq!(out, "claim 3: verdict none -> false\n");
    let out = env.ok(&["verdict", "3", "--set", "false"]);
    assert_eq!(out, "claim 3: already false; nothing recorded\n");

    assert_eq!(
        env.history(3),
        vec![
            json!({"field": "status", "from": "unverified", "to": "in_progress",
                   "note": "بدأ التحقق", "by": USER, "at": NOW, "revision": 1}),
            json!({"field": "verdict", "from": null, "to": "false",
                   "note": null, "by": "editor", "at": NOW, "revision": 2}),
        ]
    );
    let table = env.ok(&["history", "3"]);
    for needle in [
        "2026-01-02T03:04:05Z",
        "in_progress",
        "بدأ التحقق",
        "editor",
    ] {
        assert!(table.contains(needle), "{needle} not in {table}");
    }
    let out = env.ok(&["history", "5"]);
    assert_eq!(out, "claim 5: no changes recorded\n");
    assert_eq!(env.history(5), Vec::<serde_json::Value>::new());

    let claim = &env
        .json(&["claims", "--all", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == 3)
        .unwrap()
        .clone();
    assert_eq!(claim["status"], "in_progress");
    assert_eq!(claim["verdict"], "false");
    assert_eq!(claim["revision"], 2);
    let table = env.ok(&["claims", "--status", "in_progress"]);
    assert!(table.contains("false · زائف"), "{table}");
}

#[test]
fn unknown_id_writes_nothing() {
    let env = Env::with_seed();
    let err = env.fails(&["status", "3", "999", "--set", "published"], 1);
    assert_error_line(&err, "no claim with id 999");
    assert_eq!(env.history(3), Vec::<serde_json::Value>::new());
    let err = env.fails(&["verdict", "3", "999", "--set", "true"], 1);
    assert_error_line(&err, "no claim with id 999");
    assert_eq!(env.history(3), Vec::<serde_json::Value>::new());
    let show = env.json(&["show", "3", "--format", "json"]);
    assert_eq!(show["status"], "unverified");
    assert_eq!(show["revision"], 0);

    for args in [
        &["show", "999"][..],
        &["history", "999"],
        &["verdict", "999", "--set", "true"],
    ] {
        let err = env.fails(args, 1);
        assert_error_line(&err, "no claim with id 999");
    }
}

#[test]
fn unknown_status_or_verdict_is_a_usage_error() {
    let env = Env::with_seed();
    let err = env.fails(&["status", "3", "--set", "finished"], 2);
    assert!(err.contains("finished"), "{err}");
    assert!(
        err.contains("unverified, in_progress, in_review, published, dismissed"),
        "{err}"
    );
    let err = env.fails(&["verdict", "3", "--set", "pants_on_fire"], 2);
    assert!(err.contains("pants_on_fire"), "{err}");
    assert!(
        err.contains("mostly_true") && err.contains("unverifiable"),
        "{err}"
    );
    env.fails(&["status", "--set", "published"], 2);
    env.fails(&["status", "abc", "--set", "published"], 2);
    assert_eq!(env.history(3), Vec::<serde_json::Value>::new());
}

#[test]
fn show_claim() {
    let env = Env::with_seed();
    env.ok(&[
        "status",
        "3",
        "--set",
        "in_review",
        "--note",
        "n",
        "--force",
    ]);
    let out = env.ok(&["show", "3"]);
    for needle in [
        "claim 3\n",
        "text:",
        "context:",
        "article:   1",
        "span:",
        "(bytes)",
        "score:",
        "reasons:",
        "kind:",
        "status:    in_review · قيد المراجعة",
        "verdict:   -",
        "revision:  1",
        "entities:",
        "history:",
        "2026-01-02T03:04:05Z",
    ] {
        assert!(out.contains(needle), "{needle:?} not in {out}");
    }
    let v = env.json(&["show", "3", "--format", "json"]);
    let text = std::fs::read_to_string(crate::util::seed()).unwrap();
    let (s, e) = (
        v["span"]["start"].as_u64().unwrap() as usize,
        v["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(v["text"], text[s..e]);
    let (cs, ce) = (
        v["context"]["span"]["start"].as_u64().unwrap() as usize,
        v["context"]["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(v["context"]["text"], text[cs..ce]);
    assert!(cs <= s && e <= ce);
    assert_eq!(v["history"].as_array().unwrap().len(), 1);
    assert_eq!(v["status"], "in_review");
    assert!(
        out.contains(v["text"].as_str().unwrap()),
        "show prints the full text"
    );
}
