//! Integration tests of the public `Store` API, on in-memory and temporary-file databases.

mod common;

use common::{Engine, TestStore};
use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use claimtrack_model::{
    Action, Article, ClaimKind, Entity, EntityKind, ExtractedClaim, Field, HistoryEntry, Reason,
    Span, Status, StoredClaim, Verdict,
};
use claimtrack_store::{
    Change, ChangeMeta, ClaimFilter, ImportOutcome, Op, Store, StoreError, WriteOptions,
    SCHEMA_VERSION,
};

type Summary = (i64, Field, Option<String>, Option<String>, bool, i64);

/// `(claim, field, from, to, changed, revision)` of a change's first field.
fn summary(c: &Change) -> Summary {
    let f = c.field().expect("a change has a field");
    (
        c.claim_id,
        f.field,
        f.from.clone(),
        f.to.clone(),
        c.changed,
        c.revision,
    )
}

const TEXT: &str =
    "الرباط - و م ع: أعلنت المديرية العامة للأمن الوطني، يوم الاثنين، توقيف 196 شخصا في مراكش. \
                    وقال المدير إن نسبة الجريمة انخفضت بـ 8.3 في المئة. لا غرابة في ذلك!";

fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, h, m, s).unwrap()
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(start, start + needle.len())
}

fn article(n: u64, text: &str) -> Article {
    Article {
        sha256: format!("{n:064x}"),
        text: text.to_owned(),
        title: Some("توقيف 196 شخصا".to_owned()),
        url: Some("https://example.ma/a/1".to_owned()),
        language: "ar".to_owned(),
        published: NaiveDate::from_ymd_opt(2025, 6, 16),
        dateline: Some("الرباط".to_owned()),
        author: None,
        agency: Some("و م ع".to_owned()),
        headings: vec!["أمن".to_owned(), "مراكش".to_owned()],
    }
}

fn claim(text: &str, needle: &str, score: f64, kind: ClaimKind) -> ExtractedClaim {
    let span = span_of(text, needle);
    ExtractedClaim {
        text: needle.to_owned(),
        span,
        context_span: span,
        score,
        check_worthy: score >= 0.5,
        kind,
        reasons: vec![],
        entities: vec![],
        claimant: None,
    }
}

/// Three claims of `TEXT`: check-worthy statistic with entities, check-worthy quote, opinion.
fn claims() -> Vec<ExtractedClaim> {
    let mut first = claim(
        TEXT,
        "أعلنت المديرية العامة للأمن الوطني، يوم الاثنين، توقيف 196 شخصا في مراكش.",
        0.87,
        ClaimKind::Statistic,
    );
    first.reasons = vec![Reason::Number, Reason::Organisation, Reason::Place];
    first.entities = vec![
        Entity {
            kind: EntityKind::Organisation,
            text: "المديرية العامة للأمن الوطني".to_owned(),
            span: span_of(TEXT, "المديرية العامة للأمن الوطني"),
            value: None,
            relative: false,
        },
        Entity {
            kind: EntityKind::Date,
            text: "يوم الاثنين".to_owned(),
            span: span_of(TEXT, "يوم الاثنين"),
            value: None,
            relative: true,
        },
        Entity {
            kind: EntityKind::Number,
            text: "196".to_owned(),
            span: span_of(TEXT, "196"),
            value: Some("196".to_owned()),
            relative: false,
        },
        Entity {
            kind: EntityKind::Place,
            text: "مراكش".to_owned(),
            span: span_of(TEXT, "مراكش"),
            value: None,
            relative: false,
        },
    ];
    first.claimant = Some(first.entities[0].clone());
    let mut second = claim(
        TEXT,
        "نسبة الجريمة انخفضت بـ 8.3 في المئة",
        0.74,
        ClaimKind::Attribution,
    );
    second.context_span = span_of(TEXT, "وقال المدير إن نسبة الجريمة انخفضت بـ 8.3 في المئة.");
    second.reasons = vec![Reason::Quantity, Reason::ReportedSpeech];
    second.entities = vec![Entity {
        kind: EntityKind::Percentage,
        text: "8.3 في المئة".to_owned(),
        span: span_of(TEXT, "8.3 في المئة"),
        value: Some("8.3".to_owned()),
        relative: false,
    }];
    let mut third = claim(TEXT, "لا غرابة في ذلك!", 0.1, ClaimKind::Opinion);
    third.reasons = vec![Reason::OpinionMarker, Reason::Rhetoric];
    vec![first, second, third]
}

