//! The store's side of issue 4: rules inside the transaction, expectations, dry runs and
//! confirmation limits, evidence, notes, undo, search, queue, check, backup, and the migration
//! of a version-1 database.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use claimtrack_model::workflow::WorkflowError;
use claimtrack_model::{Article, ClaimKind, ExtractedClaim, Field, Span, Stance, Status, Verdict};
use claimtrack_store::{
    AssigneeFilter, ChangeMeta, ClaimFilter, Commit, NewEvidence, Op, Store, StoreError,
    VerdictChange, WriteOptions, SCHEMA_VERSION,
};
use common::{Engine, TestStore};

const TEXT: &str =
    "التقى عبد اللطيف الحموشي بمايك بومبيو سنة 2019. وقال حموشي إن التعاون الأمني مثمر. \
                    وصل 2000 مهاجر إلى إسبانيا سنة 2025.";

fn t(m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 10, m, 0).unwrap()
}

fn meta(note: Option<&str>) -> ChangeMeta {
    ChangeMeta {
        by: "sara".to_owned(),
        note: note.map(str::to_owned),
        at: t(1),
    }
}

fn claim(text: &str, needle: &str, score: f64) -> ExtractedClaim {
    let start = text.find(needle).unwrap();
    let span = Span::new(start, start + needle.len());
    ExtractedClaim {
        text: needle.to_owned(),
        span,
        context_span: span,
        score,
        check_worthy: score >= 0.5,
        kind: ClaimKind::Event,
        reasons: vec![],
        entities: vec![],
        claimant: None,
    }
}

fn seeded(e: Engine) -> (TestStore, Vec<i64>) {
    let mut store = e.open();
    let article = Article {
        title: Some("تقرير أمني".to_owned()),
        ..Article::bare("b".repeat(64), TEXT)
    };
    let claims = [
        claim(TEXT, "التقى عبد اللطيف الحموشي بمايك بومبيو سنة 2019.", 0.9),
        claim(TEXT, "وقال حموشي إن التعاون الأمني مثمر.", 0.6),
        claim(TEXT, "وصل 2000 مهاجر إلى إسبانيا سنة 2025.", 0.8),
    ];
    store.insert_article(&article, &claims, t(0), "x").unwrap();
    let ids = store
        .claims(&ClaimFilter::default())
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    (store, ids)
}

fn opts() -> WriteOptions {
    WriteOptions::default()
}

fn evidence(url: &str) -> Op {
    Op::AddEvidence(NewEvidence {
        url: url.to_owned(),
        title: None,
        note: None,
        stance: Some(Stance::Supports),
    })
}

fn rules_are_checked_in_the_transaction_and_refusals_write_nothing(e: Engine) {
    let (mut store, ids) = seeded(e);
    let err = store
        .set_status(&ids, Status::InProgress, &meta(None))
        .map(|_| ())
        .and_then(|_| {
            store
                .set_status(&ids, Status::InReview, &meta(None))
                .map(|_| ())
        })
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Workflow {
            rule: WorkflowError::NeedsVerdict { .. },
            ..
        }
    ));
    for &id in &ids {
        assert_eq!(store.claim(id).unwrap().status, Status::InProgress);
        assert_eq!(store.claim(id).unwrap().revision, 1);
    }
    let forced = WriteOptions {
        force: true,
        ..opts()
    };
    let c = store
        .change(
            &ids[..1],
            &Op::Status(Status::Published),
            &forced,
            &meta(Some("legacy")),
        )
        .unwrap();
    assert!(c[0].forced);
    let h = store.history(ids[0]).unwrap();
    assert!(h.last().unwrap().forced);
    assert_eq!(store.claim(ids[0]).unwrap().published_at, Some(t(1)));
}

fn publish_flow_verdict_fields_and_reopen(e: Engine) {
    let (mut store, ids) = seeded(e);
    let id = [ids[0]];
    store
        .set_status(&id, Status::InProgress, &meta(None))
        .unwrap();
    let v = Op::Verdict(VerdictChange {
        verdict: Some(Verdict::True),
        explanation: Some("readout".to_owned()),
        summary: Some("met in 2019".to_owned()),
        review_url: Some("https://fc.example/1".to_owned()),
    });
    let c = store.change(&id, &v, &opts(), &meta(None)).unwrap();
    assert_eq!(c[0].fields.len(), 4, "one change, four fields");
    assert_eq!(c[0].revision, 2);
    store
        .change(&id, &evidence("https://a.example/"), &opts(), &meta(None))
        .unwrap();
    store
        .set_status(&id, Status::InReview, &meta(None))
        .unwrap();
    store
        .set_status(&id, Status::Published, &meta(None))
        .unwrap();
    let claim = store.claim(ids[0]).unwrap();
    assert_eq!(claim.explanation.as_deref(), Some("readout"));
    assert_eq!(claim.summary.as_deref(), Some("met in 2019"));
    assert_eq!(claim.review_url.as_deref(), Some("https://fc.example/1"));
    let err = store
        .set_verdict(&id, Verdict::False, &meta(None))
        .unwrap_err();
    assert!(err.to_string().contains("only with --reopen"), "{err}");
    let reopen = WriteOptions {
        reopen: true,
        ..opts()
    };
    store
        .change(
            &id,
            &Op::Status(Status::InProgress),
            &reopen,
            &meta(Some("correction")),
        )
        .unwrap();
    let last = store.history(ids[0]).unwrap().pop().unwrap();
    assert!(last.reopen);
    // published_at stays: it records the first publication
    assert_eq!(store.claim(ids[0]).unwrap().published_at, Some(t(1)));
}

