//! The desk's check-worthy claims indexed for clustering (`migrations/*/0005_claim_index.sql`):
//! each claim's matching terms, its MinHash band keys, and the desk's BM25 statistics (document
//! frequencies and totals), so that a batch of new claims finds its neighbours by key lookups and
//! scores them with the desk's statistics, without reading the whole desk.
//!
//! The store does not compute terms or keys (it does not depend on the matching crate): callers
//! give them ([`IndexedClaim`]). Everything here is engine-neutral SQL, the same on SQLite and
//! PostgreSQL. Cluster changes of a batch are written with its index rows in one transaction
//! ([`Store::index_and_cluster`]).

use std::collections::HashMap;

use crate::db::{values_list, Db, Kind, Row, Val};
use crate::factchecks::LibraryStats;
use crate::{Result, Store, StoreError};

/// A check-worthy claim to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedClaim {
    /// The claim's id.
    pub claim_id: i64,
    /// Its matching terms, repeats kept (no spaces inside a term).
    pub terms: Vec<String>,
    /// Its band keys (claimtrack_match::signature::band_keys of `terms`).
    pub bands: Vec<i64>,
}

/// An indexed claim as clustering reads it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskClaim {
    /// The claim's id.
    pub id: i64,
    /// Its text (the facts — numbers, years, names — are read from it).
    pub text: String,
    /// Its stored matching terms.
    pub terms: Vec<String>,
}

/// What a batch's clustering changes: claims put in a cluster, and clusters renamed because
/// they merged into one with a smaller id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterChanges {
    /// `(claim, cluster)`: the claim's cluster is set (inserted or replaced).
    pub members: Vec<(i64, i64)>,
    /// `(old, new)`: every claim of cluster `old` moves to cluster `new`.
    pub renames: Vec<(i64, i64)>,
}

/// Values per `IN (…)` list or `UNION ALL` of look-ups: one statement per chunk instead of one
/// per value (SQLite re-prepares a statement whose bound value may change its plan once
/// `PRAGMA optimize` has gathered statistics, so per-value statements spent most of their time
/// in its parser).
const CHUNK: usize = 200;

/// Band keys looked up per statement.
const KEYS_PER_STATEMENT: usize = 4_096;

/// Rows per multi-row INSERT (at most 3 parameters each; below both engines' limits).
const ROWS_PER_INSERT: usize = 500;

fn split_terms(s: &str) -> Vec<String> {
    s.split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Runs `sql`, whose `IN {in}` takes the list, once per [`CHUNK`] of `values`; the rows of all.
pub(crate) fn query_in(db: &mut dyn Db, sql: &str, values: Vec<Val>) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for chunk in values.chunks(CHUNK) {
        rows.extend(db.query(&sql.replace("{in}", &values_list(1, chunk.len())), chunk)?);
    }
    Ok(rows)
}

fn desk_claim(r: &Row) -> Result<DeskClaim> {
    Ok(DeskClaim {
        id: r.i64(0)?,
        text: r.text(1)?,
        terms: split_terms(&r.text(2)?),
    })
}

fn id_values(ids: &[i64]) -> Vec<Val> {
    ids.iter().map(|i| (*i).into()).collect()
}

fn totals(db: &mut dyn Db) -> Result<(u64, u64)> {
    let r = db.query_one(
        "SELECT docs, terms FROM claim_index_totals WHERE id = 1",
        &[],
    )?;
    Ok((
        u64::try_from(r.i64(0)?).unwrap_or(0),
        u64::try_from(r.i64(1)?).unwrap_or(0),
    ))
}

