//! `claimtrack import`: read articles (text, Markdown, HTML, JSON, JSON Lines; files, directories
//! or stdin), extract their claims, and store each article in its own transaction.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context as _, Result};
use chrono::{Datelike, NaiveDate};
use claimtrack_import::formats::{self, Format as Format_};
use claimtrack_import::{Diagnostic, ImportOptions};
use claimtrack_store::{ClaimFilter, ImportOutcome};
use serde::Deserialize;

use super::{claims_json, Ctx};
use crate::cli::{Format, ImportArgs};
use crate::json::{ArticleJson, DiagnosticJson, ImportJson};
use crate::{env, input, render, safety, walk};

/// The optional metadata sidecar `<file without extension>.meta.json`. Only these keys are
/// read; any other key (`language`, `dateline`, `source`…) is ignored.
#[derive(Debug, Default, Deserialize)]
struct Sidecar {
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

/// One article to import: its text, where it came from, and what the input said about it.
struct Input {
    /// `FILE`, `FILE (line 3)`, or `<stdin>`: how messages name it.
    source: String,
    text: String,
    opts: ImportOptions,
}

/// The outcome of one article in a batch.
#[derive(Debug, serde::Serialize)]
struct BatchRow {
    source: String,
    status: &'static str,
    article_id: Option<i64>,
    claims: Option<u32>,
    check_worthy: Option<u32>,
    error: Option<String>,
}

pub fn run(ctx: &Ctx, args: ImportArgs, out: &mut dyn Write) -> Result<()> {
    let walk::Expanded { files, skipped } = walk::expand(&args.files, is_article, |dir| {
        format!(
            "no .txt, .md, .html, .json or .jsonl files in {}",
            dir.display()
        )
    })?;
    let single_file = files.len() == 1 && skipped.is_empty();
    // Entries of a directory that could not be walked or are not regular files: one failed
    // row each, named by their own path; the rest is still imported.
    let mut inputs: Vec<Result<Input, (String, anyhow::Error)>> =
        skipped.into_iter().map(Err).collect();
    // Read every file first: a file that cannot be read is one failed row, not a stop.
    for file in &files {
        match read_inputs(file, &args) {
            Ok(docs) => inputs.extend(docs),
            Err(e) if single_file => return Err(e),
            Err(e) => inputs.push(Err((file.display().to_string(), e))),
        }
    }
    if inputs.len() == 1 {
        return match inputs.pop() {
            Some(Ok(input)) => import_one(ctx, &args, input, out),
            Some(Err((_, e))) => Err(e),
            None => bail!("nothing to import"),
        };
    }
    import_batch(ctx, &args, inputs, out)
}

/// The extensions of the input formats a directory import picks up.
const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "json", "jsonl", "ndjson",
];

/// Whether a file name (lower-cased) found in a directory is an article to import: a known
/// extension, and not a `.meta.json` sidecar (read beside its article).
fn is_article(name: &str) -> bool {
    !name.ends_with(".meta.json")
        && EXTENSIONS
            .iter()
            .any(|ext| name.ends_with(&format!(".{ext}")))
}

/// Reads one file (or stdin) into the articles it holds, with their metadata: the input's own
/// (HTML meta tags, JSON record fields), then the sidecar, then the command-line flags, the
/// later overriding the earlier. `--title` and `--url` apply only to a file holding one article.
fn read_inputs(
    file: &Path,
    args: &ImportArgs,
) -> Result<Vec<Result<Input, (String, anyhow::Error)>>> {
    let stdin = file.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_owned()
    } else {
        file.display().to_string()
    };
    let text = read_text(file, stdin, &name)?;
    let format = if stdin {
        Format_::Text
    } else {
        Format_::from_name(&name)
    };
    let docs =
        formats::read_documents(format, &text).map_err(|e| anyhow!("cannot import {name}: {e}"))?;
    if docs.is_empty() {
        bail!("cannot import {name}: no articles in it");
    }
    let sidecar = if stdin {
        Sidecar::default()
    } else {
        read_sidecar(file)?
    };
    let sidecar_published = match &sidecar.published {
        Some(s) => Some(parse_sidecar_date(s, &sidecar_path(file))?),
        None => None,
    };
    if let Some(u) = &sidecar.url {
        formats::check_http_url(u).map_err(|m| {
            anyhow!(
                "cannot read metadata {}: url {m}",
                sidecar_path(file).display()
            )
        })?;
    }
    let one = docs.len() == 1;
    Ok(docs
        .into_iter()
        .map(|d| {
            let d = match d {
                Ok(d) => d,
                Err(e) => {
                    return Err((
                        format!("{name} ({})", e.location),
                        anyhow!("cannot import {name}: {e}"),
                    ))
                }
            };
            let source = if d.origin.is_empty() {
                name.clone()
            } else {
                format!("{name} ({})", d.origin)
            };
            let flag = |f: &Option<String>| if one { f.clone() } else { None };
            Ok(Input {
                source,
                opts: ImportOptions {
                    title: flag(&args.title).or(sidecar.title.clone()).or(d.title),
                    url: flag(&args.url).or(sidecar.url.clone()).or(d.url),
                    published: args.published.or(sidecar_published).or(d.published),
                    author: d.author,
                },
                text: d.text,
            })
        })
        .collect())
}

