//! The clustering index on both engines: index rows, band keys and statistics counted once per
//! claim, neighbours by key (newest first, bounded), cluster changes (renames then members) in
//! the same transaction, the pending mark of claims stored before the index (and after a copy).

mod common;

use std::collections::{BTreeMap, HashSet};

use chrono::{TimeZone, Utc};
use claimtrack_model::{Article, ClaimKind, ExtractedClaim, Span};
use claimtrack_store::{ClusterChanges, IndexedClaim, Store, StoreError};
use common::Engine;

/// One article whose sentences are `sentences` (each a check-worthy claim when `worthy`);
/// returns the claim ids in order.
fn article(s: &mut Store, tag: char, sentences: &[&str], worthy: bool) -> Vec<i64> {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let text = sentences.join(" ");
    let claims: Vec<ExtractedClaim> = sentences
        .iter()
        .map(|needle| {
            let start = text.find(needle).unwrap();
            let span = Span::new(start, start + needle.len());
            ExtractedClaim {
                text: (*needle).to_owned(),
                span,
                context_span: span,
                score: if worthy { 0.9 } else { 0.1 },
                check_worthy: worthy,
                kind: ClaimKind::Event,
                reasons: vec![],
                entities: vec![],
                claimant: None,
            }
        })
        .collect();
    let out = s
        .insert_article(
            &Article::bare(tag.to_string().repeat(64), &text),
            &claims,
            now,
            "x",
        )
        .unwrap();
    let id = match out {
        claimtrack_store::ImportOutcome::Inserted { article_id } => article_id,
        other => panic!("{other:?}"),
    };
    if !worthy {
        return Vec::new();
    }
    s.check_worthy_claims_of(&[id])
        .unwrap()
        .into_iter()
        .map(|c| c.0)
        .collect()
}

fn item(id: i64, terms: &[&str], bands: &[i64]) -> IndexedClaim {
    IndexedClaim {
        claim_id: id,
        terms: terms.iter().map(|t| (*t).to_owned()).collect(),
        bands: bands.to_vec(),
    }
}

fn index_counts_each_claim_once_and_finds_neighbours_by_key(e: Engine) {
    let mut s = e.open();
    let ids = article(
        &mut s,
        'a',
        &["حريق في بغداد.", "حريق في بغداد مساء.", "ذهب يرتفع."],
        true,
    );
    assert_eq!(ids.len(), 3);
    assert!(
        !s.claim_index_pending().unwrap(),
        "a new database has nothing to index"
    );
    let items = [
        item(ids[0], &["حريق", "بغداد"], &[10, 11]),
        item(ids[1], &["حريق", "بغداد", "مساء"], &[10, 12]),
        item(ids[2], &["ذهب", "يرتفع"], &[13, 13]),
    ];
    s.index_and_cluster(&items, &ClusterChanges::default())
        .unwrap();
    // Indexing again changes nothing: statistics count each claim once.
    s.index_and_cluster(&items[..1], &ClusterChanges::default())
        .unwrap();
    let stats = s.desk_stats(&["حريق", "مساء", "غائب"]).unwrap();
    assert_eq!(stats.docs, 3);
    assert!(
        (stats.avg_len - 7.0 / 3.0).abs() < 1e-9,
        "{}",
        stats.avg_len
    );
    let df: BTreeMap<_, _> = stats.df.into_iter().collect();
    assert_eq!(
        df,
        BTreeMap::from([
            ("حريق".to_owned(), 2),
            ("غائب".to_owned(), 0),
            ("مساء".to_owned(), 1)
        ])
    );
    let none = HashSet::new();
    let near = s
        .band_neighbours(&[(ids[0], &[10, 11]), (ids[2], &[13, 99])], 20, 20, &none)
        .unwrap();
    assert_eq!(near, vec![vec![ids[1]], vec![]]);
    // Bounded per key, newest first; skipped ids are left out.
    assert_eq!(
        s.band_neighbours(&[(0, &[10])], 1, 20, &none).unwrap(),
        vec![vec![ids[1]]]
    );
    let skip = HashSet::from([ids[1]]);
    assert_eq!(
        s.band_neighbours(&[(ids[0], &[10])], 20, 20, &skip)
            .unwrap(),
        vec![Vec::<i64>::new()]
    );
    // At most `per_claim` per query, those sharing the most keys first: a query with keys 10
    // and 12 shares two with claim 1 and one with claim 0.
    assert_eq!(
        s.band_neighbours(&[(0, &[10, 12])], 20, 1, &none).unwrap(),
        vec![vec![ids[1]]]
    );
    assert_eq!(
        s.band_neighbours(&[(0, &[10, 12])], 20, 2, &none).unwrap(),
        vec![vec![ids[0], ids[1]]]
    );
    let back = s.indexed_claims(&[ids[1], 999_999]).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].text, "حريق في بغداد مساء.");
    assert_eq!(back[0].terms, ["حريق", "بغداد", "مساء"]);
    let page = s.indexed_claims_after(ids[0], 10).unwrap();
    assert_eq!(page.iter().map(|d| d.id).collect::<Vec<_>>(), &ids[1..]);
}

