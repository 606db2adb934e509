//! An in-memory copy of the library's full-text index that proposes the same candidates as
//! [`Store::factcheck_candidate_ids`] on SQLite, for passes that match many claims (import,
//! `factchecks rematch`): FTS5's query cost about 0.75 ms per claim with a library of 10,000
//! fact-checks, most of it per-row work of the `bm25()` auxiliary function and a statement
//! SQLite re-prepares on each use; scoring posting lists in memory takes tens of microseconds.
//!
//! Exactness is the point: a claim's stored match must be what `match` shows, and `match` asks
//! FTS5. The ranking here is FTS5's `bm25()` as SQLite implements it (`ext/fts5/fts5_aux.c`,
//! `fts5Bm25Function`: k1 = 1.2, b = 0.75, idf = ln((N − n + 0.5) / (n + 0.5)) floored at 1e-6,
//! the row's token count over the table's mean), computed with the same operations in the same
//! order, so the same doubles come out; ties go by rowid, as the SQL orders them. The postings
//! are read from the rows FTS5 indexed and checked against FTS5's own vocabulary
//! (`fts5vocab`): a library whose stored terms FTS5 tokenises differently (a term FTS5 would
//! split or fold) gets no index, and callers ask the engine.

use std::collections::HashMap;
use std::sync::Mutex;

use foldhash::fast::FixedState;

use crate::db::{Db, Kind};
use crate::{Result, Store};

/// What changes whenever the library does: the highest fact-check id (every insert) and the
/// highest history row id (every update writes one). Fact-checks are never deleted. Two equal
/// versions of one database mean the same library, so an index built at one serves the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryVersion {
    last_factcheck: i64,
    last_change: i64,
}

/// The library's full-text postings in memory, ranked as FTS5's `bm25()` ranks them (see the
/// module documentation). Built by [`Store::candidate_index`]; a few tens of bytes per token
/// of the library (about 5 MB for 10,000 fact-checks).
#[derive(Debug)]
pub struct CandidateIndex {
    /// Fact-check ids (FTS5 rowids), by document number.
    ids: Vec<i64>,
    /// Each document's length normalisation `k1 · (1 − b + b · tokens / avgdl)`, by document
    /// number: the same double `fts5Bm25Function` computes for the row, worked out once.
    norms: Vec<f64>,
    /// Each token's documents (document number, occurrences), by document number.
    postings: HashMap<String, Vec<(u32, u32)>, FixedState>,
    /// Rows of the full-text table (FTS5's `xRowCount`).
    rows: i64,
    /// Per-document score accumulators, reused between queries (all zero between calls): one
    /// per thread asking at once.
    scratch: Mutex<Vec<Vec<f64>>>,
}

/// FTS5's `bm25()` constants (`fts5_aux.c`).
const K1: f64 = 1.2;
const B: f64 = 0.75;

impl CandidateIndex {
    /// An index of `docs` (`(fact-check id, full-text tokens)`, each id once), ranking as FTS5
    /// would over a table holding exactly these rows and tokens.
    pub fn new<'a>(docs: impl IntoIterator<Item = (i64, Vec<&'a str>)>) -> CandidateIndex {
        let mut ids = Vec::new();
        let mut lens = Vec::new();
        let mut postings: HashMap<String, Vec<(u32, u32)>, FixedState> = HashMap::default();
        let mut total: u64 = 0;
        let mut tf: HashMap<&str, u32, FixedState> = HashMap::default();
        for (id, tokens) in docs {
            let n = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            ids.push(id);
            lens.push(u32::try_from(tokens.len()).unwrap_or(u32::MAX));
            total += tokens.len() as u64;
            tf.clear();
            for t in &tokens {
                *tf.entry(t).or_default() += 1;
            }
            for (t, f) in tf.drain() {
                match postings.get_mut(t) {
                    Some(p) => p.push((n, f)),
                    None => {
                        postings.insert(t.to_owned(), vec![(n, f)]);
                    }
                }
            }
        }
        let rows = i64::try_from(ids.len()).unwrap_or(i64::MAX);
        // FTS5's `avgdl`: total tokens / rows.
        let avgdl = total as f64 / rows as f64;
        let norms = lens
            .iter()
            .map(|d| K1 * (1.0 - B + B * f64::from(*d) / avgdl))
            .collect();
        CandidateIndex {
            scratch: Mutex::new(Vec::new()),
            ids,
            norms,
            postings,
            rows,
        }
    }

    /// Fact-checks in the index.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index holds no fact-check.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids of up to `limit` fact-checks holding at least one of `words`, best first: what
    /// [`Store::factcheck_candidate_ids`] returns on SQLite for the same library (FTS5
    /// `bm25()` over the query `"w1" OR "w2" …`, ties by id). `None` when a word is not one of
    /// the index's tokens: FTS5 would read it as another token or as a phrase of several,
    /// which this copy does not follow — ask the engine then. (`words` come from
    /// [`crate::candidate_terms`], which keeps only words some fact-check holds.)
    pub fn candidate_ids(&self, words: &[&str], limit: usize) -> Option<Vec<i64>> {
        let lists: Vec<&Vec<(u32, u32)>> = words
            .iter()
            .map(|w| self.postings.get(*w))
            .collect::<Option<_>>()?;
        if lists.is_empty() || limit == 0 {
            return Some(Vec::new());
        }
        let mut scores = self
            .scratch
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_else(|| vec![0.0; self.ids.len()]);
        let mut touched: Vec<u32> = Vec::new();
        // Phrase by phrase, as `fts5Bm25Function` sums them: the same additions in the same
        // order (a phrase a row lacks adds exactly 0.0 there, so skipping it changes nothing).
        for list in lists {
            let hits = list.len() as i64;
            let mut idf = ((self.rows - hits) as f64 + 0.5) / (hits as f64 + 0.5);
            idf = idf.ln();
            if idf <= 0.0 {
                idf = 1e-6;
            }
            for &(doc, f) in list {
                let f = f64::from(f);
                let s = &mut scores[doc as usize];
                if *s == 0.0 {
                    touched.push(doc);
                }
                *s += idf * ((f * (K1 + 1.0)) / (f + self.norms[doc as usize]));
            }
        }
        let mut ranked: Vec<(f64, i64)> = touched
            .iter()
            .map(|&doc| {
                let s = std::mem::take(&mut scores[doc as usize]);
                (-s, self.ids[doc as usize])
            })
            .collect();
        if let Ok(mut pool) = self.scratch.lock() {
            pool.push(scores);
        }
        let by = |a: &(f64, i64), b: &(f64, i64)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, by);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(by);
        Some(ranked.into_iter().map(|(_, id)| id).collect())
    }
}

