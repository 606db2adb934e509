//! `claimtrack import`: the seed, duplicates, stdin, metadata, bad input.

use crate::util::{assert_error_line, seed, Env};

#[test]
fn seed_import_table() {
    let env = Env::new();
    let out = env.ok(&["import", seed().to_str().unwrap()]);
    assert!(out.starts_with("imported article 1\n"), "{out}");
    assert!(out.contains("dateline: الرباط"), "{out}");
    assert!(out.contains("author:   سناء الجدني"), "{out}");
    insta::assert_snapshot!("seed_import_table", out);
}

#[test]
fn seed_import_json() {
    let env = Env::new();
    let v = env.json(&["import", seed().to_str().unwrap(), "--format", "json"]);
    let article = &v["article"];
    for key in [
        "id",
        "sha256",
        "title",
        "url",
        "language",
        "dateline",
        "author",
        "agency",
        "headings",
        "published",
        "imported_at",
    ] {
        assert!(article.get(key).is_some(), "article.{key} missing");
    }
    assert_eq!(article["id"], 1);
    assert_eq!(article["dateline"], "الرباط");
    assert_eq!(article["author"], "سناء الجدني");
    assert_eq!(article["language"], "ar");
    // the sidecar says title and publication date are unknown; its extra keys are ignored
    assert_eq!(article["title"], serde_json::Value::Null);
    assert_eq!(article["published"], serde_json::Value::Null);
    assert_eq!(article["imported_at"], "2026-01-02T03:04:05Z");
    assert_eq!(v["duplicate"], false);

    let text = std::fs::read_to_string(seed()).unwrap();
    let claims = v["claims"].as_array().unwrap();
    assert!(claims.len() > 10);
    let mut worthy = 0;
    for c in claims {
        for key in [
            "id",
            "article_id",
            "text",
            "span",
            "score",
            "check_worthy",
            "kind",
            "reasons",
            "entities",
            "status",
            "verdict",
            "revision",
        ] {
            assert!(c.get(key).is_some(), "claim.{key} missing: {c}");
        }
        let (start, end) = (
            c["span"]["start"].as_u64().unwrap(),
            c["span"]["end"].as_u64().unwrap(),
        );
        assert_eq!(
            c["text"],
            text[start as usize..end as usize],
            "span of claim {}",
            c["id"]
        );
        assert_eq!(c["status"], "unverified");
        assert_eq!(c["verdict"], serde_json::Value::Null);
        assert_eq!(c["revision"], 0);
        assert_eq!(c["check_worthy"], c["score"].as_f64().unwrap() >= 0.5);
        worthy += usize::from(c["check_worthy"] == true);
    }
    // every candidate is listed, not only the check-worthy ones
    assert!(worthy < claims.len(), "{worthy} of {}", claims.len());
    insta::assert_json_snapshot!("seed_import_json", v);
}

#[test]
fn duplicate_import_changes_nothing() {
    let env = Env::with_seed();
    let before = env.json(&["claims", "--all", "--format", "json"]);
    let out = env.ok(&["import", seed().to_str().unwrap()]);
    assert!(
        out.starts_with("already imported as article 1; nothing changed\n"),
        "{out}"
    );
    // the re-import still shows the article's check-worthy claims
    let first_id = before
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check_worthy"] == true)
        .unwrap()["id"]
        .to_string();
    assert!(out.contains(&format!("│ {first_id} ")), "{out}");
    let v = env.json(&["import", seed().to_str().unwrap(), "--format", "json"]);
    assert_eq!(v["duplicate"], true);
    assert_eq!(v["article"]["id"], 1);
    assert_eq!(v["claims"], before);
    assert_eq!(env.json(&["claims", "--all", "--format", "json"]), before);
}

