//! `cargo xtask eval-cluster --db PATH`: how the clusters stored at import (neighbours by band
//! key, batch by batch) compare with the reference grouping of the same desk (every check-worthy
//! claim's 10 BM25 nearest neighbours in an in-memory index of the whole desk, the pairwise
//! decision at the strong threshold, union-find: what import did before the index existed).
//!
//! Prints, for both: claims in a cluster and clusters; then the pairs of claims that share a
//! cluster in the reference and how many of them share one in the store (recall), and the
//! reverse (precision), with the reference's time; last, the pairs the reference accepted
//! directly and how many of them are in one stored cluster (union-find chains accepted pairs
//! into clusters whose far ends were never compared, so the direct pairs are the fairer recall). Not a test: it reads a database the user
//! built (e.g. by importing the SaudiNewsNet sample) and the figures depend on it.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use claimtrack_match::cluster::{pairs, UnionFind};
use claimtrack_match::{Model, Thresholds};
use claimtrack_store::{ClaimFilter, Store};

/// The claim pairs that share a cluster, `a < b`.
fn co_members(map: &HashMap<i64, i64>) -> HashSet<(i64, i64)> {
    let mut groups: HashMap<i64, Vec<i64>> = HashMap::new();
    for (c, k) in map {
        groups.entry(*k).or_default().push(*c);
    }
    let mut out = HashSet::new();
    for mut g in groups.into_values() {
        g.sort_unstable();
        for (i, a) in g.iter().enumerate() {
            for b in &g[i + 1..] {
                out.insert((*a, *b));
            }
        }
    }
    out
}

/// Runs the comparison on the database at `db` (opened read-only).
pub fn run(db: &Path) -> Result<()> {
    let store = Store::open_read_only(db).with_context(|| format!("open {}", db.display()))?;
    let claims = store.claims(&ClaimFilter {
        check_worthy_only: true,
        ..Default::default()
    })?;
    if claims.is_empty() {
        bail!("{} holds no check-worthy claim", db.display());
    }
    let texts: Vec<(i64, String)> = claims
        .iter()
        .map(|c| (c.id, c.claim.text.clone()))
        .collect();
    let started = Instant::now();
    let accepted_pairs = pairs(&texts, None, &Model::EMBEDDED, Thresholds::EMBEDDED.strong);
    let took = started.elapsed();
    let mut uf = UnionFind::default();
    for (a, b, _) in &accepted_pairs {
        uf.union(*a, *b);
    }
    let accepted = accepted_pairs.len();
    let reference: HashMap<i64, i64> = uf.clusters().into_iter().collect();
    let stored = store.clusters()?;
    let count = |m: &HashMap<i64, i64>| m.values().collect::<HashSet<_>>().len();
    let (r, s) = (co_members(&reference), co_members(&stored));
    let both = r.intersection(&s).count();
    let direct = accepted_pairs
        .iter()
        .filter(|(a, b, _)| stored.get(a).is_some_and(|k| stored.get(b) == Some(k)))
        .count();
    println!(
        "check-worthy claims: {}; reference ({:.1} s): {} claims in {} clusters; stored: {} claims in {} clusters",
        claims.len(),
        took.as_secs_f64(),
        reference.len(),
        count(&reference),
        stored.len(),
        count(&stored)
    );
    println!(
        "same-cluster pairs: reference {}, stored {}, both {} (recall {:.3}, precision {:.3})",
        r.len(),
        s.len(),
        both,
        both as f64 / r.len().max(1) as f64,
        both as f64 / s.len().max(1) as f64
    );
    println!(
        "reference's accepted pairs (same claim at the strong threshold): {accepted}, in one stored cluster: {direct} ({:.3})",
        direct as f64 / accepted.max(1) as f64
    );
    Ok(())
}
