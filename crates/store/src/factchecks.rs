//! The library of earlier fact-checks (`migrations/*/0004_factchecks.sql`): storing and updating
//! them, BM25 candidates and statistics for matching, the best match stored with each claim, and
//! the claims' clusters.
//!
//! The store does not compute matching terms (it does not depend on the matching crate): callers
//! give them with each fact-check ([`NewFactCheck::terms`]). Candidates come from FTS5 on SQLite
//! and from a GIN-indexed `tsvector` of the same terms on PostgreSQL; the BM25 statistics
//! ([`LibraryStats`]) come from one engine-neutral table, so the re-ranking that follows scores
//! identically on both engines (only which candidates the engines propose first may differ).

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use claimtrack_model::Verdict;
use serde::Serialize;

use crate::db::{Db, Kind, Row, Val};
use crate::{Result, Store, StoreError};

/// Which row a fact-check is: an imported page (by URL) or one of the desk's own claims.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactCheckKey {
    /// An imported fact-check, by its validated http/https URL.
    Url(String),
    /// The desk's own claim with a verdict, by claim id.
    Claim(i64),
}

/// A fact-check to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFactCheck {
    /// Its identity.
    pub key: FactCheckKey,
    /// The claim as worded by the fact-checker.
    pub claim: String,
    /// Headline.
    pub title: Option<String>,
    /// Publisher's rating text.
    pub rating: Option<String>,
    /// Numeric rating on the scale below.
    pub rating_value: Option<f64>,
    /// Best value of the rating scale.
    pub best_rating: Option<f64>,
    /// Worst value of the rating scale.
    pub worst_rating: Option<f64>,
    /// Our verdict when the rating maps surely.
    pub verdict: Option<Verdict>,
    /// The fact-checking organisation.
    pub publisher: Option<String>,
    /// Calendar date of the fact-check.
    pub date: Option<NaiveDate>,
    /// Language code.
    pub language: Option<String>,
    /// Who made the claim.
    pub claimant: Option<String>,
    /// Matching terms of claim then title (no spaces inside a term).
    pub terms: Vec<String>,
    /// How many of `terms` come from the claim.
    pub claim_terms: usize,
}

/// A stored fact-check: the fact-check as given to [`Store::store_factchecks`] and its row data.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFactCheck {
    /// Row id (the `FC` of `verdict --from-match FC`).
    pub id: i64,
    /// The fact-check (its key is its URL, or the desk's claim id for the desk's own verdicts).
    pub check: NewFactCheck,
    /// The file it was imported from, or `desk`.
    pub source: String,
    /// When first stored (RFC 3339 UTC).
    pub imported_at: String,
    /// When last changed (RFC 3339 UTC).
    pub updated_at: String,
}

impl StoredFactCheck {
    /// The URL of an imported fact-check.
    pub fn url(&self) -> Option<&str> {
        match &self.check.key {
            FactCheckKey::Url(u) => Some(u),
            FactCheckKey::Claim(_) => None,
        }
    }

    /// The desk's claim id, for the desk's own verdicts.
    pub fn claim_id(&self) -> Option<i64> {
        match self.check.key {
            FactCheckKey::Claim(c) => Some(c),
            FactCheckKey::Url(_) => None,
        }
    }
}

/// What storing one fact-check did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stored {
    /// A new row, with its id.
    Inserted(i64),
    /// The row with the same key changed; its previous values went to the history.
    Updated(i64),
    /// The row with the same key already held exactly these values.
    Unchanged(i64),
}

/// Which fact-checks [`Store::factchecks`] lists.
#[derive(Debug, Clone, Default)]
pub struct FactCheckFilter {
    /// Publisher name, compared case-insensitively and in full.
    pub publisher: Option<String>,
    /// Language code, exact.
    pub language: Option<String>,
}

/// BM25 statistics of the library: documents, mean length and the document frequency of each
/// asked term (0 for a term no document holds).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LibraryStats {
    /// Number of fact-checks.
    pub docs: u64,
    /// Mean number of terms per fact-check.
    pub avg_len: f64,
    /// Document frequency per term asked.
    pub df: HashMap<String, u64>,
}

/// The best match stored with a claim.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClaimMatch {
    /// The fact-check.
    pub factcheck_id: i64,
    /// Same-claim probability 0..1.
    pub score: f64,
    /// At or above the strong threshold.
    pub strong: bool,
}