fn meta(by: &str, note: Option<&str>, at: DateTime<Utc>) -> ChangeMeta {
    ChangeMeta {
        by: by.to_owned(),
        note: note.map(str::to_owned),
        at,
    }
}

/// A store holding `TEXT` and its three claims; returns (store, article id, claim ids).
fn seeded(e: Engine) -> (TestStore, i64, Vec<i64>) {
    let mut store = e.open();
    let outcome = store
        .insert_article(&article(1, TEXT), &claims(), t(9, 0, 0), "sanaa")
        .unwrap();
    let ImportOutcome::Inserted { article_id } = outcome else {
        panic!("expected an insert, got {outcome:?}");
    };
    let ids = store
        .claims(&ClaimFilter::default())
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    (store, article_id, ids)
}

fn ids_of(claims: &[StoredClaim]) -> Vec<i64> {
    claims.iter().map(|c| c.id).collect()
}

fn article_and_claims_round_trip(e: Engine) {
    let (store, article_id, ids) = seeded(e);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);

    let stored = store.article(article_id).unwrap();
    assert_eq!(stored.id, article_id);
    assert_eq!(stored.article, article(1, TEXT));
    assert_eq!(stored.imported_at, t(9, 0, 0));
    assert_eq!(stored.imported_by, "sanaa");
    assert_eq!((stored.claim_count, stored.check_worthy_count), (3, 2));
    assert_eq!(store.articles().unwrap(), vec![stored]);

    let got = store.claims(&ClaimFilter::default()).unwrap();
    let expected: Vec<StoredClaim> = claims()
        .into_iter()
        .enumerate()
        .map(|(seq, claim)| StoredClaim {
            id: ids[seq],
            article_id,
            seq: seq as u32,
            claim,
            status: Status::Unverified,
            verdict: None,
            revision: 0,
            assignee: None,
            explanation: None,
            summary: None,
            review_url: None,
            published_at: None,
        })
        .collect();
    assert_eq!(got, expected);
    for c in &got {
        assert_eq!(c.claim.span.slice(TEXT), Some(c.claim.text.as_str()));
        assert_eq!(store.claim(c.id).unwrap(), *c);
        assert_eq!(store.revision(c.id).unwrap(), 0);
        assert_eq!(store.history(c.id).unwrap(), vec![]);
    }
}

fn article_without_optional_fields_round_trips(e: Engine) {
    let mut store = e.open();
    let bare = Article::bare(format!("{:064x}", 7), "");
    let at = Utc.timestamp_opt(1_800_000_000, 123_456_789).unwrap();
    let id = store
        .insert_article(&bare, &[], at, "x")
        .unwrap()
        .article_id();
    let stored = store.article(id).unwrap();
    assert_eq!(stored.article, bare);
    assert_eq!(stored.imported_at, at, "sub-second times round-trip");
    assert_eq!((stored.claim_count, stored.check_worthy_count), (0, 0));
}

fn duplicate_insert_writes_nothing(e: Engine) {
    let (mut store, article_id, ids) = seeded(e);
    let before = store.claims(&ClaimFilter::default()).unwrap();
    let again = store
        .insert_article(&article(1, TEXT), &claims()[..1], t(11, 0, 0), "other")
        .unwrap();
    assert_eq!(again, ImportOutcome::Duplicate { article_id });
    assert_eq!(store.articles().unwrap().len(), 1);
    assert_eq!(store.article(article_id).unwrap().imported_by, "sanaa");
    assert_eq!(store.claims(&ClaimFilter::default()).unwrap(), before);
    assert_eq!(ids.len(), 3);
}