/// Inserts the index rows of `items` not indexed yet (with their keys), and counts their terms
/// into the desk statistics. A claim another connection indexes at the same time (two imports
/// on PostgreSQL catching up the same leftover claims) is left to it: the index rows are
/// inserted with `ON CONFLICT DO NOTHING`, and only the rows this call inserted add keys and
/// counts, so each claim is counted once and neither import fails.
fn insert_index(db: &mut dyn Db, items: &[IndexedClaim]) -> Result<()> {
    if let Some(c) = items.iter().find(|c| {
        c.terms
            .iter()
            .any(|t| t.is_empty() || t.contains(char::is_whitespace))
    }) {
        return Err(StoreError::Corrupt(format!(
            "claim {}: a matching term is empty or holds a space",
            c.claim_id
        )));
    }
    let claim_ids: Vec<i64> = items.iter().map(|c| c.claim_id).collect();
    let mut indexed = query_in(
        db,
        "SELECT claim_id FROM claim_index WHERE claim_id IN {in}",
        id_values(&claim_ids),
    )?
    .iter()
    .map(|r| r.i64(0))
    .collect::<Result<std::collections::HashSet<i64>>>()?;
    // Each claim once (a claim given twice is indexed by its first entry).
    let fresh: Vec<&IndexedClaim> = items
        .iter()
        .filter(|c| indexed.insert(c.claim_id))
        .collect();
    let mut rows: Vec<Val> = Vec::new();
    for c in &fresh {
        rows.extend([
            c.claim_id.into(),
            c.terms.join(" ").into(),
            (c.terms.len() as i64).into(),
        ]);
    }
    let mut inserted = std::collections::HashSet::new();
    for chunk in rows.chunks(ROWS_PER_INSERT * 3) {
        for r in db.query(
            &format!(
                "INSERT INTO claim_index (claim_id, terms, term_count) VALUES {} \
                 ON CONFLICT (claim_id) DO NOTHING RETURNING claim_id",
                values_list(chunk.len() / 3, 3)
            ),
            chunk,
        )? {
            inserted.insert(r.i64(0)?);
        }
    }
    let mut df: HashMap<&str, i64, foldhash::fast::FixedState> = HashMap::default();
    let (mut docs, mut terms) = (0i64, 0i64);
    let mut bands: Vec<[Val; 2]> = Vec::new();
    for c in fresh.iter().filter(|c| inserted.contains(&c.claim_id)) {
        docs += 1;
        terms += c.terms.len() as i64;
        let mut seen = std::collections::HashSet::with_capacity_and_hasher(
            c.terms.len(),
            foldhash::fast::FixedState::default(),
        );
        for t in &c.terms {
            if seen.insert(t.as_str()) {
                *df.entry(t.as_str()).or_default() += 1;
            }
        }
        let mut keys = c.bands.clone();
        keys.sort_unstable();
        keys.dedup();
        bands.extend(keys.into_iter().map(|k| [k.into(), c.claim_id.into()]));
    }
    insert_pairs(
        db,
        "INSERT INTO claim_bands (band, claim_id) VALUES {}",
        bands,
    )?;
    let mut df: Vec<(&str, i64)> = df.into_iter().collect();
    df.sort_unstable();
    add_counts(db, "claim_df", &df)?;
    db.exec(
        "UPDATE claim_index_totals SET docs = docs + $1, terms = terms + $2 WHERE id = 1",
        &[docs.into(), terms.into()],
    )?;
    Ok(())
}

/// Adds each `(term, delta)` to the document frequency table `table` (`claim_df` or
/// `factcheck_df`: columns `term`, `df`), inserting the terms it does not hold. Each term at
/// most once in `counts`. Many terms to a statement: one round trip per chunk, not per term (on
/// PostgreSQL a statement per term cost most of an import's time; on SQLite, a statement's
/// parse and step per term was a third of a fact-check library import).
pub(crate) fn add_counts(db: &mut dyn Db, table: &str, counts: &[(&str, i64)]) -> Result<()> {
    insert_pairs(
        db,
        &format!(
            "INSERT INTO {table} (term, df) VALUES {{}} \
             ON CONFLICT (term) DO UPDATE SET df = {table}.df + excluded.df"
        ),
        counts.iter().map(|(t, d)| [(*t).into(), (*d).into()]),
    )
}