fn expectations_dry_run_and_confirmation_limit(e: Engine) {
    let (mut store, ids) = seeded(e);
    let expect = WriteOptions {
        expect_revision: Some(1),
        ..opts()
    };
    let err = store
        .change(&ids, &Op::Status(Status::Dismissed), &expect, &meta(None))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { revision: 0, .. }),
        "{err:?}"
    );
    let status = WriteOptions {
        expect_status: Some(Status::InReview),
        ..opts()
    };
    let err = store
        .change(&ids, &Op::Status(Status::Dismissed), &status, &meta(None))
        .unwrap_err();
    assert!(
        err.to_string().contains("status in_review was expected"),
        "{err}"
    );
    let dry = WriteOptions {
        commit: Commit::DryRun,
        ..opts()
    };
    let c = store
        .change(
            &ids,
            &Op::Assign(Some("omar".to_owned())),
            &dry,
            &meta(None),
        )
        .unwrap();
    assert!(c.iter().all(|c| c.changed && c.revision == 1));
    assert_eq!(store.claim(ids[0]).unwrap().assignee, None);
    let at_most = WriteOptions {
        commit: Commit::AtMost(2),
        ..opts()
    };
    let err = store
        .change(
            &ids,
            &Op::Assign(Some("omar".to_owned())),
            &at_most,
            &meta(None),
        )
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::NeedsConfirmation { count: 3, max: 2 }
    ));
    assert_eq!(store.claim(ids[0]).unwrap().revision, 0);
    store
        .change(
            &ids[..2],
            &Op::Assign(Some("omar".to_owned())),
            &at_most,
            &meta(None),
        )
        .unwrap();
    let assigned = store
        .claims(&ClaimFilter {
            assignee: Some(AssigneeFilter::Name("omar".to_owned())),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(assigned.len(), 2);
    let unassigned = store
        .claims(&ClaimFilter {
            assignee: Some(AssigneeFilter::Unassigned),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        unassigned.iter().map(|c| c.id).collect::<Vec<_>>(),
        [ids[2]]
    );
    // queue: unassigned first; for omar: his (by score), then unassigned
    let q: Vec<i64> = store
        .queue(None, 10)
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(q, [ids[2], ids[0], ids[1]]);
    let q: Vec<i64> = store
        .queue(Some("omar"), 10)
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(q, [ids[0], ids[1], ids[2]]);
}

fn evidence_notes_and_undo(e: Engine) {
    let (mut store, ids) = seeded(e);
    let id = [ids[1]];
    store
        .change(&id, &evidence("https://a.example/"), &opts(), &meta(None))
        .unwrap();
    let err = store
        .change(&id, &evidence("https://a.example/"), &opts(), &meta(None))
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::DuplicateEvidence { evidence_id: 1, .. }
    ));
    store
        .change(&id, &Op::AddNote("called".to_owned()), &opts(), &meta(None))
        .unwrap();
    let e = store.evidence(ids[1]).unwrap();
    assert_eq!(e.len(), 1);
    store
        .remove_evidence(e[0].id, &opts(), &meta(Some("dead link")))
        .unwrap();
    assert!(store.evidence(ids[1]).unwrap().is_empty());
    assert!(matches!(
        store.remove_evidence(e[0].id, &opts(), &meta(None)),
        Err(StoreError::EvidenceNotFound(1))
    ));
    // undo walks back: removal, note, addition
    let u = store.change(&id, &Op::Undo, &opts(), &meta(None)).unwrap();
    assert_eq!(u[0].undoes, Some(3));
    assert_eq!(store.evidence(ids[1]).unwrap().len(), 1);
    store.change(&id, &Op::Undo, &opts(), &meta(None)).unwrap();
    assert!(store.notes(ids[1]).unwrap().is_empty());
    store.change(&id, &Op::Undo, &opts(), &meta(None)).unwrap();
    assert!(store.evidence(ids[1]).unwrap().is_empty());
    assert!(matches!(
        store.change(&id, &Op::Undo, &opts(), &meta(None)),
        Err(StoreError::NothingToUndo(_))
    ));
    let h = store.history(ids[1]).unwrap();
    assert_eq!(h.len(), 6);
    assert!(h
        .iter()
        .all(|e| matches!(e.field, Field::Evidence | Field::Note)));
    assert_eq!(store.claim(ids[1]).unwrap().revision, 6);
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
}

