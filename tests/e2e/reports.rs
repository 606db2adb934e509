//! Reports and exports of a seed database built through the CLI: Markdown, JSON, HTML (opened
//! in a real headless Chromium), ClaimReview, CSV and JSON Lines.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{seed, Env};

/// An article whose text tries to inject markup into the HTML report.
pub const HOSTILE: &str = "الرباط - و م ع:\n\
    قال المدير <script>alert(1)</script> إن 196 دولة شاركت في الدورة سنة 2025.\n\
    وأكد الوزير <img src=x onerror=alert(1)> أن 300 شرطي شاركوا في العملية سنة 2023.\n";

/// The seed (with a title, URL and date) plus the hostile article, some claims moved through
/// the workflow: the first three check-worthy claims of the seed are rated true, mostly_true
/// and misleading and published, the fourth is dismissed; the first check-worthy claim of the
/// hostile article is rated false but not published.
pub fn desk() -> Env {
    desk_with_ids().0
}

/// [`desk`] and the ids of its three published claims.
pub fn desk_with_ids() -> (Env, [String; 3]) {
    let env = Env::new();
    env.ok(&[
        "import",
        seed().to_str().unwrap(),
        "--published",
        "2025-11-24",
        "--url",
        "https://news.example.ma/2025/11/interpol-93",
        "--title",
        "المغرب يحتضن الدورة 93 للأنتربول",
    ]);
    let hostile = env.write("hostile.txt", HOSTILE);
    env.ok(&[
        "import",
        &hostile,
        "--title",
        "<b>عنوان</b> | خبيث",
        "--url",
        "https://example.org/h?a=1&b=<2>",
    ]);
    let seed_claims = env.json(&["claims", "--article", "1", "--format", "json"]);
    let ids: Vec<String> = seed_claims
        .as_array()
        .unwrap()
        .iter()
        .take(4)
        .map(|c| c["id"].to_string())
        .collect();
    let (a, b, c, d) = (&*ids[0], &*ids[1], &*ids[2], &*ids[3]);
    let url = |id: &str| format!("https://factcheck.example.ma/2026/claim-{id}");
    let (url_a, url_b) = (url(a), url(b));
    for args in [
        &["assign", a, b, c, "--to", "sara"][..],
        &[
            "status",
            a,
            b,
            c,
            "--set",
            "in_progress",
            "--note",
            "checking",
        ],
        &[
            "verdict",
            a,
            "--set",
            "true",
            "--explanation",
            "محضر اللقاء منشور على موقع الخارجية الأمريكية.",
            "--url",
            &url_a,
            "--summary",
            "لقاء حموشي وبومبيو",
        ],
        &[
            "verdict",
            b,
            "--set",
            "mostly_true",
            "--explanation",
            "الأرقام صحيحة مع فارق في التواريخ.",
            "--url",
            &url_b,
        ],
        // no fact-check URL: its ClaimReview is incomplete
        &[
            "verdict",
            c,
            "--set",
            "misleading",
            "--explanation",
            "السياق ناقص.",
        ],
        &[
            "evidence",
            "add",
            a,
            "--url",
            "https://www.state.gov/",
            "--title",
            "Readout",
            "--stance",
            "supports",
        ],
        &[
            "evidence",
            "add",
            b,
            "--url",
            "https://www.interpol.int/",
            "--stance",
            "context",
        ],
        &[
            "evidence",
            "add",
            c,
            "--url",
            "https://example.org/<source>",
            "--note",
            "<script>x</script>",
        ],
        &["status", a, b, c, "--set", "in_review"],
        &["status", a, b, c, "--set", "published"],
        &["status", d, "--set", "dismissed", "--note", "opinion"],
    ] {
        env.ok(args);
    }
    // the first check-worthy claim of the hostile article
    let hostile_claims = env.json(&["claims", "--article", "2", "--format", "json"]);
    let id = hostile_claims[0]["id"].to_string();
    env.ok(&["verdict", &id, "--set", "false"]);
    let published = [ids[0].clone(), ids[1].clone(), ids[2].clone()];
    (env, published)
}