/// How many of a query's terms (the rarest in the library) select the candidates: enough for
/// every term of nearly every claim or tweet (the bound keeps an 8 KiB claim's full-text query
/// short). Twelve lost relevant fact-checks whose words are only moderately rare: Arabic dev
/// MAP@5 0.840 against 0.882 with 32 (`cargo xtask eval`, which retrieves as the store does;
/// `docs/matching.md`).
pub const CANDIDATE_TERMS: usize = 32;

/// The terms of a query that select its candidates ([`Store::factcheck_candidates`]): its
/// distinct terms made only of letters and digits and held by at least one fact-check, the
/// [`CANDIDATE_TERMS`] rarest by document frequency `df` (ties by term), rarest first. When a
/// long text has more, its most common words are the ones left out: they add the longest
/// posting lists to scan and the least to which documents come first (the re-ranking uses
/// every term).
pub fn candidate_terms<'t, S: std::hash::BuildHasher>(
    terms: &'t [String],
    df: &HashMap<String, u64, S>,
) -> Vec<&'t str> {
    let mut seen = HashSet::with_capacity_and_hasher(terms.len(), FixedState::default());
    let mut words: Vec<(u64, &str)> = terms
        .iter()
        .map(String::as_str)
        .filter(|t| seen.insert(*t))
        .filter_map(|w| Some((*df.get(w).filter(|d| **d > 0)?, w)))
        .filter(|(_, w)| is_word(w))
        .collect();
    // Distinct words: (df, word) orders them completely.
    words.sort_unstable();
    words.truncate(CANDIDATE_TERMS);
    words.into_iter().map(|(_, w)| w).collect()
}

/// Whether a term can be a full-text word: only letters and digits (a term holding anything
/// else never reaches the full-text query, and counts as held by no fact-check).
fn is_word(t: &str) -> bool {
    !t.is_empty() && t.chars().all(char::is_alphanumeric)
}

/// The library's totals and the document frequency of each of `terms` that [`is_word`] (0
/// when none holds it), read in one statement per chunk of terms.
fn library_stats(db: &mut dyn Db, terms: &[String]) -> Result<LibraryStats> {
    let stats_row = db.query_one(
        "SELECT docs, CAST(terms AS double precision) / CAST(CASE WHEN docs = 0 THEN 1 ELSE docs END AS double precision) FROM factcheck_totals",
        &[],
    )?;
    let words: Vec<&str> = unique(terms).into_iter().filter(|t| is_word(t)).collect();
    let mut df: HashMap<String, u64> = words.iter().map(|w| ((*w).to_owned(), 0)).collect();
    if !words.is_empty() {
        // The words travel as one JSON array in one text parameter: one statement whatever
        // their number, prepared once (an `IN` list of bound words is a new statement for each
        // length, and SQLite re-prepares a statement comparing bound values with an indexed
        // column on every execution once `PRAGMA optimize` has gathered statistics).
        let list = serde_json::to_string(&words).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let sql = match db.kind() {
            Kind::Sqlite => {
                "SELECT d.term, d.df FROM json_each($1) AS j JOIN factcheck_df AS d ON d.term = j.value"
            }
            Kind::Postgres => {
                "SELECT d.term, d.df FROM json_array_elements_text($1::json) AS j(t) \
                 JOIN factcheck_df AS d ON d.term = j.t"
            }
        };
        for r in db.query(sql, &[list.into()])? {
            df.insert(r.text(0)?, u64::try_from(r.i64(1)?).unwrap_or(0));
        }
    }
    Ok(LibraryStats {
        docs: u64::try_from(stats_row.i64(0)?).unwrap_or(0),
        avg_len: stats_row.f64(1)?,
        df,
    })
}

