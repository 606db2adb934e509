//! Clustering at import: each committed batch's check-worthy claims are matched against the
//! fact-check library, indexed, and added to the desk's clusters.

use anyhow::Result;
use claimtrack_match::cluster::UnionFind;
use claimtrack_match::{normalise, signature, Thresholds};
use claimtrack_store::{ClusterChanges, IndexedClaim, Store};
use rayon::prelude::*;

use crate::commands::matching::{self, Bulk, ToMatch};

use super::pairs::{batch_pairs, item, Item};
use super::pending::{Pending, MAX_PENDING};
use super::PAGE;

/// After a committed batch of newly stored `articles`: their check-worthy claims are matched
/// against the fact-check library (when it is not empty; the best match above *suggest* is
/// stored with each claim), then indexed for clustering and added to the desk's clusters (pairs
/// at the *strong* threshold with their neighbours among every indexed claim and the batch).
///
/// Work and memory are proportional to the batch: a claim's neighbours come from the store's
/// MinHash band keys ([`claimtrack_match::signature`], at most [`super::pairs::PER_KEY`] claims per key), the
/// desk's BM25 statistics from its term table, and only the clusters the batch touches are
/// read and rewritten. The index and cluster changes are written in one transaction; the
/// matches in another (a crash between them leaves matches without clusters, which `clusters
/// --min-score` regroups). Call it once per batch, after the batch's commit.
///
/// Errors: store errors ([`claimtrack_store::StoreError::Busy`] among them); nothing of the
/// batch's articles is lost (they were committed before).
pub fn after_batch(
    store: &mut Store,
    bulk: &mut Bulk,
    articles: &[i64],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let claims = match_batch(store, bulk, articles, now)?;
    cluster_batch(store, &claims)
}

/// A new check-worthy claim, normalised once for matching and clustering.
pub struct NewClaim {
    /// Its id.
    pub id: i64,
    /// Its text.
    pub text: String,
    /// Its matching terms ([`normalise::terms`] of the text).
    pub terms: Vec<String>,
}