#[test]
fn report_markdown_and_json_of_the_seed() {
    let env = desk();
    let db = env.db.to_str().unwrap();
    let md = env.ok(&["report", "--format", "md", "--lang", "en"]);
    insta::assert_snapshot!("seed_report_md_en", md.replace(db, "test.db"));
    let md_ar = env.ok(&["report", "--format", "md"]);
    assert!(md_ar.starts_with("# تقرير claimtrack\n"), "{md_ar}");
    assert!(md_ar.contains(r"\<b\>عنوان\</b\> \| خبيث"), "{md_ar}");
    let mut json = env.json(&["report", "--format", "json", "--lang", "en"]);
    assert_eq!(json["source"], db);
    json["source"] = "test.db".into();
    insta::assert_json_snapshot!("seed_report_json", json);
}

#[test]
fn report_table_in_the_terminal() {
    let env = desk();
    let table = env.ok(&["report", "--lang", "en"]);
    let row = |start: &str| {
        table
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no row {start:?} in\n{table}"))
            .split('│')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
    };
    assert_eq!(row("│ published "), ["published", "Published", "3", "3"]);
    assert_eq!(
        row("│ misleading "),
        ["misleading", "Misleading", "-", "1", "1"]
    );
    // totals: every claim, the check-worthy ones, published, with a verdict (counted from the data)
    let all = env.json(&["claims", "--all", "--format", "json"]);
    let all = all.as_array().unwrap();
    let worthy = all.iter().filter(|c| c["check_worthy"] == true).count();
    let total = all.len().to_string();
    let worthy = worthy.to_string();
    assert_eq!(
        row("│ total "),
        ["total", total.as_str(), worthy.as_str(), "3", "4"]
    );
    let one = env.ok(&["report", "--article", "2", "--format", "json"]);
    let one: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(one["articles"].as_array().unwrap().len(), 1);
    assert_eq!(one["language"], "ar");
}

/// How to get Chromium, in skip lines and CI failures.
pub const CHROMIUM_HOW: &str = "install it with `apt-get update && apt-get install -y \
     --no-install-recommends chromium` (.ci/run does this) or set CLAIMTRACK_CHROMIUM";

/// The Chromium binary (`$CLAIMTRACK_CHROMIUM`, else `chromium` or `chromium-browser` on
/// `PATH`), or `None` after the skip line; under CI a missing browser fails the test
/// ([`claimtrack_testkit::require`]).
fn chromium() -> Option<PathBuf> {
    claimtrack_testkit::require_program(
        "the HTML report browser test",
        &["chromium", "chromium-browser"],
        Some("CLAIMTRACK_CHROMIUM"),
        CHROMIUM_HOW,
    )
}

