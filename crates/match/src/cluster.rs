//! Clusters of the desk's claims that state the same thing: BM25 nearest neighbours, the same
//! pairwise decision as matching (the [`crate::rank`] model's probability at or above a
//! threshold), and union-find over the accepted pairs.
//!
//! A cluster is named by its smallest member id. Claims in no accepted pair are in no cluster.

use std::collections::{HashMap, HashSet};

use crate::bm25::{Index, Stats};
use crate::features::{profile_scores, Profile};
use crate::rank::Model;

/// Neighbours looked at per claim.
pub const NEIGHBOURS: usize = 10;

/// Union-find over arbitrary ids (path halving, union by smaller root id, so a cluster's root
/// is its smallest id).
#[derive(Debug, Default, Clone)]
pub struct UnionFind {
    parent: HashMap<i64, i64>,
}

impl UnionFind {
    /// The root of `x` (itself when never joined).
    pub fn find(&mut self, mut x: i64) -> i64 {
        while let Some(&p) = self.parent.get(&x) {
            if p == x {
                break;
            }
            let gp = self.parent.get(&p).copied().unwrap_or(p);
            self.parent.insert(x, gp);
            x = gp;
        }
        x
    }

    /// Joins the clusters of `a` and `b`.
    pub fn union(&mut self, a: i64, b: i64) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(hi, lo);
            self.parent.entry(lo).or_insert(lo);
        }
    }

    /// Every id ever joined, with its cluster (the smallest id of its cluster).
    pub fn clusters(&mut self) -> Vec<(i64, i64)> {
        let mut ids: Vec<i64> = self.parent.keys().copied().collect();
        ids.sort_unstable();
        ids.into_iter().map(|id| (id, self.find(id))).collect()
    }
}

/// One accepted pair: `(a, b, probability)` with `a < b`.
pub type Pair = (i64, i64, f64);

/// The [`NEIGHBOURS`] candidates with the highest BM25 score for `query` (those sharing at least
/// one term; ties by smaller id), best first. `candidates` must not hold the query itself.
pub fn neighbours<'a>(
    query: &Profile,
    candidates: impl IntoIterator<Item = (i64, &'a Profile)>,
    stats: &dyn Stats,
) -> Vec<(i64, &'a Profile)> {
    let q: Vec<&str> = query.unique.iter().map(String::as_str).collect();
    let mut scored: Vec<(f64, i64, &Profile)> = candidates
        .into_iter()
        .filter_map(|(id, p)| {
            let s: f64 = p.contributions(&q, stats).iter().map(|(_, w)| w).sum();
            (s > 0.0).then_some((s, id, p))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(NEIGHBOURS);
    scored.into_iter().map(|(_, id, p)| (id, p)).collect()
}

/// The pairs of claim `id` (profile `query`) with each of `neighbours` whose same-claim
/// probability under `model` is at least `threshold`, as `(smaller id, larger id, p)`.
pub fn accepted(
    id: i64,
    query: &Profile,
    neighbours: &[(i64, &Profile)],
    stats: &dyn Stats,
    model: &Model,
    threshold: f64,
) -> Vec<Pair> {
    let docs: Vec<&Profile> = neighbours.iter().map(|n| n.1).collect();
    neighbours
        .iter()
        .zip(profile_scores(query, &docs, stats))
        .filter_map(|((other, _), (x, _))| {
            let p = model.probability(&x);
            (p >= threshold).then_some((id.min(*other), id.max(*other), p))
        })
        .collect()
}

/// The pairs among `claims` (`(id, text)`) whose same-claim probability is at least
/// `threshold`, looking only at pairs where one side is in `new` (all claims when `new` is
/// `None`): each claim's [`NEIGHBOURS`] BM25 nearest neighbours in an in-memory index of all
/// `claims`. Each pair once, `a < b`, sorted. Memory and time grow with `claims`: the store-backed
/// clustering at import (band keys, [`crate::signature`]) is what scales; this is the reference
/// it is tested against.
pub fn pairs(
    claims: &[(i64, String)],
    new: Option<&[i64]>,
    model: &Model,
    threshold: f64,
) -> Vec<Pair> {
    let new: Option<HashSet<i64>> = new.map(|n| n.iter().copied().collect());
    let mut index = Index::new();
    let profiles: Vec<Profile> = claims.iter().map(|(_, t)| Profile::of_text(t)).collect();
    for p in &profiles {
        index.add(p.terms.clone());
    }
    let mut out = Vec::new();
    for (i, (id, _)) in claims.iter().enumerate() {
        if new.as_ref().is_some_and(|n| !n.contains(id)) {
            continue;
        }
        let hits: Vec<(i64, &Profile)> = index
            .search(&profiles[i].terms, NEIGHBOURS + 1)
            .into_iter()
            .filter(|h| h.0 != i)
            .map(|h| (claims[h.0].0, &profiles[h.0]))
            .collect();
        out.extend(accepted(*id, &profiles[i], &hits, &index, model, threshold));
    }
    out.sort_by_key(|x| (x.0, x.1));
    out.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_find_names_clusters_by_smallest_id() {
        let mut uf = UnionFind::default();
        uf.union(7, 3);
        uf.union(9, 7);
        uf.union(20, 21);
        assert_eq!(
            uf.clusters(),
            vec![(3, 3), (7, 3), (9, 3), (20, 20), (21, 20)]
        );
    }

    #[test]
    fn wire_copy_pairs_and_unrelated_claims_do_not() {
        let claims = vec![
            (
                1,
                "قال مسؤولون إن 120 شخصا لقوا حتفهم في حريق مستشفى ابن الخطيب في بغداد".to_owned(),
            ),
            (
                2,
                "افتتح وزير النقل خط مترو جديدا في القاهرة يربط المطار بوسط المدينة".to_owned(),
            ),
            (
                3,
                "قال مسؤولون إن 120 شخصاً لقوا حتفهم في حريق مستشفى ابن الخطيب في بغداد.".to_owned(),
            ),
            (
                4,
                "ارتفعت أسعار الذهب في الأسواق العالمية مع تراجع الدولار".to_owned(),
            ),
        ];
        let p = pairs(
            &claims,
            None,
            &Model::EMBEDDED,
            crate::Thresholds::EMBEDDED.strong,
        );
        assert_eq!(
            p.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(),
            vec![(1, 3)]
        );
        // Incremental: only pairs touching the new claim.
        let p = pairs(
            &claims,
            Some(&[2]),
            &Model::EMBEDDED,
            crate::Thresholds::EMBEDDED.strong,
        );
        assert!(p.is_empty());
    }
}
