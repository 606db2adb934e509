//! `cargo xtask bench-match [--library N] [--queries N] [--rounds N] [--keep PATH | --open PATH]`: the speed
//! of matching (not a test: numbers depend on the machine; run with `--release`). `--keep PATH`
//! writes the library database to PATH (a new file) instead of a temporary one, e.g. to import
//! articles into it and time matching at import; `--open PATH` times only the queries, against
//! a library kept before (step 1 is skipped).
//!
//! 1. **library import**: N fact-checks (default 100,000) built from the shared corpora — the
//!    CheckThat! 2021 task 2A fact-checks (Arabic and English, 21k), then sentences of the MArSum
//!    articles (`../shared/corpus/marsum/`), then runs of 2, 3, … consecutive sentences, each with
//!    a URL of its own — stored as `factchecks import` stores one file: normalised 1,000 at a
//!    time on every core while the 1,000 before are written, all in one transaction
//!    (`Store::store_factchecks_streamed`), into a SQLite file in a temporary directory.
//!    Reported: fact-checks per second.
//! 2. **match**: on a new connection (as `claimtrack match` runs after an import, in a process
//!    of its own), the CheckThat! dev tweets (Arabic and English) as queries, each through the
//!    CLI's pipeline (FTS5 candidates and statistics, then re-ranking), all of them `--rounds`
//!    times (5), each query's median run kept; p50, p95 and max latency over the queries.

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

/// The fact-check `n` of the generated library, normalised as `factchecks import` does
/// (`to_store`): claim terms, then title terms.
fn new_factcheck(n: usize, claim: &str, title: &str) -> NewFactCheck {
    let mut t = terms(claim);
    let claim_terms = t.len();
    t.extend(terms(title));
    NewFactCheck {
        key: FactCheckKey::Url(format!("https://bench.example/{n}")),
        claim: claim.to_owned(),
        title: Some(title.to_owned()).filter(|t| !t.is_empty()),
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
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// `cargo xtask bench-match`.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let (mut library, mut queries, mut rounds) = (100_000usize, usize::MAX, 5usize);
    let mut keep: Option<std::path::PathBuf> = None;
    let mut open: Option<std::path::PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--library" => library = value()?.parse().context("--library")?,
            "--queries" => queries = value()?.parse().context("--queries")?,
            "--keep" => keep = Some(value()?.into()),
            "--open" => open = Some(value()?.into()),
            "--rounds" => {
                rounds = value()?.parse().context("--rounds")?;
                if rounds == 0 {
                    bail!("--rounds must be at least 1");
                }
            }
            other => bail!(
                "unknown option {other} (bench-match [--library N] [--queries N] [--rounds N] \
                 [--keep PATH | --open PATH])"
            ),
        }
    }
    if queries == 0 {
        bail!("--queries must be at least 1");
    }
    if open.is_some() && keep.is_some() {
        bail!("--open and --keep exclude each other (--open times a library kept before)");
    }
    if let Some(path) = open {
        if !path.exists() {
            bail!("--open {}: no such file", path.display());
        }
        // Read-only: a benchmark never migrates or writes the file it is given.
        let store = Store::open_read_only(&path)?;
        if store.factcheck_candidates(&[], 0)?.1.docs == 0 {
            bail!("--open {}: the library holds no fact-check", path.display());
        }
        return time_queries(root, &store, queries, rounds);
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
    // As `factchecks import` stores one file (`store_records`): one transaction, each chunk of
    // 1,000 normalised on every core while the chunk before is written.
    std::thread::scope(|s| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let items = &items;
        s.spawn(move || {
            for (b, chunk) in items.chunks(1000).enumerate() {
                let batch: Vec<NewFactCheck> = chunk
                    .par_iter()
                    .enumerate()
                    .map(|(i, (claim, title))| new_factcheck(b * 1000 + i, claim, title))
                    .collect();
                if tx.send(Some(batch)).is_err() {
                    return;
                }
            }
            let _ = tx.send(None);
        });
        let chunks = std::iter::from_fn(|| match rx.recv() {
            Ok(Some(batch)) => Some(Ok(batch)),
            Ok(None) => None,
            Err(_) => Some(Err(anyhow::anyhow!("normalising the library stopped"))),
        });
        store.store_factchecks_streamed(chunks, "bench", now)?;
        Ok(())
    })?;
    let import = start.elapsed();
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
    // Queries on a connection of their own, opened after the import's is closed: `claimtrack
    // match` runs in a process of its own, after the import's has checkpointed its log.
    drop(store);
    time_queries(root, &Store::open(&path)?, queries, rounds)?;
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

/// Step 2: the dev tweets (at most `queries`) matched against `store`'s library, one at a time;
/// prints p50, p95 and max.
fn time_queries(root: &Path, store: &Store, queries: usize, rounds: usize) -> Result<()> {
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
    // Each query `rounds` times, round after round, and its median kept: one run per query
    // swung the p50 by a fifth on this shared machine (another process's burst lands on a few
    // queries of one round, not on the same query in most rounds).
    let mut runs: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); qs.len()];
    for _ in 0..rounds {
        for (q, runs) in qs.iter().zip(&mut runs) {
            runs.push(time_one(store, q)?);
        }
    }
    let mut times: Vec<Duration> = runs
        .iter_mut()
        .map(|r| {
            r.sort();
            r[r.len() / 2]
        })
        .collect();
    times.sort();
    println!(
        "match over {} fact-checks, {} queries (each the median of {rounds} runs): p50 {:.2} ms, \
         p95 {:.2} ms, max {:.2} ms",
        store.factcheck_candidates(&[], 0)?.1.docs,
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    Ok(())
}

/// One query through the CLI's pipeline, timed.
fn time_one(store: &Store, q: &str) -> Result<Duration> {
    {
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
        Ok(t0.elapsed())
    }
}

/// A fresh directory under the system temporary directory.
fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("claimtrack-bench-match-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}