fn headless(chromium: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

#[test]
fn html_report_in_a_real_browser() {
    let Some(chromium) = chromium() else { return };
    let env = desk();
    let html = env.ok(&["report", "--format", "html", "--lang", "ar"]);
    assert!(!html.contains("<script"), "no script in the source either");
    let page = env.dir.path().join("report.html");
    std::fs::write(&page, &html).unwrap();
    let url = format!("file://{}", page.display());
    let profile = env.dir.path().join("chromium-profile");

    let out = headless(&chromium, &profile)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8(out.stdout).unwrap();
    assert!(
        dom.contains(r#"<html lang="ar" dir="rtl">"#),
        "document direction: {}",
        &dom[..dom.len().min(300)]
    );
    let worthy = env.json(&["claims", "--format", "json"]);
    let rows = dom.matches(r#"<tr class="claim""#).count();
    assert_eq!(
        rows,
        worthy.as_array().unwrap().len(),
        "one row per check-worthy claim"
    );
    // Text nodes are serialised with `<` as `&lt;`, so every raw `<` opens a real tag.
    let tags: Vec<String> = dom
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or("").to_lowercase())
        .collect();
    let name = |t: &str| t.split([' ', '/']).next().unwrap_or("").to_string();
    assert!(
        !tags.iter().any(|t| name(t) == "script"),
        "a script element survived"
    );
    assert!(
        !tags.iter().any(|t| name(t) == "img"),
        "an img element survived"
    );
    assert!(
        !tags.iter().any(|t| name(t) == "b"),
        "the title's markup survived"
    );
    assert!(
        !tags
            .iter()
            .any(|t| t.contains("onerror") || t.contains(" on")),
        "an event-handler attribute survived"
    );
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the article's text is shown as text"
    );
    assert!(dom.matches("<details").count() >= rows);
    assert_eq!(dom.matches("<svg").count(), 2, "two inline charts");

    if std::env::var_os("CLAIMTRACK_UPDATE_SCREENSHOT").is_some_and(|v| v == "1") {
        let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report.png");
        let status = headless(&chromium, &profile)
            .arg(format!("--screenshot={}", png.display()))
            .arg("--window-size=1280,2000")
            .arg(&url)
            .status()
            .expect("chromium runs");
        assert!(status.success() && png.is_file(), "screenshot written");
    }
}

/// `export` of ClaimReviews by the test desk.
const CLAIMREVIEW_EXPORT: [&str; 7] = [
    "export",
    "--format",
    "claimreview",
    "--publisher",
    "مكتب التحقق",
    "--publisher-url",
    "https://factcheck.example.ma",
];

/// Issue #14 item 14: every ClaimReview shape `export` writes (a JSON array, JSON Lines with two
/// or more records) passes our own linter; the JSONL of two records was
/// "not valid JSON: trailing characters at line 2".
#[test]
fn the_linter_accepts_every_claimreview_export_format() {
    let (env, _ids) = desk_with_ids();
    let base = CLAIMREVIEW_EXPORT;
    for extra in [&[][..], &["--jsonl"][..]] {
        let mut args = base.to_vec();
        args.extend(extra);
        // one published claim lacks its fact-check URL: exit 1, the complete ones are written
        let out = env.run(&args).get_output().stdout.clone();
        let text = String::from_utf8(out).unwrap();
        if extra.contains(&"--jsonl") {
            assert!(text.lines().count() >= 2, "{extra:?}: {text}");
        }
        let file = env.write("export.out", &text);
        assert_eq!(env.ok(&["lint-claimreview", &file]), "", "{extra:?}");
        // an export with nothing in it says why on stderr (the linter has nothing to check)
        let mut none = args.clone();
        none.extend(["--verdict", "satire"]);
        let out = env.run(&none).success().get_output().clone();
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("warning: no ClaimReview exported"),
            "{extra:?}"
        );
    }
}

