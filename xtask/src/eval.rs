//! `cargo xtask eval`: every quality figure of the importer, printed and written to
//! `target/eval/report.md` and `target/eval/report.json`; with `--write-readme` the Markdown also
//! replaces the README's "Quality" section (between `<!-- quality:start -->` and
//! `<!-- quality:end -->`), so the README's figures are regenerated, never typed.
//!
//! Figures: segmentation pass rate on `shared/gold/segmentation-cases.json`; claim recall per tier,
//! entity recall, claimant accuracy and non-claims flagged on the seed gold and on
//! `tests/fixtures/gold/`;
//! check-worthiness F1/precision/recall/AP on the CheckThat! 2024 and 2021 Arabic dev splits and
//! MAP on the CLEF 2018 debates (leave-one-debate-out), each beside the all-"Yes", majority and
//! random baselines; throughput of the import pipeline (no database); matching claims to earlier
//! fact-checks on CheckThat! 2021 task 2A (`matching.rs`).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use claimtrack_import::gold::{check_article, check_segmentation_case, ArticleScore};
use claimtrack_import::{import, ImportOptions};
use serde_json::{json, Value};

use crate::data::{self, Example};
use crate::metrics::{average_precision, prf, SplitMix};
use crate::train;

fn read_json(path: &Path) -> Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", path.display()))
}

/// Segmentation cases: (passed, total, failures).
fn segmentation(root: &Path) -> Result<(usize, usize, Vec<String>)> {
    let cases = read_json(&root.join("../shared/gold/segmentation-cases.json"))?;
    let cases = cases["cases"].as_array().cloned().unwrap_or_default();
    let mut failures = Vec::new();
    let mut passed = 0;
    for c in &cases {
        let f = check_segmentation_case(c);
        if f.is_empty() {
            passed += 1;
        }
        failures.extend(f);
    }
    Ok((passed, cases.len(), failures))
}

