//! Matching to earlier fact-checks on CheckThat! 2021 task 2A (`shared/matching/`, research use:
//! read in place, never copied): `cargo xtask train-match` fits the re-ranking model on the
//! **train** split and picks the two thresholds on the **dev** split, writing
//! `crates/match/src/weights.rs`; `cargo xtask eval` prints the matching table (MAP@5, MRR,
//! Recall@1/5/20 per language and split, plain BM25 beside claimtrack's re-ranking, and the
//! pairwise same-claim decision's precision/recall at both thresholds).
//!
//! Protocol: the collection is indexed in memory with `claimtrack_match::bm25::Index` over the
//! fact-check's claim and title; each query takes the [`CANDIDATES`] best BM25 documents, which the
//! model re-ranks (below them BM25 order is kept). A relevant fact-check missing from the recovered
//! collection still counts in the denominators (so Recall@20 < 1 is possible).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use claimtrack_match::bm25::Index;
use claimtrack_match::rank::{features, Doc, Model, Query, Thresholds, DIM};
use serde_json::{json, Value};

use crate::metrics::SplitMix;

/// Candidates re-ranked per query (the CLI asks the store for as many).
pub const CANDIDATES: usize = claimtrack_match::rank::CANDIDATES;
/// Shuffle seed of the model fit.
pub const SEED: u64 = 20_261_129;
/// Passes over the training pairs.
pub const EPOCHS: usize = 30;
/// AdaGrad base learning rate.
pub const LEARNING_RATE: f64 = 0.1;
/// L2 penalty per update.
pub const L2: f64 = 1e-4;
/// Pairwise precision the *suggest* threshold must reach on dev (lowest such threshold).
pub const SUGGEST_PRECISION: f64 = 0.5;
/// Pairwise precision the *strong* threshold must reach on dev (lowest such threshold).
pub const STRONG_PRECISION: f64 = 0.9;

/// One language's collection and splits.
pub struct Collection {
    pub lang: &'static str,
    pub ids: Vec<String>,
    pub docs: Vec<Doc>,
    pub index: Index,
    /// The candidates' full-text index as the store's SQLite engine ranks it (FTS5 `bm25()`).
    pub fts: claimtrack_store::CandidateIndex,
}

/// Queries of one split with their relevant fact-check ids.
pub struct Split {
    pub queries: Vec<(String, String)>,
    pub qrels: HashMap<String, HashSet<String>>,
}

fn tsv(path: &Path) -> Result<Vec<Vec<String>>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(true)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: record {}", path.display(), i + 1))?;
        rows.push(rec.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

/// Reads `shared/matching/<lang>/vclaims.tsv` and indexes it.
pub fn collection(root: &Path, lang: &'static str) -> Result<Collection> {
    let dir = root.join("../shared/matching").join(lang);
    let mut ids = Vec::new();
    let mut docs = Vec::new();
    let mut index = Index::new();
    for row in tsv(&dir.join("vclaims.tsv"))? {
        let get = |i: usize| row.get(i).map_or("", String::as_str);
        let doc = Doc::new(get(1), get(2), Some(lang), None);
        index.add(doc.terms.clone());
        ids.push(get(0).to_owned());
        docs.push(doc);
    }
    // FTS5's tokens of the stored terms: letters and digits, split elsewhere.
    let fts = claimtrack_store::CandidateIndex::new(docs.iter().enumerate().map(|(i, d)| {
        let tokens: Vec<&str> = d
            .terms
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|t| !t.is_empty())
            .collect();
        (i as i64, tokens)
    }));
    Ok(Collection {
        lang,
        ids,
        docs,
        index,
        fts,
    })
}

/// Reads one split (`train` or `dev`) of a language.
pub fn split(root: &Path, lang: &str, name: &'static str) -> Result<Split> {
    let dir = root.join("../shared/matching").join(lang);
    let queries = tsv(&dir.join(format!("{name}_queries.tsv")))?
        .into_iter()
        .filter_map(|r| Some((r.first()?.clone(), r.get(1)?.clone())))
        .collect();
    let path = dir.join(format!("qrels_{name}.tsv"));
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut qrels: HashMap<String, HashSet<String>> = HashMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() >= 4 && f[3] != "0" {
            qrels
                .entry(f[0].to_owned())
                .or_default()
                .insert(f[2].to_owned());
        }
    }
    Ok(Split { queries, qrels })
}