#[test]
fn claimreview_export_of_the_seed() {
    let (env, ids) = desk_with_ids();
    let args = CLAIMREVIEW_EXPORT;
    // the third published claim has no fact-check URL: it fails with what to add, the others
    // are exported and pass the lint
    let out = env.run(&args).code(1).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let id = &ids[2];
    assert_eq!(
        stderr,
        format!(
            "claimtrack: error: claim {id} cannot be exported; add: url: the fact-check's URL \
             (claimtrack verdict {id} --url URL)\nclaimtrack: error: 1 claim not exported for \
             missing data (listed above); add it or pass --allow-incomplete\n"
        )
    );
    let complete: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(complete.as_array().unwrap().len(), 2);
    let file = env.write("complete.json", &out.stdout);
    let lint = env.ok(&["lint-claimreview", &file]);
    assert_eq!(lint, "", "our complete export passes the lint");

    let mut with = args.to_vec();
    with.push("--allow-incomplete");
    let out = env.run(&with).success().get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr
        .lines()
        .all(|l| l.starts_with("claimtrack: warning: claim ")));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("seed_claimreview", json);
    let reviews = json.as_array().unwrap();
    assert_eq!(reviews.len(), 3);
    for r in reviews {
        let rating = &r["reviewRating"];
        assert!(rating["alternateName"].is_string());
        let ordinal = rating.get("ratingValue").is_some();
        assert_eq!(rating.get("bestRating").is_some(), ordinal);
        assert_eq!(rating.get("worstRating").is_some(), ordinal);
        assert_eq!(r["itemReviewed"]["datePublished"], "2025-11-24");
    }
    let misleading = reviews
        .iter()
        .find(|r| r["reviewRating"]["alternateName"] == "مضلل")
        .expect("the misleading claim");
    assert!(misleading["reviewRating"].get("ratingValue").is_none());

    // JSON Lines: the same objects, one per line
    with.push("--jsonl");
    let lines = String::from_utf8(env.run(&with).success().get_output().stdout.clone()).unwrap();
    let parsed: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&parsed, reviews);

    // lint: the only problem of the incomplete export is the missing url
    let file = env.write("reviews.json", serde_json::to_vec(&json).unwrap());
    let out = env
        .run(&["lint-claimreview", &file])
        .code(1)
        .get_output()
        .clone();
    let problems = String::from_utf8(out.stdout).unwrap();
    assert_eq!(problems, "/2/url: required property is missing\n");
}

#[test]
fn csv_and_jsonl_exports() {
    let env = desk();
    let csv = env.ok(&["export", "--format", "csv", "--status", "published"]);
    insta::assert_snapshot!("seed_export_csv", csv);
    let all = env.ok(&["export", "--format", "csv", "--article", "2", "--bom"]);
    assert!(all.starts_with("\u{feff}claim_id,article_id,"), "{all}");
    let mut reader = csv::Reader::from_reader(all.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2, "check-worthy claims of the hostile article");
    assert_eq!(&rows[0][2], "<b>عنوان</b> | خبيث");
    assert!(rows
        .iter()
        .all(|r| r.len() == claimtrack_report::export::COLUMNS.len()));

    let jsonl = env.ok(&["export", "--format", "jsonl"]);
    let worthy = env.json(&["claims", "--format", "json"]);
    assert_eq!(jsonl.lines().count(), worthy.as_array().unwrap().len());
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["article_published"], "2025-11-24");

    let err = env.fails(&["export", "--format", "jsonl", "--bom"], 1);
    assert!(err.contains("--bom applies to --format csv only"), "{err}");
}

#[test]
fn csv_export_guards_formulas_and_bidi() {
    let env = Env::new();
    let file = env.write(
        "f.txt",
        "=HYPERLINK(\"http://x\") قال الوزير إن 2000 مهاجر وصلوا سنة 2024.\n\
         -1 وأكد \u{202e}المدير أن 300 شرطي شاركوا في العملية سنة 2023.\n",
    );
    env.ok(&["import", &file, "--title", "@SUM(A1)"]);
    let csv = env.ok(&["export", "--format", "csv", "--all"]);
    assert!(!csv.contains('\u{202e}'), "{csv}");
    assert!(csv.contains("\\u{202e}"), "{csv}");
    assert!(csv.contains(",'@SUM(A1),"), "{csv}");
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")"), "{csv}");
}

/// Issue #12 item 11 and issue #14: a title ` =HYPERLINK(…)` (leading space) was exported
/// unchanged, and so was one behind U+3000 or U+200B; spreadsheets trim those and run the
/// formula. Any white space or zero-width character before `= + - @` gets the guard.
#[test]
fn csv_guards_formulas_behind_white_space() {
    let env = Env::new();
    let titles = [
        " =HYPERLINK(\"http://example.org\",\"اضغط\")",
        "\u{3000}=1+1",
        "\u{200b}=1+1",
        "\u{a0}\u{2009}@SUM(A1)",
        "\u{2060} -2+3",
    ];
    for (i, title) in titles.iter().enumerate() {
        let file = env.write(
            &format!("t{i}.txt"),
            format!("قال الوزير إن {i}00 مهاجر وصلوا سنة 2024.\n"),
        );
        env.ok(&["import", &file, "--title", title]);
    }
    let csv = env.ok(&["export", "--format", "csv", "--all"]);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<String> = rows
        .records()
        .map(|r| r.unwrap().get(2).unwrap().to_owned())
        .collect();
    assert_eq!(cells.len(), titles.len(), "{csv}");
    for title in titles {
        assert!(
            cells.contains(&format!("'{title}")),
            "{title:?} unguarded in {cells:?}"
        );
    }
}

