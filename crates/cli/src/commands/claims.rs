//! `claimtrack claims`: list claims, filtered.

use std::io::Write;

use anyhow::Result;
use claimtrack_store::ClaimFilter;

use super::{claims_json, Ctx};
use crate::cli::{ClaimsArgs, ListFormat};
use crate::render;

pub fn run(ctx: &Ctx, args: ClaimsArgs, out: &mut dyn Write) -> Result<()> {
    let store = ctx.open_existing()?;
    let filter = ClaimFilter {
        article: args.article,
        status: args.status,
        verdict: args.verdict,
        min_score: args.min_score,
        check_worthy_only: !args.all,
        kind: args.kind,
        assignee: args.assignee.as_deref().map(super::change::assignee_filter),
        search: args.search,
    };
    let claims = store.claims(&filter)?;
    match args.format {
        ListFormat::Json => render::write_json(out, &claims_json(&store, &claims)?),
        ListFormat::Csv => render::write_claims_csv(out, &claims),
        ListFormat::Table if claims.is_empty() => {
            // Point at --all only when it would list something.
            let hidden = if args.all {
                0
            } else {
                let every = ClaimFilter {
                    check_worthy_only: false,
                    ..filter.clone()
                };
                store.claims(&every)?.len()
            };
            let hint = match hidden {
                0 => String::new(),
                1 => " (1 claim that is not check-worthy matches: add --all)".to_owned(),
                n => format!(" ({n} claims that are not check-worthy match: add --all)"),
            };
            render::write_line(out, &format!("no matching claims{hint}"))
        }
        ListFormat::Table => {
            // The `seen` column appears once any claim has a stored library match.
            let seen: std::collections::HashMap<i64, (f64, bool)> =
                super::matching::stored(&store)?
                    .into_iter()
                    .map(|(id, m)| (id, (m.score, m.strong)))
                    .collect();
            let seen = (!seen.is_empty()).then_some(&seen);
            writeln!(
                out,
                "{}",
                render::claims_table_seen(&claims, args.wide, seen)
            )?;
            Ok(())
        }
    }
}