fn search_folds_arabic_and_ranks(e: Engine) {
    let (store, ids) = seeded(e);
    let hit_ids = |q: &str| -> Vec<i64> {
        let mut v: Vec<i64> = store
            .search(q, None, None, 10)
            .unwrap()
            .iter()
            .map(|h| h.claim.id)
            .collect();
        v.sort();
        v
    };
    assert_eq!(hit_ids("حموشي"), [ids[0], ids[1]]);
    assert_eq!(hit_ids("حَمّوشي"), [ids[0], ids[1]]);
    assert_eq!(hit_ids("٢٠٢٥"), [ids[2]]);
    assert_eq!(hit_ids("أسبانيا"), [ids[2]]);
    assert_eq!(hit_ids("بومب*"), [ids[0]]);
    assert_eq!(hit_ids("\"عبد اللطيف\""), [ids[0]]);
    assert_eq!(hit_ids("تقرير").len(), 3, "article title");
    let hits = store.search("حموشي", None, None, 10).unwrap();
    assert!(hits[0].snippet.contains("[حموشي]") || hits[0].snippet.contains("[الحموشي]"));
    assert!(matches!(
        store.search("(حموشي", None, None, 10),
        Err(StoreError::BadQuery { .. })
    ));
    let f = store
        .claims(&ClaimFilter {
            search: Some("بومبيو OR مهاجر".to_owned()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(f.len(), 2);
}

#[test]
fn version_2_database_gets_a_null_claimant_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .unwrap();
        conn.execute_batch(include_str!("../../../migrations/sqlite/0001_init.sql"))
            .unwrap();
        conn.execute_batch(include_str!("../../../migrations/sqlite/0002_workflow.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO articles (id, sha256, text, title, language, imported_at, imported_by) \
             VALUES (1, '{}', '{TEXT}', 'تقرير', 'ar', '2026-01-01T00:00:00Z', 'x');
             INSERT INTO claims (id, article_id, seq, text, span_start, span_end, context_start, \
             context_end, score, check_worthy, kind) \
             VALUES (1, 1, 0, '{TEXT}', 0, {len}, 0, {len}, 0.9, 1, 'attribution');",
            "c".repeat(64),
            len = TEXT.len()
        ))
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.claim(1).unwrap().claim.claimant, None);
    // New imports into the migrated database keep their claimant.
    let mut c = claim(TEXT, "حموشي", 0.9);
    c.claimant = Some(claimtrack_model::Entity {
        kind: claimtrack_model::EntityKind::Person,
        text: "حموشي".to_owned(),
        span: c.span,
        value: Some("عبد اللطيف حموشي".to_owned()),
        relative: false,
    });
    let a = Article::bare("d".repeat(64), TEXT);
    store
        .insert_article(&a, std::slice::from_ref(&c), t(0), "x")
        .unwrap();
    let stored = store
        .claims(&ClaimFilter {
            article: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(stored[0].claim.claimant, c.claimant);
    // A claimant that is not an entity object is refused by the schema.
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(conn
        .execute("UPDATE claims SET claimant = '[1]' WHERE id = 1", [])
        .is_err());
}

#[test]
fn version_1_database_is_migrated_with_history_and_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .unwrap();
        conn.execute_batch(include_str!("../../../migrations/sqlite/0001_init.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO articles (id, sha256, text, title, language, imported_at, imported_by) \
             VALUES (1, '{}', '{TEXT}', 'تقرير', 'ar', '2026-01-01T00:00:00Z', 'x');
             INSERT INTO claims (id, article_id, seq, text, span_start, span_end, context_start, \
             context_end, score, check_worthy, kind, status, verdict, revision) \
             VALUES (1, 1, 0, '{TEXT}', 0, {len}, 0, {len}, 0.9, 1, 'event', 'in_progress', 'true', 2);
             INSERT INTO history (claim_id, field, from_value, to_value, \"by\", at) VALUES
               (1, 'status', 'unverified', 'in_progress', 'x', '2026-01-01T00:00:00Z'),
               (1, 'verdict', NULL, 'true', 'x', '2026-01-01T00:00:01Z');",
            "c".repeat(64),
            len = TEXT.len()
        ))
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let h = store.history(1).unwrap();
    assert_eq!(h.iter().map(|e| e.revision).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(store.search("حموشي", None, None, 5).unwrap().len(), 1);
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
    // history stays append-only after the rebuild
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(conn.execute("DELETE FROM history", []).is_err());
    assert!(conn.execute("UPDATE history SET note = 'x'", []).is_err());
    drop(conn);
    let u = store.change(&[1], &Op::Undo, &opts(), &meta(None)).unwrap();
    assert_eq!(u[0].undoes, Some(2));
    assert_eq!(store.claim(1).unwrap().verdict, None);
    // backup of a live database
    let copy = dir.path().join("copy.db");
    store.backup(&copy).unwrap();
    let copy = Store::open(&copy).unwrap();
    assert_eq!(copy.history(1).unwrap().len(), 3);
    assert!(copy.check().unwrap().is_empty());
    assert!(
        store.backup(&dir.path().join("copy.db")).is_err(),
        "never overwrites"
    );
}

on_both_engines!(
    rules_are_checked_in_the_transaction_and_refusals_write_nothing,
    publish_flow_verdict_fields_and_reopen,
    expectations_dry_run_and_confirmation_limit,
    evidence_notes_and_undo,
    search_folds_arabic_and_ranks,
);