#[test]
fn lint_claimreview_fixtures() {
    let env = Env::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/claimreview");
    for good in ["valid-ours.json", "valid-datafeed.json", "valid-graph.json"] {
        let path = dir.join(good);
        let out = env.ok(&["lint-claimreview", path.to_str().unwrap()]);
        assert!(
            out.lines().all(|l| l.contains(": warning: ")),
            "{good}: {out}"
        );
    }
    let bad = dir.join("bad-rating-range.json");
    let out = env
        .run(&["lint-claimreview", bad.to_str().unwrap()])
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("/reviewRating/worstRating: 0 is below 1"),
        "{stdout}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("claimtrack: error: "), "{stderr}");
    // stdin
    let valid = std::fs::read(dir.join("valid-ours.json")).unwrap();
    env.cmd()
        .args(["lint-claimreview", "-"])
        .write_stdin(valid)
        .assert()
        .success();
}

#[test]
fn claimant_of_the_seed_tweet_in_json_show_and_claimreview() {
    let env = Env::new();
    env.ok(&[
        "import",
        seed().to_str().unwrap(),
        "--published",
        "2025-11-24",
        "--url",
        "https://news.example.ma/2025/11/interpol-93",
    ]);
    let claims = env.json(&["claims", "--all", "--format", "json"]);
    let claims = claims.as_array().unwrap();
    assert!(
        claims.iter().all(|c| c.get("claimant").is_some()),
        "always present"
    );
    let tweet = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("غرد مايك بومبيو"))
        .expect("the tweet claim");
    assert_eq!(tweet["claimant"]["kind"], "person");
    assert_eq!(tweet["claimant"]["text"], "مايك بومبيو");
    assert_eq!(tweet["claimant"]["value"], "مايك بومبيو");
    let meeting = claims
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap()
                .contains("جمع عبد اللطيف حموشي بمايك")
        })
        .expect("the meeting claim");
    assert!(meeting["claimant"].is_null(), "no reported speech");

    let id = tweet["id"].to_string();
    let shown = env.ok(&["show", &id]);
    assert!(
        shown
            .lines()
            .any(|l| l == "claimant:  مايك بومبيو (person)"),
        "{shown}"
    );
    let shown = env.json(&["show", &id, "--format", "json"]);
    assert_eq!(shown["claimant"], tweet["claimant"]);

    for args in [
        &["status", &id, "--set", "in_progress"][..],
        &[
            "verdict",
            &id,
            "--set",
            "true",
            "--explanation",
            "التغريدة منشورة على حساب بومبيو.",
            "--url",
            "https://factcheck.example.ma/2026/pompeo-tweet",
        ],
        &["evidence", "add", &id, "--url", "https://twitter.com/"],
        &["status", &id, "--set", "in_review"],
        &["status", &id, "--set", "published"],
    ] {
        env.ok(args);
    }
    let out = env.json(&CLAIMREVIEW_EXPORT);
    let reviews = out.as_array().unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(
        reviews[0]["itemReviewed"]["author"],
        serde_json::json!({"@type": "Person", "name": "مايك بومبيو"})
    );
    let file = env.write("reviews.json", serde_json::to_vec(&out).unwrap());
    assert_eq!(env.ok(&["lint-claimreview", &file]), "");
}
