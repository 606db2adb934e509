//! The fact-check readers on the fixtures of `tests/fixtures/factchecks/` (written for these
//! tests, Arabic and English, in the shapes publishers and aggregators publish), and on broken
//! variants: every broken record is reported with its number and the rest is kept.

use std::path::PathBuf;

use claimtrack_match::library::{read, FactCheck, Read, MAX_CLAIM_BYTES};
use claimtrack_model::Verdict;

fn fixture(name: &str) -> Read {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/factchecks")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read(name, &text)
}

fn only_ok(name: &str) -> Vec<FactCheck> {
    let r = fixture(name);
    assert!(r.errors.is_empty(), "{name}: {:?}", r.errors);
    r.records
}

#[test]
fn claimreview_array_reads_every_field() {
    let r = only_ok("misbar.jsonld");
    assert_eq!(r.len(), 2);
    let a = &r[0];
    assert_eq!(
        a.url,
        "https://misbar.com/factcheck/2023/03/14/fire-baghdad-hospital-120-deaths"
    );
    assert_eq!(a.claim, "وفاة 120 شخصا في حريق مستشفى ابن الخطيب في بغداد");
    assert_eq!(
        a.title.as_deref(),
        Some("وفاة 120 شخصًا في حريق مستشفى ابن الخطيب؟ الرقم مضلل")
    );
    assert_eq!(a.rating.as_deref(), Some("مضلل"));
    assert_eq!(a.verdict, Some(Verdict::Misleading));
    assert_eq!(a.publisher.as_deref(), Some("مسبار"));
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2023-03-14"));
    assert_eq!(a.language.as_deref(), Some("ar"));
    assert_eq!(a.claimant.as_deref(), Some("حساب على فيسبوك"));
    let b = &r[1];
    assert_eq!(
        (b.rating_value, b.best_rating, b.worst_rating),
        (Some(1.0), Some(5.0), Some(1.0))
    );
    assert_eq!(b.verdict, Some(Verdict::False));
    assert_eq!(
        b.date.map(|d| d.to_string()).as_deref(),
        Some("2024-01-09"),
        "date-time keeps its date"
    );
    assert_eq!(
        b.language.as_deref(),
        Some("ar"),
        "inLanguage as a Language object"
    );
}

#[test]
fn html_page_graph_skips_other_nodes_and_drops_the_fragment() {
    let r = only_ok("afp-page.html");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].url, "https://factcheck.afp.com/doc.afp.com.33XY7Z");
    assert_eq!(
        r[0].title.as_deref(),
        Some("Image does not show flooding in Derna, Libya")
    );
    assert_eq!(r[0].verdict, Some(Verdict::MissingContext));
}

#[test]
fn google_api_gives_one_record_per_review() {
    let r = only_ok("google-api.json");
    assert_eq!(r.len(), 2);
    assert!(r
        .iter()
        .all(|f| f.claim == "Drinking hot water with lemon cures COVID-19"));
    assert_eq!(r[0].publisher.as_deref(), Some("Full Fact"));
    assert_eq!(r[0].rating.as_deref(), Some("Incorrect"));
    assert_eq!(r[0].verdict, None, "Incorrect is not in the table");
    assert_eq!(r[1].verdict, Some(Verdict::False));
    assert_eq!(r[1].language.as_deref(), Some("ar"));
    assert_eq!(r[0].claimant.as_deref(), Some("Viral WhatsApp message"));
}

#[test]
fn datacommons_feed_items() {
    let r = only_ok("datacommons-feed.json");
    assert_eq!(r.len(), 2);
    assert_eq!(
        r[0].verdict,
        Some(Verdict::False),
        "Pants on Fire! by its label"
    );
    assert_eq!(r[0].claimant.as_deref(), Some("Viral image"));
    assert_eq!(r[1].rating.as_deref(), Some("غير دقيق"));
    assert_eq!(r[1].verdict, None, "غير دقيق is deliberately unmapped");
}

#[test]
fn json_lines_and_csv() {
    let j = only_ok("fatabyyano.jsonl");
    assert_eq!(
        j.iter().map(|f| f.verdict).collect::<Vec<_>>(),
        [Some(Verdict::True), Some(Verdict::Satire)]
    );
    let c = only_ok("checks.csv");
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].claim, "ارتفاع سعر الخبز المدعوم إلى 5 جنيهات في مصر");
    assert_eq!(c[0].claimant.as_deref(), Some("صفحة إخبارية"));
    assert_eq!(c[1].verdict, Some(Verdict::MostlyFalse));
    assert_eq!(c[1].claimant, None, "an empty cell is no value");
}

