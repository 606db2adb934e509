//! `claimtrack status` and `claimtrack verdict`: set a field on several claims at once, in one
//! store transaction (an unknown id writes nothing).

use std::io::Write;

use anyhow::Result;
use claimtrack_model::{Status, Verdict};
use claimtrack_store::{Change, ChangeMeta};

use super::Ctx;
use crate::cli::SetArgs;
use crate::{env, render};

pub fn status(ctx: &Ctx, args: SetArgs<Status>, out: &mut dyn Write) -> Result<()> {
    let meta = meta(ctx, args.note)?;
    let changes = ctx.open()?.set_status(&args.ids, args.set, &meta)?;
    report(out, &changes)
}

pub fn verdict(ctx: &Ctx, args: SetArgs<Verdict>, out: &mut dyn Write) -> Result<()> {
    let meta = meta(ctx, args.note)?;
    let changes = ctx.open()?.set_verdict(&args.ids, args.set, &meta)?;
    report(out, &changes)
}

fn meta(ctx: &Ctx, note: Option<String>) -> Result<ChangeMeta> {
    Ok(ChangeMeta {
        by: ctx.by.clone(),
        note,
        at: env::now()?,
    })
}

/// `claim 3: status unverified -> in_progress` or `claim 3: already in_progress; nothing recorded`.
fn report(out: &mut dyn Write, changes: &[Change]) -> Result<()> {
    for c in changes {
        let to = c.to.as_deref().unwrap_or("none");
        let line = if c.changed {
            let from = c.from.as_deref().unwrap_or("none");
            format!("claim {}: {} {from} -> {to}", c.claim_id, c.field)
        } else {
            format!("claim {}: already {to}; nothing recorded", c.claim_id)
        };
        render::write_line(out, &line)?;
    }
    Ok(())
}
