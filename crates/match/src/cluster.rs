//! Clusters of the desk's claims that state the same thing: BM25 nearest neighbours, the same
//! pairwise decision as matching (the [`crate::rank`] model's probability at or above a
//! threshold), and union-find over the accepted pairs.
//!
//! A cluster is named by its smallest member id. Claims in no accepted pair are in no cluster.

use std::collections::HashMap;

use crate::bm25::Index;
use crate::rank::{features, Doc, Model, Query};

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

/// The pairs among `claims` (`(id, text)`) whose same-claim probability is at least
/// `threshold`, looking only at pairs where one side is in `new` (all claims when `new` is
/// `None`). Each pair once, `a < b`, sorted.
pub fn pairs(
    claims: &[(i64, String)],
    new: Option<&[i64]>,
    model: &Model,
    threshold: f64,
) -> Vec<Pair> {
    let mut index = Index::new();
    let docs: Vec<Doc> = claims
        .iter()
        .map(|(_, t)| Doc::new(t, "", None, None))
        .collect();
    for d in &docs {
        index.add(d.terms.clone());
    }
    let mut out = Vec::new();
    for (i, (id, text)) in claims.iter().enumerate() {
        if new.is_some_and(|n| !n.contains(id)) {
            continue;
        }
        let q = Query::new(text, None, None);
        let hits: Vec<usize> = index
            .search(&q.terms, NEIGHBOURS + 1)
            .into_iter()
            .map(|h| h.0)
            .filter(|&j| j != i)
            .collect();
        let cands: Vec<Doc> = hits.iter().map(|&j| docs[j].clone()).collect();
        for (j, f) in hits.iter().zip(features(&q, &cands, &index)) {
            let p = model.probability(&f.x);
            if p >= threshold {
                let (a, b) = (claims[i].0.min(claims[*j].0), claims[i].0.max(claims[*j].0));
                out.push((a, b, p));
            }
        }
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