/// See [`Store::factcheck_candidate_ids`].
fn candidate_ids(db: &mut dyn Db, words: &[&str], limit: usize) -> Result<Vec<i64>> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let (sql, q) = match db.kind() {
        // Every word quoted: FTS5 syntax never comes from the text. The ids only, by the
        // full-text index; the rows are read by primary key after (one plan each whatever the
        // statistics say: a join let the planner, given statistics gathered while the library
        // was tiny, scan every fact-check for each hit — a 10,000-record import's re-matching
        // ran for many minutes).
        Kind::Sqlite => (
            "SELECT rowid FROM factcheck_fts WHERE factcheck_fts MATCH $1 \
             ORDER BY bm25(factcheck_fts), rowid LIMIT $2",
            words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(" OR "),
        ),
        Kind::Postgres => (
            "SELECT id FROM factchecks WHERE tsv @@ ($1::text)::tsquery \
             ORDER BY ts_rank(tsv, ($1::text)::tsquery) DESC, id LIMIT $2",
            words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" | "),
        ),
    };
    db.query(sql, &[q.into(), limit.into()])?
        .iter()
        .map(|r| r.i64(0))
        .collect()
}

/// See [`Store::factchecks_by_id`].
fn factchecks_by_id(db: &mut dyn Db, ids: &[i64]) -> Result<Vec<StoredFactCheck>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = serde_json::to_string(ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let cols = COLUMNS
        .split(", ")
        .map(|c| format!("f.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = match db.kind() {
        Kind::Sqlite => format!(
            "SELECT {cols} FROM json_each($1) AS j CROSS JOIN factchecks AS f ON f.id = j.value"
        ),
        Kind::Postgres => format!(
            "SELECT {cols} FROM json_array_elements_text($1::json) AS j(v) \
             JOIN factchecks AS f ON f.id = CAST(j.v AS bigint)"
        ),
    };
    let mut rows: HashMap<i64, Row> = HashMap::with_capacity(ids.len());
    for r in db.query(&sql, &[list.into()])? {
        rows.insert(r.i64(0)?, r);
    }
    ids.iter()
        .filter_map(|id| rows.remove(id))
        .map(|r| parse(&r))
        .collect()
}

const COLUMNS: &str = "id, url, claim_id, claim, title, rating, rating_value, best_rating, \
    worst_rating, verdict, publisher, published, language, claimant, terms, claim_terms, source, \
    imported_at, updated_at";

fn opt_f64(r: &Row, i: usize) -> Result<Option<f64>> {
    match &r.0[i] {
        Val::Null => Ok(None),
        _ => r.f64(i).map(Some),
    }
}

fn parse(r: &Row) -> Result<StoredFactCheck> {
    let terms: Vec<String> = r
        .text(14)?
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let key = match (r.opt_text(1)?, r.opt_i64(2)?) {
        (Some(u), None) => FactCheckKey::Url(u),
        (None, Some(c)) => FactCheckKey::Claim(c),
        _ => {
            return Err(StoreError::Corrupt(
                "a fact-check needs exactly one of url and claim_id".into(),
            ))
        }
    };
    Ok(StoredFactCheck {
        id: r.i64(0)?,
        check: NewFactCheck {
            key,
            claim: r.text(3)?,
            title: r.opt_text(4)?,
            rating: r.opt_text(5)?,
            rating_value: opt_f64(r, 6)?,
            best_rating: opt_f64(r, 7)?,
            worst_rating: opt_f64(r, 8)?,
            verdict: r
                .opt_text(9)?
                .map(|v| {
                    v.parse()
                        .map_err(|e| StoreError::Corrupt(format!("factcheck verdict: {e}")))
                })
                .transpose()?,
            publisher: r.opt_text(10)?,
            date: r
                .opt_text(11)?
                .map(|d| {
                    NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .map_err(|_| StoreError::Corrupt(format!("factcheck date {d:?}")))
                })
                .transpose()?,
            language: r.opt_text(12)?,
            claimant: r.opt_text(13)?,
            claim_terms: usize::try_from(r.i64(15)?).unwrap_or(0).min(terms.len()),
            terms,
        },
        source: r.text(16)?,
        imported_at: r.text(17)?,
        updated_at: r.text(18)?,
    })
}

/// The comparable fields of a row (what an update compares and the history keeps).
fn fields(f: &NewFactCheck) -> serde_json::Value {
    serde_json::json!({
        "claim": f.claim, "title": f.title, "rating": f.rating, "rating_value": f.rating_value,
        "best_rating": f.best_rating, "worst_rating": f.worst_rating,
        "verdict": f.verdict.map(|v| v.as_str()), "publisher": f.publisher,
        "date": f.date.map(|d| d.to_string()), "language": f.language, "claimant": f.claimant,
    })
}

fn unique(terms: &[String]) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    terms
        .iter()
        .map(String::as_str)
        .filter(|t| seen.insert(*t))
        .collect()
}