/// One query's candidates as `match` gets them from the store: (collection index, features,
/// bm25), best first by FTS5 `bm25()` over the query's rarest terms
/// ([`claimtrack_store::candidate_terms`]).
fn candidates(c: &Collection, text: &str) -> Vec<(usize, [f64; DIM], f64)> {
    let q = Query::new(text, Some(c.lang), None);
    let df: HashMap<String, u64> = q
        .terms
        .iter()
        .map(|t| (t.clone(), claimtrack_match::bm25::Stats::df(&c.index, t)))
        .collect();
    let words = claimtrack_store::candidate_terms(&q.terms, &df);
    let hits: Vec<(usize, f64)> = c
        .fts
        .candidate_ids(&words, CANDIDATES)
        .unwrap_or_default()
        .into_iter()
        .map(|i| (i as usize, 0.0))
        .collect();
    let docs: Vec<Doc> = hits.iter().map(|(i, _)| c.docs[*i].clone()).collect();
    let feats = features(&q, &docs, &c.index);
    hits.iter()
        .zip(feats)
        .map(|((i, s), f)| (*i, f.x, *s))
        .collect()
}

/// Ranking figures of one scorer over a split.
#[derive(Default, Clone, Copy)]
struct Figures {
    map5: f64,
    mrr: f64,
    r1: f64,
    r5: f64,
    r20: f64,
}

fn figures(ranked: &[Vec<bool>], relevant: &[usize]) -> Figures {
    let n = ranked.len().max(1) as f64;
    let mut f = Figures::default();
    for (r, &total) in ranked.iter().zip(relevant) {
        let total = total.max(1) as f64;
        let mut hits = 0.0;
        let mut ap = 0.0;
        for (i, &g) in r.iter().take(5).enumerate() {
            if g {
                hits += 1.0;
                ap += hits / (i + 1) as f64;
            }
        }
        f.map5 += ap / total / n;
        if let Some(i) = r.iter().position(|g| *g) {
            f.mrr += 1.0 / (i + 1) as f64 / n;
        }
        let recall = |k: usize| r.iter().take(k).filter(|g| **g).count() as f64 / total / n;
        f.r1 += recall(1);
        f.r5 += recall(5);
        f.r20 += recall(20);
    }
    f
}

/// Per-pair (score, relevant) of the re-ranked candidates, plus relevant pairs never retrieved.
struct Evaluated {
    bm25: Figures,
    ours: Figures,
    pairs: Vec<(f64, bool)>,
    missed: usize,
    queries: usize,
}

fn evaluate(c: &Collection, s: &Split, model: &Model) -> Evaluated {
    let (mut bm, mut ours, mut rel) = (Vec::new(), Vec::new(), Vec::new());
    let mut pairs = Vec::new();
    let mut missed = 0;
    let empty = HashSet::new();
    for (qid, text) in &s.queries {
        let relevant = s.qrels.get(qid).unwrap_or(&empty);
        let cands = candidates(c, text);
        let is_rel = |i: usize| relevant.contains(&c.ids[i]);
        let plain = c
            .index
            .search(&Query::new(text, Some(c.lang), None).terms, CANDIDATES);
        bm.push(plain.iter().map(|(i, _)| is_rel(*i)).collect::<Vec<_>>());
        let mut scored: Vec<(usize, f64, usize)> = cands
            .iter()
            .enumerate()
            .map(|(r, (i, x, _))| (*i, model.probability(x), r))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
        ours.push(
            scored
                .iter()
                .map(|(i, _, _)| is_rel(*i))
                .collect::<Vec<_>>(),
        );
        let found = scored.iter().filter(|(i, _, _)| is_rel(*i)).count();
        missed += relevant.len() - found;
        pairs.extend(scored.iter().map(|(i, p, _)| (*p, is_rel(*i))));
        rel.push(relevant.len());
    }
    Evaluated {
        bm25: figures(&bm, &rel),
        ours: figures(&ours, &rel),
        pairs,
        missed,
        queries: s.queries.len(),
    }
}

/// Pairwise precision and recall of `score ≥ t` (recall over every relevant pair, retrieved or not).
fn pairwise(e: &Evaluated, t: f64) -> (f64, f64) {
    let tp = e.pairs.iter().filter(|(p, g)| *p >= t && *g).count() as f64;
    let fp = e.pairs.iter().filter(|(p, g)| *p >= t && !*g).count() as f64;
    let pos = e.pairs.iter().filter(|(_, g)| *g).count() as f64 + e.missed as f64;
    (
        if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 },
        if pos > 0.0 { tp / pos } else { 0.0 },
    )
}

fn fig_json(f: Figures) -> Value {
    json!({"map5": f.map5, "mrr": f.mrr, "r1": f.r1, "r5": f.r5, "r20": f.r20})
}

