//! The index rows and cluster changes of a batch's parts that are clustered but not written yet.
//!
//! Why: a batch's claims are clustered a part at a time (a part's neighbours' profiles are in
//! memory at once), and each part must see the earlier ones as indexed claims. Writing each part
//! made the clustering thread wait, once per part, for the import's writer to end its batch
//! transaction (the two connections take turns writing); kept here, they are written once per
//! batch. Reads go through [`Pending`], which answers as the store would after writing them: the
//! clustering is the same, part for part, as with a write per part.

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

use anyhow::Result;
use claimtrack_store::{ClusterChanges, DeskClaim, IndexedClaim, Store};

use claimtrack_match::bm25::StatsTable;

/// Claims held before they are written even within a batch: bounds the memory of a batch whose
/// claims are many (one 50 MB article repeating a sentence held 373,135 claims).
pub(super) const MAX_PENDING: usize = 4_096;

/// Clustered claims not written yet, and what clustering them changed.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// Index rows, in the order clustered.
    items: Vec<IndexedClaim>,
    /// Each held claim's text, by id.
    texts: HashMap<i64, String>,
    /// Band key → the held claims holding it.
    holders: HashMap<i64, Vec<i64>>,
    /// Term → held claims holding it (each claim counted once per term).
    df: HashMap<String, u64>,
    /// Held claims and their terms (repeats counted), as the store's totals count them.
    docs: u64,
    terms: u64,
    /// Claim → its cluster now, for every claim whose cluster a held part set.
    members: HashMap<i64, i64>,
    /// Stored cluster id → the cluster its stored members are in now (only ids that moved).
    renames: HashMap<i64, i64>,
}

impl Pending {
    /// Whether nothing is held.
    pub(super) fn is_empty(&self) -> bool {
        self.items.is_empty() && self.members.is_empty() && self.renames.is_empty()
    }

    /// Claims held.
    pub(super) fn len(&self) -> usize {
        self.items.len()
    }