fn invalid_claims_are_refused_before_writing(e: Engine) {
    let mut store = e.open();
    let check = |mutate: fn(&mut ExtractedClaim), what: &str| {
        let mut cs = claims();
        mutate(&mut cs[1]);
        let mut store = e.open();
        let err = store
            .insert_article(&article(1, TEXT), &cs, t(9, 0, 0), "x")
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::InvalidClaim { seq: 1, reason } if reason.contains(what)),
            "{err}"
        );
        assert!(store.articles().unwrap().is_empty());
    };
    // One byte into a two-byte Arabic letter.
    check(|c| c.span.start += 1, "char boundary");
    check(|c| c.span.end = 100_000, "outside the text");
    check(|c| c.text.push('x'), "differs");
    check(|c| c.score = 1.5, "score 1.5");
    check(|c| c.score = f64::NAN, "score NaN");
    check(|c| c.entities[0].span.end -= 1, "entity");
    check(|c| c.context_span = Span::new(1, 2), "context span");
    check(
        |c| {
            let mut e = c.entities[0].clone();
            e.span.start += 1;
            c.claimant = Some(e);
        },
        "claimant",
    );

    // A schema CHECK (sha256 must be 64 lowercase hex digits) also rolls everything back.
    let mut bad = article(1, TEXT);
    bad.sha256 = "ABC".to_owned();
    let err = store
        .insert_article(&bad, &claims(), t(9, 0, 0), "x")
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Sqlite(_) | StoreError::Postgres(_)),
        "{err:?}"
    );
    assert!(store.claims(&ClaimFilter::default()).unwrap().is_empty());
}

fn filters_select_and_order(e: Engine) {
    let (mut store, a1, ids) = seeded(e);
    let text2 = "قال الوزير إن 2000 مهاجر وصلوا.";
    let c2 = claim(text2, "2000 مهاجر وصلوا", 0.6, ClaimKind::Statistic);
    let a2 = store
        .insert_article(&article(2, text2), &[c2], t(10, 0, 0), "x")
        .unwrap()
        .article_id();
    let c2_id = store
        .claims(&ClaimFilter {
            article: Some(a2),
            ..Default::default()
        })
        .unwrap()[0]
        .id;
    let m = meta("sanaa", None, t(12, 0, 0));
    store
        .set_status(&[ids[0], c2_id], Status::InProgress, &m)
        .unwrap();
    store.set_verdict(&[ids[0]], Verdict::False, &m).unwrap();
    store.set_verdict(&[c2_id], Verdict::True, &m).unwrap();

    let select = |f: ClaimFilter| ids_of(&store.claims(&f).unwrap());
    assert_eq!(
        select(ClaimFilter::default()),
        vec![ids[0], ids[1], ids[2], c2_id]
    );
    assert_eq!(
        select(ClaimFilter {
            article: Some(a1),
            ..Default::default()
        }),
        ids
    );
    assert_eq!(
        select(ClaimFilter {
            status: Some(Status::InProgress),
            ..Default::default()
        }),
        vec![ids[0], c2_id]
    );
    assert_eq!(
        select(ClaimFilter {
            status: Some(Status::Unverified),
            ..Default::default()
        }),
        vec![ids[1], ids[2]]
    );
    assert_eq!(
        select(ClaimFilter {
            verdict: Some(Verdict::False),
            ..Default::default()
        }),
        vec![ids[0]]
    );
    assert_eq!(
        select(ClaimFilter {
            min_score: Some(0.74),
            ..Default::default()
        }),
        vec![ids[0], ids[1]]
    );
    assert_eq!(
        select(ClaimFilter {
            check_worthy_only: true,
            ..Default::default()
        }),
        vec![ids[0], ids[1], c2_id]
    );
    assert_eq!(
        select(ClaimFilter {
            article: Some(a2),
            status: Some(Status::InProgress),
            verdict: Some(Verdict::True),
            min_score: Some(0.5),
            check_worthy_only: true,
            ..Default::default()
        }),
        vec![c2_id]
    );
    assert_eq!(
        select(ClaimFilter {
            article: Some(a1),
            verdict: Some(Verdict::True),
            ..Default::default()
        }),
        Vec::<i64>::new()
    );
    let err = store
        .claims(&ClaimFilter {
            article: Some(999),
            ..Default::default()
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::ArticleNotFound(999)), "{err:?}");
    assert_eq!(err.to_string(), "no article with id 999");
}

