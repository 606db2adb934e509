//! Re-ranking cost per claim (no database): `cargo bench -p claimtrack-match`.
//!
//! What matching at import does per claim once its candidates are known: the query's terms,
//! facts and profile, then the best candidate at or above *suggest* among its 50 BM25
//! candidates (`rank::best`, which skips the candidates whose feature bounds cannot reach it),
//! beside the query's part alone and the same claims scored in full (every candidate's
//! features). Library: the CheckThat!
//! 2021 task 2A fact-checks (`shared/matching/`, Arabic and English, 21k), profiled once as the
//! import keeps them; claims: their train and dev tweets. Needs `../shared/` beside the
//! repository (research data, not in it); without it the benchmark says so and does nothing.

use std::path::{Path, PathBuf};

use claimtrack_match::bm25::Index;
use claimtrack_match::features::{profile_scores, Profile};
use claimtrack_match::rank::{best, CANDIDATES};
use claimtrack_match::{Doc, Model, Query, Thresholds};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn shared(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/matching")
        .join(path)
}

/// The rows of a tab-separated file with a header (quoted fields may span lines).
fn tsv(path: &Path) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    rdr.records()
        .map(|r| r.expect("a TSV record").iter().map(str::to_owned).collect())
        .collect()
}

/// One language's library (profiles and statistics) and its claims with their candidates.
struct Language {
    index: Index,
    profiles: Vec<Profile>,
    claims: Vec<(String, Vec<usize>)>,
}

fn language(lang: &str) -> Language {
    let mut index = Index::new();
    let mut profiles = Vec::new();
    for row in tsv(&shared(&format!("{lang}/vclaims.tsv"))) {
        let get = |i: usize| row.get(i).map_or("", String::as_str);
        let doc = Doc::new(get(1), get(2), Some(lang), None);
        index.add(doc.terms.clone());
        profiles.push(Profile::of_doc(&doc));
    }
    let mut claims = Vec::new();
    for split in ["train", "dev"] {
        for row in tsv(&shared(&format!("{lang}/{split}_queries.tsv"))) {
            let Some(text) = row.get(1) else { continue };
            let q = Query::new(text, None, None);
            let candidates = index
                .search(&q.terms, CANDIDATES)
                .into_iter()
                .map(|(i, _)| i)
                .collect();
            claims.push((text.clone(), candidates));
        }
    }
    Language {
        index,
        profiles,
        claims,
    }
}

fn benches(c: &mut Criterion) {
    if !shared("ar/vclaims.tsv").exists() {
        eprintln!("skipped: ../shared/matching/ is not beside the repository");
        return;
    }
    let languages = [language("ar"), language("en")];
    let claims: u64 = languages.iter().map(|l| l.claims.len() as u64).sum();
    let model = Model::EMBEDDED;
    let suggest = Thresholds::EMBEDDED.suggest;
    let mut group = c.benchmark_group("rerank");
    group.sample_size(10);
    group.throughput(Throughput::Elements(claims));
    // Per claim: its query profile, then `f` over it and its candidates' profiles.
    let each_claim = |f: &dyn Fn(&Profile, &[&Profile], &Index) -> usize| {
        let mut total = 0;
        for l in &languages {
            for (text, candidates) in &l.claims {
                let q = Profile::of_query(&Query::new(text, None, None));
                let docs: Vec<&Profile> = candidates.iter().map(|i| &l.profiles[*i]).collect();
                total += f(&q, &docs, &l.index);
            }
        }
        total
    };
    group.bench_function("best above suggest", |b| {
        b.iter(|| {
            each_claim(&|q, docs, stats| {
                usize::from(best(q, docs, stats, &model, suggest).is_some())
            })
        })
    });
    group.bench_function("query only", |b| {
        b.iter(|| each_claim(&|q, _, stats| profile_scores(q, &[], stats).len() + q.terms.len()))
    });
    group.bench_function("every candidate scored", |b| {
        b.iter(|| each_claim(&|q, docs, stats| profile_scores(q, docs, stats).len()))
    });
    group.finish();
}

criterion_group!(rerank, benches);
criterion_main!(rerank);
