//! `claimtrack score`: line-by-line scoring without the database, same scorer as `import`.

use crate::util::{seed, Env};

#[test]
fn json_lines_one_object_per_input_line_in_order() {
    let env = Env::new();
    let input = "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2024.\n\nيا له من إنجاز!\n";
    let out = env
        .cmd()
        .args(["score", "--format", "json"])
        .write_stdin(input)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let rows: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0]["text"],
        "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2024."
    );
    assert_eq!(rows[1]["score"], 0.0);
    assert_eq!(rows[1]["check_worthy"], false);
    assert!(rows[0]["score"].as_f64().unwrap() > rows[2]["score"].as_f64().unwrap());
    for r in &rows {
        assert_eq!(r["check_worthy"], r["score"].as_f64().unwrap() >= 0.5);
        assert!(r["reasons"].is_array() && r["kind"].is_string());
    }
    assert!(!env.db.exists(), "score never touches the database");
}

#[test]
fn same_scores_as_import() {
    let env = Env::with_seed();
    let claims = env.json(&["claims", "--all", "--format", "json"]);
    let claims = claims.as_array().unwrap();
    let text: String = claims
        .iter()
        .map(|c| format!("{}\n", c["text"].as_str().unwrap()))
        .collect();
    let file = env.write("claims.txt", text);
    let out = env.ok(&["score", &file, "--format", "json"]);
    for (line, claim) in out.lines().zip(claims) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["score"], claim["score"], "{}", claim["text"]);
        assert_eq!(v["kind"], claim["kind"]);
    }
    let _ = seed();
}

#[test]
fn unreadable_file_is_an_error_naming_it() {
    let env = Env::new();
    let err = env.fails(&["score", "/nonexistent/lines.txt"], 1);
    assert!(err.contains("/nonexistent/lines.txt"), "{err}");
}
