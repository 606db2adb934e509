//! What only PostgreSQL has, or what must be proved on it separately: the database-level
//! append-only history, migrations (too-new refusal, the advisory lock), concurrent writers on
//! one claim, the read-only role, TLS, `db copy` in both directions and search parity with
//! SQLite on real articles. Each test uses its own fresh database (testkit) and is skipped
//! without a server (fails under CI).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use claimtrack_model::{Article, ClaimKind, ExtractedClaim, Span, Stance, Status, Verdict};
use claimtrack_store::{
    ChangeMeta, ClaimFilter, Locator, NewEvidence, Op, Store, StoreError, VerdictChange,
    WriteOptions, SCHEMA_VERSION,
};
use claimtrack_testkit::pg::{connect, fresh_db, TestDb};

fn t(m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 10, m, 0).unwrap()
}

fn meta(by: &str, note: Option<&str>) -> ChangeMeta {
    ChangeMeta {
        by: by.to_owned(),
        note: note.map(str::to_owned),
        at: t(1),
    }
}

/// Claims = the sentences of `text` (split after `.`, `!`, `?`, `؟` and newlines).
fn sentences(text: &str) -> Vec<ExtractedClaim> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '؟' | '\n') {
            let end = i + c.len_utf8();
            let s = text[start..end].trim();
            if s.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                let lead = text[start..end].len() - text[start..end].trim_start().len();
                let span = Span::new(start + lead, start + lead + s.len());
                out.push(ExtractedClaim {
                    text: s.to_owned(),
                    span,
                    context_span: span,
                    score: 0.5,
                    check_worthy: true,
                    kind: ClaimKind::Other,
                    reasons: vec![],
                    entities: vec![],
                    claimant: None,
                });
            }
            start = end;
        }
    }
    out
}

fn corpus() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/gold");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds").to_owned();
    seed.push_str("/000_918a3ce10e0930b5.txt");
    files.push(seed.into());
    let mut out: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect();
    // Latin letters with diacritics and upper case, which the engines fold differently unless
    // the store evens them out.
    out.push((
        "latin".to_owned(),
        "L'Élan du café NAÏVE à Genève. Über 3,5 millions de visiteurs en 2019!".to_owned(),
    ));
    out
}

/// [`corpus`] plus 150 MArSum articles (Moroccan Darija and MSA) from ../shared, when present
/// (CI has it): the search parity corpus.
fn big_corpus() -> Vec<(String, String)> {
    let mut out = corpus();
    // 150 MArSum articles (Moroccan Darija and MSA) from ../shared, when present (CI has it).
    let marsum = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/marsum/MArSum1_test.txt"
    );
    if let Ok(text) = std::fs::read_to_string(marsum) {
        for (i, line) in text.lines().skip(1).take(150).enumerate() {
            if let Some(body) = line.strip_prefix('"').and_then(|b| b.split("\" \"").next()) {
                out.push((format!("marsum {i}"), body.to_owned()));
            }
        }
    }
    out
}

fn sha(n: usize) -> String {
    format!("{n:064x}")
}

/// A store with the corpus imported (article n titled by its file name).
fn load(store: &mut Store) {
    load_from(store, corpus());
}

fn load_from(store: &mut Store, corpus: Vec<(String, String)>) {
    for (n, (name, text)) in corpus.into_iter().enumerate() {
        let article = Article {
            title: Some(name.replace('-', " ")),
            ..Article::bare(sha(n + 1), &text)
        };
        store
            .insert_article(&article, &sentences(&text), t(0), "loader")
            .unwrap();
    }
}

fn pg() -> Option<TestDb> {
    fresh_db()
}

#[test]
fn history_is_append_only_in_the_database() {
    let Some(db) = pg() else { return };
    let mut store = Store::open(db.url()).unwrap();
    load(&mut store);
    let id = store.claims(&ClaimFilter::default()).unwrap()[0].id;
    store
        .set_status(&[id], Status::InProgress, &meta("sara", None))
        .unwrap();
    let mut c = connect(db.url()).unwrap();
    for sql in [
        "UPDATE history SET note = 'x'",
        "DELETE FROM history",
        "TRUNCATE history CASCADE",
    ] {
        let err = c.batch_execute(sql).unwrap_err();
        assert!(
            format!("{err:?}").contains("history is append-only"),
            "{sql}: {err:?}"
        );
    }
    assert_eq!(store.history(id).unwrap().len(), 1);
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
    // db check notices a disabled trigger.
    c.batch_execute("ALTER TABLE history DISABLE TRIGGER history_no_delete")
        .unwrap();
    let problems = store.check().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.check == "integrity" && p.message.contains("history_no_delete")),
        "{problems:?}"
    );
}

