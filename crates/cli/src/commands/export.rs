//! `claimtrack export`: reviewed claims as schema.org ClaimReview JSON-LD (array or JSON
//! Lines), CSV or JSON Lines, built by `claimtrack-report`.

use std::io::Write;

use anyhow::{bail, Result};
use claimtrack_model::Status;
use claimtrack_report::claimreview::{self, Publisher};
use claimtrack_report::export;
use claimtrack_store::ClaimFilter;

use super::Ctx;
use crate::cli::{ExportArgs, ExportFormat};
use crate::safety;

pub fn run(ctx: &Ctx, args: ExportArgs, out: &mut dyn Write) -> Result<()> {
    if args.bom && args.format != ExportFormat::Csv {
        bail!("--bom applies to --format csv only");
    }
    if args.jsonl && args.format != ExportFormat::Claimreview {
        bail!("--jsonl applies to --format claimreview (use --format jsonl for claim rows)");
    }
    let store = ctx.open_existing()?;
    let status = match (args.status, args.format) {
        (Some(s), _) => Some(s),
        (None, ExportFormat::Claimreview) => Some(Status::Published),
        (None, _) => None,
    };
    let filter = ClaimFilter {
        article: args.article,
        status,
        verdict: args.verdict,
        min_score: args.min_score,
        check_worthy_only: !args.all,
        ..Default::default()
    };
    let claims = claimtrack_report::load(&store, &filter)?;
    match args.format {
        ExportFormat::Csv => export::write_csv(out, &claims, args.bom)?,
        ExportFormat::Jsonl => out.write_all(export::to_jsonl(&claims).as_bytes())?,
        ExportFormat::Claimreview => {
            let publisher = Publisher {
                name: args.publisher,
                url: args.publisher_url,
            };
            let mut values = Vec::new();
            let mut failed = 0;
            let mut stderr = std::io::stderr();
            for claim in claims.iter().filter(|c| c.claim.verdict.is_some()) {
                let built = claimreview::build(claim, &publisher);
                if built.missing.is_empty() || args.allow_incomplete {
                    let level = if built.missing.is_empty() {
                        ""
                    } else {
                        "warning"
                    };
                    for m in &built.missing {
                        let msg = format!("claim {}: missing {m}", built.claim_id);
                        writeln!(stderr, "claimtrack: {level}: {}", safety::line(&msg))?;
                    }
                    values.push(built.value);
                } else {
                    failed += 1;
                    let msg = format!(
                        "claim {} cannot be exported; add: {}",
                        built.claim_id,
                        built.missing.join("; ")
                    );
                    writeln!(stderr, "claimtrack: error: {}", safety::line(&msg))?;
                }
            }
            out.write_all(claimreview::to_json(&values, args.jsonl).as_bytes())?;
            if values.is_empty() && failed == 0 {
                // An empty export is valid output, but not a publishable document (the linter
                // says "no ClaimReview found"): say why it is empty.
                writeln!(
                    stderr,
                    "claimtrack: warning: no ClaimReview exported: no claim matching the filters \
                     has a verdict{}",
                    if args.status.is_none() {
                        " and the status published"
                    } else {
                        ""
                    }
                )?;
            }
            if failed > 0 {
                bail!(
                    "{failed} claim{} not exported for missing data (listed above); add it or \
                     pass --allow-incomplete",
                    if failed == 1 { "" } else { "s" }
                );
            }
        }
    }
    Ok(())
}