#[test]
fn broken_json_lines_report_each_line_and_keep_the_rest() {
    let r = fixture("broken/mixed.jsonl");
    assert_eq!(r.records.len(), 1);
    assert_eq!(r.records[0].url, "https://fatabyyano.net/ok-record/");
    let got: Vec<(usize, &str)> = r
        .errors
        .iter()
        .map(|e| (e.record, e.message.as_str()))
        .collect();
    assert_eq!(got.len(), 5, "{got:?}");
    assert_eq!(got[0].0, 2);
    assert!(got[0].1.contains("not http or https"), "{}", got[0].1);
    assert!(got[1].1.contains("no claim text"), "{}", got[1].1);
    assert!(got[2].1.contains("not valid JSON"), "{}", got[2].1);
    assert!(got[3].1.contains("not a ClaimReview"), "{}", got[3].1);
    assert_eq!(got[4].0, 6);
    assert!(
        got[4].1.contains("\"14/03/2023\" is not a date"),
        "{}",
        got[4].1
    );
}

#[test]
fn broken_csv_and_html_and_truncated_json() {
    let r = fixture("broken/no-url-column.csv");
    assert!(r.records.is_empty());
    assert_eq!(r.errors[0].record, 0);
    assert!(
        r.errors[0].message.contains("no `url` column"),
        "{}",
        r.errors[0].message
    );

    let r = fixture("broken/bad-rows.csv");
    assert_eq!(r.records.len(), 1);
    assert_eq!(r.records[0].url, "https://example.org/c");
    let lines: Vec<usize> = r.errors.iter().map(|e| e.record).collect();
    assert_eq!(lines, [2, 3]);
    assert!(r.errors[0]
        .message
        .contains("rating_value \"five\" is not a number"));

    let r = fixture("broken/no-jsonld.html");
    assert!(r.records.is_empty());
    assert!(r.errors[0].message.contains("no <script"));

    let r = fixture("broken/truncated.json");
    assert!(r.records.is_empty());
    assert_eq!(r.errors.len(), 1);
    assert!(
        r.errors[0].message.contains("not JSON"),
        "{}",
        r.errors[0].message
    );
}

#[test]
fn sizes_are_bounded_and_odd_json_never_panics() {
    let long = "ا".repeat(MAX_CLAIM_BYTES);
    let text = format!(
        r#"{{"@type":"ClaimReview","url":"https://example.org/long","claimReviewed":"{long}"}}"#
    );
    let r = read("long.json", &text);
    assert!(r.records.is_empty());
    assert!(
        r.errors[0].message.contains("claim is longer than"),
        "{}",
        r.errors[0].message
    );
    for odd in [
        "",
        "null",
        "42",
        "[]",
        "[1,2]",
        "{\"claims\":[{}]}",
        "{\"dataFeedElement\":[{}]}",
        "<",
        "<script",
    ] {
        let _ = read("odd.json", odd);
    }
    assert_eq!(read("x.json", "[1]").errors[0].message, "not a JSON object");
}

/// Records a database could not store alike (a NUL character: PostgreSQL refuses it in text),
/// URLs holding white space or control characters (refused, not percent-encoded into another
/// address), and claims with nothing visible are each a numbered error; the others are kept.
#[test]
fn nul_characters_spaced_urls_and_invisible_claims_are_refused_per_record() {
    let csv = "claim,url,title\n\
               \"good claim about 12 deaths\",https://example.org/good,\n\
               \"bad\0claim\",https://example.org/nul,\n\
               \"claim\",https://example.org/a b,\n\
               \"title\",https://example.org/t,\"bad\0title\"\n\
               \"\u{202E}\u{202E}\",https://example.org/bidi,\n";
    let r = read("checks.csv", csv);
    assert_eq!(
        r.records.iter().map(|f| f.url.as_str()).collect::<Vec<_>>(),
        ["https://example.org/good"]
    );
    let got: Vec<(usize, &str)> = r
        .errors
        .iter()
        .map(|e| (e.record, e.message.as_str()))
        .collect();
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[0].1.contains("claim holds a NUL character"), "{got:?}");
    assert!(got[1].1.contains("holds \\u{20}"), "{got:?}");
    assert!(got[2].1.contains("title holds a NUL character"), "{got:?}");
    assert!(
        got[3]
            .1
            .contains(r#"claim text "\u{202e}\u{202e}" has no letter or digit"#),
        "{got:?}"
    );
    let json = "{\"@type\":\"ClaimReview\",\"url\":\"https://example.org/x\",\"claimReviewed\":\"a\\u0000b\"}";
    assert!(read("x.json", json).errors[0]
        .message
        .contains("NUL character"));
}