#[test]
fn newer_schema_is_refused_untouched_and_read_only_needs_a_schema() {
    let Some(db) = pg() else { return };
    let err = Store::open_read_only(db.url()).unwrap_err();
    assert!(matches!(err, StoreError::NoSchema(_)), "{err:?}");
    assert!(err.to_string().contains("import an article first"), "{err}");
    drop(Store::open(db.url()).unwrap());
    let mut c = connect(db.url()).unwrap();
    c.execute(
        "INSERT INTO claimtrack_schema (version) VALUES ($1)",
        &[&(SCHEMA_VERSION as i32 + 1)],
    )
    .unwrap();
    let tables = |c: &mut postgres::Client| -> i64 {
        c.query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            &[],
        )
        .unwrap()
        .get(0)
    };
    let before = tables(&mut c);
    for err in [
        Store::open(db.url()).unwrap_err(),
        Store::open_read_only(db.url()).unwrap_err(),
    ] {
        assert!(
            matches!(err, StoreError::TooNew { found, supported }
                if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
            "{err:?}"
        );
    }
    assert_eq!(tables(&mut c), before);
}

#[test]
fn processes_migrating_an_empty_database_at_once_apply_it_once() {
    let Some(db) = pg() else { return };
    let url = db.url().to_owned();
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || Store::open(&url).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), SCHEMA_VERSION);
    }
    let mut c = connect(&url).unwrap();
    let n: i64 = c
        .query_one("SELECT count(*) FROM claimtrack_schema", &[])
        .unwrap()
        .get(0);
    // One row per PostgreSQL migration (versions 3 ..= SCHEMA_VERSION), each applied once.
    assert_eq!(n, i64::from(SCHEMA_VERSION) - 2);
}

#[test]
fn a_lock_held_elsewhere_is_retried_then_busy() {
    let Some(db) = pg() else { return };
    let mut store = Store::open(db.url()).unwrap();
    load(&mut store);
    let id = store.claims(&ClaimFilter::default()).unwrap()[0].id;
    let mut other = connect(db.url()).unwrap();
    let mut tx = other.transaction().unwrap();
    tx.execute("SELECT 1 FROM claims WHERE id = $1 FOR UPDATE", &[&id])
        .unwrap();
    let started = std::time::Instant::now();
    let err = store
        .set_status(&[id], Status::InProgress, &meta("sara", None))
        .unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    // Every attempt waited for the lock timeout.
    assert!(
        started.elapsed() >= claimtrack_store::LOCK_TIMEOUT * claimtrack_store::MAX_ATTEMPTS as u32,
        "{:?}",
        started.elapsed()
    );
    tx.rollback().unwrap();
    let c = store
        .set_status(&[id], Status::InProgress, &meta("sara", None))
        .unwrap();
    assert_eq!(c[0].revision, 1);
}

#[test]
fn a_read_only_role_reads_and_cannot_change_anything() {
    let Some(db) = pg() else { return };
    let mut store = Store::open(db.url()).unwrap();
    load(&mut store);
    let id = store.claims(&ClaimFilter::default()).unwrap()[0].id;
    let role = format!("{}_reader", db.name());
    let mut admin = connect(db.url()).unwrap();
    admin
        .batch_execute(&format!(
            "CREATE ROLE \"{role}\" LOGIN PASSWORD 'reader-secret';
             GRANT CONNECT ON DATABASE \"{db}\" TO \"{role}\";
             GRANT USAGE ON SCHEMA public TO \"{role}\";
             GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"{role}\";",
            db = db.name()
        ))
        .unwrap();
    let mut url = url::Url::parse(db.url()).unwrap();
    url.set_username(&role).unwrap();
    url.set_password(Some("reader-secret")).unwrap();
    let before = store.check().unwrap();
    {
        let mut reader = Store::open(url.as_str()).unwrap();
        assert_eq!(
            reader.connected_role().unwrap().as_deref(),
            Some(role.as_str())
        );
        assert_eq!(reader.claim(id).unwrap().revision, 0);
        assert!(reader.search("المغرب OR الرباط", None, None, 5).is_ok());
        let writes: Vec<StoreError> = vec![
            reader
                .set_status(&[id], Status::InProgress, &meta("r", None))
                .unwrap_err(),
            reader
                .change(
                    &[id],
                    &Op::AddNote("x".into()),
                    &WriteOptions::default(),
                    &meta("r", None),
                )
                .unwrap_err(),
            reader
                .insert_article(&Article::bare(sha(999), "نص جديد."), &[], t(0), "r")
                .unwrap_err(),
        ];
        for err in writes {
            assert!(matches!(err, StoreError::PermissionDenied(_)), "{err:?}");
            let msg = err.to_string();
            assert!(
                msg.contains("permission denied") && msg.contains("nothing was changed"),
                "{msg}"
            );
            assert!(!msg.contains("reader-secret"));
        }
    }
    assert_eq!(store.revision(id).unwrap(), 0);
    assert_eq!(store.articles().unwrap().len(), corpus().len());
    assert_eq!(store.check().unwrap(), before);
    admin
        .batch_execute(&format!(
            "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM \"{role}\";
             REVOKE ALL ON SCHEMA public FROM \"{role}\";
             REVOKE ALL ON DATABASE \"{db}\" FROM \"{role}\";",
            db = db.name()
        ))
        .unwrap();
    drop(admin);
    drop(store);
    let mut server = connect(db.admin_url()).unwrap();
    drop(db);
    let _ = server.batch_execute(&format!("DROP ROLE IF EXISTS \"{role}\""));
}