/// The article annotations (`*.json`) in `dir` under the repository, sorted.
fn annotated_files(root: &Path, dir: &str) -> Result<Vec<std::path::PathBuf>> {
    let dir = root.join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Every gold article file the rules were tuned on: the seed's and ours.
fn gold_files(root: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut files = vec![root.join("../shared/gold/seed-claims.json")];
    files.extend(annotated_files(root, "tests/fixtures/gold")?);
    Ok(files)
}

fn claims(root: &Path, files: &[std::path::PathBuf]) -> Result<Vec<(String, ArticleScore)>> {
    let mut out = Vec::new();
    for f in files {
        let gold = read_json(f)?;
        let src = gold["source"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(root.join(src))
            .with_context(|| format!("cannot read {src}"))?;
        let published = gold["published"].as_str().and_then(|d| d.parse().ok());
        let imp = import(
            &text,
            &ImportOptions {
                published,
                ..Default::default()
            },
        )?;
        let name = f
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        out.push((name, check_article(&gold, &imp)));
    }
    Ok(out)
}

fn row(scores: &[f64], gold: &[bool]) -> Value {
    let (p, r, f) = prf(scores, gold, 0.5);
    json!({"f1": f, "precision": p, "recall": r, "ap": average_precision(scores, gold)})
}

/// F1/P/R/AP of claimtrack's scorer (and of its two parts) and of the baselines on one split.
fn classification(name: &str, examples: &[Example]) -> Value {
    let gold: Vec<bool> = examples.iter().map(|e| e.positive).collect();
    let parts: Vec<_> = examples
        .iter()
        .map(|e| claimtrack_import::assess_text(&e.text))
        .collect();
    let ours: Vec<f64> = parts.iter().map(|a| a.score).collect();
    let cue: Vec<f64> = parts.iter().map(|a| a.cue_score).collect();
    let learned: Vec<f64> = parts.iter().map(|a| a.learned_score).collect();
    let mut rng = SplitMix(42);
    let random: Vec<f64> = gold.iter().map(|_| rng.next_f64()).collect();
    let rate = gold.iter().filter(|g| **g).count() as f64 / gold.len().max(1) as f64;
    // A constant scorer ranks nothing: its expected AP is the positive rate.
    let constant = |yes: bool| {
        let (p, r, f) = prf(&vec![if yes { 1.0 } else { 0.0 }; gold.len()], &gold, 0.5);
        json!({"f1": f, "precision": p, "recall": r, "ap": rate})
    };
    json!({
        "split": name,
        "n": examples.len(),
        "positives": gold.iter().filter(|g| **g).count(),
        "claimtrack": row(&ours, &gold),
        "cues_only": row(&cue, &gold),
        "model_only": row(&learned, &gold),
        "all_yes": constant(true),
        "majority": constant(false),
        "random": row(&random, &gold),
    })
}

/// MAP over the three CLEF 2018 debates, each ranked by claimtrack's blend with a model trained on
/// the CheckThat! training data plus the two other debates.
fn clef2018(root: &Path) -> Result<Value> {
    let all = data::clef2018(root)?;
    let base = train::training_examples(root)?;
    let debates: Vec<String> = {
        let mut d: Vec<String> = all.iter().map(|e| e.group.clone()).collect();
        d.dedup();
        d
    };
    let mut per = Vec::new();
    let (mut ours_sum, mut random_sum, mut rate_sum) = (0.0, 0.0, 0.0);
    let mut rng = SplitMix(7);
    for d in &debates {
        let mut train_set = base.clone();
        train_set.extend(all.iter().filter(|e| &e.group != d).cloned());
        let model = train::fit(&train::featurise(&train_set));
        let held: Vec<&Example> = all.iter().filter(|e| &e.group == d).collect();
        let gold: Vec<bool> = held.iter().map(|e| e.positive).collect();
        let scores: Vec<f64> = held
            .iter()
            .map(|e| {
                let a = claimtrack_import::assess_text(&e.text);
                let (f, c) = claimtrack_import::line_features(&e.text);
                let p = f64::from(model.probability(&f, &c));
                claimtrack_import::CUE_SHARE * a.cue_score
                    + (1.0 - claimtrack_import::CUE_SHARE) * p
            })
            .collect();
        let random: Vec<f64> = gold.iter().map(|_| rng.next_f64()).collect();
        let ap = average_precision(&scores, &gold);
        let rap = average_precision(&random, &gold);
        let rate = gold.iter().filter(|g| **g).count() as f64 / gold.len().max(1) as f64;
        ours_sum += ap;
        random_sum += rap;
        rate_sum += rate;
        per.push(json!({"debate": d, "lines": held.len(), "positives": gold.iter().filter(|g| **g).count(), "ap": ap, "random_ap": rap}));
    }
    let n = debates.len().max(1) as f64;
    Ok(
        json!({"map": ours_sum / n, "random_map": random_sum / n, "all_yes_map": rate_sum / n, "debates": per}),
    )
}

/// Import throughput without the database, over the seed and 300 MArSum articles, 3 passes.
fn throughput(root: &Path) -> Result<Value> {
    let mut texts = vec![std::fs::read_to_string(
        root.join("seeds/000_918a3ce10e0930b5.txt"),
    )?];
    let corpus = std::fs::read_to_string(root.join("../shared/corpus/marsum/MArSum1_test.txt"))?;
    texts.extend(corpus.lines().skip(1).take(300).map(|l| {
        l.trim_start_matches('"')
            .split("\" \"")
            .next()
            .unwrap_or_default()
            .to_string()
    }));
    let bytes: usize = texts.iter().map(String::len).sum();
    let start = Instant::now();
    let mut sentences = 0;
    for _ in 0..3 {
        for t in &texts {
            if let Ok(imp) = import(t, &ImportOptions::default()) {
                sentences += imp.claims.len();
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    Ok(json!({
        "articles": texts.len() * 3,
        "bytes": bytes * 3,
        "seconds": secs,
        "mb_per_s": (bytes * 3) as f64 / 1e6 / secs,
        "sentences_per_s": sentences as f64 / secs,
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
    }))
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "–".into()
    } else {
        format!("{a}/{b} ({:.0}%)", 100.0 * a as f64 / b as f64)
    }
}

fn f3(v: &Value) -> String {
    v.as_f64().map_or("–".into(), |x| format!("{x:.3}"))
}

/// One row per article: tiers, entities, claimants, non-claims.
fn claims_table(md: &mut String, arts: &[(String, ArticleScore)]) {
    let _ = writeln!(md, "| article | high tier check-worthy | medium tier extracted | entities found | claimants right | non-claims flagged |\n|---|---|---|---|---|---|");
    for (name, s) in arts {
        let _ = writeln!(
            md,
            "| {name} | {} | {} | {} | {} | {} |",
            pct(s.high.1, s.high.0),
            pct(s.medium.1, s.medium.0),
            pct(s.entities.1, s.entities.0),
            pct(s.claimants.1, s.claimants.0),
            pct(s.non_claims.1, s.non_claims.0)
        );
    }
}

/// The Markdown of the report (also the README's Quality section).
fn markdown(
    report: &Value,
    arts: &[(String, ArticleScore)],
    heldout: &[(String, ArticleScore)],
) -> String {
    let mut md = String::new();
    let seg = &report["segmentation"];
    let _ = writeln!(md, "Generated by `cargo xtask eval` (figures are recomputed on every run; see `docs/scoring.md`).\n");
    let _ = writeln!(
        md,
        "**Segmentation**: {} of `shared/gold/segmentation-cases.json` pass.\n",
        pct(
            seg["passed"].as_u64().unwrap_or(0) as usize,
            seg["total"].as_u64().unwrap_or(0) as usize
        )
    );
    let _ = writeln!(
        md,
        "**Claims** (seed gold and our annotated articles in `tests/fixtures/gold/`):\n"
    );
    claims_table(&mut md, arts);
    let _ = writeln!(
        md,
        "\n*claimants right*: claims annotated with their speaker (or with none) that got it; the \
         seed gold has no claimant annotation. *non-claims flagged* (lower is better): lines \
         annotated as not claims (byline, headings, opinion, navigation) that became a claim of \
         exactly that text or a check-worthy claim containing it."
    );
    let _ = writeln!(
        md,
        "\n**Held-out articles** (`tests/fixtures/heldout/`: annotated after the rules were tuned, \
         without running claimtrack on them first. Their first run found fault classes that were \
         then fixed as classes (`docs/scoring.md`, \"Held-out articles\"), so they are no longer \
         unseen; they are not required to pass, and every miss is listed):\n"
    );
    claims_table(&mut md, heldout);
    for (name, s) in heldout {
        for p in &s.problems {
            let _ = writeln!(md, "- {name}: {p}");
        }
    }
    let _ = writeln!(
        md,
        "\n**Check-worthiness** (threshold 0.5; AP is threshold-free):\n"
    );
    let _ = writeln!(
        md,
        "| split | scorer | F1 | precision | recall | AP |\n|---|---|---|---|---|---|"
    );
    for split in report["checkworthiness"].as_array().into_iter().flatten() {
        for k in [
            "claimtrack",
            "cues_only",
            "model_only",
            "all_yes",
            "majority",
            "random",
        ] {
            let r = &split[k];
            let _ = writeln!(
                md,
                "| {} (n={}) | {k} | {} | {} | {} | {} |",
                split["split"].as_str().unwrap_or(""),
                split["n"],
                f3(&r["f1"]),
                f3(&r["precision"]),
                f3(&r["recall"]),
                f3(&r["ap"])
            );
        }
    }
    let _ = writeln!(
        md,
        "\nRead these figures with care: all-Yes has the best F1 on the 2024 split (its positive rate \
         is 38 %), so AP is the fairer comparison; the model alone ranks tweets better than the blend \
         (higher AP), which keeps 40 % on the documented cues so that news sentences — which the \
         tweet-trained model underrates — stay check-worthy (`docs/scoring.md`). The dev splits are \
         never trained on, but the epochs and the blend share were chosen on the 2024 dev split (the \
         2021 one was watched too), so these are tuned figures, not unseen ones; the first runs of \
         the held-out articles (`docs/scoring.md`) are the closest to an unseen check."
    );
    let c = &report["clef2018"];
    let _ = writeln!(
        md,
        "\n**CLEF 2018 Arabic debates**, leave-one-debate-out: MAP {} (random {}, all-Yes {}).\n",
        f3(&c["map"]),
        f3(&c["random_map"]),
        f3(&c["all_yes_map"])
    );
    let t = &report["throughput"];
    let _ = writeln!(md, "**Throughput** (import without the database, {} build, {} articles): {:.2} MB/s, {:.0} sentences/s.", t["profile"].as_str().unwrap_or(""), t["articles"], t["mb_per_s"].as_f64().unwrap_or(0.0), t["sentences_per_s"].as_f64().unwrap_or(0.0));
    if t["profile"] == "debug" {
        let _ = writeln!(
            md,
            "`cargo xtask eval` runs a debug build; `cargo bench -p claimtrack-import` measures the \
             release build, several times faster."
        );
    }
    md
}

/// `cargo xtask eval [--write-readme]`.
pub fn run(root: &Path, write_readme: bool) -> Result<()> {
    let (passed, total, seg_failures) = segmentation(root)?;
    let arts = claims(root, &gold_files(root)?)?;
    let heldout = claims(root, &annotated_files(root, "tests/fixtures/heldout")?)?;
    let report = json!({
        "segmentation": {"passed": passed, "total": total, "failures": seg_failures},
        "claims": arts.iter().map(|(n, s)| json!({"article": n, "score": s})).collect::<Vec<_>>(),
        "heldout": heldout.iter().map(|(n, s)| json!({"article": n, "score": s})).collect::<Vec<_>>(),
        "checkworthiness": [
            classification("CheckThat! 2024 Arabic dev", &data::ct24(root, "dev")?),
            classification("CheckThat! 2021 Arabic dev", &data::ct21(root, "Dev")?),
        ],
        "clef2018": clef2018(root)?,
        "throughput": throughput(root)?,
        "matching": crate::matching::eval(root)?,
    });
    let mut md = markdown(&report, &arts, &heldout);
    crate::matching::markdown(&mut md, &report["matching"]);
    let out = root.join("target/eval");
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    std::fs::write(
        out.join("report.json"),
        serde_json::to_string_pretty(&report)?,
    )?;
    std::fs::write(out.join("report.md"), &md)?;
    print!("{md}");
    println!(
        "\nwrote {} and report.json",
        out.join("report.md").display()
    );
    if write_readme {
        let path = root.join("README.md");
        let readme = std::fs::read_to_string(&path)?;
        let (start, end) = ("<!-- quality:start -->", "<!-- quality:end -->");
        let (Some(a), Some(b)) = (readme.find(start), readme.find(end)) else {
            anyhow::bail!("README.md has no {start} … {end} section");
        };
        let updated = format!("{}{start}\n{md}{}", &readme[..a], &readme[b..]);
        std::fs::write(&path, updated)?;
        println!("updated the Quality section of {}", path.display());
    }
    Ok(())
}
