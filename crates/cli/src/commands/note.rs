//! `claimtrack note CLAIM_ID TEXT`: a free comment on a claim, recorded in its history.

use std::io::Write;

use anyhow::Result;
use claimtrack_store::Op;

use super::change::{self, meta, options};
use super::Ctx;
use crate::args::NoteArgs;

pub fn run(ctx: &Ctx, args: NoteArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = ctx.open()?;
    let opts = options(&args.write, false, false);
    let meta = meta(ctx, None)?;
    let op = Op::AddNote(args.text);
    change::run(&mut store, &[args.id], &op, &opts, &meta, &args.write, out)
}