fn unknown_id_writes_nothing(e: Engine) {
    let (mut store, _, ids) = seeded(e);
    let m = meta("sanaa", Some("batch"), t(12, 0, 0));
    let err = store
        .set_status(&[ids[0], 9999, ids[1]], Status::Dismissed, &m)
        .unwrap_err();
    assert!(matches!(err, StoreError::ClaimNotFound(9999)), "{err:?}");
    assert_eq!(err.to_string(), "no claim with id 9999");
    let err = store
        .set_verdict(&[ids[0], ids[1], -1], Verdict::Satire, &m)
        .unwrap_err();
    assert!(matches!(err, StoreError::ClaimNotFound(-1)), "{err:?}");
    for &id in &ids {
        let c = store.claim(id).unwrap();
        assert_eq!((c.status, c.verdict), (Status::Unverified, None));
        assert_eq!(store.history(id).unwrap(), vec![]);
        assert_eq!(store.revision(id).unwrap(), 0);
    }
    // The store is usable afterwards: the failed transaction was rolled back, not left open.
    store.set_status(&[ids[0]], Status::Dismissed, &m).unwrap();
    assert!(matches!(
        store.history(9999),
        Err(StoreError::ClaimNotFound(9999))
    ));
    assert!(matches!(
        store.revision(9999),
        Err(StoreError::ClaimNotFound(9999))
    ));
    assert!(matches!(
        store.claim(9999),
        Err(StoreError::ClaimNotFound(9999))
    ));
    assert!(matches!(
        store.article(9999),
        Err(StoreError::ArticleNotFound(9999))
    ));
}

fn history_records_changes_in_order(e: Engine) {
    let (mut store, _, ids) = seeded(e);
    let id = ids[1];
    let sub_second = Utc.timestamp_opt(1_800_000_000, 5_000_000).unwrap();
    let steps: Vec<Change> = [
        store.set_status(
            &[id],
            Status::InProgress,
            &meta("sanaa", Some("بدء التحقق"), t(10, 0, 0)),
        ),
        store.set_verdict(
            &[id],
            Verdict::MostlyFalse,
            &meta("sanaa", None, t(10, 5, 0)),
        ),
        store.set_status(&[id], Status::InReview, &meta("sanaa", None, t(10, 6, 0))),
        store.set_verdict(
            &[id],
            Verdict::Misleading,
            &meta("editor", Some("أدق"), sub_second),
        ),
    ]
    .into_iter()
    .map(|r| {
        let mut v = r.unwrap();
        assert_eq!(v.len(), 1);
        v.remove(0)
    })
    .collect();
    let s = |v: &str| Some(v.to_owned());
    let expect_change = |field, from, to, revision| (id, field, from, to, true, revision);
    let steps: Vec<_> = steps.iter().map(summary).collect();
    assert_eq!(
        steps,
        vec![
            expect_change(Field::Status, s("unverified"), s("in_progress"), 1),
            expect_change(Field::Verdict, None, s("mostly_false"), 2),
            expect_change(Field::Status, s("in_progress"), s("in_review"), 3),
            expect_change(Field::Verdict, s("mostly_false"), s("misleading"), 4),
        ]
    );
    let mut revision = 0;
    let mut entry = |field, from, to, note: Option<&str>, by: &str, at| {
        revision += 1;
        HistoryEntry {
            claim_id: id,
            revision,
            field,
            action: Action::Set,
            from,
            to,
            note: note.map(str::to_owned),
            by: by.to_owned(),
            at,
            forced: false,
            reopen: false,
            undoes: None,
            evidence_id: None,
            note_id: None,
        }
    };
    assert_eq!(
        store.history(id).unwrap(),
        vec![
            entry(
                Field::Status,
                s("unverified"),
                s("in_progress"),
                Some("بدء التحقق"),
                "sanaa",
                t(10, 0, 0)
            ),
            entry(
                Field::Verdict,
                None,
                s("mostly_false"),
                None,
                "sanaa",
                t(10, 5, 0)
            ),
            entry(
                Field::Status,
                s("in_progress"),
                s("in_review"),
                None,
                "sanaa",
                t(10, 6, 0)
            ),
            entry(
                Field::Verdict,
                s("mostly_false"),
                s("misleading"),
                Some("أدق"),
                "editor",
                sub_second
            ),
        ]
    );
    assert_eq!(store.revision(id).unwrap(), 4);
    let c = store.claim(id).unwrap();
    assert_eq!(
        (c.status, c.verdict),
        (Status::InReview, Some(Verdict::Misleading))
    );
    // Other claims untouched.
    assert_eq!(store.revision(ids[0]).unwrap(), 0);
    assert_eq!(store.history(ids[0]).unwrap(), vec![]);
}

