//! The importer against the gold annotations in `shared/gold/` (read via a path relative to the
//! repository root, as CI lays it out): the seed article's claims, tiers, entities and metadata,
//! and the segmentation cases.

use std::path::PathBuf;

use claimtrack_import::{import, ImportOptions, Imported};
use claimtrack_model::{EntityKind, ExtractedClaim, CHECK_WORTHY_THRESHOLD};
use serde_json::Value;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_json(rel: &str) -> Value {
    let path = repo_root().join(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Values of the claim's entities of the given kinds (the value, and the mention text too).
fn values(c: &ExtractedClaim, kinds: &[EntityKind]) -> Vec<String> {
    c.entities
        .iter()
        .filter(|e| kinds.contains(&e.kind))
        .flat_map(|e| e.value.iter().cloned().chain([e.text.clone()]))
        .collect()
}

const NUMERIC: &[EntityKind] = &[
    EntityKind::Number,
    EntityKind::Ordinal,
    EntityKind::Percentage,
    EntityKind::Money,
];

/// Checks one gold claim against the import; returns the problems found.
fn check_claim(imp: &Imported, g: &Value) -> Vec<String> {
    let id = g["id"].as_str().unwrap_or("?");
    let anchor = g["anchor"].as_str().unwrap_or_default();
    let mut problems = Vec::new();
    let Some(c) = imp.claims.iter().find(|c| c.text.contains(anchor)) else {
        return vec![format!("{id}: no claim contains the anchor {anchor:?}")];
    };
    if g["tier"] == "high" && c.score < CHECK_WORTHY_THRESHOLD {
        problems.push(format!(
            "{id}: high-tier claim scored {} ({:?}): {}",
            c.score, c.reasons, c.text
        ));
    }
    let checks: [(&str, &[EntityKind]); 5] = [
        ("numbers", NUMERIC),
        ("dates", &[EntityKind::Date]),
        ("persons", &[EntityKind::Person]),
        ("places", &[EntityKind::Place]),
        ("orgs", &[EntityKind::Organisation]),
    ];
    for (key, kinds) in checks {
        let have = values(c, kinds);
        for want in strings(g, key) {
            if !have.contains(&want) {
                problems.push(format!(
                    "{id}: {key} should include {want:?}, found {have:?}"
                ));
            }
        }
    }
    if let Some(expr) = g["relative_date"].as_str() {
        if !c
            .entities
            .iter()
            .any(|e| e.kind == EntityKind::Date && e.relative && e.text.contains(expr))
        {
            problems.push(format!("{id}: relative date {expr:?} not marked relative"));
        }
    }
    problems
}

#[test]
fn seed_article_satisfies_the_gold_annotation() {
    let gold = read_json("../shared/gold/seed-claims.json");
    let src = gold["source"].as_str().expect("source");
    let text = std::fs::read_to_string(repo_root().join(src)).expect("seed text");
    let imp = import(&text, &ImportOptions::default()).expect("seed imports");

    let meta = &gold["metadata"];
    assert_eq!(imp.article.dateline.as_deref(), meta["dateline"].as_str());
    assert_eq!(imp.article.author.as_deref(), meta["author"].as_str());
    assert_eq!(imp.article.headings, strings(meta, "headings"));

    let mut problems = Vec::new();
    for g in gold["claims"].as_array().expect("claims") {
        problems.extend(check_claim(&imp, g));
    }
    for n in gold["non_claims"].as_array().expect("non_claims") {
        let anchor = n["anchor"].as_str().unwrap_or_default();
        for c in &imp.claims {
            if c.text == anchor
                || (n["exact_line"] != true && c.text.contains(anchor) && c.check_worthy)
            {
                problems.push(format!(
                    "{}: {anchor:?} is a claim ({}) but is {}",
                    n["id"], c.score, n["why"]
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "gold mismatches:\n{}",
        problems.join("\n")
    );
}

#[test]
fn seed_relative_dates_resolve_with_a_publication_date() {
    let text = std::fs::read_to_string(repo_root().join("seeds/000_918a3ce10e0930b5.txt")).unwrap();
    let published = chrono::NaiveDate::from_ymd_opt(2022, 6, 21);
    let imp = import(
        &text,
        &ImportOptions {
            published,
            ..Default::default()
        },
    )
    .unwrap();
    let rel: Vec<(&str, Option<&str>)> = imp
        .claims
        .iter()
        .flat_map(|c| &c.entities)
        .filter(|e| e.relative)
        .map(|e| (e.text.as_str(), e.value.as_deref()))
        .collect();
    assert!(rel.contains(&("قبل يومين", Some("2022-06-19"))), "{rel:?}");
    assert!(rel.contains(&("أمس الاثنين", Some("2022-06-20"))), "{rel:?}");
    assert!(
        rel.contains(&("14 يونيو الجاري", Some("2022-06-14"))),
        "{rel:?}"
    );
    assert!(
        imp.diagnostics.is_empty(),
        "2022-06-20 is a Monday: {:?}",
        imp.diagnostics
    );

    // Published on a Wednesday, `أمس الاثنين` is inconsistent: the importer says so.
    let published = chrono::NaiveDate::from_ymd_opt(2022, 6, 22);
    let imp = import(
        &text,
        &ImportOptions {
            published,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        imp.diagnostics.iter().any(|d| d.message.contains("الاثنين")),
        "{:?}",
        imp.diagnostics
    );
}

/// Trims whitespace and end punctuation, as the cases file says comparisons do.
fn norm(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…' | '،' | ',')
    })
}

#[test]
fn segmentation_cases() {
    let cases = read_json("../shared/gold/segmentation-cases.json");
    let mut failures = Vec::new();
    for case in cases["cases"].as_array().expect("cases") {
        let id = case["id"].as_str().unwrap_or("?");
        let input = case["input"].as_str().unwrap_or_default();
        let imp = match import(input, &ImportOptions::default()) {
            Ok(imp) => imp,
            Err(e) => {
                failures.push(format!("{id}: {e}"));
                continue;
            }
        };
        let got: Vec<&str> = imp.claims.iter().map(|c| norm(&c.text)).collect();
        let want: Vec<String> = strings(case, "segments");
        let want: Vec<&str> = want.iter().map(|s| norm(s)).collect();
        if got != want {
            failures.push(format!("{id}: segments {got:?}, expected {want:?}"));
        }
        for (key, field) in [
            ("dateline", &imp.article.dateline),
            ("agency", &imp.article.agency),
        ] {
            if let Some(w) = case[key].as_str() {
                if field.as_deref() != Some(w) {
                    failures.push(format!("{id}: {key} {field:?}, expected {w:?}"));
                }
            }
        }
        if case.get("headings").is_some() && imp.article.headings != strings(case, "headings") {
            failures.push(format!("{id}: headings {:?}", imp.article.headings));
        }
        let all = |kinds: &[EntityKind]| {
            imp.claims
                .iter()
                .flat_map(|c| values(c, kinds))
                .collect::<Vec<_>>()
        };
        for w in strings(case, "numbers") {
            if !all(NUMERIC).contains(&w) {
                failures.push(format!("{id}: number {w} missing from {:?}", all(NUMERIC)));
            }
        }
        for w in strings(case, "numbers_absent") {
            if all(NUMERIC).contains(&w) {
                failures.push(format!("{id}: number {w} must not be extracted"));
            }
        }
        for w in strings(case, "dates") {
            if !all(&[EntityKind::Date]).contains(&w) {
                failures.push(format!(
                    "{id}: date {w} missing from {:?}",
                    all(&[EntityKind::Date])
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "segmentation cases failing:\n{}",
        failures.join("\n")
    );
}
