//! `claimtrack search`: full-text search over claims and article titles.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::Ctx;
use crate::args::SearchArgs;
use crate::cli::Format;
use crate::json::ClaimJson;
use crate::render::{self, cell};

/// One hit of `search --format json`: the claim object plus `rank` (lower is better: BM25 on
/// SQLite, minus `ts_rank` on PostgreSQL),
/// `snippet` (claim text with matching words in `[` `]`) and `article_title`.
#[derive(Debug, Serialize)]
pub struct HitJson {
    #[serde(flatten)]
    pub claim: ClaimJson,
    pub article_title: Option<String>,
    pub rank: f64,
    pub snippet: String,
}

pub fn run(ctx: &Ctx, args: SearchArgs, out: &mut dyn Write) -> Result<()> {
    let store = ctx.open_existing()?;
    let hits = store.search(&args.query, args.article, args.status, args.limit)?;
    match args.format {
        Format::Json => {
            let json: Vec<HitJson> = hits
                .iter()
                .map(|h| HitJson {
                    claim: ClaimJson::new(&h.claim, h.claim.revision),
                    article_title: h.article_title.clone(),
                    rank: h.rank,
                    snippet: h.snippet.clone(),
                })
                .collect();
            render::write_json(out, &json)
        }
        Format::Table if hits.is_empty() => render::write_line(out, "no matching claims"),
        Format::Table => {
            let mut b = render::Table::default();
            b.push_record(["id", "article", "snippet", "status", "verdict"]);
            for h in &hits {
                b.push_record([
                    h.claim.id.to_string(),
                    h.claim.article_id.to_string(),
                    cell(&h.snippet, Some(90)),
                    h.claim.status.to_string(),
                    render::verdict_label(h.claim.verdict),
                ]);
            }
            b.keep_highlight();
            b.fit(&["snippet", "verdict"], render::terminal_columns());
            writeln!(out, "{b}")?;
            Ok(())
        }
    }
}