fn same_value_records_nothing(e: Engine) {
    let (mut store, _, ids) = seeded(e);
    let m = meta("sanaa", None, t(10, 0, 0));
    let unchanged = store.set_status(&[ids[0]], Status::Unverified, &m).unwrap();
    assert_eq!(
        unchanged.iter().map(summary).collect::<Vec<_>>(),
        vec![(
            ids[0],
            Field::Status,
            Some("unverified".to_owned()),
            Some("unverified".to_owned()),
            false,
            0
        )]
    );
    store.set_verdict(&[ids[0]], Verdict::True, &m).unwrap();
    // Mixed batch: one already true, one changes; a repeated id changes only once.
    let batch = store
        .set_verdict(&[ids[0], ids[1], ids[1]], Verdict::True, &m)
        .unwrap();
    let summary: Vec<_> = batch
        .iter()
        .map(|c| (c.claim_id, c.changed, c.revision))
        .collect();
    assert_eq!(
        summary,
        vec![(ids[0], false, 1), (ids[1], true, 1), (ids[1], false, 1)]
    );
    assert_eq!(store.history(ids[0]).unwrap().len(), 1);
    assert_eq!(store.history(ids[1]).unwrap().len(), 1);
    assert_eq!(store.revision(ids[0]).unwrap(), 1);
    assert!(store
        .set_status(&[], Status::Published, &m)
        .unwrap()
        .is_empty());
}

fn every_status_and_verdict_is_accepted_by_the_schema(e: Engine) {
    let (mut store, _, ids) = seeded(e);
    let m = meta("sanaa", Some("schema test"), t(10, 0, 0));
    let force = WriteOptions {
        force: true,
        ..Default::default()
    };
    for &status in Status::ALL.iter().rev() {
        store.change(&ids, &Op::Status(status), &force, &m).unwrap();
        assert_eq!(store.claim(ids[2]).unwrap().status, status);
    }
    for &verdict in Verdict::ALL {
        store.set_verdict(&ids, verdict, &m).unwrap();
        assert_eq!(store.claim(ids[2]).unwrap().verdict, Some(verdict));
    }
    let expected = (Status::ALL.len() + Verdict::ALL.len()) as i64;
    assert_eq!(store.revision(ids[2]).unwrap(), expected);
}

fn empty_author_is_refused(e: Engine) {
    let (mut store, _, ids) = seeded(e);
    let err = store
        .set_status(&ids, Status::InProgress, &meta("", None, t(10, 0, 0)))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Sqlite(_) | StoreError::Postgres(_)),
        "{err:?}"
    );
    assert_eq!(store.revision(ids[0]).unwrap(), 0);
}

