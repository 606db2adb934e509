//! `claimtrack show`: everything about one claim.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::cli::{Format, ShowArgs};
use crate::json::{ChangeJson, ClaimJson, ContextJson, ShowJson};
use crate::render;
use crate::safety::{self, Context};

pub fn run(ctx: &Ctx, args: ShowArgs, out: &mut dyn Write) -> Result<()> {
    let store = ctx.open()?;
    let claim = store.claim(args.id)?;
    let article = store.article(claim.article_id)?;
    let history = store.history(claim.id)?;
    let revision = store.revision(claim.id)?;
    let c = &claim.claim;
    let context = c
        .context_span
        .slice(&article.article.text)
        .unwrap_or(&c.text)
        .to_owned();

    if args.format == Format::Json {
        let json = ShowJson {
            claim: ClaimJson::new(&claim, revision),
            context: ContextJson {
                span: c.context_span,
                text: context,
            },
            history: history.iter().map(ChangeJson::from).collect(),
        };
        return render::write_json(out, &json);
    }

    let reasons: Vec<&str> = c.reasons.iter().map(|r| r.as_str()).collect();
    let reasons = if reasons.is_empty() {
        "none".to_owned()
    } else {
        reasons.join(", ")
    };
    writeln!(out, "claim {}", claim.id)?;
    writeln!(
        out,
        "text:      {}",
        safety::sanitize(&c.text, Context::Multiline)
    )?;
    writeln!(
        out,
        "context:   {}",
        safety::sanitize(&context, Context::Multiline)
    )?;
    writeln!(out, "article:   {}", claim.article_id)?;
    writeln!(out, "span:      {}..{} (bytes)", c.span.start, c.span.end)?;
    writeln!(
        out,
        "score:     {:.2} ({})",
        c.score,
        if c.check_worthy {
            "check-worthy"
        } else {
            "not check-worthy"
        }
    )?;
    writeln!(out, "reasons:   {reasons}")?;
    writeln!(out, "kind:      {}", c.kind)?;
    writeln!(
        out,
        "status:    {} · {}",
        claim.status,
        claim.status.label_ar()
    )?;
    writeln!(out, "verdict:   {}", render::verdict_label(claim.verdict))?;
    writeln!(out, "revision:  {revision}")?;
    if c.entities.is_empty() {
        writeln!(out, "entities:  none")?;
    } else {
        writeln!(out, "entities:\n{}", render::entities_table(&c.entities))?;
    }
    if history.is_empty() {
        writeln!(out, "history:   none")?;
    } else {
        writeln!(out, "history:\n{}", render::history_table(&history))?;
    }
    Ok(())
}