/// Runs `sql`, whose `{}` takes a VALUES list of two-column rows, once per [`ROWS_PER_INSERT`]
/// of `rows` (each key at most once in `rows` when `sql` is an upsert).
fn insert_pairs(
    db: &mut dyn Db,
    sql: &str,
    rows: impl IntoIterator<Item = [Val; 2]>,
) -> Result<()> {
    let params: Vec<Val> = rows.into_iter().flatten().collect();
    for chunk in params.chunks(ROWS_PER_INSERT * 2) {
        db.exec(&sql.replace("{}", &values_list(chunk.len() / 2, 2)), chunk)?;
    }
    Ok(())
}

fn apply_clusters(db: &mut dyn Db, changes: &ClusterChanges) -> Result<()> {
    for (old, new) in &changes.renames {
        db.exec(
            "UPDATE claim_clusters SET cluster_id = $1 WHERE cluster_id = $2",
            &[(*new).into(), (*old).into()],
        )?;
    }
    // Members in chunks (a claim at most once per statement: the last change of it wins).
    let mut last: HashMap<i64, usize> = HashMap::with_capacity(changes.members.len());
    let mut members: Vec<(i64, i64)> = Vec::with_capacity(changes.members.len());
    for &(claim, cluster) in &changes.members {
        match last.get(&claim) {
            Some(&i) => members[i].1 = cluster,
            None => {
                last.insert(claim, members.len());
                members.push((claim, cluster));
            }
        }
    }
    insert_pairs(
        db,
        "INSERT INTO claim_clusters (claim_id, cluster_id) VALUES {} \
         ON CONFLICT (claim_id) DO UPDATE SET cluster_id = excluded.cluster_id",
        members
            .iter()
            .map(|(claim, cluster)| [(*claim).into(), (*cluster).into()]),
    )
}

/// Each query's neighbours among `holders` (band key → the claims holding it, as
/// [`Store::band_holders`] gives them): the claims sharing a key with the query (`(claim, its
/// keys)`), less the query itself and ids in `skip`, of which the `per_claim` sharing the most
/// keys (the newest — largest id — first among equals). One list per query, ids ascending and
/// distinct.
pub fn nearest_by_keys(
    queries: &[(i64, &[i64])],
    holders: &HashMap<i64, Vec<i64>>,
    per_claim: usize,
    skip: &std::collections::HashSet<i64>,
) -> Vec<Vec<i64>> {
    queries
        .iter()
        .map(|(id, keys)| {
            let mut ids: Vec<i64> = keys
                .iter()
                .filter_map(|k| holders.get(k))
                .flatten()
                .filter(|c| *c != id && !skip.contains(c))
                .copied()
                .collect();
            ids.sort_unstable();
            // The claims sharing the most keys with the query (the likeliest same claims),
            // the newest first among equals, at most `per_claim`: a claim repeated in
            // hundreds of articles must not make a batch's work grow with its repeats.
            let mut shared: Vec<(usize, i64)> = ids
                .chunk_by(|a, b| a == b)
                .map(|run| (run.len(), run[0]))
                .collect();
            shared.sort_unstable_by(|a, b| b.cmp(a));
            shared.truncate(per_claim);
            let mut ids: Vec<i64> = shared.into_iter().map(|(_, c)| c).collect();
            ids.sort_unstable();
            ids
        })
        .collect()
}

impl Store {
    /// The check-worthy claims of `articles` as `(id, text)`, by id.
    ///
    /// Errors: engine errors.
    pub fn check_worthy_claims_of(&self, articles: &[i64]) -> Result<Vec<(i64, String)>> {
        self.read(|db| {
            let mut out = query_in(
                db,
                "SELECT id, text FROM claims WHERE check_worthy = TRUE AND article_id IN {in}",
                id_values(articles),
            )?
            .iter()
            .map(|r| Ok((r.i64(0)?, r.text(1)?)))
            .collect::<Result<Vec<_>>>()?;
            out.sort_unstable_by_key(|c| c.0);
            Ok(out)
        })
    }

    /// Whether check-worthy claims stored before the index existed (or copied by `db copy`) may
    /// be missing from it ([`Store::unindexed_claims`] finds them).
    ///
    /// Errors: engine errors.
    pub fn claim_index_pending(&self) -> Result<bool> {
        self.read(|db| {
            db.query_one("SELECT pending FROM claim_index_totals WHERE id = 1", &[])?
                .bool(0)
        })
    }

