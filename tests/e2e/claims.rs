//! `claimtrack claims`: table, JSON, CSV, filters.

use crate::util::{assert_error_line, letters, Env};

#[test]
fn claims_table() {
    let env = Env::with_seed();
    let out = env.ok(&["claims"]);
    let header = out.lines().nth(1).unwrap();
    for col in ["id", "claim", "kind", "score", "status", "verdict"] {
        assert!(header.contains(col), "{header}");
    }
    insta::assert_snapshot!("seed_claims_table", out);
}

#[test]
fn claims_are_truncated_unless_wide() {
    let env = Env::with_seed();
    let narrow = env.ok(&["claims"]);
    let wide = letters(&env.ok(&["claims", "--wide"]));
    assert!(narrow.contains('…'), "{narrow}");
    assert!(!wide.contains('…'), "{wide}");
    let json = env.json(&["claims", "--format", "json"]);
    for c in json.as_array().unwrap() {
        assert!(wide.contains(c["text"].as_str().unwrap()), "{}", c["text"]);
    }
}

#[test]
fn default_lists_check_worthy_only_and_all_lists_every_segment() {
    let env = Env::with_seed();
    let worthy = env.json(&["claims", "--format", "json"]);
    let all = env.json(&["claims", "--all", "--format", "json"]);
    let (worthy, all) = (worthy.as_array().unwrap(), all.as_array().unwrap());
    assert!(!worthy.is_empty() && worthy.len() < all.len());
    assert!(worthy.iter().all(|c| c["check_worthy"] == true));
    assert!(all.iter().any(|c| c["check_worthy"] == false));
}

#[test]
fn filters() {
    let env = Env::with_seed();
    let all = env.json(&["claims", "--all", "--format", "json"]);
    let ids: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .take(2)
        .map(|c| c["id"].to_string())
        .collect();
    env.ok(&["status", &ids[0], &ids[1], "--set", "in_progress"]);
    env.ok(&["verdict", &ids[1], "--set", "misleading"]);

    let by_status = env.json(&[
        "claims",
        "--all",
        "--status",
        "in_progress",
        "--format",
        "json",
    ]);
    let got: Vec<String> = by_status
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].to_string())
        .collect();
    assert_eq!(got, ids);
    let by_verdict = env.json(&[
        "claims",
        "--all",
        "--verdict",
        "misleading",
        "--format",
        "json",
    ]);
    assert_eq!(by_verdict.as_array().unwrap().len(), 1);
    assert_eq!(by_verdict[0]["id"].to_string(), ids[1]);
    let table = env.ok(&["claims", "--all", "--verdict", "misleading"]);
    assert!(table.contains("misleading · مضلل"), "{table}");

    let high = env.json(&["claims", "--all", "--min-score", "0.8", "--format", "json"]);
    let high = high.as_array().unwrap();
    assert!(!high.is_empty(), "the seed has claims scored 0.8 or more");
    assert!(
        high.len() < all.as_array().unwrap().len(),
        "and claims scored less"
    );
    assert!(high.iter().all(|c| c["score"].as_f64().unwrap() >= 0.8));
    let by_article = env.json(&["claims", "--all", "--article", "1", "--format", "json"]);
    assert!(
        by_article == env.json(&["claims", "--all", "--format", "json"]),
        "one article: same list"
    );

    let err = env.fails(&["claims", "--article", "99"], 1);
    assert_error_line(&err, "no article with id 99");
    let err = env.fails(&["claims", "--status", "done"], 2);
    assert!(
        err.contains("unverified, in_progress, in_review, published, dismissed"),
        "{err}"
    );
    let err = env.fails(&["claims", "--min-score", "1.5"], 2);
    assert!(err.contains("1.5"), "{err}");
    let out = env.ok(&["claims", "--status", "published"]);
    assert_eq!(
        out, "no matching claims\n",
        "no --all hint when --all finds nothing either"
    );
    // A kind that only non-check-worthy claims have: --all is suggested with the count.
    let all = env.json(&["claims", "--all", "--format", "json"]);
    let hidden: Vec<&serde_json::Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["check_worthy"] == false)
        .collect();
    let kind = hidden
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .find(|k| {
            all.as_array()
                .unwrap()
                .iter()
                .all(|c| c["kind"] != *k || c["check_worthy"] == false)
        });
    if let Some(kind) = kind {
        let n = hidden.iter().filter(|c| c["kind"] == kind).count();
        let out = env.ok(&["claims", "--kind", kind]);
        assert!(out.starts_with("no matching claims ("), "{out}");
        assert!(
            out.contains(&format!("{n} claim")) && out.contains("add --all"),
            "{out}"
        );
    }
}

#[test]
fn csv_has_a_header_and_guards_formula_cells() {
    let env = Env::new();
    let file = env.write(
        "inject.txt",
        "=HYPERLINK(\"http://evil.example\") قال الوزير إن 2000 مهاجر وصلوا سنة 2024.\n\
         @SUM(A1) أكد الوزير أن 3000 مهاجر وصلوا سنة 2023.\n",
    );
    env.ok(&["import", &file]);
    let out = env.ok(&["claims", "--all", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "article_id",
            "claim",
            "kind",
            "score",
            "check_worthy",
            "status",
            "verdict"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert!(
        cells.iter().any(|c| c.starts_with("'=HYPERLINK(")),
        "{cells:?}"
    );
    assert!(
        cells.iter().any(|c| c.starts_with("'@SUM(A1)")),
        "{cells:?}"
    );
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unguarded cell {cell:?}"
            );
        }
    }
}
