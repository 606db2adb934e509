//! Matching many claims at once (import, `factchecks rematch`, `factchecks import`): each
//! claim's best match, computed as [`super::find`] computes it, with what the claims share read
//! and worked out once.
//!
//! Why: every claim of a batch asks the library the same few things — the document frequencies
//! of common words, the rows and profiles of the fact-checks that come up as candidates again and
//! again — and the re-ranker's reasons are only needed for a match someone reads. Asked claim by
//! claim, that cost ~3 ms per claim with a library of 10,000 fact-checks (most of it turning
//! the same candidates into terms and profiles again). What a [`Bulk`] read is kept from pass to
//! pass (an import's batches) while the library's version is unchanged, and with enough claims
//! the candidates come from a copy of the full-text index in memory
//! ([`claimtrack_store::CandidateIndex`], the same candidates as the engine's query).

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

use anyhow::Result;
use claimtrack_match::bm25::Stats;
use claimtrack_match::features::Profile;
use claimtrack_match::rank::{best, CANDIDATES};
use claimtrack_match::{Model, Thresholds};
use claimtrack_store::{candidate_terms, CandidateIndex, ClaimMatch, LibraryVersion, Store};
use rayon::prelude::*;

use super::doc;

/// Candidate profiles kept at most (a few KB each): a library larger than this is read again
/// in parts rather than held whole.
const MAX_PROFILES: usize = 10_000;

/// Claims matched against one library version after which its full-text index is copied into
/// memory ([`Store::candidate_index`], under 0.1 s for 10,000 fact-checks, where asking the engine
/// costs ~0.75 ms per claim): a one-article import asks the engine, a batch import copies it.
const INDEX_AFTER: usize = 64;

/// Document frequencies kept at most (a few dozen bytes each): an archive import asks about
/// millions of distinct words over its batches, so past this they are forgotten and read again
/// as asked.
const MAX_TERMS: usize = 200_000;

/// A claim to match: its id, its text, and its query terms
/// ([`claimtrack_match::normalise::query_terms`] of the text) when the caller normalised it
/// already (an import normalises each new claim once, for matching and clustering).
#[derive(Debug, Clone, Copy)]
pub struct ToMatch<'a> {
    /// The claim's id.
    pub id: i64,
    /// Its text.
    pub text: &'a str,
    /// `query_terms(text)`, or `None` to have them normalised here.
    pub query_terms: Option<&'a [String]>,
}

impl<'a> ToMatch<'a> {
    /// A claim whose terms are normalised when it is matched.
    pub fn text(id: i64, text: &'a str) -> Self {
        ToMatch {
            id,
            text,
            query_terms: None,
        }
    }

    /// Its query profile: the same as [`Profile::of_query_text`] of its text.
    fn profile(&self) -> Profile {
        match self.query_terms {
            Some(terms) => Profile::of_query_terms(terms.to_vec(), self.text),
            None => Profile::of_query_text(self.text),
        }
    }
}

/// A candidate as the re-ranker sees it, kept between claims.
struct Candidate {
    /// The desk's claim it stands for (the desk's own verdicts), never a match of that claim.
    claim_id: Option<i64>,
    profile: Profile,
}

/// Claims matched together: the store is asked once per part for what they need (document
/// frequencies, candidate rows), then the part's claims are re-ranked on every core. Bounds the
/// candidate profiles one part brings in (at most 50 per claim) below [`MAX_PROFILES`].
const PART: usize = 128;

/// The library's totals and the document frequencies read so far: what the re-ranker reads.
#[derive(Default)]
struct Statistics {
    /// Fact-checks and their mean length in terms; `None` until first read.
    totals: Option<(u64, f64)>,
    /// Document frequency of every term asked so far (0 for a term no fact-check holds, and for
    /// a term that is not a full-text word, as the store counts them).
    df: HashMap<String, u64, FixedState>,
}

impl Stats for Statistics {
    fn docs(&self) -> u64 {
        self.totals.map_or(0, |t| t.0)
    }
    fn avg_len(&self) -> f64 {
        self.totals.map_or(0.0, |t| t.1)
    }
    fn df(&self, term: &str) -> u64 {
        self.df.get(term).copied().unwrap_or(0)
    }
}

/// The library's statistics and candidates read so far, kept across passes of matching (an
/// import's batches) while the library is unchanged: each pass starts with [`Bulk::prepare`],
/// which drops everything when the [`LibraryVersion`] moved (another process stored
/// fact-checks).
pub struct Bulk {
    /// The library version everything below was read at.
    version: Option<LibraryVersion>,
    /// Claims asked about at this version.
    asked: usize,
    stats: Statistics,
    candidates: HashMap<i64, Candidate, FixedState>,
    /// The full-text index in memory, once [`INDEX_AFTER`] claims were asked about.
    index: Option<CandidateIndex>,
    /// Whether the index was asked for at this version (the engine may have none).
    index_asked: bool,
}

impl Default for Bulk {
    fn default() -> Self {
        Bulk::new()
    }
}

impl Bulk {
    /// Nothing read yet.
    pub fn new() -> Self {
        Bulk {
            version: None,
            asked: 0,
            stats: Statistics::default(),
            candidates: HashMap::default(),
            index: None,
            index_asked: false,
        }
    }

