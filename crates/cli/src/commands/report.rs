//! `claimtrack report`: the desk report of `claimtrack-report` in the terminal — summary tables,
//! or the whole report as Markdown, JSON or HTML (what `cargo xtask report` writes to files).

use std::io::Write;

use anyhow::Result;
use claimtrack_report::report::Counts;
use claimtrack_report::{html, markdown, report, Lang, Provenance};

use super::Ctx;
use crate::cli::{ReportArgs, ReportFormat};
use crate::{env, render, safety};

pub fn run(ctx: &Ctx, args: ReportArgs, out: &mut dyn Write) -> Result<()> {
    let store = ctx.open_existing()?;
    let articles = claimtrack_report::load_articles(&store, args.article)?;
    let provenance = Provenance {
        source: ctx.db.public_label(),
        generated_at: env::now()?,
        lang: args.lang,
    };
    let report = claimtrack_report::build(&provenance, &articles);
    match args.format {
        ReportFormat::Md => {
            // Markdown text is already stripped of control and bidi characters
            out.write_all(markdown::render(&report).as_bytes())?;
        }
        ReportFormat::Json => out.write_all(report::to_json(&report).as_bytes())?,
        ReportFormat::Html => out.write_all(html::render(&report).as_bytes())?,
        ReportFormat::Table => tables(out, &report)?,
    }
    Ok(())
}

fn tables(out: &mut dyn Write, report: &claimtrack_report::Report) -> Result<()> {
    let l = report.language;
    let mut b = render::Table::default();
    b.push_record([
        l.pick("المقال", "article"),
        l.pick("العنوان", "title"),
        l.pick("تاريخ النشر", "published"),
        l.pick("الادعاءات", "claims"),
        l.pick("الجديرة بالتحقق", "check-worthy"),
        l.pick("منشورة", "published claims"),
        l.pick("بحكم", "with verdict"),
    ]);
    for a in &report.articles {
        b.push_record([
            a.id.to_string(),
            render::cell(a.title.as_deref().unwrap_or("-"), Some(40)),
            a.published.clone().unwrap_or_else(|| "-".into()),
            a.counts.claims.to_string(),
            a.counts.check_worthy.to_string(),
            a.counts.published().to_string(),
            a.counts.with_verdict().to_string(),
        ]);
    }
    let c = &report.summary.counts;
    b.push_record([
        l.pick("المجموع", "total").to_string(),
        String::new(),
        String::new(),
        c.claims.to_string(),
        c.check_worthy.to_string(),
        c.published().to_string(),
        c.with_verdict().to_string(),
    ]);
    writeln!(out, "{b}")?;
    writeln!(out, "{}", counts_tables(c, l))?;
    Ok(())
}

/// The by-status and by-verdict tables, one under the other.
fn counts_tables(c: &Counts, l: Lang) -> String {
    let mut b = render::Table::default();
    b.push_record([
        l.pick("الحالة", "status"),
        l.pick("التسمية", "label"),
        l.pick("الادعاءات", "claims"),
        l.pick("الجديرة بالتحقق", "check-worthy"),
    ]);
    for s in &c.by_status {
        b.push_record([
            s.status.to_string(),
            safety::line(&s.label).into_owned(),
            s.claims.to_string(),
            s.check_worthy.to_string(),
        ]);
    }
    let status = b.to_string();
    let mut b = render::Table::default();
    b.push_record([
        l.pick("الحكم", "verdict"),
        l.pick("التسمية", "label"),
        l.pick("القيمة", "value"),
        l.pick("الادعاءات", "claims"),
        l.pick("الجديرة بالتحقق", "check-worthy"),
    ]);
    for v in &c.by_verdict {
        b.push_record([
            v.verdict
                .map(|v| v.to_string())
                .unwrap_or_else(|| "-".into()),
            safety::line(&v.label).into_owned(),
            v.rating_value
                .map(|r| r.to_string())
                .unwrap_or_else(|| "-".into()),
            v.claims.to_string(),
            v.check_worthy.to_string(),
        ]);
    }
    format!("{status}\n{b}")
}
