//! `claimtrack import`: read articles (text, Markdown, HTML, JSON, JSON Lines; files, directories
//! or stdin), extract their claims, and store each article in its own transaction.

use std::io::{self, Write};

use anyhow::{bail, Context as _, Result};
use chrono::{Datelike, NaiveDate};
use claimtrack_import::{Diagnostic, Imported};
use claimtrack_store::{ClaimFilter, ImportOutcome};

use super::{claims_json, Ctx};
use crate::cli::{Format, ImportArgs};
use crate::json::{ArticleJson, DiagnosticJson, ImportJson};
use crate::{env, input, render, safety, walk};

mod batch;
mod source;
mod stream;

use source::{Input, Item, Source};

pub fn run(ctx: &Ctx, args: ImportArgs, out: &mut dyn Write) -> Result<()> {
    let walk::Expanded { files, skipped } = walk::expand(&args.files, is_article, |dir| {
        format!(
            "no .txt, .md, .html, .json or .jsonl files in {}",
            dir.display()
        )
    })?;
    let total_bytes: u64 = files.iter().map(|f| source::file_size(f)).sum();
    let mut source = Source::new(&args, files, skipped);
    // Read ahead two articles: one article is shown with its claim table, more are a batch.
    let first = source.next_item()?;
    let second = source.next_item()?;
    match (first, second) {
        (None, _) => bail!("nothing to import"),
        // A large article is streamed (its claims never all in memory), so it is reported as a
        // batch row, without a claim table: `claims --article ID` lists them.
        (Some(item), None)
            if item
                .input
                .as_ref()
                .is_ok_and(|i| i.text.len() > stream::STREAM_BYTES) =>
        {
            let item = Item {
                input: item.input.map(|i| with_flags(&args, i)),
                bytes: item.bytes,
            };
            batch::run(ctx, &args, vec![item], source, total_bytes, out)
        }
        (Some(Item { input, .. }), None) => match input {
            Ok(input) => import_one(ctx, &args, with_flags(&args, input), out),
            Err((_, e)) => Err(e),
        },
        (Some(first), Some(second)) => {
            batch::run(ctx, &args, vec![first, second], source, total_bytes, out)
        }
    }
}

/// `--title` and `--url` over the input's own: they name one article, so they apply only to an
/// import of one.
fn with_flags(args: &ImportArgs, mut input: Input) -> Input {
    input.opts.title = args.title.clone().or(input.opts.title);
    input.opts.url = args.url.clone().or(input.opts.url);
    input
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

/// The pure part of importing one article (no database): its checks ([`check_input`]) and the
/// extraction. Runs on the `--jobs` worker threads.
fn extract(input: &Input, today: NaiveDate) -> Result<Imported> {
    check_input(input, today)?;
    claimtrack_import::import(&input.text, &input.opts)
        .with_context(|| format!("cannot import {}", input.source))
}

/// The checks of an article before extraction: not empty, not over
/// [`input::MAX_ARTICLE_BYTES`], no NUL character in its text or metadata, a plausible
/// publication date against `today`.
fn check_input(input: &Input, today: NaiveDate) -> Result<()> {
    if input.text.trim().is_empty() {
        bail!("cannot import {}: the input is empty", input.source);
    }
    if input.text.len() > input::MAX_ARTICLE_BYTES {
        bail!(
            "cannot import {}: the article is {} bytes, more than the {} MiB an article may have; \
             split it into articles",
            input.source,
            input.text.len(),
            input::MAX_ARTICLE_BYTES / (1024 * 1024)
        );
    }
    // PostgreSQL cannot store U+0000 in text (SQLite can): refused here on both engines, so that
    // an article is refused alone, as a failed row, not by the database in the middle of its
    // batch's transaction.
    let fields = [
        ("text", Some(input.text.as_str())),
        ("title", input.opts.title.as_deref()),
        ("author", input.opts.author.as_deref()),
        ("url", input.opts.url.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(at) = value.and_then(|v| v.find('\0')) {
            bail!(
                "cannot import {}: its {name} holds a NUL character (U+0000) at byte {at}",
                input.source
            );
        }
    }
    check_published(input.opts.published, today)
        .with_context(|| format!("cannot import {}", input.source))
}

/// Imports one article in one transaction: (article id, duplicate?, diagnostics).
fn store_one(ctx: &Ctx, input: &Input) -> Result<(i64, bool, Vec<Diagnostic>)> {
    let now = env::now()?;
    // A large article is checked now and extracted while it is stored (bounded memory).
    let imported = if input.text.len() > stream::STREAM_BYTES {
        check_input(input, now.date_naive())?;
        None
    } else {
        Some(extract(input, now.date_naive())?)
    };
    let mut store = ctx.open()?;
    super::clusters::catch_up(&mut store, now)
        .context("cannot match and cluster the claims an earlier import left unclustered")?;
    let (outcome, diagnostics) = match imported {
        Some(i) => (
            store.insert_article(&i.article, &i.claims, now, ctx.by())?,
            i.diagnostics,
        ),
        None => {
            let s = stream::store(&mut store, input, now, ctx.by())?;
            (s.outcome, s.diagnostics)
        }
    };
    if let ImportOutcome::Inserted { article_id } = outcome {
        super::clusters::after_batch(
            &mut store,
            &mut super::matching::Bulk::new(),
            &[article_id],
            now,
        )
        .with_context(|| {
            format!(
                "{}: article {article_id} is stored, but matching or clustering its claims failed",
                input.source
            )
        })?;
    }
    Ok(match outcome {
        ImportOutcome::Inserted { article_id } => (article_id, false, diagnostics),
        ImportOutcome::Duplicate { article_id } => (article_id, true, diagnostics),
    })
}

fn import_one(ctx: &Ctx, args: &ImportArgs, input: Input, out: &mut dyn Write) -> Result<()> {
    let given = (
        args.published.is_some(),
        args.title.is_some(),
        args.url.is_some(),
    );
    let (article_id, duplicate, diagnostics) = store_one(ctx, &input)?;
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
        warn_not_applied(
            &[
                (given.0, "--published"),
                (given.1, "--title"),
                (given.2, "--url"),
            ],
            &format!("article {article_id} is already stored with its own metadata"),
        );
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

fn diagnostic_json(d: &Diagnostic) -> DiagnosticJson {
    DiagnosticJson {
        message: d.message.clone(),
        span: d.span,
    }
}

/// Warns on stderr that the metadata flags given (`(given?, flag)`) were not applied, and why.
fn warn_not_applied(flags: &[(bool, &str)], why: &str) {
    let ignored: Vec<&str> = flags
        .iter()
        .filter_map(|&(given, flag)| given.then_some(flag))
        .collect();
    if !ignored.is_empty() {
        let _ = writeln!(
            io::stderr(),
            "claimtrack: warning: {} not applied: {why}",
            ignored.join(", ")
        );
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
