//! The in-memory candidate index proposes exactly the candidates the engine's full-text query
//! proposes (SQLite FTS5 `bm25()`, ties by id), and the library version moves with every change.

mod common;

use chrono::{TimeZone, Utc};
use claimtrack_store::{FactCheckKey, NewFactCheck, Store, Stored};
use common::Engine;

fn fc(url: &str, terms: &[String]) -> NewFactCheck {
    NewFactCheck {
        key: FactCheckKey::Url(url.into()),
        claim: terms.join(" "),
        title: None,
        rating: None,
        rating_value: None,
        best_rating: None,
        worst_rating: None,
        verdict: None,
        publisher: None,
        date: None,
        language: Some("ar".into()),
        claimant: None,
        terms: terms.to_vec(),
        claim_terms: terms.len(),
    }
}

/// A small deterministic generator (64-bit LCG), so a failure names a reproducible library.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
    /// A word of a Zipf-like vocabulary: low numbers are common, like a library's words.
    fn word(&mut self, vocab: &[String]) -> String {
        let a = self.next(vocab.len());
        let b = self.next(a + 1);
        vocab[b].clone()
    }
}

fn vocabulary() -> Vec<String> {
    let stems = [
        "حريق",
        "مستشفي",
        "بغداد",
        "لقاح",
        "كورونا",
        "وفاه",
        "شخص",
        "سد",
        "النهضه",
        "ماكرون",
        "water",
        "cure",
        "covid",
        "vaccine",
        "2020",
        "120",
        "12",
        "é",
        "ملك",
        "مغرب",
    ];
    let mut v: Vec<String> = stems.iter().map(|s| (*s).to_owned()).collect();
    for i in 0..200 {
        v.push(format!("{}{i}", stems[i % stems.len()]));
    }
    v
}

/// Hundreds of fact-checks (repeated words, identical documents whose scores tie, updates that
/// replace full-text rows) and hundreds of queries: the index's candidates are the store's, in
/// the same order.
#[test]
fn the_index_proposes_what_fts5_proposes() {
    let mut s = Store::open_in_memory().unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let vocab = vocabulary();
    let mut rng = Lcg(7);
    let mut docs = Vec::new();
    for i in 0..400 {
        let len = 1 + rng.next(30);
        let terms: Vec<String> = (0..len).map(|_| rng.word(&vocab)).collect();
        docs.push(fc(&format!("https://x.org/{i}"), &terms));
        if i % 50 == 0 {
            // The same text under another URL: equal scores, ordered by id.
            docs.push(fc(&format!("https://x.org/{i}-copy"), &terms));
        }
    }
    s.store_factchecks(&docs, "gen", t0).unwrap();
    // Updates: FTS5 deletes and re-inserts their rows.
    let updates: Vec<NewFactCheck> = (0..40)
        .map(|i| {
            let terms: Vec<String> = (0..1 + rng.next(10)).map(|_| rng.word(&vocab)).collect();
            fc(&format!("https://x.org/{}", i * 7), &terms)
        })
        .collect();
    let out = s.store_factchecks(&updates, "gen", t0).unwrap();
    assert!(out.iter().any(|o| matches!(o, Stored::Updated(_))));

    let (_, index) = s.candidate_index().unwrap().expect("an index on SQLite");
    assert_eq!(index.len(), docs.len());
    let mut compared = 0;
    for _ in 0..300 {
        let query: Vec<String> = (0..1 + rng.next(20)).map(|_| rng.word(&vocab)).collect();
        let stats = s.library_stats(&query).unwrap();
        let words = claimtrack_store::candidate_terms(&query, &stats.df);
        for limit in [1, 5, 50] {
            let expected = s.factcheck_candidate_ids(&words, limit).unwrap();
            let got = index.candidate_ids(&words, limit).expect("known words");
            assert_eq!(got, expected, "query {words:?}, limit {limit}");
            compared += expected.len();
        }
    }
    assert!(
        compared > 1000,
        "the queries found few candidates: {compared}"
    );
    // A word no fact-check holds as a token: the index cannot say what FTS5 would do.
    assert_eq!(index.candidate_ids(&["غائب"], 5), None);
}

/// Stored terms that FTS5 tokenises differently from how they are written (a hyphen splits,
/// capitals fold): no index, so callers ask the engine.
#[test]
fn terms_fts5_splits_get_no_index() {
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    for odd in ["covid-19", "COVID"] {
        let mut s = Store::open_in_memory().unwrap();
        s.store_factchecks(
            &[
                fc("https://x.org/a", &["حريق".into(), odd.into()]),
                fc("https://x.org/b", &["سد".into()]),
            ],
            "gen",
            t0,
        )
        .unwrap();
        assert!(s.candidate_index().unwrap().is_none(), "{odd}");
    }
}

/// The version moves with an insert and an update, not with a record stored unchanged.
fn the_version_moves_with_each_change(e: Engine) {
    let mut s = e.open();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let v0 = s.library_version().unwrap();
    let a = fc("https://x.org/a", &["حريق".into()]);
    s.store_factchecks(std::slice::from_ref(&a), "gen", t0)
        .unwrap();
    let v1 = s.library_version().unwrap();
    assert_ne!(v0, v1);
    s.store_factchecks(std::slice::from_ref(&a), "gen", t0)
        .unwrap();
    assert_eq!(s.library_version().unwrap(), v1);
    s.store_factchecks(&[fc("https://x.org/a", &["سد".into()])], "gen", t0)
        .unwrap();
    let v2 = s.library_version().unwrap();
    assert_ne!(v1, v2);
    match e {
        Engine::Sqlite => {
            let (v, index) = s.candidate_index().unwrap().expect("an index on SQLite");
            assert_eq!(v, v2);
            assert_eq!(index.candidate_ids(&["سد"], 5), Some(vec![1]));
        }
        Engine::Postgres => assert!(s.candidate_index().unwrap().is_none()),
    }
}

on_both_engines!(the_version_moves_with_each_change);
