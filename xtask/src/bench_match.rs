//! `cargo xtask bench-match [--library N] [--queries N] [--keep PATH]`: the speed of matching
//! (not a test: numbers depend on the machine; run with `--release`). `--keep PATH` writes the
//! library database to PATH (a new file) instead of a temporary one, e.g. to import articles
//! into it and time matching at import.
//!
//! 1. **library import**: N fact-checks (default 100,000) built from the shared corpora — the
//!    CheckThat! 2021 task 2A fact-checks (Arabic and English, 21k), then sentences of the MArSum
//!    articles (`../shared/corpus/marsum/`), then runs of 2, 3, … consecutive sentences, each with
//!    a URL of its own — normalised and
//!    stored with `Store::store_factchecks` in batches of 1,000 (one transaction each) into a
//!    SQLite file in a temporary directory. Reported: fact-checks per second.
//! 2. **match**: the CheckThat! dev tweets (Arabic and English) as queries, each through the
//!    CLI's pipeline (FTS5 candidates and statistics, then re-ranking); p50, p95 and max latency.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use chrono::Utc;
use claimtrack_match::bm25::StatsTable;
use claimtrack_match::normalise::terms;
use claimtrack_match::rank::{rank_shown, CANDIDATES};
use claimtrack_match::{Doc, Model, Query, Thresholds};
use claimtrack_store::{FactCheckKey, NewFactCheck, Store};

use crate::matching;
use rayon::prelude::*;

fn texts(root: &Path, n: usize) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for lang in ["ar", "en"] {
        let c = matching::collection(root, lang)?;
        for d in &c.docs {
            let mut parts = d.text.splitn(2, '\n');
            out.push((
                parts.next().unwrap_or("").to_owned(),
                parts.next().unwrap_or("").to_owned(),
            ));
        }
    }
    let corpus = std::fs::read_to_string(root.join("../shared/corpus/marsum/MArSum1_test.txt"))
        .context("cannot read ../shared/corpus/marsum/MArSum1_test.txt")?;
    let sentences: Vec<&str> = corpus
        .lines()
        .skip(1)
        .flat_map(|l| l.split(['.', '،', '؛']))
        .map(|s| s.trim().trim_matches('"'))
        .filter(|s| s.split_whitespace().count() >= 6)
        .collect();
    // Single sentences, then runs of 2, 3, … consecutive ones, until there are enough.
    'outer: for run in 1..=8 {
        for w in sentences.windows(run) {
            if out.len() >= n {
                break 'outer;
            }
            out.push((w.join(" "), String::new()));
        }
    }
    if out.len() < n {
        bail!(
            "the corpora give {} texts, fewer than --library {n}",
            out.len()
        );
    }
    out.truncate(n);
    Ok(out)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// `cargo xtask bench-match`.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let (mut library, mut queries) = (100_000usize, usize::MAX);
    let mut keep: Option<std::path::PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--library" => library = value()?.parse().context("--library")?,
            "--queries" => queries = value()?.parse().context("--queries")?,
            "--keep" => keep = Some(value()?.into()),
            other => bail!(
                "unknown option {other} (bench-match [--library N] [--queries N] [--keep PATH])"
            ),
        }
    }
    let items = texts(root, library)?;
    let dir = tempfile_dir()?;
    let path = keep.unwrap_or_else(|| dir.join("bench.db"));
    if path.exists() {
        bail!("--keep {}: the file exists", path.display());
    }
    let mut store = Store::open(&path)?;
    let now = Utc::now();
    let start = Instant::now();
    for (b, chunk) in items.chunks(1000).enumerate() {
        // Normalised on every core, as `factchecks import` does.
        let batch: Vec<NewFactCheck> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, (claim, title))| {
                let mut t = terms(claim);
                let claim_terms = t.len();
                t.extend(terms(title));
                NewFactCheck {
                    key: FactCheckKey::Url(format!("https://bench.example/{}", b * 1000 + i)),
                    claim: claim.clone(),
                    title: Some(title.clone()).filter(|t| !t.is_empty()),
                    rating: None,
                    rating_value: None,
                    best_rating: None,
                    worst_rating: None,
                    verdict: None,
                    publisher: None,
                    date: None,
                    language: None,
                    claimant: None,
                    terms: t,
                    claim_terms,
                }
            })
            .collect();
        store.store_factchecks(&batch, "bench", now)?;
    }
    let import = start.elapsed();
    let mut qs: Vec<String> = Vec::new();
    for lang in ["ar", "en"] {
        qs.extend(
            matching::split(root, lang, "dev")?
                .queries
                .into_iter()
                .map(|q| q.1),
        );
    }
    qs.truncate(queries);
    let mut times = Vec::with_capacity(qs.len());
    for q in &qs {
        let t0 = Instant::now();
        let query = Query::new(q, None, None);
        let (cands, stats) = store.factcheck_candidates(&query.terms, CANDIDATES)?;
        let docs: Vec<Doc> = cands
            .iter()
            .map(|c| {
                let (title, lang) = (c.check.title.as_deref(), c.check.language.as_deref());
                Doc::with_terms(
                    c.check.terms.clone(),
                    c.check.claim_terms,
                    &c.check.claim,
                    title,
                    lang,
                    c.check.date,
                )
            })
            .collect();
        let stats = StatsTable {
            docs: stats.docs,
            avg_len: stats.avg_len,
            df: stats.df,
        };
        // What `match` computes (`claimtrack match`'s default --limit is 10).
        let _ = rank_shown(
            &query,
            &docs,
            &stats,
            &Model::EMBEDDED,
            Thresholds::EMBEDDED,
            10,
        );
        times.push(t0.elapsed());
    }
    times.sort();
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "bench-match ({profile} build): library import {} fact-checks in {:.2} s = {:.0} fact-checks/s",
        items.len(),
        import.as_secs_f64(),
        items.len() as f64 / import.as_secs_f64()
    );
    println!(
        "match over {} fact-checks, {} queries: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        items.len(),
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

/// A fresh directory under the system temporary directory.
fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("claimtrack-bench-match-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}
