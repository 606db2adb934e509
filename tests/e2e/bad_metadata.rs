//! Issue #14 items 5 and 13: bad metadata (a wrong type, an impossible date, a non-http(s) URL)
//! is an error naming where it came from — flag, sidecar, JSON record — never dropped silently.

use crate::util::Env;

const TEXT: &str = "قال الوزير إن النمو بلغ 3 في المائة سنة 2023.\n";

#[test]
fn a_non_http_url_is_refused_at_every_point_of_entry() {
    let env = Env::new();
    let file = env.write("a.txt", TEXT);
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "/relative",
    ] {
        let err = env.fails(&["import", &file, "--url", url], 2);
        assert!(err.contains("--url"), "{url}: {err}");
        assert!(err.contains(&format!("'{url}' is not")), "{url}: {err}");
    }
    // white space or controls inside a URL (which the URL parser would silently drop) are
    // refused on the command line, in sidecars and records, and for the export's publisher URL
    for url in [
        "https://example.org/a\nstatus: published",
        "https://example.org/\tx",
    ] {
        let err = env.fails(&["import", &file, "--url", url], 2);
        assert!(
            err.contains("is not a valid URL: it holds"),
            "{url:?}: {err}"
        );
        let record = serde_json::json!([{"content": TEXT, "url": url}]).to_string();
        let records = env.write("r.json", &record);
        let err = env.fails(&["import", &records], 1);
        assert!(err.contains("field \"url\""), "{url:?}: {err}");
        let err = env.fails(
            &[
                "export",
                "--format",
                "claimreview",
                "--publisher",
                "P",
                "--publisher-url",
                url,
            ],
            2,
        );
        assert!(err.contains("--publisher-url"), "{url:?}: {err}");
    }
    env.write("a.meta.json", r#"{"url": "javascript:alert(1)"}"#);
    let err = env.fails(&["import", &file], 1);
    assert!(
        err.contains(
            "a.meta.json: url 'javascript:alert(1)' is not an http(s) URL (scheme javascript)"
        ),
        "{err}"
    );
    assert!(!env.db.exists(), "nothing stored, no database made");
    // an http(s) URL is stored as given
    env.write("a.meta.json", r#"{"url": "https://example.ma/a"}"#);
    env.ok(&["import", &file]);
    let a = env.json(&["claims", "--all", "--format", "json"]);
    assert!(!a.as_array().unwrap().is_empty());
}

/// The issue's example: `"published": "2024-99-99", "title": 1` imported with exit 0 and null
/// date and title. Now each bad record fails alone, naming record and field; the others are
/// stored and the command exits 1.
#[test]
fn bad_record_metadata_fails_that_record() {
    let env = Env::new();
    let good = serde_json::json!({"content": TEXT, "title": "خبر"});
    let records = serde_json::json!([
        {"content": TEXT, "published": "2024-99-99", "title": 1},
        good,
        {"content": "وأكد المدير أن 300 شرطي شاركوا سنة 2022.", "url": "javascript:alert(1)"},
    ]);
    let file = env.write("r.json", records.to_string());
    let out = env.run(&["import", &file]).code(1).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "r.json: record 1: field \"published\": '2024-99-99' is not a YYYY-MM-DD date"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("record 3: field \"url\": 'javascript:alert(1)' is not an http(s) URL"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 of 3 articles could not be imported"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("1 imported, 0 already there, 2 failed"),
        "{stdout}"
    );
    // a JSON Lines file: the same rule, the line named
    let file = env.write(
        "r.jsonl",
        format!(
            "{}\n{}\n",
            serde_json::json!({"content": "نص آخر.", "title": 1}),
            good
        ),
    );
    let stderr = env.fails(&["import", &file], 1);
    assert!(
        stderr.contains("r.jsonl (line 1): field \"title\" must be a string, not a number")
            || stderr.contains("r.jsonl: line 1: field \"title\" must be a string, not a number"),
        "{stderr}"
    );
}

/// A publication date in the future (`9999-12-31`) or before 1800 (`0000-01-01`) was stored,
/// and the ClaimReview export then failed our own linter ("claim dated after its review"): it is
/// refused at every point of entry, and nothing is stored.
#[test]
fn impossible_publication_dates_are_refused() {
    let env = Env::new();
    let file = env.write("a.txt", TEXT);
    for date in ["9999-12-31", "2026-01-04", "0000-01-01", "1799-12-31"] {
        let err = env.fails(&["import", &file, "--published", date], 1);
        assert!(
            err.contains(&format!("publication date {date} is")),
            "{date}: {err}"
        );
        let record = serde_json::json!([{"content": TEXT, "published": date}]).to_string();
        let records = env.write("r.json", &record);
        let err = env.fails(&["import", &records], 1);
        assert!(
            err.contains(&format!("publication date {date} is")),
            "{date}: {err}"
        );
    }
    assert!(
        !env.db.exists()
            || env.json(&["claims", "--all", "--format", "json"]) == serde_json::json!([])
    );
    // today (by CLAIMTRACK_NOW) and tomorrow (time zones ahead of UTC) are accepted
    env.ok(&["import", &file, "--published", "2026-01-03"]);
}
