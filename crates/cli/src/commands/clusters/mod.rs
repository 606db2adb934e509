//! `claimtrack clusters`: the desk's repeated claims — check-worthy claims that state the same
//! thing across articles (wire copy, republications, paraphrases), grouped by
//! [`claimtrack_match::cluster`] and stored with each claim (`status --cluster N` selects one).
//!
//! Clusters are kept up to date at import (only pairs touching the new claims are scored, at the
//! *strong* threshold). `clusters --min-score F` regroups every check-worthy claim at threshold
//! F and stores the result.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;

use anyhow::Result;
use claimtrack_match::cluster::UnionFind;
use claimtrack_match::Thresholds;
use claimtrack_store::{ClaimFilter, Store};
use serde::Serialize;

use super::Ctx;
use crate::cli::Format;
use crate::render::{self, cell};

mod at_import;
mod pairs;
mod pending;

use at_import::index_pending;
pub use at_import::{after_batch, catch_up, cluster_batch, match_batch, NewClaim};
use pairs::{batch_pairs, item, Item};
use pending::Pending;

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
        for (a, b, _) in batch_pairs(store, &Pending::default(), &batch, false, threshold)? {
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
