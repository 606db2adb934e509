//! `claimtrack db check|backup|copy`: database maintenance.

use std::io::Write;

use anyhow::{bail, Result};
use claimtrack_store::{Locator, Store, StoreError};
use serde::Serialize;

use super::Ctx;
use crate::args::{DbArgs, DbCommand};
use crate::cli::Format;
use crate::render;

/// One problem in `db check --format json` (an array; empty when healthy).
#[derive(Debug, Serialize)]
pub struct ProblemJson {
    pub check: &'static str,
    pub message: String,
}

pub fn run(ctx: &Ctx, args: DbArgs, out: &mut dyn Write) -> Result<()> {
    match args.command {
        DbCommand::Check(a) => {
            let store = ctx.open_existing()?;
            let problems = store.check()?;
            if a.format == Format::Json {
                let json: Vec<ProblemJson> = problems
                    .iter()
                    .map(|p| ProblemJson {
                        check: p.check,
                        message: p.message.clone(),
                    })
                    .collect();
                render::write_json(out, &json)?;
            } else if problems.is_empty() {
                render::write_line(
                    out,
                    "ok: integrity, foreign keys, spans, history and search index",
                )?;
            } else {
                for p in &problems {
                    render::write_line(out, &format!("{}: {}", p.check, p.message))?;
                }
            }
            if !problems.is_empty() {
                bail!("database check found {} problem(s)", problems.len());
            }
            Ok(())
        }
        DbCommand::Backup(a) => {
            // A backup is a SQLite file: a URL-looking target is refused before anything is
            // opened or created, and shown with its password masked.
            match Locator::from_path(&a.path)? {
                Locator::Sqlite(_) => {}
                Locator::Postgres(url) => bail!(
                    "cannot write backup to {url}: a backup is a SQLite file; to copy into a \
                     PostgreSQL database use `claimtrack db copy --to URL`"
                ),
            }
            let store = ctx.open_existing()?;
            store.backup(&a.path).map_err(|e| match e {
                StoreError::DiskFull => anyhow::anyhow!(
                    "cannot write backup {}: the disk is full; no backup was written (nothing \
                     is left under that name)",
                    a.path.display()
                ),
                other => super::open_error(other),
            })?;
            render::write_line(out, &format!("backup written to {}", a.path.display()))
        }
        DbCommand::Copy(a) => {
            let from = Locator::from_path(&a.from)?;
            let to = Locator::from_path(&a.to)?;
            if from == to {
                bail!("--from and --to name the same database ({from})");
            }
            let src = match &from {
                Locator::Sqlite(path) => {
                    if !path.exists() {
                        bail!("no database at {}; nothing to copy", path.display());
                    }
                    Store::open_locator(&from).map_err(super::open_error)?
                }
                Locator::Postgres(_) => Store::open_read_only_locator(&from)?,
            };
            let mut dst = Store::open_locator(&to).map_err(super::open_error)?;
            let c = src.copy_to(&mut dst)?;
            render::write_line(out, &format!("copied {from} -> {to}"))?;
            for (what, n) in [
                ("articles", c.articles),
                ("claims", c.claims),
                ("history entries", c.history),
                ("evidence", c.evidence),
                ("notes", c.notes),
                ("search index rows", c.search),
                ("fact-checks", c.factchecks),
                ("fact-check history entries", c.factcheck_history),
                ("claim matches", c.matches),
                ("clustered claims", c.clustered),
            ] {
                render::write_line(out, &format!("{n:>8} {what}"))?;
            }
            render::write_line(
                out,
                "verified: every count read back from the target equals the source's",
            )
        }
    }
}
