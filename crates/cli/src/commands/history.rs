//! `claimtrack history`: a claim's change log.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::cli::{Format, HistoryArgs};
use crate::json::ChangeJson;
use crate::render;

pub fn run(ctx: &Ctx, args: HistoryArgs, out: &mut dyn Write) -> Result<()> {
    let store = ctx.open_existing()?;
    let entries = store.history(args.id)?;
    match args.format {
        Format::Json => {
            let list: Vec<ChangeJson> = entries.iter().map(ChangeJson::from).collect();
            render::write_json(out, &list)
        }
        Format::Table if entries.is_empty() => {
            render::write_line(out, &format!("claim {}: no changes recorded", args.id))
        }
        Format::Table => {
            writeln!(out, "{}", render::history_table(&entries))?;
            Ok(())
        }
    }
}
