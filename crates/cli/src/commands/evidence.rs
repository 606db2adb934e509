//! `claimtrack evidence add|list|rm`: the sources consulted for a claim.

use std::io::Write;

use anyhow::Result;
use claimtrack_store::{NewEvidence, Op};
use serde::Serialize;

use super::change::{self, meta, options, parse_url};
use super::Ctx;
use crate::args::{EvidenceArgs, EvidenceCommand};
use crate::cli::Format;
use crate::json::time;
use crate::render::{self, cell};

/// One piece of evidence in `evidence list --format json`.
#[derive(Debug, Serialize)]
pub struct EvidenceJson {
    pub id: i64,
    pub claim_id: i64,
    pub url: String,
    pub title: Option<String>,
    pub note: Option<String>,
    pub stance: Option<claimtrack_model::Stance>,
    pub added_by: String,
    pub added_at: String,
}

impl From<&claimtrack_model::Evidence> for EvidenceJson {
    fn from(e: &claimtrack_model::Evidence) -> Self {
        EvidenceJson {
            id: e.id,
            claim_id: e.claim_id,
            url: e.url.clone(),
            title: e.title.clone(),
            note: e.note.clone(),
            stance: e.stance,
            added_by: e.added_by.clone(),
            added_at: time(&e.added_at),
        }
    }
}

/// The evidence table: id, stance, url, title, note, by, at.
pub fn table(list: &[claimtrack_model::Evidence]) -> String {
    let mut b = render::Table::default();
    b.push_record(["id", "stance", "url", "title", "note", "by", "at"]);
    for e in list {
        b.push_record([
            e.id.to_string(),
            e.stance
                .map(|s| s.to_string())
                .unwrap_or_else(|| "-".into()),
            cell(&e.url, None),
            e.title
                .as_deref()
                .map(|t| cell(t, Some(40)))
                .unwrap_or_default(),
            e.note
                .as_deref()
                .map(|t| cell(t, Some(40)))
                .unwrap_or_default(),
            cell(&e.added_by, None),
            time(&e.added_at),
        ]);
    }
    b.to_string()
}

pub fn run(ctx: &Ctx, args: EvidenceArgs, out: &mut dyn Write) -> Result<()> {
    match args.command {
        EvidenceCommand::Add(a) => {
            let url = parse_url(&a.url)?;
            let mut store = ctx.open()?;
            let op = Op::AddEvidence(NewEvidence {
                url,
                title: a.title,
                note: a.note,
                stance: a.stance,
            });
            let opts = options(&a.write, false, false);
            // The evidence's own note describes the source; the history note stays empty.
            let meta = meta(ctx, None)?;
            change::run(&mut store, &[a.id], &op, &opts, &meta, &a.write, out)
        }
        EvidenceCommand::Rm(a) => {
            let mut store = ctx.open()?;
            let opts = options(&a.write, false, false);
            let meta = meta(ctx, Some(a.note))?;
            let c = store.remove_evidence(a.id, &opts, &meta)?;
            change::report(out, &[c], &a.write)
        }
        EvidenceCommand::List(a) => {
            let store = ctx.open_existing()?;
            let list = store.evidence(a.id)?;
            match a.format {
                Format::Json => {
                    let json: Vec<EvidenceJson> = list.iter().map(EvidenceJson::from).collect();
                    render::write_json(out, &json)
                }
                Format::Table if list.is_empty() => {
                    render::write_line(out, &format!("claim {}: no evidence", a.id))
                }
                Format::Table => {
                    writeln!(out, "{}", table(&list))?;
                    Ok(())
                }
            }
        }
    }
}
