//! `claimtrack import`: read an article, extract its claims, store them in one transaction.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context as _, Result};
use chrono::NaiveDate;
use claimtrack_import::{Diagnostic, ImportOptions};
use claimtrack_store::{ClaimFilter, ImportOutcome};
use serde::Deserialize;

use super::{claims_json, Ctx};
use crate::cli::{Format, ImportArgs};
use crate::json::{ArticleJson, DiagnosticJson, ImportJson};
use crate::{env, render, safety};

/// The optional metadata sidecar `<file without extension>.meta.json`. Only these keys are
/// read; any other key (`language`, `dateline`, `source`…) is ignored.
#[derive(Debug, Default, Deserialize)]
struct Sidecar {
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

pub fn run(ctx: &Ctx, args: ImportArgs, out: &mut dyn Write) -> Result<()> {
    let stdin = args.file.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_owned()
    } else {
        args.file.display().to_string()
    };
    let text = read_text(&args.file, stdin, &name)?;
    let sidecar = if stdin {
        Sidecar::default()
    } else {
        read_sidecar(&args.file)?
    };
    let published = match (args.published, sidecar.published) {
        (Some(d), _) => Some(d),
        (None, Some(s)) => Some(parse_sidecar_date(&s, &sidecar_path(&args.file))?),
        (None, None) => None,
    };
    let opts = ImportOptions {
        title: args.title.or(sidecar.title),
        url: args.url.or(sidecar.url),
        published,
    };
    let imported =
        claimtrack_import::import(&text, &opts).with_context(|| format!("cannot import {name}"))?;

    let mut store = ctx.open()?;
    let outcome =
        store.insert_article(&imported.article, &imported.claims, env::now()?, &ctx.by)?;
    let (article_id, duplicate) = match outcome {
        ImportOutcome::Inserted { article_id } => (article_id, false),
        ImportOutcome::Duplicate { article_id } => (article_id, true),
    };
    let article = store.article(article_id)?;
    let claims = store.claims(&ClaimFilter {
        article: Some(article_id),
        ..Default::default()
    })?;

    if args.format == Format::Json {
        let json = ImportJson {
            article: ArticleJson::from(&article),
            duplicate,
            claims: claims_json(&store, &claims)?,
            diagnostics: imported.diagnostics.iter().map(diagnostic_json).collect(),
        };
        return render::write_json(out, &json);
    }

    // A re-import changes nothing but still shows the article's claims, so the README's
    // first command prints the same table however often it runs.
    if duplicate {
        writeln!(
            out,
            "already imported as article {article_id}; nothing changed"
        )?;
    } else {
        for d in &imported.diagnostics {
            warn(d);
        }
        writeln!(out, "imported article {article_id}")?;
    }
    let a = &article.article;
    let none = || "-".to_owned();
    if let Some(title) = &a.title {
        writeln!(out, "title:    {}", safety::line(title))?;
    }
    writeln!(
        out,
        "dateline: {}",
        a.dateline
            .as_deref()
            .map_or_else(none, |s| safety::line(s).into_owned())
    )?;
    writeln!(
        out,
        "author:   {}",
        a.author
            .as_deref()
            .map_or_else(none, |s| safety::line(s).into_owned())
    )?;
    if let Some(agency) = &a.agency {
        writeln!(out, "agency:   {}", safety::line(agency))?;
    }
    writeln!(out, "headings: {}", a.headings.len())?;
    writeln!(
        out,
        "claims:   {} ({} check-worthy)",
        article.claim_count, article.check_worthy_count
    )?;
    let shown: Vec<_> = claims
        .into_iter()
        .filter(|c| args.all || c.claim.check_worthy)
        .collect();
    if shown.is_empty() {
        writeln!(out, "no check-worthy claims (--all lists every segment)")?;
    } else {
        writeln!(out, "{}", render::claims_table(&shown, args.wide))?;
    }
    Ok(())
}

/// Reads the whole input as UTF-8, naming the file (and the first invalid byte) on error.
fn read_text(path: &Path, stdin: bool, name: &str) -> Result<String> {
    let bytes = if stdin {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .with_context(|| format!("cannot read {name}"))?;
        buf
    } else {
        fs::read(path).with_context(|| format!("cannot read {name}"))?
    };
    if bytes.is_empty() {
        bail!("cannot import {name}: the input is empty");
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "cannot import {name}: not valid UTF-8 (first invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn sidecar_path(path: &Path) -> PathBuf {
    path.with_extension("meta.json")
}

/// Reads the sidecar when it exists; a sidecar that exists but cannot be read or parsed is an
/// error naming it.
fn read_sidecar(path: &Path) -> Result<Sidecar> {
    let side = sidecar_path(path);
    if side == path || !side.is_file() {
        return Ok(Sidecar::default());
    }
    let text =
        fs::read_to_string(&side).with_context(|| format!("cannot read {}", side.display()))?;
    serde_json::from_str(&text).with_context(|| format!("cannot read metadata {}", side.display()))
}

fn parse_sidecar_date(s: &str, side: &Path) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        anyhow!(
            "cannot read metadata {}: published '{s}' is not a YYYY-MM-DD date",
            side.display()
        )
    })
}

fn diagnostic_json(d: &Diagnostic) -> DiagnosticJson {
    DiagnosticJson {
        message: d.message.clone(),
        span: d.span,
    }
}

/// Prints an import diagnostic to stderr (table mode).
fn warn(d: &Diagnostic) {
    let at = d
        .span
        .map(|s| format!(" (bytes {}..{})", s.start, s.end))
        .unwrap_or_default();
    let _ = writeln!(
        io::stderr(),
        "claimtrack: warning: {}{at}",
        safety::line(&d.message)
    );
}