/// The matching figures of `cargo xtask eval` with the embedded model and thresholds.
pub fn eval(root: &Path) -> Result<Value> {
    let model = Model::EMBEDDED;
    let t = Thresholds::EMBEDDED;
    let mut rows = Vec::new();
    for lang in ["ar", "en"] {
        let c = collection(root, lang)?;
        for name in ["train", "dev"] {
            let e = evaluate(&c, &split(root, lang, name)?, &model);
            let (sp, sr) = pairwise(&e, t.suggest);
            let (tp, tr) = pairwise(&e, t.strong);
            rows.push(json!({
                "language": lang, "split": name, "queries": e.queries,
                "bm25": fig_json(e.bm25), "claimtrack": fig_json(e.ours),
                "suggest": {"threshold": t.suggest, "precision": sp, "recall": sr},
                "strong": {"threshold": t.strong, "precision": tp, "recall": tr},
            }));
        }
    }
    Ok(Value::Array(rows))
}

/// The Markdown table of [`eval`]'s figures.
pub fn markdown(md: &mut String, rows: &Value) {
    let _ = writeln!(
        md,
        "\n**Matching to earlier fact-checks** (CheckThat! 2021 task 2A, `shared/matching/`; the \
         model is fitted on train, the thresholds chosen on dev — `docs/matching.md`):\n"
    );
    let _ = writeln!(md, "| language | split | queries | scorer | MAP@5 | MRR | R@1 | R@5 | R@20 |\n|---|---|---|---|---|---|---|---|---|");
    let f = |v: &Value| format!("{:.3}", v.as_f64().unwrap_or(0.0));
    for r in rows.as_array().into_iter().flatten() {
        for k in ["bm25", "claimtrack"] {
            let x = &r[k];
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                r["language"].as_str().unwrap_or(""),
                r["split"].as_str().unwrap_or(""),
                r["queries"],
                if k == "bm25" {
                    "plain BM25"
                } else {
                    "claimtrack"
                },
                f(&x["map5"]),
                f(&x["mrr"]),
                f(&x["r1"]),
                f(&x["r5"]),
                f(&x["r20"])
            );
        }
    }
    let _ = writeln!(md, "\nPairwise same-claim decision (every re-ranked candidate is a pair):\n\n| language | split | threshold | precision | recall |\n|---|---|---|---|---|");
    for r in rows.as_array().into_iter().flatten() {
        for k in ["suggest", "strong"] {
            let x = &r[k];
            let _ = writeln!(
                md,
                "| {} | {} | {k} ≥ {} | {} | {} |",
                r["language"].as_str().unwrap_or(""),
                r["split"].as_str().unwrap_or(""),
                f(&x["threshold"]),
                f(&x["precision"]),
                f(&x["recall"])
            );
        }
    }
}

/// The model in two steps. (1) Ranking: a logistic regression without intercept on feature
/// differences (relevant − not relevant, and the reverse as a negative) within each training
/// query, so the weights learn to order candidates rather than to classify them one by one
/// (RankNet's pairwise loss, Burges et al. 2005, with a linear scorer). (2) Calibration: Platt
/// scaling — a one-feature logistic regression of the label on that ranking score over all
/// candidates — so the output is a probability the thresholds can be read on. The two fold into
/// one plain logistic regression (weights × a, intercept b).
pub fn fit(queries: &[Vec<([f64; DIM], bool)>]) -> Model {
    let mut diffs = Vec::new();
    for q in queries {
        for (xr, _) in q.iter().filter(|c| c.1) {
            for (xn, _) in q.iter().filter(|c| !c.1) {
                let d: [f64; DIM] = std::array::from_fn(|k| xr[k] - xn[k]);
                diffs.push((d, true));
                diffs.push((d.map(|v| -v), false));
            }
        }
    }
    let ranker = fit_logistic(&diffs, false);
    let scored: Vec<([f64; DIM], bool)> = queries
        .iter()
        .flatten()
        .map(|(x, y)| {
            let s = ranker
                .weights
                .iter()
                .zip(x)
                .map(|(w, v)| w * v)
                .sum::<f64>();
            let mut one = [0.0; DIM];
            one[0] = s;
            (one, *y)
        })
        .collect();
    let platt = fit_logistic(&scored, true);
    Model {
        bias: platt.bias,
        weights: ranker.weights.map(|w| w * platt.weights[0]),
    }
}

