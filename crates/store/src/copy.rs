//! `db copy`: every row of one store into another, any engine to any engine.
//!
//! The source is read in one snapshot (PostgreSQL: one REPEATABLE READ transaction); the
//! target is written in one transaction: refused unless empty, rows inserted with their ids,
//! revisions, times and authors exactly as in the source (multi-row INSERTs), the search index
//! rebuilt from the copied claims (the same folded text the source holds, by construction),
//! PostgreSQL's identity sequences advanced past the copied ids, and every table's count read
//! back and compared before commit. An interrupted copy commits nothing, so it can be rerun.
//!
//! The fact-check library (`factchecks`, its history, BM25 statistics and search index) and the
//! claims' stored matches and clusters are copied too, so a copy answers `match` and
//! `clusters` exactly as the source does.
//!
//! The clustering index (`claim_index`, its band keys and statistics) is derived data and is not
//! copied: the target is marked so that its next clustering (an import, or `clusters
//! --min-score`) indexes the copied claims first.
//!
//! The source is held in memory during the copy (a desk of 10,000 articles is some tens of MB).

use crate::db::{Db, Kind, Row, Val};
use crate::{search, Result, Store, StoreError};

/// How many rows of each table a copy wrote (and verified on the target).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyCounts {
    /// Articles.
    pub articles: u64,
    /// Claims.
    pub claims: u64,
    /// Evidence rows (removed ones included).
    pub evidence: u64,
    /// Notes (removed ones included).
    pub notes: u64,
    /// History rows.
    pub history: u64,
    /// Search index rows (one per claim).
    pub search: u64,
    /// Fact-checks of the library (imported ones and the desk's own published claims).
    pub factchecks: u64,
    /// Fact-check history rows.
    pub factcheck_history: u64,
    /// Stored claim matches.
    pub matches: u64,
    /// Claims with a cluster.
    pub clustered: u64,
}

/// The copied tables in insertion order (parents first) with their columns; each is read in
/// the order of its first column (its key).
const TABLES: &[(&str, &str)] = &[
    (
        "articles",
        "id, sha256, text, title, url, language, published, dateline, author, agency, \
         headings, imported_at, imported_by",
    ),
    (
        "claims",
        "id, article_id, seq, text, span_start, span_end, context_start, context_end, score, \
         check_worthy, kind, reasons, entities, status, verdict, revision, assignee, \
         explanation, summary, review_url, published_at, claimant",
    ),
    (
        "evidence",
        "id, claim_id, url, title, note, stance, added_by, added_at, removed_at, removed_by, \
         removed_note",
    ),
    (
        "notes",
        "id, claim_id, text, \"by\", at, removed_at, removed_by",
    ),
    (
        "history",
        "id, claim_id, revision, field, action, from_value, to_value, note, \"by\", at, forced, \
         reopen, undoes, evidence_id, note_id",
    ),
    (
        "factchecks",
        "id, url, claim_id, claim, title, rating, rating_value, best_rating, worst_rating, \
         verdict, publisher, published, language, claimant, terms, claim_terms, term_count, \
         source, imported_at, updated_at, rematch_pending",
    ),
    (
        "factcheck_history",
        "id, factcheck_id, changed_at, previous",
    ),
    ("factcheck_df", "term, df"),
    (
        "claim_matches",
        "claim_id, factcheck_id, score, strong, matched_at",
    ),
    ("claim_clusters", "claim_id, cluster_id"),
];

/// The tables whose `id` comes from a sequence on PostgreSQL (advanced past the copied ids).
const SEQUENCED: &[&str] = &[
    "articles",
    "claims",
    "evidence",
    "notes",
    "history",
    "factchecks",
    "factcheck_history",
];

/// Parameters per multi-row INSERT (below both engines' limits).
const MAX_PARAMS: usize = 30_000;

fn count(db: &mut dyn Db, table: &str) -> Result<u64> {
    let n = db
        .query_one(&format!("SELECT count(*) FROM {table}"), &[])?
        .i64(0)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

fn search_table(kind: Kind) -> &'static str {
    match kind {
        Kind::Sqlite => "claims_fts",
        Kind::Postgres => "claims_search",
    }
}

impl Store {
    /// A name for messages: the file path, or the URL with the password masked.
    pub fn shown(&self) -> String {
        match &self.engine {
            crate::Engine::Sqlite(c) => c.path().unwrap_or(":memory:").to_owned(),
            crate::Engine::Postgres(p) => p.borrow().shown.clone(),
        }
    }