    /// Starts a pass of `claims` claims against `store`'s library: forgets what was read of
    /// another version, and copies the full-text index into memory when enough claims were
    /// asked about at this one.
    ///
    /// Errors: store errors.
    pub(super) fn prepare(&mut self, store: &Store, claims: usize) -> Result<()> {
        let version = store.library_version()?;
        if self.version != Some(version) {
            *self = Bulk::new();
            self.version = Some(version);
        }
        self.asked += claims;
        if !self.index_asked && self.asked >= INDEX_AFTER {
            self.index_asked = true;
            // Read in its own snapshot: kept only if the library did not change in between. A
            // copy that cannot be made (the engine busy, fts5vocab missing) is no error: the
            // engine's own query gives the same candidates, only slower.
            self.index = store
                .candidate_index()
                .ok()
                .flatten()
                .filter(|(v, _)| *v == version)
                .map(|(_, ix)| ix);
        }
        Ok(())
    }

    /// The library version the last [`Bulk::prepare`] found (what the matches since were
    /// computed against).
    pub(super) fn version(&self) -> Option<LibraryVersion> {
        self.version
    }

    /// The best match at or above *suggest* of each claim, in order: the same
    /// fact-check and score as the first of [`super::find`] (same candidates, statistics,
    /// features and order). Re-ranking runs on every core (rayon's pool).
    ///
    /// Errors: store errors.
    pub(super) fn best_all(
        &mut self,
        store: &Store,
        claims: &[ToMatch<'_>],
    ) -> Result<Vec<Option<ClaimMatch>>> {
        let mut out = Vec::with_capacity(claims.len());
        for part in claims.chunks(PART) {
            // The query profiles of `find` (the date only ages the fact-checks in the reasons,
            // never in the score), their facts read only for a claim with a candidate that may
            // reach *suggest*.
            let queries: Vec<Profile> = part.par_iter().map(ToMatch::profile).collect();
            self.read_statistics(store, &queries)?;
            // From the copy in memory on every core; a claim it cannot serve (or every claim,
            // without a copy) asks the engine.
            let (stats, index) = (&self.stats, self.index.as_ref());
            let found: Vec<Option<Vec<i64>>> = queries
                .par_iter()
                .map(|q| {
                    let words = candidate_terms(&q.terms, &stats.df);
                    index.and_then(|ix| ix.candidate_ids(&words, CANDIDATES))
                })
                .collect();
            let mut ids: Vec<Vec<i64>> = Vec::with_capacity(part.len());
            for (q, found) in queries.iter().zip(found) {
                ids.push(match found {
                    Some(ids) => ids,
                    None => {
                        let words = candidate_terms(&q.terms, &stats.df);
                        store.factcheck_candidate_ids(&words, CANDIDATES)?
                    }
                });
            }
            self.read_candidates(store, &ids)?;
            let (stats, candidates) = (&self.stats, &self.candidates);
            let t = Thresholds::EMBEDDED;
            out.par_extend(
                part.par_iter()
                    .zip(&queries)
                    .zip(&ids)
                    .map(|((claim, query), ids)| {
                        let id = &claim.id;
                        let cands: Vec<(i64, &Profile)> = ids
                            .iter()
                            .filter_map(|c| Some((*c, candidates.get(c)?)))
                            .filter(|(_, c)| c.claim_id != Some(*id))
                            .map(|(c, cand)| (c, &cand.profile))
                            .collect();
                        let profiles: Vec<&Profile> = cands.iter().map(|c| c.1).collect();
                        best(query, &profiles, stats, &Model::EMBEDDED, t.suggest).map(
                            |(i, score)| ClaimMatch {
                                factcheck_id: cands[i].0,
                                score,
                                strong: score >= t.strong,
                            },
                        )
                    }),
            );
        }
        Ok(out)
    }

    /// Reads the document frequencies of the terms of `queries` not read before (and the
    /// totals, with the first); forgets them all first when more than [`MAX_TERMS`] are held.
    fn read_statistics(&mut self, store: &Store, queries: &[Profile]) -> Result<()> {
        if self.stats.df.len() > MAX_TERMS {
            self.stats.df.clear();
        }
        let mut seen = HashSet::with_hasher(FixedState::default());
        let unknown: Vec<String> = queries
            .iter()
            .flat_map(|q| q.terms.iter())
            .filter(|t| !self.stats.df.contains_key(t.as_str()) && seen.insert(t.as_str()))
            .cloned()
            .collect();
        if !unknown.is_empty() || self.stats.totals.is_none() {
            let s = store.library_stats(&unknown)?;
            self.stats.totals = Some((s.docs, s.avg_len));
            for t in unknown {
                let d = s.df.get(&t).copied().unwrap_or(0);
                self.stats.df.insert(t, d);
            }
        }
        Ok(())
    }

    /// Reads and profiles the candidates of `ids` not held yet (on every core), dropping the
    /// ones held when they would grow past [`MAX_PROFILES`].
    fn read_candidates(&mut self, store: &Store, ids: &[Vec<i64>]) -> Result<()> {
        let mut wanted = HashSet::with_hasher(FixedState::default());
        let all: Vec<i64> = ids
            .iter()
            .flatten()
            .copied()
            .filter(|c| wanted.insert(*c))
            .collect();
        let mut missing: Vec<i64> = all
            .iter()
            .copied()
            .filter(|c| !self.candidates.contains_key(c))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        if self.candidates.len() + missing.len() > MAX_PROFILES {
            self.candidates.clear();
            missing = all;
        }
        let rows = store.factchecks_by_id(&missing)?;
        let made: Vec<(i64, Candidate)> = rows
            .par_iter()
            .map(|f| {
                (
                    f.id,
                    Candidate {
                        claim_id: f.claim_id(),
                        profile: Profile::of_doc(&doc(f)),
                    },
                )
            })
            .collect();
        self.candidates.extend(made);
        Ok(())
    }
}