/// See [`Store::library_version`].
pub(crate) fn library_version(db: &mut dyn Db) -> Result<LibraryVersion> {
    let r = db.query_one(
        "SELECT (SELECT coalesce(max(id), 0) FROM factchecks), \
                (SELECT coalesce(max(id), 0) FROM factcheck_history)",
        &[],
    )?;
    Ok(LibraryVersion {
        last_factcheck: r.i64(0)?,
        last_change: r.i64(1)?,
    })
}

/// See [`Store::candidate_index`]: the full-text rows, split on white space (how the store
/// writes them: matching terms joined by spaces), then checked token by token against FTS5's
/// vocabulary — every token's row and occurrence counts, and the number of tokens.
fn build(db: &mut dyn Db) -> Result<Option<CandidateIndex>> {
    let rows = db.query("SELECT rowid, terms FROM factcheck_fts ORDER BY rowid", &[])?;
    let mut texts = Vec::with_capacity(rows.len());
    for r in &rows {
        texts.push((r.i64(0)?, r.text(1)?));
    }
    let index = CandidateIndex::new(
        texts
            .iter()
            .map(|(id, t)| (*id, t.split_whitespace().collect())),
    );
    db.exec(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.claimtrack_factcheck_vocab \
         USING fts5vocab(main, factcheck_fts, row)",
        &[],
    )?;
    let vocab = db.query(
        "SELECT term, doc, cnt FROM temp.claimtrack_factcheck_vocab",
        &[],
    )?;
    if vocab.len() != index.postings.len() {
        return Ok(None);
    }
    for v in &vocab {
        let term = v.text(0)?;
        let Some(list) = index.postings.get(&term) else {
            return Ok(None);
        };
        let occurrences: i64 = list.iter().map(|(_, f)| i64::from(*f)).sum();
        if list.len() as i64 != v.i64(1)? || occurrences != v.i64(2)? {
            return Ok(None);
        }
    }
    Ok(Some(index))
}

impl Store {
    /// The library's current [`LibraryVersion`] (two primary-key look-ups).
    ///
    /// Errors: engine errors.
    pub fn library_version(&self) -> Result<LibraryVersion> {
        self.read(library_version)
    }

    /// The library's full-text index in memory with the version it was read at, for matching
    /// many claims in one pass: its [`CandidateIndex::candidate_ids`] are this store's
    /// [`Store::factcheck_candidate_ids`] while the version holds. `None` on PostgreSQL (its
    /// `ts_rank` is not copied) and when FTS5 tokenises the stored terms differently from how
    /// they are written (see the module documentation). Reads every full-text row once (about
    /// 0.1 s for 10,000 fact-checks, measured in a profile of an import).
    ///
    /// Errors: engine errors.
    pub fn candidate_index(&self) -> Result<Option<(LibraryVersion, CandidateIndex)>> {
        self.read(|db| {
            if db.kind() != Kind::Sqlite {
                return Ok(None);
            }
            let version = library_version(db)?;
            Ok(build(db)?.map(|ix| (version, ix)))
        })
    }
}
