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

use std::collections::HashMap;

use foldhash::fast::FixedState;

use anyhow::Result;
use claimtrack_match::bm25::Stats;
use claimtrack_match::features::Profile;
use claimtrack_match::rank::{best, CANDIDATES};
use claimtrack_match::{Model, Query, Thresholds};
use claimtrack_store::{candidate_terms, CandidateIndex, ClaimMatch, LibraryVersion, Store};

use super::doc;

/// Candidate profiles kept at most (a few KB each): a library larger than this is read again
/// in parts rather than held whole.
const MAX_PROFILES: usize = 10_000;

/// Claims matched against one library version after which its full-text index is copied into
/// memory ([`Store::candidate_index`], ~30 ms for 10,000 fact-checks, where asking the engine
/// costs ~0.75 ms per claim): a one-article import asks the engine, a batch import copies it.
const INDEX_AFTER: usize = 64;

/// A candidate as the re-ranker sees it, kept between claims.
struct Candidate {
    /// The desk's claim it stands for (the desk's own verdicts), never a match of that claim.
    claim_id: Option<i64>,
    profile: Profile,
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
    /// Fact-checks and their mean length in terms; `None` until first read.
    totals: Option<(u64, f64)>,
    /// Document frequency of every term asked so far (0 for a term no fact-check holds, and for
    /// a term that is not a full-text word, as the store counts them).
    df: HashMap<String, u64, FixedState>,
    candidates: HashMap<i64, Candidate>,
    /// The full-text index in memory, once [`INDEX_AFTER`] claims were asked about.
    index: Option<CandidateIndex>,
    /// Whether the index was asked for at this version (the engine may have none).
    index_asked: bool,
}

impl Stats for Bulk {
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
            totals: None,
            df: HashMap::default(),
            candidates: HashMap::new(),
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
            // Read in its own snapshot: kept only if the library did not change in between.
            self.index = store
                .candidate_index()?
                .filter(|(v, _)| *v == version)
                .map(|(_, ix)| ix);
        }
        Ok(())
    }

    /// The best match at or above *suggest* of the claim `id` with text `text`: the same
    /// fact-check and score as the first of [`super::find`] (same candidates, statistics,
    /// features and order).
    ///
    /// Errors: store errors.
    pub(super) fn best(
        &mut self,
        store: &Store,
        id: i64,
        text: &str,
    ) -> Result<Option<ClaimMatch>> {
        // The date only ages the fact-checks in the reasons, never in the score.
        let query = Query::new(text, None, None);
        let unknown: Vec<String> = claimtrack_match::bm25::unique(&query.terms)
            .into_iter()
            .filter(|t| !self.df.contains_key(*t))
            .map(str::to_owned)
            .collect();
        if !unknown.is_empty() || self.totals.is_none() {
            let s = store.library_stats(&unknown)?;
            self.totals = Some((s.docs, s.avg_len));
            for t in unknown {
                let d = s.df.get(&t).copied().unwrap_or(0);
                self.df.insert(t, d);
            }
        }
        let words = candidate_terms(&query.terms, &self.df);
        let ids = match self
            .index
            .as_ref()
            .and_then(|ix| ix.candidate_ids(&words, CANDIDATES))
        {
            Some(ids) => ids,
            None => store.factcheck_candidate_ids(&words, CANDIDATES)?,
        };
        let mut missing: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|c| !self.candidates.contains_key(c))
            .collect();
        if !missing.is_empty() {
            if self.candidates.len() + missing.len() > MAX_PROFILES {
                self.candidates.clear();
                missing.clone_from(&ids);
            }
            for f in store.factchecks_by_id(&missing)? {
                let profile = Profile::of_doc(&doc(&f));
                self.candidates.insert(
                    f.id,
                    Candidate {
                        claim_id: f.claim_id(),
                        profile,
                    },
                );
            }
        }
        let cands: Vec<(i64, &Profile)> = ids
            .iter()
            .filter_map(|c| Some((*c, self.candidates.get(c)?)))
            .filter(|(_, c)| c.claim_id != Some(id))
            .map(|(c, cand)| (c, &cand.profile))
            .collect();
        let profiles: Vec<&Profile> = cands.iter().map(|c| c.1).collect();
        let t = Thresholds::EMBEDDED;
        Ok(best(
            &Profile::of_query(&query),
            &profiles,
            self,
            &Model::EMBEDDED,
        )
        .filter(|(_, score)| *score >= t.suggest)
        .map(|(i, score)| ClaimMatch {
            factcheck_id: cands[i].0,
            score,
            strong: score >= t.strong,
        }))
    }
}