#[test]
fn connection_errors_mask_the_password_and_tls_modes_work() {
    let Some(db) = pg() else { return };
    let mut url = url::Url::parse(db.url()).unwrap();
    let good_password = url.password().map(str::to_owned);
    url.set_password(Some("wrong-secret")).unwrap();
    let err = Store::open(url.as_str()).unwrap_err();
    assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        !msg.contains("wrong-secret") && msg.contains("***"),
        "{msg}"
    );
    // TLS: the server's certificate (Debian's snakeoil) is self-signed: require encrypts without
    // verifying, verify-full refuses it.
    url.set_password(good_password.as_deref()).unwrap();
    let host_is_tcp = url.host_str().is_some_and(|h| !h.starts_with('/'));
    if host_is_tcp {
        let mut c = connect(db.url()).unwrap();
        let ssl: String = c.query_one("SHOW ssl", &[]).unwrap().get(0);
        if ssl == "on" {
            let require = format!("{url}?sslmode=require");
            let store = Store::open(&require).unwrap();
            assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
            let err = Store::open(format!("{url}?sslmode=verify-full")).unwrap_err();
            assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
            assert!(
                err.to_string().to_lowercase().contains("certificate"),
                "{err}"
            );
            // With the server's certificate as sslrootcert, verify-full accepts it for the name
            // it was issued to (Debian's snakeoil: localhost) and refuses it for another.
            let cert: String = c.query_one("SHOW ssl_cert_file", &[]).unwrap().get(0);
            if cert == "/etc/ssl/certs/ssl-cert-snakeoil.pem" && Path::new(&cert).exists() {
                let mut named = url.clone();
                named.set_host(Some("localhost")).unwrap();
                let ok = format!("{named}?sslmode=verify-full&sslrootcert={cert}");
                let store = Store::open(&ok).unwrap();
                assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
                named.set_host(Some("127.0.0.1")).unwrap();
                let bad = format!("{named}?sslmode=verify-full&sslrootcert={cert}");
                let err = Store::open(&bad).unwrap_err().to_string();
                assert!(err.contains("not valid for name"), "{err}");
                if let Some(pw) = good_password.as_deref() {
                    assert!(!err.contains(&format!(":{pw}@")), "{err}");
                }
            } else {
                eprintln!("note: not Debian's snakeoil certificate; verify-full success not run");
            }
        } else {
            eprintln!("note: the test server has ssl off; the TLS part was not run");
        }
    }
    let err = Store::open(format!("{url}?sslmode=sometimes")).unwrap_err();
    assert!(matches!(err, StoreError::BadLocator { .. }), "{err:?}");
}

/// A SQLite store with a full desk: corpus, changes of every kind, evidence, notes, undo.
fn busy_desk(store: &mut Store) -> Vec<i64> {
    load(store);
    let ids: Vec<i64> = store
        .claims(&ClaimFilter::default())
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    let o = WriteOptions::default();
    store
        .set_status(&ids[..3], Status::InProgress, &meta("sara", Some("بدأنا")))
        .unwrap();
    store
        .change(
            &ids[..1],
            &Op::AddEvidence(NewEvidence {
                url: "https://example.org/a".into(),
                title: Some("مصدر".into()),
                note: None,
                stance: Some(Stance::Refutes),
            }),
            &o,
            &meta("sara", None),
        )
        .unwrap();
    store
        .change(
            &ids[1..2],
            &Op::AddNote("ملاحظة".into()),
            &o,
            &meta("omar", None),
        )
        .unwrap();
    store
        .change(
            &ids[..1],
            &Op::Verdict(VerdictChange {
                verdict: Some(Verdict::False),
                explanation: Some("شرح".into()),
                ..Default::default()
            }),
            &o,
            &meta("sara", None),
        )
        .unwrap();
    store
        .change(&ids[1..2], &Op::Undo, &o, &meta("omar", None))
        .unwrap();
    store
        .change(
            &ids[2..3],
            &Op::Assign(Some("lina".into())),
            &o,
            &meta("editor", None),
        )
        .unwrap();
    ids
}