// ---- file databases -------------------------------------------------------------------------

fn seeded_file(path: impl AsRef<Path>) -> Vec<i64> {
    let mut store = Store::open(path).unwrap();
    store
        .insert_article(&article(1, TEXT), &claims(), t(9, 0, 0), "sanaa")
        .unwrap();
    let ids = ids_of(&store.claims(&ClaimFilter::default()).unwrap());
    store
        .set_status(
            &ids[..1],
            Status::InProgress,
            &meta("sanaa", None, t(10, 0, 0)),
        )
        .unwrap();
    ids
}

#[test]
fn open_creates_directory_and_sets_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/claims.db");
    let ids = seeded_file(&path);
    assert!(path.exists());
    // journal_mode persists in the file: read it back through an independent connection.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    drop(conn);
    // Reopening an existing, current database works and keeps the data.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.claim(ids[0]).unwrap().status, Status::InProgress);
}

#[test]
fn existing_database_not_in_wal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.db");
    seeded_file(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(&err, StoreError::Setting { name: "journal_mode", found, .. } if found == "delete"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "database setting journal_mode is delete, expected wal"
    );
}

#[test]
fn history_is_append_only_in_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.db");
    let ids = seeded_file(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE history SET to_value = 'published'",
        "UPDATE history SET note = 'rewritten' WHERE claim_id = ?1",
        "DELETE FROM history WHERE claim_id = ?1",
        "DELETE FROM history",
    ] {
        let n = sql.matches("?1").count();
        let result = if n == 1 {
            conn.execute(sql, [ids[0]])
        } else {
            conn.execute(sql, [])
        };
        let err = result.expect_err(sql);
        assert!(
            err.to_string().contains("history is append-only"),
            "{sql}: {err}"
        );
    }
    drop(conn);
    let store = Store::open(&path).unwrap();
    let history = store.history(ids[0]).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].to.as_deref(), Some("in_progress"));
    assert_eq!(history[0].note, None);
}

#[test]
fn newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE future (x INTEGER); PRAGMA user_version = 99;")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();

    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 99, supported } if supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "database schema version 99 is newer than this claimtrack supports ({SCHEMA_VERSION}); \
             upgrade claimtrack"
        )
    );
    let err = Store::open_read_only(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 99, .. }),
        "{err:?}"
    );

    assert_eq!(std::fs::read(&path).unwrap(), before, "file modified");
    assert!(!dir.path().join("claims.db-wal").exists());
}

#[test]
fn read_only_reopen_reads_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.db");
    let ids = seeded_file(&path);

    let mut ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(ro.articles().unwrap().len(), 1);
    assert_eq!(ro.claims(&ClaimFilter::default()).unwrap().len(), 3);
    assert_eq!(ro.history(ids[0]).unwrap().len(), 1);
    let err = ro
        .set_status(&ids, Status::Dismissed, &meta("x", None, t(11, 0, 0)))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    assert!(err.to_string().contains("read-only"), "{err}");
    drop(ro);

    // A read-write store and a read-only one can be open together (WAL).
    let mut rw = Store::open(&path).unwrap();
    let ro = Store::open_read_only(&path).unwrap();
    rw.set_status(&ids[1..2], Status::Dismissed, &meta("x", None, t(11, 0, 0)))
        .unwrap();
    assert_eq!(ro.claim(ids[1]).unwrap().status, Status::Dismissed);
    assert_eq!(ro.revision(ids[0]).unwrap(), 1);

    let missing = dir.path().join("missing.db");
    let err = Store::open_read_only(&missing).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(!missing.exists());
}

