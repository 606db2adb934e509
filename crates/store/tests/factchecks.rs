//! The fact-check library on both engines: insert, update in place with history, unchanged
//! re-import, filters, candidates with BM25 statistics, stored matches and clusters.

mod common;

use chrono::{TimeZone, Utc};
use claimtrack_model::{Article, ClaimKind, ExtractedClaim, Span, Verdict};
use claimtrack_store::{
    ClaimMatch, FactCheckFilter, FactCheckKey, NewFactCheck, StoreError, Stored,
};
use common::Engine;

fn fc(url: &str, claim: &str, terms: &[&str], publisher: &str, lang: &str) -> NewFactCheck {
    NewFactCheck {
        key: FactCheckKey::Url(url.into()),
        claim: claim.into(),
        title: None,
        rating: Some("زائف".into()),
        rating_value: None,
        best_rating: None,
        worst_rating: None,
        verdict: Some(Verdict::False),
        publisher: Some(publisher.into()),
        date: chrono::NaiveDate::from_ymd_opt(2023, 3, 14),
        language: Some(lang.into()),
        claimant: None,
        terms: terms.iter().map(|t| (*t).to_owned()).collect(),
        claim_terms: terms.len(),
    }
}

fn library_round_trip_update_and_history(e: Engine) {
    let mut s = e.open();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 10, 0, 0).unwrap();
    let items = [
        fc(
            "https://misbar.com/a",
            "وفاة 120 شخصا في حريق مستشفى",
            &["وفاه", "120", "شخص", "حريق", "مستشفي"],
            "مسبار",
            "ar",
        ),
        fc(
            "https://fullfact.org/b",
            "Hot water cures COVID",
            &["hot", "water", "cure", "covid"],
            "Full Fact",
            "en",
        ),
    ];
    let out = s.store_factchecks(&items, "a.jsonld", t0).unwrap();
    let (Stored::Inserted(a), Stored::Inserted(b)) = (out[0], out[1]) else {
        panic!("{out:?}")
    };
    assert_ne!(a, b);
    // The same records again: nothing changes.
    assert_eq!(
        s.store_factchecks(&items, "a.jsonld", t0).unwrap(),
        [Stored::Unchanged(a), Stored::Unchanged(b)]
    );
    // The same URL with a new rating: updated in place, the old values in the history.
    let mut changed = items[0].clone();
    changed.rating = Some("مضلل".into());
    changed.verdict = Some(Verdict::Misleading);
    let t1 = Utc.with_ymd_and_hms(2026, 2, 1, 10, 0, 0).unwrap();
    assert_eq!(
        s.store_factchecks(&[changed], "b.jsonld", t1).unwrap(),
        [Stored::Updated(a)]
    );
    let got = s.factcheck(a).unwrap();
    assert_eq!(got.check.verdict, Some(Verdict::Misleading));
    assert_eq!(got.imported_at, "2026-01-01T10:00:00Z");
    assert_eq!(got.updated_at, "2026-02-01T10:00:00Z");
    assert_eq!(got.check.terms.len(), 5);
    let h = s.factcheck_history(a).unwrap();
    assert_eq!(h.len(), 1);
    assert!(h[0].1.contains("\"verdict\":\"false\""), "{}", h[0].1);
    // Filters.
    let ar = s
        .factchecks(&FactCheckFilter {
            language: Some("ar".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ar.iter().map(|f| f.id).collect::<Vec<_>>(), [a]);
    let ff = s
        .factchecks(&FactCheckFilter {
            publisher: Some("full fact".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ff.iter().map(|f| f.id).collect::<Vec<_>>(), [b]);
    assert_eq!(s.factchecks(&FactCheckFilter::default()).unwrap().len(), 2);
    assert!(matches!(
        s.factcheck(999),
        Err(StoreError::FactCheckNotFound(999))
    ));
}

fn candidates_and_statistics(e: Engine) {
    let mut s = e.open();
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    s.store_factchecks(
        &[
            fc(
                "https://x.org/1",
                "a",
                &["حريق", "مستشفي", "بغداد"],
                "p",
                "ar",
            ),
            fc("https://x.org/2", "b", &["حريق", "سوق"], "p", "ar"),
            fc("https://x.org/3", "c", &["لقاح", "عقم"], "p", "ar"),
        ],
        "f",
        now,
    )
    .unwrap();
    let q: Vec<String> = ["حريق", "مستشفي", "غائب"]
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    let (cands, stats) = s.factcheck_candidates(&q, 10).unwrap();
    let mut urls: Vec<_> = cands.iter().map(|c| c.url().unwrap().to_owned()).collect();
    assert_eq!(
        urls[0], "https://x.org/1",
        "the document with both terms first"
    );
    urls.sort();
    assert_eq!(urls, ["https://x.org/1", "https://x.org/2"]);
    assert_eq!(stats.docs, 3);
    assert!((stats.avg_len - 7.0 / 3.0).abs() < 1e-9);
    assert_eq!(stats.df["حريق"], 2);
    assert_eq!(stats.df["غائب"], 0);
    // Only the query's terms are counted (as the re-ranker was fitted).
    assert!(!stats.df.contains_key("بغداد"), "{:?}", stats.df);
    // Hostile query text never reaches FTS syntax.
    let (none, _) = s
        .factcheck_candidates(&["\"".into(), "OR".into(), "*".into()], 10)
        .unwrap();
    assert!(none.is_empty());
    // An update moves the document frequencies.
    let mut moved = fc("https://x.org/2", "b2", &["سوق"], "p", "ar");
    moved.rating = Some("صحيح".into());
    s.store_factchecks(&[moved], "f", now).unwrap();
    let (cands, stats) = s.factcheck_candidates(&q, 10).unwrap();
    assert_eq!(stats.df["حريق"], 1);
    assert_eq!(cands.len(), 1);
    assert_eq!(stats.docs, 3, "an update is not a new document");
    assert!(
        (stats.avg_len - 6.0 / 3.0).abs() < 1e-9,
        "{}",
        stats.avg_len
    );
}

/// One article of two check-worthy claims stored in `s`; returns them.
fn two_claims_desk(s: &mut claimtrack_store::Store) -> Vec<claimtrack_model::StoredClaim> {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let text = "وفاة 120 شخصا في حريق. وصل 2000 مهاجر إلى إسبانيا.";
    let claim = |needle: &str| {
        let start = text.find(needle).unwrap();
        let span = Span::new(start, start + needle.len());
        ExtractedClaim {
            text: needle.to_owned(),
            span,
            context_span: span,
            score: 0.8,
            check_worthy: true,
            kind: ClaimKind::Event,
            reasons: vec![],
            entities: vec![],
            claimant: None,
        }
    };
    let claims = [
        claim("وفاة 120 شخصا في حريق."),
        claim("وصل 2000 مهاجر إلى إسبانيا."),
    ];
    s.insert_article(&Article::bare("c".repeat(64), text), &claims, now, "x")
        .unwrap();
    let claims = s.claims(&Default::default()).unwrap();
    assert_eq!(claims.len(), 2);
    claims
}

/// [`two_claims_desk`] and one fact-check in the library: the claims, the fact-check's id and
/// the time they were stored.
fn desk_with_one_factcheck(
    s: &mut claimtrack_store::Store,
) -> (
    Vec<claimtrack_model::StoredClaim>,
    i64,
    chrono::DateTime<Utc>,
) {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let claims = two_claims_desk(s);
    let out = s
        .store_factchecks(
            &[fc("https://x.org/1", "a", &["حريق"], "p", "ar")],
            "f",
            now,
        )
        .unwrap();
    let Stored::Inserted(f) = out[0] else {
        panic!("{out:?}")
    };
    (claims, f, now)
}

fn matches_and_clusters_are_stored(e: Engine) {
    let mut s = e.open();
    let (claims, f, now) = desk_with_one_factcheck(&mut s);
    let m = ClaimMatch {
        factcheck_id: f,
        score: 0.8,
        strong: true,
    };
    s.set_claim_matches(&[(claims[0].id, Some(m)), (claims[1].id, None)], now)
        .unwrap();
    assert_eq!(s.claim_matches().unwrap().get(&claims[0].id), Some(&m));
    s.set_claim_matches(&[(claims[0].id, None)], now).unwrap();
    assert!(s.claim_matches().unwrap().is_empty());
    s.set_clusters(&[
        (claims[0].id, Some(claims[0].id)),
        (claims[1].id, Some(claims[0].id)),
    ])
    .unwrap();
    assert_eq!(s.clusters().unwrap().len(), 2);
    s.set_clusters(&[(claims[1].id, None)]).unwrap();
    assert_eq!(s.clusters().unwrap().len(), 1);
    // A match naming no fact-check is refused and writes nothing.
    let bad = ClaimMatch {
        factcheck_id: 9999,
        score: 0.5,
        strong: false,
    };
    assert!(s
        .set_claim_matches(&[(claims[0].id, Some(m)), (claims[1].id, Some(bad))], now)
        .is_err());
    assert!(s.claim_matches().unwrap().is_empty());
}

/// Matches computed against a library that changed since are not written: the version check
/// and the write are one transaction.
fn matches_of_an_older_library_are_not_written(e: Engine) {
    let mut s = e.open();
    let (claims, f, now) = desk_with_one_factcheck(&mut s);
    let old = s.library_version().unwrap();
    let m = ClaimMatch {
        factcheck_id: f,
        score: 0.8,
        strong: true,
    };
    // Another fact-check stored meanwhile (an update would do as well).
    s.store_factchecks(&[fc("https://x.org/2", "b", &["سد"], "p", "ar")], "f", now)
        .unwrap();
    assert!(!s
        .set_claim_matches_at(&[(claims[0].id, Some(m))], now, old)
        .unwrap());
    assert!(s.claim_matches().unwrap().is_empty());
    let new = s.library_version().unwrap();
    assert!(s
        .set_claim_matches_at(&[(claims[0].id, Some(m))], now, new)
        .unwrap());
    assert_eq!(s.claim_matches().unwrap().get(&claims[0].id), Some(&m));
    // An update moves the version too.
    s.store_factchecks(
        &[fc(
            "https://x.org/2",
            "b, corrected",
            &["سد", "النهضه"],
            "p",
            "ar",
        )],
        "f",
        now,
    )
    .unwrap();
    assert!(!s
        .set_claim_matches_at(&[(claims[0].id, None)], now, new)
        .unwrap());
    assert_eq!(s.claim_matches().unwrap().len(), 1);
}

/// `db copy` carries the library (with its history, statistics and search index) and the stored
/// matches and clusters: the copy lists, matches and groups exactly as the source.
fn a_copy_carries_the_library_matches_and_clusters(e: Engine) {
    let mut s = e.open();
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let claims = two_claims_desk(&mut s);
    let out = s
        .store_factchecks(
            &[
                fc("https://x.org/1", "a", &["حريق", "بغداد"], "p", "ar"),
                fc("https://x.org/2", "b", &["مهاجر", "اسبانيا"], "q", "ar"),
            ],
            "f",
            now,
        )
        .unwrap();
    let Stored::Inserted(first) = out[0] else {
        panic!("{out:?}")
    };
    let mut changed = fc("https://x.org/2", "b", &["مهاجر", "اسبانيا"], "q", "ar");
    changed.rating = Some("مضلل".into());
    s.store_factchecks(&[changed], "g", now).unwrap();
    let m = ClaimMatch {
        factcheck_id: first,
        score: 0.9,
        strong: true,
    };
    s.set_claim_matches(&[(claims[0].id, Some(m))], now)
        .unwrap();
    s.set_clusters(&[
        (claims[0].id, Some(claims[0].id)),
        (claims[1].id, Some(claims[0].id)),
    ])
    .unwrap();

    let mut target = e.open();
    let counts = s.copy_to(&mut target).unwrap();
    assert_eq!(
        (
            counts.factchecks,
            counts.factcheck_history,
            counts.matches,
            counts.clustered
        ),
        (2, 1, 1, 2)
    );
    let all = FactCheckFilter::default();
    fn sorted<K: Ord, V>(m: impl IntoIterator<Item = (K, V)>) -> std::collections::BTreeMap<K, V> {
        m.into_iter().collect()
    }
    let view = |x: &claimtrack_store::Store| {
        let q: Vec<String> = vec!["حريق".into(), "مهاجر".into()];
        let (cands, stats) = x.factcheck_candidates(&q, 10).unwrap();
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?} {} {:?}",
            x.factchecks(&all).unwrap(),
            x.factcheck_history(2).unwrap(),
            sorted(x.claim_matches().unwrap()),
            sorted(x.clusters().unwrap()),
            cands,
            stats.docs,
            sorted(stats.df)
        )
    };
    assert_eq!(view(&s), view(&target));
    // Neither was matched against the desk yet: the copy says so too.
    assert_eq!(
        target.factchecks_match_pending().unwrap(),
        [first, first + 1]
    );
    assert!(target.check().unwrap().is_empty(), "{:?}", target.check());
}

/// Each fact-check inserted or updated is marked until the desk is matched against it; an
/// unchanged re-import does not mark it again.
fn stored_factchecks_are_marked_until_matched(e: Engine) {
    let mut s = e.open();
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let items = [
        fc("https://x.org/1", "a", &["حريق", "بغداد"], "p", "ar"),
        fc("https://x.org/2", "b", &["مهاجر", "اسبانيا"], "q", "ar"),
    ];
    let out = s.store_factchecks(&items, "f", now).unwrap();
    let ids: Vec<i64> = out
        .iter()
        .map(|o| match o {
            Stored::Inserted(id) => *id,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(s.factchecks_match_pending().unwrap(), ids);
    s.set_library_matched(&ids[..1]).unwrap();
    assert_eq!(s.factchecks_match_pending().unwrap(), ids[1..]);
    s.set_library_matched(&ids).unwrap();
    assert!(s.factchecks_match_pending().unwrap().is_empty());
    s.store_factchecks(&items, "f", now).unwrap();
    assert!(s.factchecks_match_pending().unwrap().is_empty());
    let mut changed = items[0].clone();
    changed.rating = Some("مضلل".into());
    assert_eq!(
        s.store_factchecks(&[changed], "g", now).unwrap(),
        [Stored::Updated(ids[0])]
    );
    assert_eq!(s.factchecks_match_pending().unwrap(), ids[..1]);
}

/// A file holding the same URL twice (an earlier and a corrected version): one transaction
/// inserts then updates it, and the full-text index (written after the batch's other rows)
/// holds the last version's terms only.
fn one_url_twice_in_a_batch_is_found_by_its_last_terms(e: Engine) {
    let mut s = e.open();
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let first = fc("https://x.org/1", "a", &["حريق", "مستشفي"], "p", "ar");
    let second = fc("https://x.org/1", "b", &["فيضان", "سد"], "p", "ar");
    let other = fc("https://x.org/2", "c", &["حريق", "سوق"], "p", "ar");
    let out = s
        .store_factchecks(&[first, other, second], "f", now)
        .unwrap();
    let (Stored::Inserted(id), Stored::Updated(again)) = (out[0], out[2]) else {
        panic!("{out:?}")
    };
    assert_eq!(id, again);
    let find = |s: &claimtrack_store::Store, words: &[&str]| {
        let q: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        let mut urls: Vec<String> = s
            .factcheck_candidates(&q, 10)
            .unwrap()
            .0
            .iter()
            .map(|c| c.url().unwrap().to_owned())
            .collect();
        urls.sort();
        urls
    };
    assert_eq!(find(&s, &["سد"]), ["https://x.org/1"]);
    assert_eq!(find(&s, &["مستشفي"]), Vec::<String>::new());
    assert_eq!(find(&s, &["حريق"]), ["https://x.org/2"]);
    let (_, stats) = s.factcheck_candidates(&["حريق".into()], 10).unwrap();
    assert_eq!((stats.docs, stats.df["حريق"]), (2, 1));
}

/// Chunks stored as they arrive are one transaction: the same outcome and statistics as the
/// whole list stored at once, and a bad record in a later chunk leaves nothing of the earlier
/// ones.
fn streamed_chunks_are_one_transaction(e: Engine) {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let items = vec![
        fc("https://x.org/1", "a", &["حريق", "مستشفي"], "p", "ar"),
        fc("https://x.org/2", "b", &["حريق", "سوق", "حريق"], "p", "ar"),
        fc("https://x.org/1", "c", &["فيضان", "سد"], "p", "ar"),
        fc("https://x.org/3", "d", &["fire", "market"], "p", "en"),
    ];
    let mut whole = e.open();
    let at_once = whole.store_factchecks(&items, "f", now).unwrap();
    let mut streamed = e.open();
    let chunks = vec![
        items[..1].to_vec(),
        Vec::new(),
        items[1..3].to_vec(),
        items[3..].to_vec(),
    ];
    let (back, stored) = streamed
        .store_factchecks_streamed(chunks.into_iter().map(Ok::<_, StoreError>), "f", now)
        .unwrap();
    assert_eq!(back, items);
    assert_eq!(stored, at_once);
    let words: Vec<String> = ["حريق", "سد", "مستشفي", "fire"].map(String::from).to_vec();
    let stats = |s: &claimtrack_store::Store| {
        let (_, st) = s.factcheck_candidates(&words, 10).unwrap();
        let mut df: Vec<(String, u64)> = st.df.into_iter().collect();
        df.sort();
        (st.docs, st.avg_len, df)
    };
    assert_eq!(stats(&streamed), stats(&whole));
    // x.org/1 now holds فيضان سد: حريق is left in one fact-check, counted once in it.
    let (docs, _, df) = stats(&streamed);
    assert_eq!(docs, 3);
    for (w, n) in [("fire", 1), ("حريق", 1), ("سد", 1), ("مستشفي", 0)] {
        assert!(df.contains(&(w.to_owned(), n)), "{w}: {df:?}");
    }

    let mut bad = fc("https://x.org/4", "e", &["سوق"], "p", "ar");
    bad.terms.push("two words".into());
    let before = streamed.factchecks(&FactCheckFilter::default()).unwrap();
    let chunks = vec![
        vec![fc("https://x.org/5", "f", &["سد"], "p", "ar")],
        vec![bad],
    ];
    assert!(matches!(
        streamed.store_factchecks_streamed(chunks.into_iter().map(Ok), "g", now),
        Err(StoreError::Corrupt(_))
    ));
    assert_eq!(
        streamed.factchecks(&FactCheckFilter::default()).unwrap(),
        before
    );
    assert_eq!(stats(&streamed), stats(&whole));
    // Chunks that stop coming (the caller's producer failed after one chunk): nothing of the
    // chunk before is stored, and the caller's error comes back.
    #[derive(Debug)]
    enum Producer {
        Stopped,
        Store,
    }
    impl From<StoreError> for Producer {
        fn from(_: StoreError) -> Self {
            Producer::Store
        }
    }
    let chunks = [
        Ok(vec![fc("https://x.org/6", "g", &["سد"], "p", "ar")]),
        Err(Producer::Stopped),
    ];
    let out = streamed.store_factchecks_streamed(chunks, "h", now);
    assert!(matches!(out, Err(Producer::Stopped)), "{out:?}");
    assert_eq!(
        streamed.factchecks(&FactCheckFilter::default()).unwrap(),
        before
    );
    assert_eq!(stats(&streamed), stats(&whole));
}

/// A desk made at schema 5 (before the mark: its library was matched by the import that stored
/// it) opens at the current schema with its fact-checks unmarked; one stored afterwards is
/// marked.
#[test]
fn a_schema_5_library_upgrades_unmarked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let _: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .unwrap();
        for sql in [
            include_str!("../../../migrations/sqlite/0001_init.sql"),
            include_str!("../../../migrations/sqlite/0002_workflow.sql"),
            include_str!("../../../migrations/sqlite/0003_claimant.sql"),
            include_str!("../../../migrations/sqlite/0004_factchecks.sql"),
            include_str!("../../../migrations/sqlite/0005_claim_index.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO factchecks (url, claim, terms, claim_terms, term_count, source, \
             imported_at, updated_at) VALUES ('https://x.org/old', 'a', 'حريق', 1, 1, 'f', \
             '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'); PRAGMA user_version = 5;",
        )
        .unwrap();
    }
    let mut s = claimtrack_store::Store::open(&path).unwrap();
    assert_eq!(
        s.schema_version().unwrap(),
        claimtrack_store::SCHEMA_VERSION
    );
    assert!(s.factchecks_match_pending().unwrap().is_empty());
    let now = Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap();
    let out = s
        .store_factchecks(
            &[fc("https://x.org/new", "b", &["سد"], "p", "ar")],
            "g",
            now,
        )
        .unwrap();
    let Stored::Inserted(id) = out[0] else {
        panic!("{out:?}")
    };
    assert_eq!(s.factchecks_match_pending().unwrap(), [id]);
}

on_both_engines!(
    streamed_chunks_are_one_transaction,
    stored_factchecks_are_marked_until_matched,
    one_url_twice_in_a_batch_is_found_by_its_last_terms,
    a_copy_carries_the_library_matches_and_clusters,
    library_round_trip_update_and_history,
    candidates_and_statistics,
    matches_and_clusters_are_stored,
    matches_of_an_older_library_are_not_written
);