type Dump = (
    Vec<claimtrack_store::StoredArticle>,
    Vec<claimtrack_model::StoredClaim>,
    Vec<Vec<claimtrack_model::HistoryEntry>>,
    Vec<Vec<claimtrack_model::Evidence>>,
    Vec<Vec<claimtrack_model::Note>>,
);

fn dump(store: &Store) -> Dump {
    let claims = store.claims(&ClaimFilter::default()).unwrap();
    (
        store.articles().unwrap(),
        claims.clone(),
        claims
            .iter()
            .map(|c| store.history(c.id).unwrap())
            .collect(),
        claims
            .iter()
            .map(|c| store.evidence(c.id).unwrap())
            .collect(),
        claims.iter().map(|c| store.notes(c.id).unwrap()).collect(),
    )
}

#[test]
fn copy_sqlite_to_postgres_and_back_preserves_everything() {
    let Some(db) = pg() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut src = Store::open(dir.path().join("desk.db")).unwrap();
    let ids = busy_desk(&mut src);
    let mut dst = Store::open(db.url()).unwrap();
    let counts = src.copy_to(&mut dst).unwrap();
    assert_eq!(counts.articles as usize, corpus().len());
    assert_eq!(counts.claims as usize, ids.len());
    assert_eq!(counts.search, counts.claims);
    assert!(
        counts.history >= 7 && counts.evidence == 1 && counts.notes == 1,
        "{counts:?}"
    );
    assert_eq!(dump(&src), dump(&dst));
    assert!(dst.check().unwrap().is_empty(), "{:?}", dst.check());
    // Same searches, same hits.
    for q in ["المغرب", "كورونا OR ليبيا", "\"المملكة المغربية\""] {
        let hits = |s: &Store| -> BTreeSet<i64> {
            s.search(q, None, None, 1000)
                .unwrap()
                .iter()
                .map(|h| h.claim.id)
                .collect()
        };
        assert_eq!(hits(&src), hits(&dst), "{q}");
    }
    // A non-empty target is refused, unchanged, with a way forward.
    let err = src.copy_to(&mut dst).unwrap_err();
    assert!(matches!(err, StoreError::NotEmpty { .. }), "{err:?}");
    assert!(err.to_string().contains("empty"), "{err}");
    assert_eq!(dump(&src), dump(&dst));
    // Sequences were advanced: new rows get fresh ids.
    let new = dst
        .insert_article(
            &Article::bare(sha(500), "خبر جديد تماما."),
            &sentences("خبر جديد تماما."),
            t(5),
            "x",
        )
        .unwrap()
        .article_id();
    assert_eq!(new, corpus().len() as i64 + 1);
    let last = dst
        .claims(&ClaimFilter {
            article: Some(new),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(last[0].id, *ids.iter().max().unwrap() + 1);
    dst.set_status(&[last[0].id], Status::InProgress, &meta("x", None))
        .unwrap();
    // And back to SQLite: the snapshot equals the PostgreSQL desk.
    let back = dir.path().join("back.db");
    dst.backup(&back).unwrap();
    let back = Store::open(&back).unwrap();
    assert_eq!(dump(&dst), dump(&back));
    assert!(back.check().unwrap().is_empty());
    assert!(
        dst.backup(&dir.path().join("back.db")).is_err(),
        "never overwrites"
    );
}

#[test]
fn search_finds_the_same_claims_as_sqlite_on_the_corpus() {
    let Some(db) = pg() else { return };
    let mut lite = Store::open_in_memory().unwrap();
    load_from(&mut lite, big_corpus());
    let mut pgs = Store::open(db.url()).unwrap();
    load_from(&mut pgs, big_corpus());
    // Queries from the corpus's own words: single words, prefixes, phrases, operators.
    let words: Vec<String> = big_corpus()
        .iter()
        .flat_map(|(_, t)| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut queries: Vec<String> = Vec::new();
    // About 150 base words spread over the corpus, six queries each.
    let step = (words.len() / 150).max(1);
    for (i, w) in words.iter().enumerate().step_by(step) {
        let next = &words[(i + 1) % words.len()];
        let other = &words[(i * 7 + 3) % words.len()];
        let prefix: String = w.chars().take(3).collect();
        queries.push(w.clone());
        queries.push(format!("{prefix}*"));
        queries.push(format!("\"{w} {next}\""));
        queries.push(format!("{w} OR {other}"));
        queries.push(format!("{w} NOT {other}"));
        queries.push(format!("({w} OR {other}) {next}"));
    }
    queries.extend(
        [
            "8.3",
            "covid-19",
            "2019",
            "٢٠١٩",
            "الحموشي",
            "حموشي",
            "كوفيد*",
            "elan",
            "Élan",
            "café",
            "cafe",
            "NAÏVE",
            "naive*",
            "über",
        ]
        .map(String::from),
    );
    let mut compared = 0;
    let mut with_hits = 0;
    for q in &queries {
        let run = |s: &Store| -> Result<Vec<(i64, String)>, String> {
            let mut v: Vec<(i64, String)> = s
                .search(q, None, None, 10_000)
                .map_err(|e| e.to_string())?
                .into_iter()
                .map(|h| (h.claim.id, h.snippet))
                .collect();
            v.sort();
            Ok(v)
        };
        let (a, b) = (run(&lite), run(&pgs));
        assert_eq!(a, b, "query {q:?}");
        compared += 1;
        with_hits += usize::from(a.is_ok_and(|v| !v.is_empty()));
    }
    assert!(
        compared > 100 && with_hits > 50,
        "{compared} queries, {with_hits} with hits"
    );
}

#[test]
fn locator_selects_the_engine() {
    let Some(db) = pg() else { return };
    assert!(Locator::parse(db.url()).unwrap().is_postgres());
    let store = Store::open(db.url()).unwrap();
    assert_eq!(store.engine(), claimtrack_store::EngineKind::Postgres);
    let dir = tempfile::tempdir().unwrap();
    let lite = Store::open(format!("sqlite:{}", dir.path().join("x.db").display())).unwrap();
    assert_eq!(lite.engine(), claimtrack_store::EngineKind::Sqlite);
    assert!(dir.path().join("x.db").exists());
}

#[test]
fn bulk_changes_in_opposite_orders_do_not_deadlock() {
    let Some(db) = pg() else { return };
    let mut store = Store::open(db.url()).unwrap();
    load(&mut store);
    let ids: Vec<i64> = store
        .claims(&ClaimFilter::default())
        .unwrap()
        .iter()
        .take(6)
        .map(|c| c.id)
        .collect();
    let threads: Vec<_> = (0..4)
        .map(|n| {
            let url = db.url().to_owned();
            let mut mine = ids.clone();
            if n % 2 == 1 {
                mine.reverse();
            }
            std::thread::spawn(move || {
                let mut store = Store::open(&url).unwrap();
                for i in 0..15 {
                    let op = Op::Assign(Some(format!("t{n}-{i}")));
                    store
                        .change(&mine, &op, &WriteOptions::default(), &meta("x", None))
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    for id in &ids {
        assert_eq!(store.history(*id).unwrap().len(), 60);
        assert_eq!(store.revision(*id).unwrap(), 60);
    }
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let mut c = connect(db.url()).unwrap();
    let deadlocks: i64 = c
        .query_one(
            "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(deadlocks, 0);
}

#[test]
fn the_same_article_imported_at_once_by_two_desks_is_stored_once() {
    let Some(db) = pg() else { return };
    drop(Store::open(db.url()).unwrap());
    let (_, text) = corpus().remove(0);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let (url, text, barrier) = (db.url().to_owned(), text.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&url).unwrap();
                barrier.wait();
                store
                    .insert_article(&Article::bare(sha(1), &text), &sentences(&text), t(0), "x")
                    .unwrap()
            })
        })
        .collect();
    let outcomes: Vec<_> = threads.into_iter().map(|h| h.join().unwrap()).collect();
    let inserted = outcomes
        .iter()
        .filter(|o| matches!(o, claimtrack_store::ImportOutcome::Inserted { .. }))
        .count();
    assert_eq!(inserted, 1, "{outcomes:?}");
    let ids: BTreeSet<i64> = outcomes.iter().map(|o| o.article_id()).collect();
    assert_eq!(ids.len(), 1, "{outcomes:?}");
    let store = Store::open(db.url()).unwrap();
    assert_eq!(store.articles().unwrap().len(), 1);
    assert_eq!(
        store.claims(&ClaimFilter::default()).unwrap().len(),
        sentences(&text).len()
    );
    assert!(store.check().unwrap().is_empty());
}