#[test]
fn not_a_database_is_an_open_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let junk = b"this is not a SQLite database, just some text that is long enough....".repeat(20);
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("cannot open database "),
        "{err}"
    );
    assert!(err.to_string().contains("notes.db"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn unparsable_stored_value_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.db");
    let ids = seeded_file(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE claims SET kind = 'rumour' WHERE id = ?1", [ids[2]])
        .unwrap();
    conn.execute(
        "UPDATE claims SET entities = '[{\"kind\":\"alien\"}]' WHERE id = ?1",
        [ids[1]],
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let err = store.claim(ids[2]).unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt(m) if m.contains("rumour")),
        "{err:?}"
    );
    let err = store.claim(ids[1]).unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt(m) if m.contains("entities")),
        "{err:?}"
    );
    assert!(store.claims(&ClaimFilter::default()).is_err());
    assert_eq!(store.claim(ids[0]).unwrap().status, Status::InProgress);
}

/// Six connections change one claim at once (each its own transaction): no update is lost, the
/// revisions count every change, and the history is one consistent chain.
fn concurrent_writers_lose_no_update(e: Engine) {
    let shared = e.shared();
    let ids = seeded_file(&shared.locator);
    let target = ids[2];
    let threads: Vec<_> = (0..6)
        .map(|n| {
            let locator = shared.locator.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&locator).unwrap();
                let mut changed = 0;
                for i in 0..20 {
                    let to = if (i + n) % 2 == 0 {
                        Status::InProgress
                    } else {
                        Status::Unverified
                    };
                    let m = meta(&format!("w{n}"), None, t(12, 0, 0));
                    let change = store.set_status(&[target], to, &m).unwrap();
                    changed += usize::from(change[0].changed);
                }
                changed
            })
        })
        .collect();
    let changed: usize = threads.into_iter().map(|h| h.join().unwrap()).sum();
    let store = Store::open(&shared.locator).unwrap();
    let history = store.history(target).unwrap();
    assert_eq!(history.len(), changed);
    assert_eq!(store.revision(target).unwrap(), changed as i64);
    // The history is a consistent chain: each entry starts where the previous one ended.
    let mut current = Some("unverified".to_owned());
    for (i, entry) in history.iter().enumerate() {
        assert_eq!(entry.from, current);
        assert_eq!(entry.revision, i as i64 + 1);
        current = entry.to.clone();
    }
    assert_eq!(
        current.as_deref(),
        Some(store.claim(target).unwrap().status.as_str())
    );
    assert!(store.check().unwrap().is_empty());
}

/// A batch is one transaction with a savepoint per article: a claim failing the checks and a
/// schema constraint (a bad sha256) cost only their own article; a duplicate of an earlier
/// article of the same batch is found; ids follow the order given.
fn batch_insert_stores_each_article_or_none_of_it(e: Engine) {
    let mut store = e.open();
    let mut bad_claims = claims();
    bad_claims[1].span.start += 1;
    let mut bad_sha = article(3, TEXT);
    bad_sha.sha256 = "ABC".to_owned();
    let other = format!("{TEXT} جملة أخرى.");
    let (a1, a2, a4) = (article(1, TEXT), article(2, TEXT), article(4, &other));
    let good = claims();
    let none: Vec<ExtractedClaim> = vec![];
    let batch: Vec<(&Article, &[ExtractedClaim])> = vec![
        (&a1, &good),
        (&a2, &bad_claims),
        (&bad_sha, &good),
        (&a1, &good),
        (&a4, &none),
    ];
    let results = store.insert_articles(&batch, t(9, 0, 0), "x").unwrap();
    assert_eq!(results.len(), 5);
    assert!(
        matches!(results[0], Ok(ImportOutcome::Inserted { article_id: 1 })),
        "{results:?}"
    );
    assert!(
        matches!(&results[1], Err(StoreError::InvalidClaim { seq: 1, .. })),
        "{results:?}"
    );
    assert!(
        matches!(
            &results[2],
            Err(StoreError::Sqlite(_) | StoreError::Postgres(_))
        ),
        "{results:?}"
    );
    assert!(
        matches!(results[3], Ok(ImportOutcome::Duplicate { article_id: 1 })),
        "{results:?}"
    );
    let Ok(ImportOutcome::Inserted { article_id: last }) = results[4] else {
        panic!("{results:?}")
    };
    // The rolled-back articles left nothing: two articles, the first with its three claims.
    let stored = store.articles().unwrap();
    assert_eq!(
        stored
            .iter()
            .map(|a| (a.id, a.claim_count))
            .collect::<Vec<_>>(),
        vec![(1, 3), (last, 0)]
    );
    assert_eq!(stored[0].article.text, TEXT);
    assert_eq!(store.claims(&ClaimFilter::default()).unwrap().len(), 3);
    // The search index holds the stored claims only.
    assert_eq!(store.search("مراكش", None, None, 10).unwrap().len(), 1);
}