/// The first year a publication date may have: older dates are typing or parsing mistakes
/// (`0000-01-01`), not news.
const FIRST_PUBLICATION_YEAR: i32 = 1800;

/// A publication date from a flag, sidecar, record or page must be a day that has happened (by
/// the clock's UTC date, one day of grace for time zones ahead of UTC) and not before
/// [`FIRST_PUBLICATION_YEAR`]: a future date would make every exported review "dated before
/// its claim".
fn check_published(published: Option<NaiveDate>, today: NaiveDate) -> Result<()> {
    let Some(p) = published else { return Ok(()) };
    if p > today + chrono::Days::new(1) {
        bail!("its publication date {p} is after today ({today}); give the right date with --published");
    }
    if p.year() < FIRST_PUBLICATION_YEAR {
        bail!(
            "its publication date {p} is before {FIRST_PUBLICATION_YEAR}; give the right date with --published"
        );
    }
    Ok(())
}

/// Imports one article in one transaction: (article id, duplicate?, diagnostics).
fn store_one(ctx: &Ctx, input: &Input) -> Result<(i64, bool, Vec<Diagnostic>)> {
    if input.text.trim().is_empty() {
        bail!("cannot import {}: the input is empty", input.source);
    }
    if input.text.len() > input::MAX_ARTICLE_BYTES {
        bail!(
            "cannot import {}: the article is {} bytes, more than the {} MiB an article may have \
             (an import holds the article's claims in memory); split it into articles",
            input.source,
            input.text.len(),
            input::MAX_ARTICLE_BYTES / (1024 * 1024)
        );
    }
    let now = env::now()?;
    check_published(input.opts.published, now.date_naive())
        .with_context(|| format!("cannot import {}", input.source))?;
    let imported = claimtrack_import::import(&input.text, &input.opts)
        .with_context(|| format!("cannot import {}", input.source))?;
    let mut store = ctx.open()?;
    let outcome = store.insert_article(&imported.article, &imported.claims, now, ctx.by())?;
    if let ImportOutcome::Inserted { article_id } = outcome {
        super::matching::after_import(&mut store, article_id, now).with_context(|| {
            format!(
                "{}: article {article_id} is stored, but matching it failed",
                input.source
            )
        })?;
    }
    Ok(match outcome {
        ImportOutcome::Inserted { article_id } => (article_id, false, imported.diagnostics),
        ImportOutcome::Duplicate { article_id } => (article_id, true, imported.diagnostics),
    })
}

