//! `claimtrack clusters`: the desk's repeated claims — check-worthy claims that state the same
//! thing across articles (wire copy, republications, paraphrases), grouped by
//! [`claimtrack_match::cluster`] and stored with each claim (`status --cluster N` selects one).
//!
//! Clusters are kept up to date at import (only pairs touching the new claims are scored, at the
//! *strong* threshold). `clusters --min-score F` regroups every check-worthy claim at threshold
//! F and stores the result.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

use anyhow::Result;
use claimtrack_match::bm25::StatsTable;
use claimtrack_match::cluster::{accepted, neighbours, Pair, UnionFind};
use claimtrack_match::features::Profile;
use claimtrack_match::signals::facts;
use claimtrack_match::{normalise, signature, Model, Thresholds};
use claimtrack_store::{ClaimFilter, ClusterChanges, IndexedClaim, Store};
use serde::Serialize;

use super::Ctx;
use crate::cli::Format;
use crate::render::{self, cell};

/// Arguments of `clusters`.
#[derive(Debug, clap::Args)]
pub struct ClustersArgs {
    /// Only clusters with a claim of this article
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// Regroup every check-worthy claim, joining pairs whose same-claim probability is at least
    /// F (0 to 1; default: the stored clusters, made at the strong threshold), and store it
    #[arg(long, value_name = "F", value_parser = crate::args::score)]
    pub min_score: Option<f64>,
    /// table or json: [{cluster, claims: [{id, article_id, text}]}]
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Claims read per page when indexing claims stored before the index existed, and per chunk
/// of a full regroup (bounds the memory of both).
const PAGE: usize = 2_000;

/// Stored neighbours kept per claim (those sharing the most band keys): bounds a batch's work
/// and memory when a claim is repeated in many articles (an archive of wire copies).
const PER_CLAIM: usize = 10;

/// Claims taken per band key when looking for a claim's neighbours (the newest; a key shared by
/// more claims is boilerplate — a recurring sentence — and its older holders add nothing the
/// newest do not).
const PER_KEY: usize = 20;

/// After a committed batch of newly stored `articles`: their check-worthy claims are matched
/// against the fact-check library (when it is not empty; the best match above *suggest* is
/// stored with each claim), then indexed for clustering and added to the desk's clusters (pairs
/// at the *strong* threshold with their neighbours among every indexed claim and the batch).
///
/// Work and memory are proportional to the batch: a claim's neighbours come from the store's
/// MinHash band keys ([`claimtrack_match::signature`], at most [`PER_KEY`] claims per key), the
/// desk's BM25 statistics from its term table, and only the clusters the batch touches are
/// read and rewritten. The index and cluster changes are written in one transaction; the
/// matches in another (a crash between them leaves matches without clusters, which `clusters
/// --min-score` regroups). Call it once per batch, after the batch's commit.
///
/// Errors: store errors ([`claimtrack_store::StoreError::Busy`] among them); nothing of the
/// batch's articles is lost (they were committed before).
pub fn after_batch(
    store: &mut Store,
    articles: &[i64],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    if articles.is_empty() {
        return Ok(());
    }
    let claims = store.check_worthy_claims_of(articles)?;
    super::matching::match_new(store, &claims, now)?;
    cluster_new(store, &claims)
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
    loop {
        let page = store.unindexed_claims(after, PAGE)?;
        let Some(last) = page.last() else {
            return Ok(());
        };
        after = last.0;
        super::matching::match_new(store, &page, now)?;
        cluster_new(store, &page)?;
    }
}

/// Indexes every check-worthy claim stored before the index existed (or copied), page by page,
/// when the store says some may be missing; then marks the index complete.
fn index_pending(store: &mut Store) -> Result<()> {
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

/// One claim being clustered: id, text, matching terms, band keys.
struct Item {
    id: i64,
    text: String,
    terms: Vec<String>,
    keys: Vec<i64>,
}

fn item(id: i64, text: String, terms: Vec<String>) -> Item {
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
/// (read from the store, batch members excluded) and batch members sharing one (in memory).
/// Profiles are built only for claims that have a neighbour (most claims share no key with any
/// other). `extra` adds the batch's own counts to the store's statistics (claims not indexed
/// yet).
fn batch_pairs(store: &Store, batch: &[Item], extra: bool, threshold: f64) -> Result<Vec<Pair>> {
    let ids: HashSet<i64> = batch.iter().map(|c| c.id).collect();
    let queries: Vec<(i64, &[i64])> = batch.iter().map(|c| (c.id, &c.keys[..])).collect();
    let stored = store.band_neighbours(&queries, PER_KEY, PER_CLAIM, &ids)?;
    let mut by_key: HashMap<i64, Vec<usize>> = HashMap::new();
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
    let mut profiles: HashMap<i64, Profile> = store
        .indexed_claims(&wanted)?
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
    let s = store.desk_stats(&terms)?;
    let mut stats = StatsTable {
        docs: s.docs,
        avg_len: s.avg_len,
        df: s.df,
    };
    if extra {
        let total = stats.avg_len * stats.docs as f64
            + batch.iter().map(|c| c.terms.len()).sum::<usize>() as f64;
        stats.docs += batch.len() as u64;
        stats.avg_len = total / stats.docs.max(1) as f64;
        for c in batch {
            let mut seen = HashSet::new();
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

/// Indexes the new check-worthy `claims` (`(id, text)`) and adds them to the clusters at the
/// strong threshold: one transaction for the index rows and the cluster changes.
fn cluster_new(store: &mut Store, claims: &[(i64, String)]) -> Result<()> {
    if claims.is_empty() {
        return Ok(());
    }
    index_pending(store)?;
    // A few claims at a time, each part indexed before the next: the profiles of a part's
    // neighbours are all in memory at once, so a batch of claims repeated across an archive
    // must not hold its whole batch's (measured: the peak grew by ~40 MB per repeat of the
    // SaudiNewsNet sample with whole batches). Later parts see earlier ones as stored claims.
    for part in claims.chunks(CLUSTER_PART) {
        cluster_part(store, part)?;
    }
    Ok(())
}

/// Claims clustered together by [`cluster_new`] (their profiles and their neighbours' are in
/// memory at once).
const CLUSTER_PART: usize = 256;

fn cluster_part(store: &mut Store, claims: &[(i64, String)]) -> Result<()> {
    let batch: Vec<Item> = claims
        .iter()
        .map(|(id, t)| item(*id, t.clone(), normalise::terms(t)))
        .collect();
    let pairs = batch_pairs(store, &batch, true, Thresholds::EMBEDDED.strong)?;
    let mut involved: Vec<i64> = pairs.iter().flat_map(|p| [p.0, p.1]).collect();
    involved.sort_unstable();
    involved.dedup();
    let stored = store.clusters_of(&involved)?;
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
    let items: Vec<IndexedClaim> = batch
        .into_iter()
        .map(|c| IndexedClaim {
            claim_id: c.id,
            bands: c.keys,
            terms: c.terms,
        })
        .collect();
    store.index_and_cluster(&items, &changes)?;
    Ok(())
}

/// Regroups every check-worthy claim at `threshold` and stores the result in one transaction:
/// the index is read page by page ([`PAGE`] claims), each page's pairs found as at import
/// (neighbours by band key), so time grows with the desk times the neighbours looked at, not
/// with its square; the union-find over every clustered claim is held in memory.
pub fn recluster(store: &mut Store, threshold: f64) -> Result<()> {
    index_pending(store)?;
    let mut uf = UnionFind::default();
    let mut after = 0;
    loop {
        let page = store.indexed_claims_after(after, PAGE)?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let batch: Vec<Item> = page
            .into_iter()
            .map(|d| item(d.id, d.text, d.terms))
            .collect();
        for (a, b, _) in batch_pairs(store, &batch, false, threshold)? {
            uf.union(a, b);
        }
    }
    let grouped = uf.clusters();
    let in_group: HashSet<i64> = grouped.iter().map(|g| g.0).collect();
    let mut updates: Vec<(i64, Option<i64>)> =
        grouped.iter().map(|(c, k)| (*c, Some(*k))).collect();
    updates.extend(
        store
            .clusters()?
            .keys()
            .filter(|c| !in_group.contains(c))
            .map(|c| (*c, None)),
    );
    store.set_clusters(&updates)?;
    Ok(())
}

#[derive(Serialize)]
struct Member {
    id: i64,
    article_id: i64,
    text: String,
}

#[derive(Serialize)]
struct ClusterJson {
    cluster: i64,
    claims: Vec<Member>,
}

/// `claimtrack clusters`.
pub fn run(ctx: &Ctx, args: ClustersArgs, out: &mut dyn Write) -> Result<()> {
    // Listing the stored clusters only reads; regrouping at another threshold writes them.
    let store = match args.min_score {
        None => ctx.open_existing()?,
        Some(t) => {
            let mut store = ctx.open()?;
            recluster(&mut store, t)?;
            store
        }
    };
    let map = store.clusters()?;
    let claims = store.claims(&ClaimFilter::default())?;
    let mut groups: BTreeMap<i64, Vec<Member>> = BTreeMap::new();
    for c in &claims {
        if let Some(k) = map.get(&c.id) {
            groups.entry(*k).or_default().push(Member {
                id: c.id,
                article_id: c.article_id,
                text: c.claim.text.clone(),
            });
        }
    }
    let json: Vec<ClusterJson> = groups
        .into_iter()
        .filter(|(_, m)| {
            args.article
                .is_none_or(|a| m.iter().any(|x| x.article_id == a))
        })
        .map(|(cluster, claims)| ClusterJson { cluster, claims })
        .collect();
    match args.format {
        Format::Json => render::write_json(out, &json),
        Format::Table if json.is_empty() => render::write_line(
            out,
            &format!(
                "no clusters (claims stating the same thing at probability ≥ {:.2})",
                args.min_score.unwrap_or(Thresholds::EMBEDDED.strong)
            ),
        ),
        Format::Table => {
            let mut b = render::Table::default();
            b.push_record(["cluster", "claim", "article", "text"]);
            for g in &json {
                for m in &g.claims {
                    b.push_record([
                        g.cluster.to_string(),
                        m.id.to_string(),
                        m.article_id.to_string(),
                        cell(&m.text, Some(70)),
                    ]);
                }
            }
            b.fit(&["text"], render::terminal_columns());
            writeln!(out, "{b}")?;
            Ok(())
        }
    }
}
