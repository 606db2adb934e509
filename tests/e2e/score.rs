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

/// `--article` reads the input as `import` does: the seed's dateline/byline and its two
/// sub-headings (as annotated in `shared/gold/seed-claims.json`) are metadata and score 0; body
/// lines score as in line mode.
#[test]
fn article_mode_scores_headings_and_byline_zero() {
    let env = Env::new();
    let seed_path = seed();
    let seed_path = seed_path.to_str().unwrap();
    let rows = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec!["score", seed_path, "--format", "json"];
        args.extend(extra);
        env.ok(&args)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let article = rows(&["--article"]);
    let lines = rows(&[]);
    assert_eq!(article.len(), lines.len());
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/gold/seed-claims.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let headings: Vec<&str> = gold["metadata"]["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(headings.len(), 2);
    assert_eq!(article[0]["role"], "dateline");
    for (a, l) in article.iter().zip(&lines) {
        let text = a["text"].as_str().unwrap();
        match a["role"].as_str().unwrap() {
            "heading" => {
                assert!(headings.contains(&text), "{text}");
                assert_eq!(a["score"], 0.0);
                assert_eq!(a["check_worthy"], false);
            }
            "dateline" => assert_eq!(a["score"], 0.0),
            "body" => assert_eq!(a["score"], l["score"], "{text}"),
            other => panic!("unexpected role {other} for {text}"),
        }
        assert!(l.get("role").is_none(), "line mode has no role");
    }
    let found = article.iter().filter(|a| a["role"] == "heading").count();
    assert_eq!(found, headings.len());
}

#[test]
fn article_mode_names_the_line_with_invalid_utf8() {
    let env = Env::new();
    let file = env.write("bad.txt", b"first line\nsecond \xff line\n");
    for args in [&["score", "--article", &file][..], &["score", &file][..]] {
        let err = env.fails(args, 1);
        // `second ` is 7 bytes: the bad byte is the 8th of the line.
        assert!(
            err.contains("bad.txt: line 2: not valid UTF-8 (byte 8 of the line)"),
            "{err}"
        );
    }
}

/// A byte-order mark opens the file; it is not part of the first line's text.
#[test]
fn byte_order_mark_is_not_text() {
    let env = Env::new();
    let file = env.write("bom.txt", "\u{FEFF}قال الوزير إن النمو بلغ 3 في المائة.\n");
    for extra in [&[][..], &["--article"][..]] {
        let mut args = vec!["score", file.as_str(), "--format", "json"];
        args.extend(extra);
        let out = env.ok(&args);
        let row: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert_eq!(row["text"], "قال الوزير إن النمو بلغ 3 في المائة.");
    }
}