    /// Holds a clustered part: its index rows (`items`, with each claim's text in `texts`,
    /// claims not indexed before) and the cluster changes it made against the state this view
    /// gave ([`Pending::clusters_of`]): renames first, then members, as the store applies them.
    pub(super) fn hold(
        &mut self,
        items: Vec<IndexedClaim>,
        texts: impl IntoIterator<Item = (i64, String)>,
        changes: ClusterChanges,
    ) {
        for c in &items {
            self.docs += 1;
            self.terms += c.terms.len() as u64;
            let mut seen = HashSet::with_capacity_and_hasher(c.terms.len(), FixedState::default());
            for t in c.terms.iter().filter(|t| seen.insert(t.as_str())) {
                match self.df.get_mut(t.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        self.df.insert(t.clone(), 1);
                    }
                }
            }
            let mut keys = c.bands.clone();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                self.holders.entry(k).or_default().push(c.claim_id);
            }
        }
        self.texts.extend(texts);
        self.items.extend(items);
        if !changes.renames.is_empty() {
            let renamed: HashMap<i64, i64> = changes.renames.iter().copied().collect();
            let now = |k: i64| renamed.get(&k).copied().unwrap_or(k);
            for cluster in self.members.values_mut() {
                *cluster = now(*cluster);
            }
            for cluster in self.renames.values_mut() {
                *cluster = now(*cluster);
            }
            // A stored cluster id not moved before now moves; one moved before is no cluster's
            // name any more (names only get smaller as clusters merge), so what it moved to
            // was renamed just above.
            for (old, new) in &changes.renames {
                self.renames.entry(*old).or_insert(*new);
            }
        }
        self.members.extend(changes.members);
    }

    /// Everything held, to write in one transaction ([`Store::index_and_cluster`]): the index
    /// rows, the stored clusters' renames (no new id is also a renamed one, so their order does
    /// not matter) and each changed claim's cluster. Leaves the view empty.
    pub(super) fn take(&mut self) -> (Vec<IndexedClaim>, ClusterChanges) {
        let done = std::mem::take(self);
        let mut renames: Vec<(i64, i64)> = done
            .renames
            .into_iter()
            .filter(|(old, new)| old != new)
            .collect();
        renames.sort_unstable();
        let mut members: Vec<(i64, i64)> = done.members.into_iter().collect();
        members.sort_unstable();
        (done.items, ClusterChanges { members, renames })
    }

    /// [`Store::band_holders`] with the held claims: per key the `per_key` newest of the stored
    /// and held claims holding it.
    pub(super) fn band_holders(
        &self,
        store: &Store,
        keys: &[i64],
        per_key: usize,
    ) -> Result<HashMap<i64, Vec<i64>>> {
        let mut holders = store.band_holders(keys, per_key)?;
        for k in keys {
            let Some(held) = self.holders.get(k) else {
                continue;
            };
            let all = holders.entry(*k).or_default();
            all.extend(held);
            all.sort_unstable_by(|a, b| b.cmp(a));
            all.dedup();
            all.truncate(per_key.max(1));
        }
        Ok(holders)
    }

    /// [`Store::indexed_claims`] with the held claims, by id.
    pub(super) fn indexed_claims(&self, store: &Store, ids: &[i64]) -> Result<Vec<DeskClaim>> {
        let held: HashSet<i64> = ids
            .iter()
            .copied()
            .filter(|id| self.texts.contains_key(id))
            .collect();
        let stored: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| !held.contains(id))
            .collect();
        let mut out = store.indexed_claims(&stored)?;
        out.extend(
            self.items
                .iter()
                .filter(|c| held.contains(&c.claim_id))
                .filter_map(|c| {
                    Some(DeskClaim {
                        id: c.claim_id,
                        text: self.texts.get(&c.claim_id)?.clone(),
                        terms: c.terms.clone(),
                    })
                }),
        );
        out.sort_unstable_by_key(|d| d.id);
        Ok(out)
    }

    /// [`Store::desk_stats`] with the held claims counted.
    pub(super) fn desk_stats(&self, store: &Store, terms: &[&str]) -> Result<StatsTable> {
        let s = store.desk_stats(terms)?;
        // The stored total of terms, back from its mean (an integer below 2^53: exact), so
        // that the mean with the held claims is computed as the store computes its own.
        let stored_terms = (s.avg_len * s.docs as f64).round() as u64;
        let docs = s.docs + self.docs;
        let mut df = s.df;
        for (t, d) in df.iter_mut() {
            *d += self.df.get(t).copied().unwrap_or(0);
        }
        Ok(StatsTable {
            docs,
            avg_len: (stored_terms + self.terms) as f64 / docs.max(1) as f64,
            df,
        })
    }

    /// [`Store::clusters_of`] as it would be with the held changes written.
    pub(super) fn clusters_of(&self, store: &Store, ids: &[i64]) -> Result<HashMap<i64, i64>> {
        let stored: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| !self.members.contains_key(id))
            .collect();
        let mut out: HashMap<i64, i64> = store
            .clusters_of(&stored)?
            .into_iter()
            .map(|(claim, cluster)| {
                (
                    claim,
                    self.renames.get(&cluster).copied().unwrap_or(cluster),
                )
            })
            .collect();
        out.extend(
            ids.iter()
                .filter_map(|id| Some((*id, *self.members.get(id)?))),
        );
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: i64) -> IndexedClaim {
        IndexedClaim {
            claim_id: id,
            terms: vec!["حريق".into(), "بغداد".into(), "حريق".into()],
            bands: vec![7, id],
        }
    }

    /// Two parts merging stored clusters one after the other: what is written at the end is
    /// what writing each part would have left (stored clusters 10 = {10, 11}, 20 = {20, 25},
    /// 3 = {3, 4}).
    #[test]
    fn renames_of_later_parts_carry_earlier_parts_changes() {
        let mut held = Pending::default();
        // Part 1: claim 30 joins 25 (cluster 20) and 11 (cluster 10): 20 merges into 10.
        held.hold(
            vec![claim(30)],
            [(30, "t".to_owned())],
            ClusterChanges {
                members: vec![(25, 10), (30, 10)],
                renames: vec![(20, 10)],
            },
        );
        // Part 2: claim 31 joins 30 (now in cluster 10) and 3 (cluster 3): 10 merges into 3.
        held.hold(
            vec![claim(31)],
            [(31, "t".to_owned())],
            ClusterChanges {
                members: vec![(30, 3), (31, 3)],
                renames: vec![(10, 3)],
            },
        );
        assert_eq!((held.docs, held.terms, held.df["حريق"]), (2, 6, 2));
        assert_eq!(held.holders[&7], vec![30, 31]);
        let (items, changes) = held.take();
        assert_eq!(
            items.iter().map(|c| c.claim_id).collect::<Vec<_>>(),
            [30, 31]
        );
        assert_eq!(changes.renames, vec![(10, 3), (20, 3)]);
        assert_eq!(changes.members, vec![(25, 3), (30, 3), (31, 3)]);
        assert!(held.is_empty());
    }
}