/// The first half of [`after_batch`]: matches the check-worthy claims of `articles` and stores
/// their best matches; returns the claims, normalised, for [`cluster_batch`]. A batch import
/// runs the two halves on two threads, so that batch k is clustered while batch k + 1 is
/// matched; a crash between them leaves claims matched and not clustered, which the next
/// import's [`catch_up`] completes (it matches them again, to the same result).
///
/// Errors: store errors.
pub fn match_batch(
    store: &mut Store,
    bulk: &mut Bulk,
    articles: &[i64],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<NewClaim>> {
    if articles.is_empty() {
        return Ok(Vec::new());
    }
    let claims = store.check_worthy_claims_of(articles)?;
    match_normalised(store, bulk, claims, now)
}

/// Normalises each of `claims` (`(id, text)`) once, on every core (rayon's pool), into its
/// terms and, when the library is not empty, its query terms; matches them with the latter
/// ([`matching::match_new`]) and returns them with the former, for [`cluster_batch`].
/// (Normalising a claim for matching and again for clustering cost a tenth of the matching
/// of an import.)
///
/// Errors: store errors.
fn match_normalised(
    store: &mut Store,
    bulk: &mut Bulk,
    claims: Vec<(i64, String)>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<NewClaim>> {
    if claims.is_empty() || matching::library_is_empty(store)? {
        return Ok(claims
            .into_par_iter()
            .map(|(id, text)| NewClaim {
                terms: normalise::terms(&text),
                id,
                text,
            })
            .collect());
    }
    let normalised: Vec<(Vec<String>, Vec<String>)> = claims
        .par_iter()
        .map(|(_, text)| normalise::terms_and_query_terms(text))
        .collect();
    let to_match: Vec<ToMatch> = claims
        .iter()
        .zip(&normalised)
        .map(|((id, text), (_, query))| ToMatch {
            id: *id,
            text,
            query_terms: Some(query),
        })
        .collect();
    matching::match_new(store, bulk, &to_match, now)?;
    Ok(claims
        .into_iter()
        .zip(normalised)
        .map(|((id, text), (terms, _))| NewClaim { id, text, terms })
        .collect())
}

/// The second half of [`after_batch`]: indexes the claims [`match_batch`] returned and adds
/// them to the desk's clusters. Batches must come in the order they were stored.
///
/// Errors: store errors.
pub fn cluster_batch(store: &mut Store, claims: &[NewClaim]) -> Result<()> {
    cluster_new(store, claims)
}

/// Before an import: the check-worthy claims that an earlier import stored but did not match
/// and cluster — it was killed, or a lock stopped it, between a batch's commit and
/// [`after_batch`] — are matched and clustered now, a page at a time, so that importing the
/// same input again completes everything (its articles are duplicates by then). They are the
/// unindexed check-worthy claims anywhere in the desk, not only above the highest indexed id:
/// with two imports on one desk, the other one's clustering indexes claims above those of the
/// one that was killed. Finding none reads the desk's claims once (a scan of the claims table,
/// ~0.1 s for 48,000 claims). Claims stored before the index existed are left to
/// `index_pending` (indexed, not clustered, as for any desk upgraded to schema 5).
///
/// Errors: store errors.
pub fn catch_up(store: &mut Store, now: chrono::DateTime<chrono::Utc>) -> Result<()> {
    if store.claim_index_pending()? {
        return Ok(());
    }
    let mut after = 0;
    let mut bulk = Bulk::new();
    loop {
        let page = store.unindexed_claims(after, PAGE)?;
        let Some(last) = page.last() else {
            return Ok(());
        };
        after = last.0;
        let claims = match_normalised(store, &mut bulk, page, now)?;
        cluster_new(store, &claims)?;
    }
}

/// Indexes every check-worthy claim stored before the index existed (or copied), page by page,
/// when the store says some may be missing; then marks the index complete.
pub(super) fn index_pending(store: &mut Store) -> Result<()> {
    if !store.claim_index_pending()? {
        return Ok(());
    }
    let mut after = 0;
    loop {
        let page = store.unindexed_claims(after, PAGE)?;
        let Some(last) = page.last() else { break };
        after = last.0;
        let items: Vec<IndexedClaim> = page.iter().map(|(id, t)| indexed(*id, t)).collect();
        store.index_and_cluster(&items, &ClusterChanges::default())?;
    }
    store.set_claim_index_complete()?;
    Ok(())
}

fn indexed(id: i64, text: &str) -> IndexedClaim {
    let terms = normalise::terms(text);
    IndexedClaim {
        claim_id: id,
        bands: signature::band_keys(&terms),
        terms,
    }
}

/// Indexes the new check-worthy `claims` and adds them to the clusters at the strong
/// threshold: one transaction for the index rows and the cluster changes (one per
/// [`MAX_PENDING`] claims).
fn cluster_new(store: &mut Store, claims: &[NewClaim]) -> Result<()> {
    if claims.is_empty() {
        return Ok(());
    }
    index_pending(store)?;
    // A few claims at a time: the profiles of a part's neighbours are all in memory at once, so
    // a batch of claims repeated across an archive must not hold its whole batch's (measured:
    // the peak grew by ~40 MB per repeat of the SaudiNewsNet sample with whole batches). Later
    // parts see earlier ones as indexed claims through `held`, which keeps their index rows and
    // cluster changes (a few KB per claim) until they are written together.
    let mut held = Pending::default();
    for part in claims.chunks(CLUSTER_PART) {
        cluster_part(store, &mut held, part)?;
        if held.len() >= MAX_PENDING {
            write_held(store, &mut held)?;
        }
    }
    write_held(store, &mut held)
}

/// Writes what `held` holds in one transaction.
fn write_held(store: &mut Store, held: &mut Pending) -> Result<()> {
    if held.is_empty() {
        return Ok(());
    }
    let (items, changes) = held.take();
    store.index_and_cluster(&items, &changes)?;
    Ok(())
}

/// Claims clustered together by [`cluster_new`] (their profiles and their neighbours' are in
/// memory at once).
const CLUSTER_PART: usize = 256;

/// Clusters one part of a batch against the indexed claims and those `held`, and adds its index
/// rows and cluster changes to `held`.
fn cluster_part(store: &Store, held: &mut Pending, claims: &[NewClaim]) -> Result<()> {
    let batch: Vec<Item> = claims
        .iter()
        .map(|c| item(c.id, c.text.clone(), c.terms.clone()))
        .collect();
    let pairs = batch_pairs(store, held, &batch, true, Thresholds::EMBEDDED.strong)?;
    let mut involved: Vec<i64> = pairs.iter().flat_map(|p| [p.0, p.1]).collect();
    involved.sort_unstable();
    involved.dedup();
    let stored = held.clusters_of(store, &involved)?;
    let mut uf = UnionFind::default();
    for (claim, cluster) in &stored {
        uf.union(*claim, *cluster);
    }
    for (a, b, _) in &pairs {
        uf.union(*a, *b);
    }
    let mut changes = ClusterChanges::default();
    let mut old: Vec<i64> = stored.values().copied().collect();
    old.sort_unstable();
    old.dedup();
    for k in old {
        let root = uf.find(k);
        if root != k {
            changes.renames.push((k, root));
        }
    }
    for id in involved {
        let root = uf.find(id);
        if stored.get(&id) != Some(&root) {
            changes.members.push((id, root));
        }
    }
    let mut texts = Vec::with_capacity(batch.len());
    let items: Vec<IndexedClaim> = batch
        .into_iter()
        .map(|c| {
            texts.push((c.id, c.text));
            IndexedClaim {
                claim_id: c.id,
                bands: c.keys,
                terms: c.terms,
            }
        })
        .collect();
    held.hold(items, texts, changes);
    Ok(())
}
