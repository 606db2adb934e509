//! The pairs of claims that state the same thing: a batch of claims against their neighbours
//! (claims sharing a MinHash band key), judged by the matching model.

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

use anyhow::Result;
use claimtrack_match::cluster::{accepted, neighbours, Pair};
use claimtrack_match::features::Profile;
use claimtrack_match::signals::facts;
use claimtrack_match::{signature, Model};
use claimtrack_store::{nearest_by_keys, Store};

use super::pending::Pending;

/// Stored neighbours kept per claim (those sharing the most band keys): bounds a batch's work
/// and memory when a claim is repeated in many articles (an archive of wire copies).
pub(super) const PER_CLAIM: usize = 10;

/// Claims taken per band key when looking for a claim's neighbours (the newest; a key shared by
/// more claims is boilerplate — a recurring sentence — and its older holders add nothing the
/// newest do not).
pub(super) const PER_KEY: usize = 20;

/// One claim being clustered: id, text, matching terms, band keys.
pub(super) struct Item {
    pub(super) id: i64,
    pub(super) text: String,
    pub(super) terms: Vec<String>,
    pub(super) keys: Vec<i64>,
}

pub(super) fn item(id: i64, text: String, terms: Vec<String>) -> Item {
    Item {
        id,
        text,
        keys: signature::band_keys(&terms),
        terms,
    }
}

fn profile(text: &str, terms: Vec<String>) -> Profile {
    let n = terms.len();
    Profile::new(terms, n, facts(text))
}

/// The accepted pairs of each of `batch` with its neighbours: indexed claims sharing a band key
/// (read from the store and the claims `held` for it, batch members excluded) and batch members sharing one (in memory).
/// Profiles are built only for claims that have a neighbour (most claims share no key with any
/// other). `extra` adds the batch's own counts to the store's statistics (claims not indexed
/// yet).
pub(super) fn batch_pairs(
    store: &Store,
    held: &Pending,
    batch: &[Item],
    extra: bool,
    threshold: f64,
) -> Result<Vec<Pair>> {
    let ids: HashSet<i64> = batch.iter().map(|c| c.id).collect();
    let queries: Vec<(i64, &[i64])> = batch.iter().map(|c| (c.id, &c.keys[..])).collect();
    let mut keys: Vec<i64> = batch.iter().flat_map(|c| c.keys.iter().copied()).collect();
    keys.sort_unstable();
    keys.dedup();
    let holders = held.band_holders(store, &keys, PER_KEY)?;
    let stored = nearest_by_keys(&queries, &holders, PER_CLAIM, &ids);
    let mut by_key: HashMap<i64, Vec<usize>, FixedState> = HashMap::default();
    for (i, c) in batch.iter().enumerate() {
        for k in &c.keys {
            by_key.entry(*k).or_default().push(i);
        }
    }
    let local: Vec<Vec<usize>> = batch
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut near: Vec<usize> = c
                .keys
                .iter()
                .flat_map(|k| by_key[k].iter().copied())
                .filter(|&j| j != i)
                .collect();
            near.sort_unstable();
            near.dedup();
            near
        })
        .collect();
    let mut wanted: Vec<i64> = stored.iter().flatten().copied().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut profiles: HashMap<i64, Profile, FixedState> = held
        .indexed_claims(store, &wanted)?
        .into_iter()
        .map(|d| (d.id, profile(&d.text, d.terms)))
        .collect();
    for (i, c) in batch.iter().enumerate() {
        if !stored[i].is_empty() || !local[i].is_empty() {
            profiles.insert(c.id, profile(&c.text, c.terms.clone()));
        }
    }
    let mut terms: Vec<&str> = profiles
        .values()
        .flat_map(|p| p.unique.iter().map(String::as_str))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let mut stats = held.desk_stats(store, &terms)?;
    if extra {
        let total = stats.avg_len * stats.docs as f64
            + batch.iter().map(|c| c.terms.len()).sum::<usize>() as f64;
        stats.docs += batch.len() as u64;
        stats.avg_len = total / stats.docs.max(1) as f64;
        for c in batch {
            let mut seen = HashSet::with_capacity_and_hasher(c.terms.len(), FixedState::default());
            for t in c.terms.iter().filter(|t| seen.insert(t.as_str())) {
                if let Some(d) = stats.df.get_mut(t) {
                    *d += 1;
                }
            }
        }
    }
    let model = Model::EMBEDDED;
    let mut out = Vec::new();
    for (i, c) in batch.iter().enumerate() {
        let Some(query) = profiles.get(&c.id) else {
            continue;
        };
        let candidates = stored[i]
            .iter()
            .copied()
            .chain(local[i].iter().map(|&j| batch[j].id))
            .filter_map(|id| Some((id, profiles.get(&id)?)));
        let near = neighbours(query, candidates, &stats);
        out.extend(accepted(c.id, query, &near, &stats, &model, threshold));
    }
    out.sort_by_key(|p| (p.0, p.1));
    out.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
    Ok(out)
}
