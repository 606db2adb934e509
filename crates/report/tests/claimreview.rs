//! ClaimReview building (rules of shared/notes/claimreview-and-ratings.md) and the offline lint,
//! including one broken fixture per rule under tests/fixtures/claimreview/.

mod common;

use std::path::Path;

use claimtrack_model::Verdict;
use claimtrack_report::claimreview::{build, cut_at_word, verdict_word_in, Publisher};
use claimtrack_report::lint::{self, Severity};

fn desk() -> Publisher {
    Publisher {
        name: Some("مكتب التحقق".into()),
        url: Some("https://factcheck.example.ma".into()),
    }
}

#[test]
fn complete_review_passes_our_lint() {
    let claim = &common::claims()[0];
    let built = build(claim, &desk());
    assert_eq!(built.missing, Vec::<String>::new());
    let v = &built.value;
    assert_eq!(v["reviewRating"]["alternateName"], "زائف");
    assert_eq!(v["reviewRating"]["ratingValue"], 1);
    assert_eq!(v["reviewRating"]["bestRating"], 5);
    assert_eq!(v["reviewRating"]["worstRating"], 1);
    assert_eq!(v["itemReviewed"]["datePublished"], "2025-11-24");
    assert_eq!(v["datePublished"], "2026-01-02");
    assert_eq!(
        v["itemReviewed"]["appearance"]["url"],
        "https://news.example.ma/a/1"
    );
    assert_eq!(v["inLanguage"], "ar");
    let problems = lint::lint(&serde_json::Value::Array(vec![v.clone()]));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn non_ordinal_verdicts_carry_no_numbers() {
    for verdict in Verdict::ALL {
        let mut claim = common::claims()[0].clone();
        claim.claim.verdict = Some(*verdict);
        let v = build(&claim, &desk()).value;
        let rating = v["reviewRating"].as_object().unwrap();
        assert_eq!(rating["alternateName"], verdict.label_ar());
        let numbers = ["ratingValue", "bestRating", "worstRating"]
            .iter()
            .filter(|k| rating.contains_key(**k))
            .count();
        assert_eq!(
            numbers,
            if verdict.rating_value().is_some() {
                3
            } else {
                0
            },
            "{verdict}"
        );
        assert!(lint::lint(&v).is_empty(), "{verdict}");
    }
}

#[test]
fn missing_data_is_listed_with_the_fix() {
    let claim = &common::claims()[1]; // no verdict, url, publication
    let built = build(claim, &Publisher::default());
    let missing = built.missing.join("\n");
    for needle in [
        "reviewRating: the claim has no verdict (claimtrack verdict 11 --set RATING)",
        "url: the fact-check's URL (claimtrack verdict 11 --url URL)",
        "author: the publishing desk (--publisher NAME",
        "datePublished: the claim's verdict is not published (claimtrack status 11 --set published)",
    ] {
        assert!(missing.contains(needle), "{needle} not in:\n{missing}");
    }
    let text = built.value["claimReviewed"].as_str().unwrap();
    assert_eq!(
        text, "وصل الوفد أمس. ثم غادر",
        "cleaned: no override, one line"
    );
}

#[test]
fn claim_reviewed_is_cut_at_a_word_and_never_holds_the_verdict() {
    let long = "قال الوزير إن معدل البطالة في المغرب انخفض إلى خمسة في المئة سنة 2024 بعد سنوات من الارتفاع المتواصل";
    let cut = cut_at_word(long, 75);
    assert!(cut.chars().count() <= 75, "{cut}");
    assert!(cut.ends_with("…"));
    assert!(long.starts_with(cut.trim_end_matches('…')));
    assert_eq!(cut_at_word("short", 75), "short");

    assert_eq!(verdict_word_in("هذا الخبر زائف تماما"), Some("زائف"));
    assert_eq!(verdict_word_in("والصحيح أن"), Some("صحيح"));
    assert_eq!(
        verdict_word_in("It is MOSTLY FALSE that"),
        Some("Mostly false")
    );
    assert_eq!(verdict_word_in("truely falsehood"), None);
    assert_eq!(verdict_word_in("معدل البطالة انخفض"), None);

    let mut claim = common::claims()[0].clone();
    claim.summary = Some("ادعاء مضلل عن البطالة".into());
    let built = build(&claim, &desk());
    assert!(
        built.missing[0].contains("verdict word 'مضلل'"),
        "{:?}",
        built.missing
    );
    assert!(built.missing[0].contains("--summary"));
}

fn fixture(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/claimreview");
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn valid_fixtures_pass() {
    for name in ["valid-ours.json", "valid-graph.json", "valid-datafeed.json"] {
        let problems = lint::lint_str(&fixture(name));
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
}

/// Issue #14 item 14: JSON Lines (our `--jsonl` export) is linted line by line, each problem
/// named by its line; a pretty-printed document is still one document.
#[test]
fn json_lines_are_linted_line_by_line() {
    let one: serde_json::Value = serde_json::from_str(&fixture("valid-ours.json")).unwrap();
    let line = serde_json::to_string(&one).unwrap();
    let jsonl = format!("{line}\n{line}\n\n{line}\n");
    assert_eq!(lint::lint_str(&jsonl), vec![]);
    // a broken second record is named by its line; the others still pass
    let mut bad = one.clone();
    bad.as_object_mut().unwrap().remove("claimReviewed");
    let jsonl = format!("{line}\n{}\n{line}", serde_json::to_string(&bad).unwrap());
    let problems: Vec<String> = lint::lint_str(&jsonl)
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        ["line 2: /claimReviewed: required property is missing"]
    );
    let problems = lint::lint_str(&format!("{line}\n{{oops"));
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .to_string()
            .starts_with("line 2: /: not valid JSON"),
        "{problems:?}"
    );
    // two documents on one line are not JSON Lines
    let problems = lint::lint_str(&format!("{line} {line}"));
    assert!(problems[0]
        .to_string()
        .starts_with("/: not valid JSON: trailing characters"));
    // a pretty-printed document spans lines and stays one document
    let pretty = serde_json::to_string_pretty(&one).unwrap();
    assert_eq!(lint::lint_str(&pretty), vec![]);
}

/// One broken example per rule: the fixture, the expected `path: message` start, the severity.
#[test]
fn every_rule_has_a_broken_example() {
    let cases: &[(&str, &str, Severity)] = &[
        ("bad-json.json", "/: not valid JSON", Severity::Error),
        ("bad-type.json", "/@type: expected ClaimReview, a DataFeed or an @graph", Severity::Error),
        ("bad-context.json", "/@context: missing", Severity::Error),
        ("bad-claimreviewed-missing.json", "/claimReviewed: required property is missing", Severity::Error),
        ("bad-claimreviewed-verdict-ar.json", "/claimReviewed: contains the verdict word 'زائف'", Severity::Error),
        ("bad-claimreviewed-verdict-en.json", "/claimReviewed: contains the verdict word 'Mostly false'", Severity::Error),
        ("bad-claimreviewed-long.json", "/claimReviewed: warning: 96 characters; keep the summary under 75", Severity::Warning),
        ("bad-rating-missing.json", "/reviewRating: required property is missing", Severity::Error),
        ("bad-rating-alternatename.json", "/reviewRating/alternateName: required property is missing", Severity::Error),
        ("bad-rating-range.json", "/reviewRating/worstRating: 0 is below 1", Severity::Error),
        ("bad-rating-order.json", "/reviewRating/bestRating: worstRating 5 must be below bestRating 1", Severity::Error),
        ("bad-rating-value.json", "/reviewRating/ratingValue: 7 is outside [1, 5]", Severity::Error),
        ("bad-rating-number.json", "/reviewRating/ratingValue: expected a number", Severity::Error),
        ("bad-rating-type.json", "/reviewRating/@type: expected \"Rating\"", Severity::Error),
        ("bad-url-missing.json", "/url: required property is missing", Severity::Error),
        ("bad-url-relative.json", "/url: '/2025/unemployment-rate' is not absolute", Severity::Error),
        ("bad-url-malformed.json", "/url: 'https://' is not a well-formed URL", Severity::Error),
        ("bad-url-scheme.json", "/url: 'ftp://factcheck.example.ma/x' is not an http(s) URL", Severity::Error),
        ("bad-url-shortener.json", "/url: 'bit.ly' is a link shortener", Severity::Error),
        ("bad-date.json", "/datePublished: '04/03/2025' is not an ISO 8601 date", Severity::Error),
        ("bad-claim-date-after-review.json", "/itemReviewed/datePublished: the claim (2025-03-05) is dated after its review (2025-03-04)", Severity::Error),
        ("bad-item-type.json", "/itemReviewed/@type: expected \"Claim\"; found Person", Severity::Error),
        ("bad-claimant-name.json", "/itemReviewed/author/name: required property is missing", Severity::Error),
        ("bad-author-type.json", "/author/@type: expected \"Organization\" or \"Person\"; found Thing", Severity::Error),
        ("bad-appearance-url.json", "/itemReviewed/appearance/url: 'news.example.ma/article/12345' is not absolute", Severity::Error),
        ("bad-language.json", "/inLanguage: 'Arabic language' is not a BCP 47 language tag", Severity::Error),
        ("bad-datafeed.json", "/dataFeedElement/0/item/0/reviewRating/alternateName: required property is missing", Severity::Error),
        ("bad-array-element.json", "/1: expected a ClaimReview object or an array; found a number", Severity::Error),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/claimreview");
    let mut covered: Vec<String> = cases.iter().map(|c| c.0.to_string()).collect();
    covered.sort();
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bad-"))
        .collect();
    on_disk.sort();
    assert_eq!(covered, on_disk, "every broken fixture is checked");
    for (name, expect, severity) in cases {
        let problems = lint::lint_str(&fixture(name));
        let hit = problems
            .iter()
            .find(|p| p.to_string().starts_with(expect))
            .unwrap_or_else(|| panic!("{name}: no problem starting {expect:?} in {problems:#?}"));
        assert_eq!(hit.severity, *severity, "{name}");
        assert_eq!(
            lint::has_errors(&problems),
            *severity == Severity::Error,
            "{name}: {problems:#?}"
        );
    }
}

#[test]
fn claimant_is_the_item_reviewed_author() {
    use claimtrack_model::{Entity, EntityKind, Span};
    use claimtrack_report::data::ReviewedClaim;
    let base = common::claims()[0].clone();
    assert_eq!(base.claimant, None);
    assert!(build(&base, &desk()).value["itemReviewed"]
        .get("author")
        .is_none());
    for (kind, text, value, schema_type) in [
        (
            EntityKind::Person,
            "حموشي",
            Some("عبد اللطيف حموشي"),
            "Person",
        ),
        (
            EntityKind::Organisation,
            "للمندوبية",
            Some("المندوبية"),
            "Organization",
        ),
        (EntityKind::Organisation, "المندوبية", None, "Organization"),
    ] {
        let mut stored = base.claim.clone();
        stored.claim.claimant = Some(Entity {
            kind,
            text: text.to_owned(),
            span: Span::new(0, text.len()),
            value: value.map(str::to_owned),
            relative: false,
        });
        // The loader's constructor names the claimant from the stored claim.
        let mut claim = base.clone();
        claim.claimant = ReviewedClaim::new(stored.clone(), base.article.clone()).claimant;
        claim.claim = stored;
        let name = value.unwrap_or(text);
        assert_eq!(claim.claimant.as_deref(), Some(name));
        let v = build(&claim, &desk()).value;
        assert_eq!(
            v["itemReviewed"]["author"],
            serde_json::json!({"@type": schema_type, "name": name})
        );
        let problems = lint::lint(&serde_json::Value::Array(vec![v]));
        assert!(problems.is_empty(), "{problems:?}");
    }
}