/// Changes to the BM25 statistics made by one transaction, applied once at its end (one
/// statement per distinct term rather than per term of every fact-check).
#[derive(Default)]
struct Deltas {
    df: HashMap<String, i64, FixedState>,
    docs: i64,
    terms: i64,
}

impl Deltas {
    /// Counts each distinct term of a document in (`up`) or out. A term's key is allocated
    /// only the first time the transaction meets it (a library import meets most terms again
    /// and again: a key allocated per occurrence was a tenth of its time).
    fn bump(&mut self, terms: &[String], up: bool) {
        let d = if up { 1 } else { -1 };
        let mut seen = HashSet::with_capacity_and_hasher(terms.len(), FixedState::default());
        for t in terms.iter().filter(|t| seen.insert(t.as_str())) {
            match self.df.get_mut(t.as_str()) {
                Some(n) => *n += d,
                None => {
                    self.df.insert(t.clone(), d);
                }
            }
        }
        self.terms += d * terms.len() as i64;
    }

    fn apply(self, db: &mut dyn Db) -> Result<()> {
        let mut terms: Vec<(&str, i64)> = self
            .df
            .iter()
            .filter(|(_, d)| **d != 0)
            .map(|(t, d)| (t.as_str(), *d))
            .collect();
        terms.sort_unstable();
        // Counts going down (terms of a fact-check's earlier version) update rows that exist;
        // an upsert cannot carry them, as its row to insert must pass `CHECK (df >= 0)` first.
        let (up, down): (Vec<_>, Vec<_>) = terms.into_iter().partition(|(_, d)| *d > 0);
        crate::claim_index::add_counts(db, "factcheck_df", &up)?;
        for (t, d) in down {
            db.exec(
                "UPDATE factcheck_df SET df = df + $2 WHERE term = $1",
                &[t.into(), d.into()],
            )?;
        }
        db.exec(
            "UPDATE factcheck_totals SET docs = docs + $1, terms = terms + $2 WHERE id = 1",
            &[self.docs.into(), self.terms.into()],
        )?;
        Ok(())
    }
}

fn index(db: &mut dyn Db, id: i64, terms: &str, replace: bool) -> Result<()> {
    if db.kind() == Kind::Sqlite {
        if replace {
            db.exec("DELETE FROM factcheck_fts WHERE rowid = $1", &[id.into()])?;
        }
        db.exec(
            "INSERT INTO factcheck_fts (rowid, terms) VALUES ($1, $2)",
            &[id.into(), terms.into()],
        )?;
    }
    Ok(())
}

/// Writes the best match of each claim given (`None`: any stored match is removed).
fn write_claim_matches(
    db: &mut dyn Db,
    matches: &[(i64, Option<ClaimMatch>)],
    now: DateTime<Utc>,
) -> Result<()> {
    let now = now.to_rfc3339_opts(SecondsFormat::Secs, true);
    for (claim, m) in matches {
        db.exec(
            "DELETE FROM claim_matches WHERE claim_id = $1",
            &[(*claim).into()],
        )?;
        if let Some(m) = m {
            db.exec(
                "INSERT INTO claim_matches (claim_id, factcheck_id, score, strong, matched_at) \
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    (*claim).into(),
                    m.factcheck_id.into(),
                    m.score.clamp(0.0, 1.0).into(),
                    m.strong.into(),
                    now.as_str().into(),
                ],
            )?;
        }
    }
    Ok(())
}

fn key_where(key: &FactCheckKey) -> (&'static str, Val) {
    match key {
        FactCheckKey::Url(u) => ("url = $1", u.into()),
        FactCheckKey::Claim(c) => ("claim_id = $1", (*c).into()),
    }
}