/// Logistic regression by AdaGrad with L2 over (features, label) pairs, fixed shuffle seed;
/// `intercept` false keeps the bias at 0.
fn fit_logistic(pairs: &[([f64; DIM], bool)], intercept: bool) -> Model {
    let mut m = Model {
        bias: 0.0,
        weights: [0.0; DIM],
    };
    let mut g2 = [1e-8; DIM];
    let mut g2b = 1e-8f64;
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    let mut rng = SplitMix(SEED);
    for _ in 0..EPOCHS {
        rng.shuffle(&mut order);
        for &i in &order {
            let (x, y) = &pairs[i];
            let g = m.probability(x) - if *y { 1.0 } else { 0.0 };
            for k in 0..DIM {
                let grad = g * x[k] + L2 * m.weights[k];
                g2[k] += grad * grad;
                m.weights[k] -= LEARNING_RATE * grad / g2[k].sqrt();
            }
            if intercept {
                g2b += g * g;
                m.bias -= LEARNING_RATE * g / g2b.sqrt();
            }
        }
    }
    m
}

/// The lowest threshold (on a 0.01 grid) whose pairwise precision over `pairs` reaches `target`.
fn threshold(pairs: &[(f64, bool)], target: f64) -> f64 {
    (1..100)
        .map(|i| f64::from(i) / 100.0)
        .find(|&t| {
            let tp = pairs.iter().filter(|(p, g)| *p >= t && *g).count();
            let all = pairs.iter().filter(|(p, _)| *p >= t).count();
            all > 0 && tp as f64 / all as f64 >= target
        })
        .unwrap_or(0.99)
}

/// The model and thresholds from the data: fitted on both languages' train splits, thresholds
/// on both dev splits.
pub fn train(root: &Path) -> Result<(Model, Thresholds)> {
    let mut queries = Vec::new();
    let mut colls = Vec::new();
    for lang in ["ar", "en"] {
        let c = collection(root, lang)?;
        let s = split(root, lang, "train")?;
        let empty = HashSet::new();
        for (qid, text) in &s.queries {
            let relevant = s.qrels.get(qid).unwrap_or(&empty);
            queries.push(
                candidates(&c, text)
                    .into_iter()
                    .map(|(i, x, _)| (x, relevant.contains(&c.ids[i])))
                    .collect(),
            );
        }
        colls.push(c);
    }
    let model = fit(&queries);
    let mut dev_pairs = Vec::new();
    for c in &colls {
        dev_pairs.extend(evaluate(c, &split(root, c.lang, "dev")?, &model).pairs);
    }
    let t = Thresholds {
        suggest: threshold(&dev_pairs, SUGGEST_PRECISION),
        strong: threshold(&dev_pairs, STRONG_PRECISION),
    };
    Ok((model, t))
}

/// The text of `crates/match/src/weights.rs` for a model and thresholds.
pub fn weights_source(m: &Model, t: Thresholds) -> String {
    let w: Vec<String> = m.weights.iter().map(|w| format!("{w:.6}")).collect();
    format!(
        "//! The fitted re-ranking model and its thresholds. Generated by `cargo xtask train-match`\n\
         //! (`xtask/src/matching.rs`): logistic regression fitted on the CheckThat! 2021 task 2A\n\
         //! training split (Arabic and English), thresholds chosen on the dev split. Do not edit by hand.\n\n\
         /// Intercept.\npub const BIAS: f64 = {:.6};\n\
         /// One weight per `rank::FEATURES` entry, in that order.\npub const WEIGHTS: [f64; {DIM}] = [{}];\n\
         /// Suggest threshold: the lowest with pairwise precision ≥ {SUGGEST_PRECISION} on dev.\npub const SUGGEST: f64 = {:.2};\n\
         /// Strong threshold: the lowest with pairwise precision ≥ {STRONG_PRECISION} on dev.\npub const STRONG: f64 = {:.2};\n",
        m.bias,
        w.join(", "),
        t.suggest,
        t.strong
    )
}

/// `cargo xtask train-match`: fits, writes `crates/match/src/weights.rs`, prints the dev table.
pub fn run_train(root: &Path) -> Result<()> {
    let (m, t) = train(root)?;
    let path = root.join("crates/match/src/weights.rs");
    std::fs::write(&path, weights_source(&m, t))
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!(
        "wrote {}: bias {:.3}, weights {:?}, suggest {:.2}, strong {:.2}",
        path.display(),
        m.bias,
        m.weights,
        t.suggest,
        t.strong
    );
    for lang in ["ar", "en"] {
        let c = collection(root, lang)?;
        for name in ["train", "dev"] {
            let e = evaluate(&c, &split(root, lang, name)?, &m);
            println!(
                "{lang} {name}: MAP@5 {:.3} (plain BM25 {:.3}), MRR {:.3}, R@1 {:.3}, R@5 {:.3}, R@20 {:.3}",
                e.ours.map5, e.bm25.map5, e.ours.mrr, e.ours.r1, e.ours.r5, e.ours.r20
            );
        }
    }
    println!("rebuild, then `cargo xtask eval` shows the same figures with the embedded model");
    Ok(())
}