    /// Up to `limit` check-worthy claims with an id above `after` that are not in the index, as
    /// `(id, text)`, smallest id first (page through with the last id returned).
    ///
    /// Errors: engine errors.
    pub fn unindexed_claims(&self, after: i64, limit: usize) -> Result<Vec<(i64, String)>> {
        self.read(|db| {
            db.query(
                "SELECT c.id, c.text FROM claims c LEFT JOIN claim_index i ON i.claim_id = c.id \
                 WHERE c.id > $1 AND c.check_worthy = $2 AND i.claim_id IS NULL \
                 ORDER BY c.id LIMIT $3",
                &[
                    after.into(),
                    true.into(),
                    i64::try_from(limit).unwrap_or(i64::MAX).into(),
                ],
            )?
            .iter()
            .map(|r| Ok((r.i64(0)?, r.text(1)?)))
            .collect()
        })
    }

    /// Marks the index complete (every check-worthy claim indexed), after
    /// [`Store::unindexed_claims`] returned nothing more.
    ///
    /// Errors: [`StoreError::Busy`], engine errors.
    pub fn set_claim_index_complete(&mut self) -> Result<()> {
        self.write(|db| {
            db.exec(
                "UPDATE claim_index_totals SET pending = $1 WHERE id = 1",
                &[false.into()],
            )?;
            Ok(((), true))
        })
    }

