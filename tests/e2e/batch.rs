//! Batch import: several files, directories, HTML and JSON Lines inputs; one transaction per
//! article; a bad record is reported without stopping the batch or losing what was imported.

use crate::util::{seed, Env};

const RECORD: &str = r#"{"title": "النمو", "url": "https://example.org/a", "published": "2024-02-29", "author": "محمد العلوي", "content": "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2023."}"#;

#[test]
fn json_lines_with_a_bad_line_imports_the_good_ones_and_exits_1() {
    let env = Env::new();
    let file = env.write("news.jsonl", format!("{RECORD}\n{{not json\n"));
    let out = env.fails(&["import", &file, seed().to_str().unwrap()], 1);
    assert!(out.contains("news.jsonl: line 2: not valid JSON"), "{out}");
    let articles: Vec<i64> = env
        .json(&["claims", "--all", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["article_id"].as_i64().unwrap())
        .collect();
    assert!(
        articles.contains(&1) && articles.contains(&2),
        "both good articles stored: {articles:?}"
    );
    // a second run: the good record is a duplicate, the bad line fails again
    let out = env
        .run(&["import", &file, "--format", "json"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows[0]["status"], "duplicate");
    assert_eq!(rows[1]["status"], "failed");
    // the record's metadata reached the article
    let report = env.json(&["report", "--format", "json", "--lang", "en"]);
    let first = &report["articles"][0];
    assert!(first.to_string().contains("النمو"), "{first}");
}

#[test]
fn a_directory_of_html_and_text_is_imported_with_a_summary() {
    let env = Env::new();
    let html = "<html><head><title>عنوان</title></head><body><nav>قائمة</nav><article><p>أعلنت وزارة الصحة تسجيل 12 حالة جديدة يوم 5 نونبر 2018.</p><script>alert(1)</script></article></body></html>";
    std::fs::create_dir_all(env.dir.path().join("in")).unwrap();
    env.write("in/a.html", html);
    env.write(
        "in/b.txt",
        "قال الوزير إن الصادرات ارتفعت بنسبة 8 في المائة.",
    );
    env.write("in/ignored.csv", "x,y");
    let dir = env.dir.path().join("in");
    let out = env.ok(&["import", dir.to_str().unwrap()]);
    assert!(
        out.contains("2 imported, 0 already there, 0 failed"),
        "{out}"
    );
    let claims = env.json(&["claims", "--all", "--format", "json"]);
    let texts: Vec<&str> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("تسجيل 12 حالة")),
        "{texts:?}"
    );
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("alert") || t.contains("قائمة")),
        "{texts:?}"
    );
}

#[test]
fn reimport_with_new_metadata_says_it_was_not_applied() {
    let env = Env::with_seed();
    let out = env
        .cmd()
        .args([
            "import",
            seed().to_str().unwrap(),
            "--published",
            "2022-06-21",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("--published not applied"), "{stderr}");
}
