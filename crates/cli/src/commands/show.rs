//! `claimtrack show`: everything about one claim.

use std::io::Write;

use anyhow::Result;

use super::Ctx;
use crate::cli::{Format, ShowArgs};
use crate::color;
use crate::commands::evidence::EvidenceJson;
use crate::json::{ChangeJson, ClaimJson, ContextJson, NoteJson, ShowJson, TrackingJson};
use crate::render;
use crate::safety::{self, Context};

pub fn run(ctx: &Ctx, args: ShowArgs, out: &mut dyn Write) -> Result<()> {
    let store = ctx.open_existing()?;
    let claim = store.claim(args.id)?;
    let article = store.article(claim.article_id)?;
    let history = store.history(claim.id)?;
    // From the claim row itself, so that it matches its status and verdict.
    let revision = claim.revision;
    let evidence = store.evidence(claim.id)?;
    let notes = store.notes(claim.id)?;
    let c = &claim.claim;
    let context = c
        .context_span
        .slice(&article.article.text)
        .unwrap_or(&c.text)
        .to_owned();

    if args.format == Format::Json {
        let json = ShowJson {
            claim: ClaimJson::new(&claim, revision)
                .with_seen(store.claim_matches()?.get(&claim.id)),
            tracking: TrackingJson::from(&claim),
            context: ContextJson {
                span: c.context_span,
                text: context,
            },
            evidence: evidence.iter().map(EvidenceJson::from).collect(),
            notes: notes
                .iter()
                .map(|n| NoteJson {
                    id: n.id,
                    text: n.text.clone(),
                    by: n.by.clone(),
                    at: crate::json::time(&n.at),
                })
                .collect(),
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
    writeln!(out, "text:      {}", block(&c.text))?;
    writeln!(out, "context:   {}", block(&context))?;
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
    if let Some(who) = &c.claimant {
        let name = who.value.as_deref().unwrap_or(&who.text);
        writeln!(out, "claimant:  {} ({})", safety::line(name), who.kind)?;
    } else {
        writeln!(out, "claimant:  -")?;
    }
    let status = format!("{} · {}", claim.status, claim.status.label_ar());
    let status = color::paint(&status, color::status_style(claim.status));
    writeln!(out, "status:    {status}")?;
    let verdict = render::verdict_label(claim.verdict);
    let verdict = color::paint(&verdict, claim.verdict.and_then(color::verdict_style));
    writeln!(out, "verdict:   {verdict}")?;
    writeln!(out, "revision:  {revision}")?;
    // One-line fields escape every control character, `\n` and `\t` included, so a value such
    // as `sara\nverdict: true` cannot print a line of its own that looks like a field.
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map(|t| safety::line(t).into_owned())
            .unwrap_or_else(|| "-".to_owned())
    };
    writeln!(out, "assignee:  {}", opt(&claim.assignee))?;
    if claim.explanation.is_some() || claim.summary.is_some() || claim.review_url.is_some() {
        let explanation = claim
            .explanation
            .as_deref()
            .map_or_else(|| "-".into(), block);
        writeln!(out, "explanation: {explanation}")?;
        writeln!(out, "summary:   {}", opt(&claim.summary))?;
        writeln!(out, "review url: {}", opt(&claim.review_url))?;
    }
    if let Some(at) = &claim.published_at {
        writeln!(out, "published: {}", crate::json::time(at))?;
    }
    if c.entities.is_empty() {
        writeln!(out, "entities:  none")?;
    } else {
        writeln!(out, "entities:\n{}", render::entities_table(&c.entities))?;
    }
    if evidence.is_empty() {
        writeln!(out, "evidence:  none")?;
    } else {
        writeln!(
            out,
            "evidence:\n{}",
            crate::commands::evidence::table(&evidence)
        )?;
    }
    if notes.is_empty() {
        writeln!(out, "notes:     none")?;
    } else {
        writeln!(out, "notes:")?;
        for n in &notes {
            writeln!(
                out,
                "  [{}] {} ({}, {})",
                n.id,
                safety::line(&n.text),
                safety::line(&n.by),
                crate::json::time(&n.at)
            )?;
        }
    }
    // Earlier fact-checks above the suggest threshold, recomputed from the library now.
    let today = crate::env::now()?.date_naive();
    let found = super::matching::find(&store, &c.text, None, Some(today), Some(claim.id), 5)?;
    if found.is_empty() {
        writeln!(out, "matches:   none")?;
    } else {
        writeln!(out, "matches:\n{}", super::matching::show_table(&found))?;
    }
    if history.is_empty() {
        writeln!(out, "history:   none")?;
    } else {
        writeln!(out, "history:\n{}", render::history_table(&history))?;
    }
    Ok(())
}

/// A field that may span several lines (claim text, context, explanation): control and bidi
/// characters escaped, line breaks kept, and every line after the first indented under the
/// value behind a `┆` mark, so no line of the value can pass for another field (an indented
/// `verdict: true` in an explanation still looked like one).
fn block(text: &str) -> String {
    safety::sanitize(text, Context::Multiline).replace('\n', "\n         ┆ ")
}
