//! `claimtrack clusters`: the desk's repeated claims — check-worthy claims that state the same
//! thing across articles (wire copy, republications, paraphrases), grouped by
//! [`claimtrack_match::cluster`] and stored with each claim (`status --cluster N` selects one).
//!
//! Clusters are kept up to date at import (only pairs touching the new claims are scored, at the
//! *strong* threshold). `clusters --min-score F` regroups every check-worthy claim at threshold
//! F and stores the result.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use claimtrack_match::cluster::{pairs, UnionFind};
use claimtrack_match::{Model, Thresholds};
use claimtrack_store::{ClaimFilter, Store};
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

/// Regroups: `new` claims only (their pairs with every claim, added to the stored clusters), or
/// every claim from scratch (`None`), at `threshold`. Stores the clusters of every claim involved.
pub fn recluster(store: &mut Store, new: Option<&[i64]>, threshold: f64) -> Result<()> {
    let claims = store.claims(&ClaimFilter {
        check_worthy_only: true,
        ..Default::default()
    })?;
    let texts: Vec<(i64, String)> = claims
        .iter()
        .map(|c| (c.id, c.claim.text.clone()))
        .collect();
    let mut uf = UnionFind::default();
    let stored = store.clusters()?;
    if new.is_some() {
        for (&claim, &cluster) in &stored {
            uf.union(claim, cluster);
        }
    }
    for (a, b, _) in pairs(&texts, new, &Model::EMBEDDED, threshold) {
        uf.union(a, b);
    }
    let grouped = uf.clusters();
    let mut updates: Vec<(i64, Option<i64>)> =
        grouped.iter().map(|(c, k)| (*c, Some(*k))).collect();
    if new.is_none() {
        updates.extend(
            stored
                .keys()
                .filter(|c| !grouped.iter().any(|g| g.0 == **c))
                .map(|c| (*c, None)),
        );
    }
    store.set_clusters(&updates)?;
    Ok(())
}

/// After an import: the check-worthy claims of the newly stored `articles` join the clusters (at
/// the strong threshold). Nothing to do without new articles.
pub fn cluster_articles(store: &mut Store, articles: &[i64]) -> Result<()> {
    if articles.is_empty() {
        return Ok(());
    }
    let new: Vec<i64> = store
        .claims(&ClaimFilter {
            check_worthy_only: true,
            ..Default::default()
        })?
        .iter()
        .filter(|c| articles.contains(&c.article_id))
        .map(|c| c.id)
        .collect();
    if new.is_empty() {
        return Ok(());
    }
    recluster(store, Some(&new), Thresholds::EMBEDDED.strong)
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
            recluster(&mut store, None, t)?;
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
