//! The importer against the gold annotations: the seed article's (`shared/gold/seed-claims.json`),
//! the articles we annotated (`tests/fixtures/gold/*.json`), and the segmentation cases
//! (`shared/gold/segmentation-cases.json`). `shared/` is read via a path relative to the
//! repository root, as CI lays it out.

use std::path::PathBuf;

use claimtrack_import::gold::{check_article, check_segmentation_case};
use claimtrack_import::{import, ImportOptions};
use serde_json::Value;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_json(rel: &str) -> Value {
    let path = repo_root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} (is shared/ beside the repository?): {e}",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_gold_file(rel: &str) {
    let gold = read_json(rel);
    let src = gold["source"].as_str().expect("source");
    let text =
        std::fs::read_to_string(repo_root().join(src)).unwrap_or_else(|e| panic!("{src}: {e}"));
    let published = gold["published"].as_str().and_then(|d| d.parse().ok());
    let imp = import(
        &text,
        &ImportOptions {
            published,
            ..Default::default()
        },
    )
    .expect("imports");
    let score = check_article(&gold, &imp);
    assert!(
        score.problems.is_empty(),
        "{rel}: gold mismatches:\n{}",
        score.problems.join("\n")
    );
    assert!(
        score.high.0 + score.medium.0 > 0,
        "{rel}: no gold claims checked"
    );
}

#[test]
fn seed_article_satisfies_the_gold_annotation() {
    check_gold_file("../shared/gold/seed-claims.json");
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

#[test]
fn segmentation_cases() {
    let cases = read_json("../shared/gold/segmentation-cases.json");
    let failures: Vec<String> = cases["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .flat_map(check_segmentation_case)
        .collect();
    assert!(
        failures.is_empty(),
        "segmentation cases failing:\n{}",
        failures.join("\n")
    );
}

/// The articles we annotated (3 SaudiNewsNet, 3 MArSum): every high-tier claim check-worthy,
/// every medium one extracted, every expected entity found.
#[test]
fn annotated_articles_satisfy_their_gold() {
    let dir = repo_root().join("tests/fixtures/gold");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 6,
        "expected at least 6 annotated articles in {}",
        dir.display()
    );
    let mut problems = Vec::new();
    for f in &files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let text =
            std::fs::read_to_string(repo_root().join(gold["source"].as_str().unwrap())).unwrap();
        let published = gold["published"].as_str().and_then(|d| d.parse().ok());
        let imp = import(
            &text,
            &ImportOptions {
                published,
                ..Default::default()
            },
        )
        .unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        problems.extend(
            check_article(&gold, &imp)
                .problems
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
    }
    assert!(
        problems.is_empty(),
        "gold mismatches:\n{}",
        problems.join("\n")
    );
}