/// Writes one fact-check's row (and history); its full-text row `(id, terms, replace)` is
/// added to `search` for the caller to write after the batch's other statements.
fn store_one(
    db: &mut dyn Db,
    f: &NewFactCheck,
    source: &str,
    now: &str,
    deltas: &mut Deltas,
    search: &mut Vec<(i64, String, bool)>,
) -> Result<Stored> {
    if f.terms
        .iter()
        .any(|t| t.is_empty() || t.contains(char::is_whitespace))
    {
        return Err(StoreError::Corrupt(
            "a matching term is empty or holds a space".into(),
        ));
    }
    let (cond, key) = key_where(&f.key);
    let sql = format!(
        "SELECT {COLUMNS} FROM factchecks WHERE {cond}{}",
        db.for_update()
    );
    let existing = db.query_opt(&sql, &[key])?.map(|r| parse(&r)).transpose()?;
    let terms = f.terms.join(" ");
    let (url, claim_id): (Val, Val) = match &f.key {
        FactCheckKey::Url(u) => (u.into(), Val::Null),
        FactCheckKey::Claim(c) => (Val::Null, (*c).into()),
    };
    let values = |f: &NewFactCheck| -> Vec<Val> {
        vec![
            f.claim.clone().into(),
            f.title.clone().into(),
            f.rating.clone().into(),
            f.rating_value.into(),
            f.best_rating.into(),
            f.worst_rating.into(),
            f.verdict.map(|v| v.as_str()).into(),
            f.publisher.clone().into(),
            f.date.map(|d| d.to_string()).into(),
            f.language.clone().into(),
            f.claimant.clone().into(),
            terms.clone().into(),
            (f.claim_terms as i64).into(),
            (f.terms.len() as i64).into(),
            source.into(),
            now.into(),
        ]
    };
    match existing {
        Some(old) if fields(&old.check) == fields(f) => Ok(Stored::Unchanged(old.id)),
        Some(old) => {
            db.exec(
                "INSERT INTO factcheck_history (factcheck_id, changed_at, previous) VALUES ($1, $2, $3)",
                &[old.id.into(), now.into(), fields(&old.check).to_string().into()],
            )?;
            let mut params = values(f);
            params.push(old.id.into());
            db.exec(
                "UPDATE factchecks SET claim = $1, title = $2, rating = $3, rating_value = $4, \
                 best_rating = $5, worst_rating = $6, verdict = $7, publisher = $8, published = $9, \
                 language = $10, claimant = $11, terms = $12, claim_terms = $13, term_count = $14, \
                 source = $15, updated_at = $16, rematch_pending = TRUE WHERE id = $17",
                &params,
            )?;
            deltas.bump(&old.check.terms, false);
            deltas.bump(&f.terms, true);
            search.push((old.id, terms, true));
            Ok(Stored::Updated(old.id))
        }
        None => {
            let mut params = vec![url, claim_id];
            params.extend(values(f));
            params.push(now.into());
            let id = db
                .query_one(
                    "INSERT INTO factchecks (url, claim_id, claim, title, rating, rating_value, \
                     best_rating, worst_rating, verdict, publisher, published, language, claimant, \
                     terms, claim_terms, term_count, source, updated_at, imported_at, rematch_pending) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
                     $18, $19, TRUE) \
                     RETURNING id",
                    &params,
                )?
                .i64(0)?;
            deltas.bump(&f.terms, true);
            deltas.docs += 1;
            search.push((id, terms, false));
            Ok(Stored::Inserted(id))
        }
    }
}

impl Store {
    /// Applies several changes to the claims of `ids` in one transaction, in order, each as
    /// [`Store::change`] would (its own revision and history rows): all or nothing. `verdict
    /// --from-match` uses it to add the fact-check as evidence and set the verdict together.
    ///
    /// Errors: as [`Store::change`].
    pub fn change_together(
        &mut self,
        ids: &[i64],
        ops: &[crate::Op],
        opts: &crate::WriteOptions,
        meta: &crate::ChangeMeta,
    ) -> Result<Vec<crate::Change>> {
        self.write(|db| {
            let mut all = Vec::new();
            let mut commit = true;
            for op in ops {
                let (changes, c) = crate::change::run(db, ids, op, opts, meta)?;
                commit &= c;
                all.extend(changes);
            }
            Ok((all, commit))
        })
    }