#[test]
fn import_from_stdin() {
    let env = Env::new();
    let text = std::fs::read(seed()).unwrap();
    let out = env
        .cmd()
        .args(["import", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with("imported article 1\n"), "{stdout}");
    // same content as the file: a duplicate
    let out = env.ok(&["import", seed().to_str().unwrap()]);
    assert!(
        out.starts_with("already imported as article 1; nothing changed\n"),
        "{out}"
    );
}

#[test]
fn sidecar_metadata_is_read_and_flags_override_it() {
    let env = Env::new();
    let file = env.write(
        "article.txt",
        "الرباط-كاتب\nقال الوزير إن 2000 مهاجر وصلوا أمس.\n",
    );
    env.write(
        "article.meta.json",
        r#"{"title": "عنوان", "url": "https://example.com/a", "published": "2025-06-13",
            "language": "ar", "dateline": "الرباط", "extra": [1, 2]}"#,
    );
    let v = env.json(&["import", &file, "--format", "json"]);
    assert_eq!(v["article"]["title"], "عنوان");
    assert_eq!(v["article"]["url"], "https://example.com/a");
    assert_eq!(v["article"]["published"], "2025-06-13");

    let env = Env::new();
    let file = env.write(
        "article.txt",
        "الرباط-كاتب\nقال الوزير إن 2000 مهاجر وصلوا أمس.\n",
    );
    env.write(
        "article.meta.json",
        r#"{"title": "عنوان", "published": "2025-06-13"}"#,
    );
    let v = env.json(&[
        "import",
        &file,
        "--format",
        "json",
        "--title",
        "T",
        "--published",
        "2024-01-31",
        "--url",
        "https://example.org/",
    ]);
    assert_eq!(v["article"]["title"], "T");
    assert_eq!(v["article"]["url"], "https://example.org/");
    assert_eq!(v["article"]["published"], "2024-01-31");
}

#[test]
fn bad_sidecar_is_an_error_naming_it() {
    let env = Env::new();
    let file = env.write("a.txt", "قال الوزير إن 2000 مهاجر وصلوا.\n");
    env.write("a.meta.json", "{not json");
    let err = env.fails(&["import", &file], 1);
    assert_error_line(&err, "a.meta.json");
}

#[test]
fn non_utf8_file_names_file_line_and_byte() {
    let env = Env::new();
    let mut bytes = "قال الوزير".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(&[0xff, 0xfe, b'.']);
    let file = env.write("latin1.txt", bytes);
    let err = env.fails(&["import", &file], 1);
    assert_error_line(&err, "latin1.txt");
    // 1-based: the bad byte follows the `offset` valid ones.
    assert!(
        err.contains(&format!(
            "line 1: not valid UTF-8 (byte {} of the line",
            offset + 1
        )),
        "{err}"
    );
    assert!(err.contains("UTF-8"), "{err}");
    // nothing was written (`claims` refuses a database that does not exist)
    if env.db.exists() {
        assert_eq!(
            env.json(&["claims", "--all", "--format", "json"]),
            serde_json::json!([])
        );
    }
}

#[test]
fn missing_file_is_named() {
    let env = Env::new();
    let err = env.fails(&["import", "no-such-file.txt"], 1);
    assert_error_line(&err, "cannot read no-such-file.txt");
}

#[test]
fn empty_input_is_an_error() {
    let env = Env::new();
    let file = env.write("empty.txt", "");
    let err = env.fails(&["import", &file], 1);
    assert_error_line(&err, "empty.txt");
    assert!(err.contains("empty"), "{err}");

    let file = env.write("blank.txt", "  \n\n ");
    let err = env.fails(&["import", &file], 1);
    assert_error_line(&err, "blank.txt: the input is empty");

    let out = env
        .cmd()
        .args(["import", "-"])
        .write_stdin("")
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_error_line(&err, "<stdin>");
}

#[test]
fn bad_published_date_is_a_usage_error() {
    let env = Env::new();
    let err = env.fails(
        &[
            "import",
            seed().to_str().unwrap(),
            "--published",
            "13/06/2025",
        ],
        2,
    );
    assert!(err.contains("13/06/2025"), "{err}");
}

/// Invalid UTF-8 is reported by line and 1-based byte, like `score` does.
#[test]
fn invalid_utf8_names_line_and_byte() {
    let env = Env::new();
    let file = env.write("bad.txt", b"first line.\nab\xffc.\n");
    let err = env.fails(&["import", &file], 1);
    assert!(
        err.contains("bad.txt: line 2: not valid UTF-8 (byte 3 of the line, byte 15 of the file)"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}