    /// Copies every article, claim, evidence, note and history row, and the fact-check library
    /// with the stored matches and clusters, of this store into
    /// `target`, which must be empty (see the module docs). Returns the counts, verified on the
    /// target before commit.
    ///
    /// Errors: [`StoreError::NotEmpty`] (nothing written), [`StoreError::CopyMismatch`] (rolled
    /// back), [`StoreError::Busy`], [`StoreError::PermissionDenied`], [`StoreError::Sqlite`],
    /// [`StoreError::Postgres`].
    pub fn copy_to(&self, target: &mut Store) -> Result<CopyCounts> {
        let data: Vec<Vec<Row>> = self.read(|db| {
            TABLES
                .iter()
                .map(|(table, cols)| {
                    let key = cols.split(", ").next().unwrap_or("1");
                    db.query(&format!("SELECT {cols} FROM {table} ORDER BY {key}"), &[])
                })
                .collect::<Result<Vec<_>>>()
                .and_then(|mut tables| {
                    tables.push(
                        db.query("SELECT docs, terms FROM factcheck_totals WHERE id = 1", &[])?,
                    );
                    Ok(tables)
                })
        })?;
        let shown = target.shown();
        target.write(|db| {
            let articles = count(db, "articles")?;
            let claims = count(db, "claims")?;
            let others = count(db, "history")?
                + count(db, "evidence")?
                + count(db, "notes")?
                + count(db, "factchecks")?;
            if articles + claims + others > 0 {
                return Err(StoreError::NotEmpty {
                    target: shown.clone(),
                    articles: articles as i64,
                    claims: claims as i64,
                });
            }
            for ((table, cols), rows) in TABLES.iter().zip(&data) {
                let width = cols.split(", ").count();
                for chunk in rows.chunks((MAX_PARAMS / width).max(1)) {
                    let sql = format!(
                        "INSERT INTO {table} ({cols}) VALUES {}",
                        crate::db::values_list(chunk.len(), width)
                    );
                    let params: Vec<Val> = chunk.iter().flat_map(|r| r.0.iter().cloned()).collect();
                    db.exec(&sql, &params)?;
                }
            }
            // The library's BM25 totals (one row, made by the migration).
            if let Some(totals) = data[TABLES.len()].first() {
                db.exec(
                    "UPDATE factcheck_totals SET docs = $1, terms = $2 WHERE id = 1",
                    &totals.0,
                )?;
            }
            // The search indexes, rebuilt from the copied claims and their articles' titles, and
            // from the fact-checks' terms (PostgreSQL's is a generated column).
            search::reindex_all(db)?;
            // The clustering index is derived data: not copied, rebuilt by the next clustering.
            db.exec(
                "UPDATE claim_index_totals SET pending = $1 WHERE id = 1",
                &[(!data[1].is_empty()).into()],
            )?;
            if db.kind() == Kind::Sqlite {
                db.exec(
                    "INSERT INTO factcheck_fts (rowid, terms) SELECT id, terms FROM factchecks",
                    &[],
                )?;
            }
            if db.kind() == Kind::Postgres {
                for table in SEQUENCED {
                    db.exec(
                        &format!(
                            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                             coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table}"
                        ),
                        &[],
                    )?;
                }
            }
            let index_table = search_table(db.kind());
            let counts = CopyCounts {
                articles: count(db, "articles")?,
                claims: count(db, "claims")?,
                evidence: count(db, "evidence")?,
                notes: count(db, "notes")?,
                history: count(db, "history")?,
                search: count(db, index_table)?,
                factchecks: count(db, "factchecks")?,
                factcheck_history: count(db, "factcheck_history")?,
                matches: count(db, "claim_matches")?,
                clustered: count(db, "claim_clusters")?,
            };
            let expected = [
                ("articles", counts.articles, data[0].len()),
                ("claims", counts.claims, data[1].len()),
                ("evidence", counts.evidence, data[2].len()),
                ("notes", counts.notes, data[3].len()),
                ("history", counts.history, data[4].len()),
                ("search index", counts.search, data[1].len()),
                ("fact-checks", counts.factchecks, data[5].len()),
                (
                    "fact-check history",
                    counts.factcheck_history,
                    data[6].len(),
                ),
                (
                    "fact-check terms",
                    count(db, "factcheck_df")?,
                    data[7].len(),
                ),
                ("claim matches", counts.matches, data[8].len()),
                ("clustered claims", counts.clustered, data[9].len()),
            ];
            for (what, found, want) in expected {
                if found != want as u64 {
                    return Err(StoreError::CopyMismatch(format!(
                        "{what}: {want} in the source, {found} in the target"
                    )));
                }
            }
            Ok((counts, true))
        })
    }
}