/// Several articles: one transaction each, a progress bar on a terminal, a summary table; a
/// failed article is reported and skipped, and the command exits 1 after the others are stored.
fn import_batch(
    ctx: &Ctx,
    args: &ImportArgs,
    inputs: Vec<Result<Input, (String, anyhow::Error)>>,
    out: &mut dyn Write,
) -> Result<()> {
    let bar = if io::stderr().is_terminal() && !ctx.quiet {
        indicatif::ProgressBar::new(inputs.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut rows = Vec::new();
    for input in inputs {
        let row = match input {
            Err((source, e)) => BatchRow {
                source,
                status: "failed",
                article_id: None,
                claims: None,
                check_worthy: None,
                error: Some(format!("{e:#}")),
            },
            Ok(input) => match store_one(ctx, &input) {
                Ok((id, duplicate, _)) => {
                    let a = ctx.open()?.article(id)?;
                    BatchRow {
                        source: input.source,
                        status: if duplicate { "duplicate" } else { "imported" },
                        article_id: Some(id),
                        claims: Some(a.claim_count),
                        check_worthy: Some(a.check_worthy_count),
                        error: None,
                    }
                }
                Err(e)
                    if matches!(
                        e.downcast_ref::<claimtrack_store::StoreError>(),
                        Some(claimtrack_store::StoreError::Busy)
                    ) =>
                {
                    return Err(e)
                }
                Err(e) => BatchRow {
                    source: input.source,
                    status: "failed",
                    article_id: None,
                    claims: None,
                    check_worthy: None,
                    error: Some(format!("{e:#}")),
                },
            },
        };
        if let Some(e) = &row.error {
            bar.suspend(|| {
                let _ = writeln!(io::stderr(), "claimtrack: error: {}", safety::line(e));
            });
        }
        bar.inc(1);
        rows.push(row);
    }
    bar.finish_and_clear();
    // Clustering once for the whole batch: it indexes every check-worthy claim of the desk.
    let new: Vec<i64> = rows
        .iter()
        .filter(|r| r.status == "imported")
        .filter_map(|r| r.article_id)
        .collect();
    super::clusters::cluster_articles(&mut ctx.open()?, &new).with_context(|| {
        format!(
            "{} articles are stored, but grouping their claims into clusters failed",
            new.len()
        )
    })?;
    let failed = rows.iter().filter(|r| r.status == "failed").count();
    if args.format == Format::Json {
        render::write_json(out, &rows)?;
    } else {
        let mut b = render::Table::default();
        b.push_record(["source", "status", "article", "claims", "check-worthy"]);
        let dash = || "-".to_owned();
        for r in &rows {
            b.push_record([
                render::cell(&r.source, Some(50)),
                r.status.to_owned(),
                r.article_id.map_or_else(dash, |v| v.to_string()),
                r.claims.map_or_else(dash, |v| v.to_string()),
                r.check_worthy.map_or_else(dash, |v| v.to_string()),
            ]);
        }
        writeln!(out, "{b}")?;
        let count = |s: &str| rows.iter().filter(|r| r.status == s).count();
        writeln!(
            out,
            "{} imported, {} already there, {failed} failed",
            count("imported"),
            count("duplicate")
        )?;
    }
    if failed > 0 {
        bail!(
            "{failed} of {} articles could not be imported (the others are stored)",
            rows.len()
        );
    }
    Ok(())
}

fn import_one(ctx: &Ctx, args: &ImportArgs, input: Input, out: &mut dyn Write) -> Result<()> {
    let given = (
        args.published.is_some(),
        args.title.is_some(),
        args.url.is_some(),
    );
    let (article_id, duplicate, diagnostics) = store_one(ctx, &input)?;
    if !duplicate {
        super::clusters::cluster_articles(&mut ctx.open()?, &[article_id]).with_context(|| {
            format!(
                "{}: article {article_id} is stored, but grouping its claims into clusters failed",
                input.source
            )
        })?;
    }
    let store = ctx.open()?;
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
            diagnostics: diagnostics.iter().map(diagnostic_json).collect(),
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
        // Metadata flags cannot change a stored article: say so rather than drop them silently.
        let ignored: Vec<&str> = [
            (given.0, "--published"),
            (given.1, "--title"),
            (given.2, "--url"),
        ]
        .into_iter()
        .filter_map(|(g, f)| g.then_some(f))
        .collect();
        if !ignored.is_empty() {
            let _ = writeln!(
                io::stderr(),
                "claimtrack: warning: {} not applied: article {article_id} is already stored with its own metadata",
                ignored.join(", ")
            );
        }
    } else {
        for d in &diagnostics {
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
    let path = if stdin { Path::new("-") } else { path };
    let bytes = input::read_bytes(path, name, input::MAX_INPUT_BYTES)?;
    if bytes.is_empty() {
        bail!("cannot import {name}: the input is empty");
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = at - before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        anyhow!(
            "cannot import {name}: line {line}: not valid UTF-8 (byte {column} of the line, byte {} of the file)",
            at + 1
        )
    })
}

fn sidecar_path(path: &Path) -> PathBuf {
    path.with_extension("meta.json")
}

/// Reads the sidecar when it exists; a sidecar that exists but cannot be read or parsed, or is
/// not a regular file (a FIFO would block, a link to `/dev/zero` never ends), is an error
/// naming it.
fn read_sidecar(path: &Path) -> Result<Sidecar> {
    let side = sidecar_path(path);
    if side == path {
        return Ok(Sidecar::default());
    }
    match fs::metadata(&side) {
        Err(e) if e.kind() == io::ErrorKind::NotFound && !side.is_symlink() => {
            return Ok(Sidecar::default())
        }
        Err(e) => return Err(anyhow!("cannot read metadata {}: {e}", side.display())),
        Ok(m) if !m.is_file() => bail!(
            "cannot read metadata {}: {}, not a regular file",
            side.display(),
            walk::file_kind(&m.file_type())
        ),
        Ok(_) => {}
    }
    let name = side.display().to_string();
    let bytes = input::read_bytes(&side, &name, input::MAX_SIDECAR_BYTES)?;
    let text = String::from_utf8(bytes).with_context(|| format!("cannot read metadata {name}"))?;
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