fn cluster_changes_rename_then_set_members_in_one_transaction(e: Engine) {
    let mut s = e.open();
    let ids = article(&mut s, 'b', &["أ ب ج.", "د ه و.", "ز ح ط.", "ي ك ل."], true);
    s.set_clusters(&[
        (ids[1], Some(ids[1])),
        (ids[2], Some(ids[1])),
        (ids[3], Some(ids[3])),
    ])
    .unwrap();
    // Claim 0 joins cluster 1 (renamed to 0) and cluster 3 merges into it.
    let changes = ClusterChanges {
        members: vec![(ids[0], ids[0])],
        renames: vec![(ids[1], ids[0]), (ids[3], ids[0])],
    };
    s.index_and_cluster(&[item(ids[0], &["ا"], &[1])], &changes)
        .unwrap();
    let all: BTreeMap<_, _> = s.clusters().unwrap().into_iter().collect();
    assert_eq!(all, ids.iter().map(|i| (*i, ids[0])).collect());
    assert_eq!(
        s.clusters_of(&[ids[2], 999_999])
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        vec![(ids[2], ids[0])]
    );
    // A bad term writes nothing, neither index nor clusters.
    let err = s
        .index_and_cluster(
            &[item(ids[1], &["two words"], &[2])],
            &ClusterChanges {
                members: vec![(ids[1], ids[1])],
                renames: vec![],
            },
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err}");
    assert!(s.indexed_claims(&[ids[1]]).unwrap().is_empty());
    assert_eq!(s.clusters_of(&[ids[1]]).unwrap()[&ids[1]], ids[0]);
}

fn unindexed_claims_are_paged_and_a_copy_is_marked_pending(e: Engine) {
    let mut s = e.open();
    let ids = article(&mut s, 'c', &["أ ب.", "ج د.", "ه و."], true);
    article(&mut s, 'd', &["ز ح."], false);
    s.index_and_cluster(&[item(ids[1], &["ج"], &[])], &ClusterChanges::default())
        .unwrap();
    let page = s.unindexed_claims(0, 1).unwrap();
    assert_eq!(page.iter().map(|c| c.0).collect::<Vec<_>>(), [ids[0]]);
    let rest = s.unindexed_claims(ids[0], 10).unwrap();
    assert_eq!(
        rest.iter().map(|c| c.0).collect::<Vec<_>>(),
        [ids[2]],
        "not-worthy and indexed claims left out"
    );
    let mut target = e.open();
    s.copy_to(&mut target).unwrap();
    assert!(target.claim_index_pending().unwrap());
    assert_eq!(target.unindexed_claims(0, 10).unwrap().len(), 3);
    target.set_claim_index_complete().unwrap();
    assert!(!target.claim_index_pending().unwrap());
    assert!(target.check().unwrap().is_empty(), "{:?}", target.check());
}

/// Two connections indexing the same claims at once (on PostgreSQL, two imports catching up
/// the leftovers of an interrupted one): neither fails, and each claim is counted once. SQLite
/// serialises writers, so its in-memory database indexes twice in a row.
fn indexing_the_same_claims_at_once_counts_them_once(e: Engine) {
    let mut s = e.open();
    let ids = article(
        &mut s,
        'c',
        &["حريق في بغداد.", "حريق في البصرة.", "ذهب يرتفع."],
        true,
    );
    let items = vec![
        item(ids[0], &["حريق", "بغداد"], &[10, 11]),
        item(ids[1], &["حريق", "بصره"], &[10, 12]),
        item(ids[2], &["ذهب", "يرتفع"], &[13]),
    ];
    match s.url().map(str::to_owned) {
        Some(url) => std::thread::scope(|t| {
            for _ in 0..2 {
                let (url, items) = (&url, &items);
                t.spawn(move || {
                    Store::open(url)
                        .unwrap()
                        .index_and_cluster(items, &ClusterChanges::default())
                        .unwrap()
                });
            }
        }),
        None => {
            for _ in 0..2 {
                s.index_and_cluster(&items, &ClusterChanges::default())
                    .unwrap();
            }
        }
    }
    let stats = s.desk_stats(&["حريق", "ذهب"]).unwrap();
    assert_eq!((stats.docs, stats.df["حريق"], stats.df["ذهب"]), (3, 2, 1));
    let none = HashSet::new();
    assert_eq!(
        s.band_neighbours(&[(0, &[10])], 20, 20, &none).unwrap(),
        vec![vec![ids[0], ids[1]]]
    );
}

on_both_engines!(
    indexing_the_same_claims_at_once_counts_them_once,
    index_counts_each_claim_once_and_finds_neighbours_by_key,
    cluster_changes_rename_then_set_members_in_one_transaction,
    unindexed_claims_are_paged_and_a_copy_is_marked_pending
);
