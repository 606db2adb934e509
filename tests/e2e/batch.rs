//! Batch import: several files, directories, HTML and JSON Lines inputs; one transaction per
//! article; a bad record is reported without stopping the batch or losing what was imported.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::postgres::run;
use crate::util::{seed, Env, NOW, USER};

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

/// An article holding a NUL character (which PostgreSQL cannot store in text) fails alone, as a
/// row naming the character, before its batch's transaction; the article beside it in the same
/// batch and the lines after it are stored (`postgres.rs` runs the same on PostgreSQL).
#[test]
fn an_article_with_a_nul_character_fails_alone() {
    nul_article_fails_alone(&Env::new());
}

pub(crate) fn nul_article_fails_alone(env: &Env) {
    let line = |n: usize, text: &str| {
        format!(r#"{{"title": "t{n}", "url": "https://example.org/{n}", "content": "{text}"}}"#)
    };
    let file = env.write(
        "nul.jsonl",
        [
            line(1, "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2023."),
            line(2, "قال الوزير إن عدد الضحايا بلغ 12 شخصا\\u0000 أمس."),
            line(3, "أعلنت الوزارة أن 40 مدرسة جديدة افتتحت هذا العام."),
            line(4, "ارتفع عدد السياح إلى 2.1 مليون سائح سنة 2024."),
        ]
        .join("\n"),
    );
    let out = env
        .run(&["import", &file, "--batch", "2", "--format", "json"])
        .code(1)
        .get_output()
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["imported", "failed", "imported", "imported"]);
    let error = rows[1]["error"].as_str().unwrap();
    assert!(error.contains("NUL character (U+0000) at byte"), "{error}");
    assert_eq!(counts(env).len(), 3);
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

/// kill -9 during a batch import into SQLite: no partial article, `db check` ok, a rerun
/// completes it (the PostgreSQL twin is in `postgres.rs`).
#[test]
fn a_killed_batch_import_leaves_no_partial_article() {
    let env = Env::new();
    killed_batch_import(&env, || Box::new(Env::new()));
}

/// kill -9 at several moments of a batch import (`--batch 4`: many commits) into a fresh
/// database from `fresh_env`: `db check` passes, every stored article is complete (its claim
/// count equals a complete import's), some kill landed between the first and the last commit,
/// and a rerun completes the import. `env` provides the input directory.
pub(crate) fn killed_batch_import<E: std::ops::Deref<Target = Env>>(
    env: &Env,
    fresh_env: impl Fn() -> E,
) {
    let inputs = env.dir.path().join("inputs");
    let n = many_articles(&inputs);
    // The reference: the same directory imported completely on the same engine, timed, so that
    // the kills land at fractions of an import's duration on a fast machine as on a loaded one
    // (a PostgreSQL import, with its fresh database's migrations, takes longer than SQLite's).
    let reference = fresh_env();
    let began = Instant::now();
    reference.ok(&["import", inputs.to_str().unwrap(), "--batch", "4"]);
    let took = began.elapsed().as_millis() as u64;
    let full = counts(&reference);
    assert!(n >= 40);
    assert_eq!(full.len(), n, "every copy is its own article");
    let mut cut_in_the_middle = 0;
    // A second and third round when no kill landed between two commits: the machine's load
    // can change between the reference and the kills (other tests run at the same time).
    for _ in 0..3 {
        if cut_in_the_middle > 0 {
            break;
        }
        for delay_ms in [15u64, 30, 45, 60, 75, 90].map(|pct| (took * pct / 100).max(10)) {
            let fresh = fresh_env();
            let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrack"))
                .current_dir(fresh.dir.path())
                .env("CLAIMTRACK_NOW", NOW)
                .env("CLAIMTRACK_USER", USER)
                .arg("--db")
                .arg(&fresh.db)
                // Small batches, so that a kill lands between commits as well as inside one.
                .args(["import", inputs.to_str().unwrap(), "--batch", "4"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(delay_ms));
            let started = Instant::now();
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            assert!(started.elapsed() < Duration::from_secs(5));
            let (code, out, err) = run(&fresh, &["db", "check"]);
            // Killed before the schema was created (no file yet), after SQLite created the file
            // and before the first migration committed (an empty database), or between two
            // migrations (an older schema, which `db check`, opening read-only, cannot
            // upgrade): nothing to check but that a rerun imports everything.
            if code == 1
                && (err.contains("import an article first")
                    || err.contains("has no claimtrack tables")
                    || err.contains("needs write access"))
            {
                fresh.ok(&["import", inputs.to_str().unwrap()]);
                assert_eq!(counts(&fresh), full);
                continue;
            }
            assert_eq!(code, 0, "{out}{err}");
            let got = counts(&fresh);
            if !got.is_empty() && got.len() < full.len() {
                cut_in_the_middle += 1;
            }
            for (article, claims) in &got {
                assert_eq!(
                    full.get(article),
                    Some(claims),
                    "killed after {delay_ms} ms: article {article} is partial"
                );
            }
            // A rerun completes the import.
            fresh.ok(&["import", inputs.to_str().unwrap()]);
            assert_eq!(counts(&fresh), full);
        }
    }
    assert!(
        cut_in_the_middle > 0,
        "no kill landed in the middle of the import; the test proved nothing"
    );
}

/// Claims per article, keyed by the article's sha256 (from the JSON report).
pub(crate) fn counts(env: &Env) -> BTreeMap<String, u64> {
    let report = env.json(&["report", "--format", "json"]);
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["sha256"].as_str().unwrap().to_owned(),
                a["counts"]["claims"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Writes the gold and held-out articles into `dir`, four times each (a numbered last line
/// makes each copy a new article): an import of a few seconds. Returns the number of files.
pub(crate) fn many_articles(dir: &Path) -> usize {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    std::fs::create_dir_all(dir).unwrap();
    let mut n = 0;
    for copy in 1..=4 {
        for sub in ["gold", "heldout"] {
            let mut files: Vec<_> = std::fs::read_dir(fixtures.join(sub))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            for p in files {
                n += 1;
                let text = std::fs::read_to_string(&p).unwrap();
                std::fs::write(dir.join(format!("{n:03}.txt")), format!("{text}\n{copy}\n"))
                    .unwrap();
            }
        }
    }
    n
}

/// `--jobs` changes nothing but speed: the same rows, ids and stored claims with 1 and 3
/// worker threads, and with batches of 3 articles or one batch.
#[test]
fn jobs_and_batch_size_do_not_change_ids_or_output() {
    let dir = Env::new();
    let inputs = dir.dir.path().join("inputs");
    many_articles(&inputs);
    // One JSON Lines file of every article, with a bad record in the middle.
    let mut lines = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&inputs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for (i, p) in files.iter().enumerate() {
        let text = std::fs::read_to_string(p).unwrap();
        lines.push(serde_json::json!({"title": format!("t{i}"), "content": text}).to_string());
        if i == 5 {
            lines.push(r#"{"content": "نص.", "title": 1}"#.to_owned());
        }
    }
    let file = dir.write("all.jsonl", &(lines.join("\n") + "\n"));
    let mut seen = Vec::new();
    for (jobs, batch) in [("1", "3"), ("3", "3"), ("3", "1000")] {
        let env = Env::new();
        let out = env
            .run(&[
                "import", &file, "--jobs", jobs, "--batch", batch, "--format", "json",
            ])
            .code(1)
            .get_output()
            .stdout
            .clone();
        let rows: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(rows.as_array().unwrap().len(), lines.len());
        assert_eq!(rows[6]["status"], "failed");
        let claims = env.ok(&["claims", "--all", "--format", "json"]);
        seen.push((String::from_utf8(out).unwrap(), claims));
    }
    assert_eq!(seen[0], seen[1], "--jobs 1 and --jobs 3 differ");
    assert_eq!(seen[0], seen[2], "--batch 3 and --batch 1000 differ");
}

/// `import - --stdin-format jsonl` streams JSON Lines from stdin (as a file would be read);
/// without it stdin is one text article.
#[test]
fn json_lines_on_stdin_are_records_when_asked() {
    let env = Env::new();
    let lines = "{\"content\": \"قال الوزير إن النمو بلغ 3 في المائة.\", \"title\": \"أ\"}\n\
                 {\"content\": \"أعلنت الوزارة توقيف 12 شخصا.\"}\n";
    let out = env
        .cmd()
        .args(["import", "-", "--stdin-format", "jsonl", "--format", "json"])
        .write_stdin(lines)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sources: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["<stdin> (line 1)", "<stdin> (line 2)"]);
    let articles = env.json(&["report", "--format", "json"]);
    assert_eq!(articles["articles"][0]["title"], "أ");
}

/// --title and --url name one article: on an import of several they are not applied (a
/// warning says so), and a sidecar's title and URL apply only to a file of one article, never
/// over a record's own.
#[test]
fn one_article_metadata_is_never_spread_over_several() {
    let env = Env::new();
    let dir = env.dir.path().join("td");
    std::fs::create_dir(&dir).unwrap();
    for (i, text) in [
        "قال الوزير إن النمو بلغ 3 في المائة.",
        "أعلنت الوزارة توقيف 12 شخصا.",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(dir.join(format!("{i}.txt")), text).unwrap();
    }
    let out = env
        .cmd()
        .args([
            "import",
            dir.to_str().unwrap(),
            "--title",
            "واحد",
            "--url",
            "https://example.com/one",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "--title, --url not applied: they name one article, and this import holds several"
        ),
        "{err}"
    );
    let report = env.json(&["report", "--format", "json"]);
    for a in report["articles"].as_array().unwrap() {
        assert!(a["title"].is_null() && a["url"].is_null(), "{a}");
    }
    // A sidecar beside a file of two records: each keeps its own title.
    let other = Env::new();
    let pair = other.write(
        "pair.jsonl",
        "{\"content\": \"قال الوزير إن النمو بلغ 3 في المائة.\", \"title\": \"الأول\"}\n\
         {\"content\": \"أعلنت الوزارة توقيف 12 شخصا.\", \"title\": \"الثاني\"}\n",
    );
    other.write(
        "pair.meta.json",
        r#"{"title": "عنوان الملف", "url": "https://side.example/one"}"#,
    );
    other.ok(&["import", &pair]);
    let report = other.json(&["report", "--format", "json"]);
    let titles: Vec<&str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["الأول", "الثاني"]);
}