    /// Stores fact-checks in one transaction: a key already stored is updated in place when any
    /// field differs (its previous values appended to `factcheck_history`), else left alone.
    /// `source` is recorded (the file name, or `desk`); `now` stamps the rows.
    ///
    /// Errors: [`StoreError::Busy`], [`StoreError::Corrupt`] (a term holding a space),
    /// [`StoreError::Sqlite`]/[`StoreError::Postgres`] for a schema constraint (a URL not
    /// http/https, a desk claim id that does not exist). Nothing is written on error.
    pub fn store_factchecks(
        &mut self,
        items: &[NewFactCheck],
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Stored>> {
        self.store_chunks(
            |i, write| {
                if i > 0 {
                    return Ok(false);
                }
                write(items)?;
                Ok(true)
            },
            source,
            now,
        )
    }

    /// As [`Store::store_factchecks`] for fact-checks that arrive in chunks, all in one
    /// transaction, each chunk written as it arrives: a caller normalises the next chunk on
    /// other threads (an iterator over a channel) while this one is written, where normalising
    /// a whole file first left the writer idle for a seventh of a library import. The chunks
    /// end where the iterator does; an `Err` item (the caller's chunks stopped coming: its
    /// producer failed) rolls everything back and is returned as it is. Returns the
    /// fact-checks, in order, with what storing each did. The chunks are held until the commit
    /// (a transaction the engine must retry is written again from them), so memory is that of
    /// every fact-check given, as for [`Store::store_factchecks`].
    ///
    /// Errors: the iterator's error; as [`Store::store_factchecks`]; nothing is written on
    /// error.
    pub fn store_factchecks_streamed<E: From<StoreError>>(
        &mut self,
        chunks: impl IntoIterator<Item = std::result::Result<Vec<NewFactCheck>, E>>,
        source: &str,
        now: DateTime<Utc>,
    ) -> std::result::Result<(Vec<NewFactCheck>, Vec<Stored>), E> {
        let mut chunks = chunks.into_iter();
        let mut held: Vec<Vec<NewFactCheck>> = Vec::new();
        let mut failed: Option<E> = None;
        let stored = self.store_chunks(
            |i, write| {
                if i == held.len() {
                    match chunks.next() {
                        Some(Ok(c)) => held.push(c),
                        Some(Err(e)) => {
                            failed = Some(e);
                            // Any error that is not `Busy` rolls back without a retry.
                            return Err(StoreError::Corrupt(
                                "the fact-checks to store stopped coming".into(),
                            ));
                        }
                        None => return Ok(false),
                    }
                }
                write(&held[i])?;
                Ok(true)
            },
            source,
            now,
        );
        if let Some(e) = failed {
            return Err(e);
        }
        Ok((held.into_iter().flatten().collect(), stored?))
    }

    /// The transaction of [`Store::store_factchecks`] over chunks: `chunk(i, write)` writes
    /// the `i`-th chunk with `write` and returns `true`, or returns `false` when there is none
    /// (asked again from 0 if the engine retries the transaction).
    #[allow(clippy::type_complexity)]
    fn store_chunks(
        &mut self,
        mut chunk: impl FnMut(usize, &mut dyn FnMut(&[NewFactCheck]) -> Result<()>) -> Result<bool>,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Stored>> {
        let now = now.to_rfc3339_opts(SecondsFormat::Secs, true);
        self.write(|db| {
            let mut deltas = Deltas::default();
            let mut search = Vec::new();
            let mut out = Vec::new();
            let mut i = 0;
            while chunk(i, &mut |items| {
                for f in items {
                    out.push(store_one(db, f, source, &now, &mut deltas, &mut search)?);
                }
                Ok(())
            })? {
                i += 1;
            }
            deltas.apply(db)?;
            // The full-text rows last: once FTS5 is written in a transaction, every later
            // statement that may abort half-way (a multi-row or RETURNING insert) opens a
            // statement savepoint, at which FTS5 flushes its pending terms to a new segment —
            // a segment per fact-check, and their merging, were a third of a library import.
            for (id, terms, replace) in &search {
                index(db, *id, terms, *replace)?;
            }
            Ok((out, true))
        })
    }

    /// Fact-checks matching `filter`, by id.
    ///
    /// Errors: [`StoreError::Corrupt`], [`StoreError::Sqlite`], [`StoreError::Postgres`].
    pub fn factchecks(&self, filter: &FactCheckFilter) -> Result<Vec<StoredFactCheck>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM factchecks WHERE ($1 IS NULL OR lower(publisher) = lower($1)) \
             AND ($2 IS NULL OR language = $2) ORDER BY id"
        );
        let params = [
            filter.publisher.clone().into(),
            filter.language.clone().into(),
        ];
        self.read(|db| {
            let sql = if db.kind() == Kind::Postgres {
                sql.replace("$1 IS NULL", "$1::text IS NULL")
                    .replace("$2 IS NULL", "$2::text IS NULL")
            } else {
                sql.clone()
            };
            db.query(&sql, &params)?.iter().map(parse).collect()
        })
    }

