//! `claimtrack queue`: the work list of open claims.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::args::QueueArgs;
use crate::cli::Format;
use crate::json::{ClaimJson, QueueJson, TrackingJson};
use crate::render::{self, cell, CLAIM_WIDTH};

pub fn run(ctx: &Ctx, args: QueueArgs, out: &mut dyn Write) -> Result<()> {
    let store = ctx.open_existing()?;
    let claims = store.queue(args.person.as_deref(), args.limit)?;
    match args.format {
        Format::Json => {
            let json: Vec<QueueJson> = claims
                .iter()
                .map(|c| QueueJson {
                    claim: ClaimJson::new(c, c.revision),
                    tracking: TrackingJson::from(c),
                })
                .collect();
            render::write_json(out, &json)
        }
        Format::Table if claims.is_empty() => render::write_line(out, "the queue is empty"),
        Format::Table => {
            let max = (!args.wide).then_some(CLAIM_WIDTH);
            let mut b = render::Table::default();
            b.push_record(["id", "claim", "score", "status", "assignee", "revision"]);
            for c in &claims {
                b.push_record([
                    c.id.to_string(),
                    cell(&c.claim.text, max),
                    format!("{:.2}", c.claim.score),
                    c.status.to_string(),
                    c.assignee
                        .as_deref()
                        .map(|a| cell(a, None))
                        .unwrap_or_else(|| "-".into()),
                    c.revision.to_string(),
                ]);
            }
            if !args.wide {
                b.fit(&["claim", "assignee"], render::terminal_columns());
            }
            writeln!(out, "{b}")?;
            Ok(())
        }
    }
}