    /// The indexed claims sharing a band key with each query (`(claim, its keys)`): per key at
    /// most `per_key` claims, the newest (largest ids) first; the query claim itself and ids in
    /// `skip` are left out; of those, the `per_claim` sharing the most keys with the query
    /// (newest first among equals). One list per query, ids ascending and distinct. Keys are looked up
    /// [`KEYS_PER_STATEMENT`] to a statement ([`Store::band_holders`], then
    /// [`nearest_by_keys`]).
    ///
    /// Errors: engine errors.
    pub fn band_neighbours(
        &self,
        queries: &[(i64, &[i64])],
        per_key: usize,
        per_claim: usize,
        skip: &std::collections::HashSet<i64>,
    ) -> Result<Vec<Vec<i64>>> {
        let mut keys: Vec<i64> = queries.iter().flat_map(|q| q.1.iter().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        let holders = self.band_holders(&keys, per_key)?;
        Ok(nearest_by_keys(queries, &holders, per_claim, skip))
    }

    /// The indexed claims holding each of `keys` (band keys, distinct): per key at most
    /// `per_key` (clamped to 1..=100,000) claim ids, the newest (largest ids), in no particular
    /// order; a key no claim holds is absent. Keys are looked up [`KEYS_PER_STATEMENT`] to a
    /// statement.
    ///
    /// Errors: engine errors.
    pub fn band_holders(&self, keys: &[i64], per_key: usize) -> Result<HashMap<i64, Vec<i64>>> {
        let per_key = per_key.clamp(1, 100_000);
        self.read(|db| {
            let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
            for chunk in keys.chunks(KEYS_PER_STATEMENT) {
                let list = chunk
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(",");
                // The keys travel as one text parameter (a JSON array / a PostgreSQL array
                // literal): a key bound on its own is compared with the indexed column, and
                // SQLite re-prepares such a statement on every execution once `PRAGMA optimize`
                // has gathered statistics. Each key reads at most `per_key` index entries.
                let (sql, param) = match db.kind() {
                    Kind::Sqlite => (
                        format!(
                            "SELECT j.value, b.claim_id FROM json_each($1) AS j \
                             JOIN claim_bands AS b ON b.band = j.value \
                             WHERE b.claim_id >= coalesce((SELECT c.claim_id FROM claim_bands AS c \
                             WHERE c.band = j.value ORDER BY c.claim_id DESC LIMIT 1 OFFSET {}), \
                             -9223372036854775808)",
                            per_key - 1
                        ),
                        format!("[{list}]"),
                    ),
                    Kind::Postgres => (
                        format!(
                            "SELECT j.k, b.claim_id FROM unnest(($1::text)::bigint[]) AS j(k) \
                             CROSS JOIN LATERAL (SELECT claim_id FROM claim_bands \
                             WHERE band = j.k ORDER BY claim_id DESC LIMIT {per_key}) AS b"
                        ),
                        format!("{{{list}}}"),
                    ),
                };
                for r in db.query(&sql, &[param.into()])? {
                    out.entry(r.i64(0)?).or_default().push(r.i64(1)?);
                }
            }
            Ok(out)
        })
    }

    /// The index rows of `ids` with the claims' texts, by id (ids not indexed are left out).
    ///
    /// Errors: engine errors.
    pub fn indexed_claims(&self, ids: &[i64]) -> Result<Vec<DeskClaim>> {
        self.read(|db| {
            let mut out = query_in(
                db,
                "SELECT c.id, c.text, i.terms FROM claim_index i JOIN claims c ON c.id = i.claim_id \
                 WHERE i.claim_id IN {in}",
                id_values(ids),
            )?
            .iter()
            .map(desk_claim)
            .collect::<Result<Vec<_>>>()?;
            out.sort_unstable_by_key(|d| d.id);
            Ok(out)
        })
    }

    /// The desk's BM25 statistics over the index: indexed claims, their mean length in terms,
    /// and the document frequency of each of `terms` (0 for a term no indexed claim holds).
    ///
    /// Errors: engine errors.
    pub fn desk_stats(&self, terms: &[&str]) -> Result<LibraryStats> {
        let mut terms = terms.to_vec();
        terms.sort_unstable();
        terms.dedup();
        self.read(|db| {
            let (docs, total) = totals(db)?;
            let mut df: HashMap<String, u64> = terms.iter().map(|t| ((*t).to_owned(), 0)).collect();
            let values: Vec<Val> = terms.iter().map(|t| (*t).into()).collect();
            for r in query_in(
                db,
                "SELECT term, df FROM claim_df WHERE term IN {in}",
                values,
            )? {
                df.insert(r.text(0)?, u64::try_from(r.i64(1)?).unwrap_or(0));
            }
            Ok(LibraryStats {
                docs,
                avg_len: total as f64 / docs.max(1) as f64,
                df,
            })
        })
    }

    /// The stored cluster of each of `ids` that has one.
    ///
    /// Errors: engine errors.
    pub fn clusters_of(&self, ids: &[i64]) -> Result<HashMap<i64, i64>> {
        self.read(|db| {
            query_in(
                db,
                "SELECT claim_id, cluster_id FROM claim_clusters WHERE claim_id IN {in}",
                id_values(ids),
            )?
            .iter()
            .map(|r| Ok((r.i64(0)?, r.i64(1)?)))
            .collect()
        })
    }

    /// Indexes `items` (claims already indexed are left as they are: index, keys and statistics
    /// count each claim once) and applies `clusters` (renames first, then members), all in one
    /// transaction.
    ///
    /// Errors: [`StoreError::Busy`], [`StoreError::Corrupt`] (a term empty or holding a space),
    /// engine errors (a claim id that does not exist). Nothing is written on error.
    pub fn index_and_cluster(
        &mut self,
        items: &[IndexedClaim],
        clusters: &ClusterChanges,
    ) -> Result<()> {
        self.write(|db| {
            insert_index(db, items)?;
            apply_clusters(db, clusters)?;
            Ok(((), true))
        })
    }

    /// Up to `limit` indexed claims with an id above `after`, smallest id first (page through
    /// the whole index with the last id returned).
    ///
    /// Errors: engine errors.
    pub fn indexed_claims_after(&self, after: i64, limit: usize) -> Result<Vec<DeskClaim>> {
        self.read(|db| {
            db.query(
                "SELECT c.id, c.text, i.terms FROM claim_index i JOIN claims c ON c.id = i.claim_id \
                 WHERE i.claim_id > $1 ORDER BY i.claim_id LIMIT $2",
                &[after.into(), i64::try_from(limit).unwrap_or(i64::MAX).into()],
            )?
            .iter()
            .map(desk_claim)
            .collect()
        })
    }
}