    /// One fact-check.
    ///
    /// Errors: [`StoreError::FactCheckNotFound`], [`StoreError::Corrupt`], engine errors.
    pub fn factcheck(&self, id: i64) -> Result<StoredFactCheck> {
        let sql = format!("SELECT {COLUMNS} FROM factchecks WHERE id = $1");
        self.read(|db| {
            parse(
                &db.query_opt(&sql, &[id.into()])?
                    .ok_or(StoreError::FactCheckNotFound(id))?,
            )
        })
    }

    /// The previous states of a fact-check (oldest first) as `(changed_at, JSON object)`.
    ///
    /// Errors: engine errors.
    pub fn factcheck_history(&self, id: i64) -> Result<Vec<(String, String)>> {
        self.read(|db| {
            db.query(
                "SELECT changed_at, previous FROM factcheck_history WHERE factcheck_id = $1 ORDER BY id",
                &[id.into()],
            )?
            .iter()
            .map(|r| Ok((r.text(0)?, r.text(1)?)))
            .collect()
        })
    }

    /// Up to `limit` fact-checks sharing at least one of the [`CANDIDATE_TERMS`] rarest of
    /// `terms` (by library document frequency), the engine's best first
    /// (SQLite: FTS5 `bm25()`; PostgreSQL: `ts_rank` over the same terms), and the BM25
    /// statistics of the library for `terms` (document frequencies of the query's terms made of
    /// letters and digits; others count 0 — the re-ranker is fitted and evaluated with the
    /// same, see `docs/matching.md`). Terms must be matching terms (no spaces).
    ///
    /// Errors: [`StoreError::Corrupt`], engine errors.
    pub fn factcheck_candidates(
        &self,
        terms: &[String],
        limit: usize,
    ) -> Result<(Vec<StoredFactCheck>, LibraryStats)> {
        self.read(|db| {
            let stats = library_stats(db, terms)?;
            let words = candidate_terms(terms, &stats.df);
            let ids = candidate_ids(db, &words, limit)?;
            Ok((factchecks_by_id(db, &ids)?, stats))
        })
    }

    /// The ids of up to `limit` fact-checks holding at least one of `words` (full-text words,
    /// as [`candidate_terms`] chooses them), the engine's best first (SQLite: FTS5 `bm25()`,
    /// ties by id; PostgreSQL: `ts_rank`, ties by id): the candidates of
    /// [`Store::factcheck_candidates`], for callers that keep fact-checks read before.
    ///
    /// Errors: engine errors.
    pub fn factcheck_candidate_ids(&self, words: &[&str], limit: usize) -> Result<Vec<i64>> {
        self.read(|db| candidate_ids(db, words, limit))
    }

    /// The fact-checks of `ids`, in the order of `ids` (ids that do not exist are left out).
    ///
    /// Errors: [`StoreError::Corrupt`], engine errors.
    pub fn factchecks_by_id(&self, ids: &[i64]) -> Result<Vec<StoredFactCheck>> {
        self.read(|db| factchecks_by_id(db, ids))
    }

    /// The fact-checks stored whose claims have not all been matched against them since (a
    /// `factchecks import` stopped before it finished matching), by id: set by
    /// [`Store::store_factchecks`] for each fact-check it inserts or updates, cleared by
    /// [`Store::set_library_matched`]. Empty once every import has finished.
    ///
    /// Errors: engine errors.
    pub fn factchecks_match_pending(&self) -> Result<Vec<i64>> {
        self.read(|db| {
            db.query(
                "SELECT id FROM factchecks WHERE rematch_pending = TRUE ORDER BY id",
                &[],
            )?
            .iter()
            .map(|r| r.i64(0))
            .collect()
        })
    }