/// `insert_article_streamed` stores exactly what `insert_article` stores (ids, seq, spans,
/// search index), in parts of at most 500 claims; a bad claim in a later part rolls back the
/// whole article and names its seq in the article; a duplicate does not read the stream.
fn streamed_insert_equals_insert_in_one_piece(e: Engine) {
    let sentence = "قال الوزير إن النمو بلغ 3 في المائة. ";
    let text = sentence.repeat(1203);
    let many: Vec<ExtractedClaim> = (0..1203)
        .map(|i| {
            let start = i * sentence.len();
            let span = Span::new(start, start + sentence.len() - 1);
            ExtractedClaim {
                text: text[span.start..span.end].to_owned(),
                span,
                context_span: span,
                score: 0.7,
                check_worthy: i % 3 != 0,
                kind: ClaimKind::Statistic,
                reasons: vec![Reason::Number],
                entities: vec![],
                claimant: None,
            }
        })
        .collect();
    let a = article(7, &text);
    let mut whole = e.open();
    whole.insert_article(&a, &many, t(9, 0, 0), "x").unwrap();
    let mut streamed = e.open();
    let (outcome, stored, worthy) = streamed
        .insert_article_streamed(&a, &mut many.clone().into_iter(), t(9, 0, 0), "x")
        .unwrap();
    assert_eq!(outcome, ImportOutcome::Inserted { article_id: 1 });
    assert_eq!((stored, worthy), (1203, 802));
    let all = ClaimFilter {
        check_worthy_only: false,
        ..Default::default()
    };
    assert_eq!(whole.claims(&all).unwrap(), streamed.claims(&all).unwrap());
    assert_eq!(
        whole.search("النمو", None, None, 5000).unwrap().len(),
        streamed.search("النمو", None, None, 5000).unwrap().len()
    );
    // A duplicate: the stream is not read.
    let mut untouched = many.clone().into_iter();
    let (again, _, _) = streamed
        .insert_article_streamed(&a, &mut untouched, t(9, 0, 0), "x")
        .unwrap();
    assert_eq!(again, ImportOutcome::Duplicate { article_id: 1 });
    assert_eq!(untouched.len(), 1203);
    // A bad claim in the third part: nothing of the article is stored, its seq is named.
    let mut bad = many.clone();
    bad[1100].score = 2.0;
    let mut store = e.open();
    let err = store
        .insert_article_streamed(&a, &mut bad.into_iter(), t(9, 0, 0), "x")
        .unwrap_err();
    assert!(
        matches!(err, StoreError::InvalidClaim { seq: 1100, .. }),
        "{err}"
    );
    assert!(store.articles().unwrap().is_empty());
}

on_both_engines!(
    streamed_insert_equals_insert_in_one_piece,
    batch_insert_stores_each_article_or_none_of_it,
    concurrent_writers_lose_no_update,
    article_and_claims_round_trip,
    article_without_optional_fields_round_trips,
    duplicate_insert_writes_nothing,
    invalid_claims_are_refused_before_writing,
    filters_select_and_order,
    unknown_id_writes_nothing,
    history_records_changes_in_order,
    same_value_records_nothing,
    every_status_and_verdict_is_accepted_by_the_schema,
    empty_author_is_refused,
);