    /// Records that the desk's claims were matched against fact-checks `ids` (clears their
    /// [`Store::factchecks_match_pending`] mark), in one transaction.
    ///
    /// Errors: [`StoreError::Busy`], engine errors.
    pub fn set_library_matched(&mut self, ids: &[i64]) -> Result<()> {
        self.write(|db| {
            crate::claim_index::query_in(
                db,
                "UPDATE factchecks SET rematch_pending = FALSE WHERE id IN {in}",
                ids.iter().map(|i| (*i).into()).collect(),
            )?;
            Ok(((), true))
        })
    }

    /// The library's BM25 statistics for `terms`: documents, mean length, and the document
    /// frequency of each term made only of letters and digits (0 when no fact-check holds it;
    /// other terms are left out, as for [`Store::factcheck_candidates`]).
    ///
    /// Errors: [`StoreError::Corrupt`], engine errors.
    pub fn library_stats(&self, terms: &[String]) -> Result<LibraryStats> {
        self.read(|db| library_stats(db, terms))
    }

    /// Records the best match of each claim given (`None`: no match above *suggest*, any stored
    /// match is removed), in one transaction.
    ///
    /// Errors: [`StoreError::Busy`], engine errors (a claim or fact-check id that does not exist).
    pub fn set_claim_matches(
        &mut self,
        matches: &[(i64, Option<ClaimMatch>)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|db| {
            write_claim_matches(db, matches, now)?;
            Ok(((), true))
        })
    }

    /// As [`Store::set_claim_matches`], only if the library is still at `version` (the one the
    /// matches were computed against): returns `false` and writes nothing when fact-checks were
    /// stored since, so that matches computed against an older library never overwrite the
    /// re-matching a library import did meanwhile. The check and the write are one
    /// transaction (on PostgreSQL the library's totals row is locked first: every library
    /// write updates it). An empty `matches` only checks.
    ///
    /// Errors: [`StoreError::Busy`], engine errors.
    pub fn set_claim_matches_at(
        &mut self,
        matches: &[(i64, Option<ClaimMatch>)],
        now: DateTime<Utc>,
        version: crate::LibraryVersion,
    ) -> Result<bool> {
        self.write(|db| {
            let lock = format!(
                "SELECT docs FROM factcheck_totals WHERE id = 1{}",
                db.for_update()
            );
            db.query_one(&lock, &[])?;
            if crate::candidate_index::library_version(db)? != version {
                return Ok((false, false));
            }
            write_claim_matches(db, matches, now)?;
            Ok((true, true))
        })
    }

    /// The stored best match of every matched claim, by claim id.
    ///
    /// Errors: engine errors.
    pub fn claim_matches(&self) -> Result<HashMap<i64, ClaimMatch>> {
        self.read(|db| {
            db.query(
                "SELECT claim_id, factcheck_id, score, strong FROM claim_matches",
                &[],
            )?
            .iter()
            .map(|r| {
                Ok((
                    r.i64(0)?,
                    ClaimMatch {
                        factcheck_id: r.i64(1)?,
                        score: r.f64(2)?,
                        strong: r.bool(3)?,
                    },
                ))
            })
            .collect()
        })
    }

    /// Replaces the cluster of every claim given (`cluster_id` the smallest claim id of the
    /// cluster; `None` removes the claim from any cluster), in one transaction.
    ///
    /// Errors: [`StoreError::Busy`], engine errors.
    pub fn set_clusters(&mut self, clusters: &[(i64, Option<i64>)]) -> Result<()> {
        self.write(|db| {
            for (claim, cluster) in clusters {
                db.exec(
                    "DELETE FROM claim_clusters WHERE claim_id = $1",
                    &[(*claim).into()],
                )?;
                if let Some(c) = cluster {
                    db.exec(
                        "INSERT INTO claim_clusters (claim_id, cluster_id) VALUES ($1, $2)",
                        &[(*claim).into(), (*c).into()],
                    )?;
                }
            }
            Ok(((), true))
        })
    }

    /// The cluster of every clustered claim, by claim id.
    ///
    /// Errors: engine errors.
    pub fn clusters(&self) -> Result<HashMap<i64, i64>> {
        self.read(|db| {
            db.query("SELECT claim_id, cluster_id FROM claim_clusters", &[])?
                .iter()
                .map(|r| Ok((r.i64(0)?, r.i64(1)?)))
                .collect()
        })
    }
}
