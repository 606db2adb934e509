//! `claimtrack factchecks import|list|rematch`: the library of earlier fact-checks.
//!
//! Import reads files and directories (recursively, walkdir; files whose extension is not
//! `.json .jsonld .jsonl .ndjson .html .htm .csv` are skipped inside directories), parses them
//! with [`claimtrack_match::library::read`], stores each file's good records in one transaction
//! and reports every bad record as `claimtrack: warning: FILE: record N: message` on stderr; the command exits 1 when
//! any record or file failed, after storing the rest.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use claimtrack_match::library::{self, FactCheck};
use claimtrack_match::normalise::terms;
use claimtrack_store::{FactCheckFilter, FactCheckKey, NewFactCheck, Stored};
use clap::{Args, Subcommand};
use rayon::prelude::*;
use serde::Serialize;

use super::matching;
use super::Ctx;
use crate::cli::Format;
use crate::render::{self, cell};
use crate::{input, walk};

/// Largest fact-check file read, in bytes (a Data Commons feed is ~200 MB: split it first).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Extensions read inside directories.
const EXTENSIONS: &[&str] = &["json", "jsonld", "jsonl", "ndjson", "html", "htm", "csv"];

/// `factchecks` and its subcommands.
#[derive(Debug, Args)]
pub struct FactchecksArgs {
    #[command(subcommand)]
    pub command: FactchecksCommand,
}

/// The subcommands of `factchecks`.
#[derive(Debug, Subcommand)]
pub enum FactchecksCommand {
    /// Import earlier fact-checks: ClaimReview JSON-LD (object, array, @graph, JSON Lines),
    /// HTML pages with ClaimReview JSON-LD, Google Fact Check Tools API responses, the Data
    /// Commons feed, or CSV (header: claim,url required; rating,publisher,date,language,title,
    /// claimant,rating_value,best_rating,worst_rating optional); directories recursively
    ///
    /// The same URL is the same fact-check: a re-import updates it in place (the previous values
    /// kept in its history) or leaves it unchanged. Bad records are reported with file and record
    /// number, the rest is stored, and the exit code is 1. Then the check-worthy claims the new
    /// fact-checks concern (sharing a word with one, or matched to a changed one) are matched
    /// against the library again — every claim when a fact-check was updated; `factchecks
    /// rematch` does every claim.
    Import(ImportArgs),
    /// List the library: id, rating, verdict, publisher, date, language, claim
    List(ListArgs),
    /// Match every check-worthy claim against the library again and store each best match
    Rematch,
}

/// Arguments of `factchecks import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or directories
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// table or json
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `factchecks list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this publisher (case-insensitive, whole name)
    #[arg(long, value_name = "P")]
    pub publisher: Option<String>,
    /// Only this language code (ar, en, …)
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
    /// table or json
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// One file's outcome, in `factchecks import --format json`.
#[derive(Debug, Serialize)]
struct FileRow {
    file: String,
    inserted: usize,
    updated: usize,
    unchanged: usize,
    errors: Vec<String>,
    /// Not errors: records left out because a later record of the file has their URL.
    warnings: Vec<String>,
}

/// Every file to read: the files given, and the fact-check files under the directories given
/// ([`walk::expand`]: loops, unreadable entries and FIFOs are reported by their own path).
fn inputs(paths: &[PathBuf]) -> Result<Vec<Result<PathBuf, (PathBuf, String)>>> {
    let wanted = |name: &str| {
        Path::new(name)
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| EXTENSIONS.contains(&x))
    };
    let found = walk::expand(paths, wanted, |dir| {
        format!(
            "no fact-check files ({}) in {}",
            EXTENSIONS.join(", "),
            dir.display()
        )
    })?;
    Ok(found
        .skipped
        .into_iter()
        .map(|(path, e)| Err((PathBuf::from(path), format!("{e:#}"))))
        .chain(found.files.into_iter().map(Ok))
        .collect())
}

/// The file's text: at most [`MAX_FILE_BYTES`], enforced while reading (a FIFO or
/// `/dev/zero` stops there), and UTF-8.
fn read_file(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    let bytes = input::read_bytes(path, &name, MAX_FILE_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name} is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A read record as the store takes it.
pub fn to_store(f: &FactCheck) -> NewFactCheck {
    let mut t = terms(&f.claim);
    let claim_terms = t.len();
    t.extend(f.title.as_deref().map(terms).unwrap_or_default());
    NewFactCheck {
        key: FactCheckKey::Url(f.url.clone()),
        claim: f.claim.clone(),
        title: f.title.clone(),
        rating: f.rating.clone(),
        rating_value: f.rating_value,
        best_rating: f.best_rating,
        worst_rating: f.worst_rating,
        verdict: f.verdict,
        publisher: f.publisher.clone(),
        date: f.date,
        language: f.language.clone(),
        claimant: f.claimant.clone(),
        terms: t,
        claim_terms,
    }
}

/// `records` with one fact-check per URL, the last of each (a page reviewing several claims
/// under one URL is one fact-check: storing each in turn updated it, and every rerun of the file
/// then "updated" it again), in the order of those last ones; and each URL held by several
/// records, with their number.
fn last_per_url(records: Vec<FactCheck>) -> (Vec<FactCheck>, Vec<(String, usize)>) {
    let mut last: std::collections::HashMap<String, usize> = Default::default();
    let mut count: std::collections::HashMap<String, usize> = Default::default();
    for (i, f) in records.iter().enumerate() {
        last.insert(f.url.clone(), i);
        *count.entry(f.url.clone()).or_default() += 1;
    }
    let mut repeated: Vec<(String, usize)> = Vec::new();
    let kept = records
        .into_iter()
        .enumerate()
        .filter(|(i, f)| last[&f.url] == *i)
        .map(|(_, f)| {
            let n = count[&f.url];
            if n > 1 {
                repeated.push((f.url.clone(), n));
            }
            f
        })
        .collect();
    (kept, repeated)
}

/// Fact-checks normalised per chunk.
const NORMALISE_CHUNK: usize = 1000;

/// Stores `records` in one transaction, normalising a chunk of them on every core (rayon's
/// pool, from a thread of its own) while the chunk before is written: normalising is most of a
/// library import's CPU, and writing is one thread's work, so the two overlap. Returns the
/// records as stored, in order, with what storing each did. The normalising thread marks the
/// end of the records: if it stops before (a panic), the transaction is rolled back — a file
/// is stored whole or not at all.
///
/// Errors: as [`claimtrack_store::Store::store_factchecks`]; normalising stopped; nothing is
/// stored on error.
fn store_records(
    store: &mut claimtrack_store::Store,
    records: &[FactCheck],
    source: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Vec<NewFactCheck>, Vec<Stored>)> {
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Option<Vec<NewFactCheck>>>(1);
        let producer = s.spawn(move || {
            for chunk in records.chunks(NORMALISE_CHUNK) {
                let items: Vec<NewFactCheck> = chunk.par_iter().map(to_store).collect();
                if tx.send(Some(items)).is_err() {
                    // The writer stopped on an error; it reports it.
                    return;
                }
            }
            // The end: without it, the writer takes the closed channel for a failure.
            let _ = tx.send(None);
        });
        let chunks = std::iter::from_fn(|| match rx.recv() {
            Ok(Some(items)) => Some(Ok(items)),
            Ok(None) => None,
            Err(_) => Some(Err(anyhow::anyhow!(
                "normalising the fact-checks of {source} stopped before its end; nothing of it \
                 was stored"
            ))),
        });
        let stored = store.store_factchecks_streamed(chunks, source, now);
        drop(rx);
        // Joined here, so that a panic is this error rather than the scope's panic.
        if producer.join().is_err() {
            bail!(
                "normalising the fact-checks of {source} failed (a bug: please report it); \
                 nothing of it was stored"
            );
        }
        stored
    })
}

fn import(ctx: &Ctx, args: ImportArgs, out: &mut dyn Write) -> Result<()> {
    let now = crate::env::now()?;
    let files = inputs(&args.files)?;
    // Nothing to read at all (every path missing or unreadable): no database is created for it.
    let unreadable = |f: &Result<PathBuf, (PathBuf, String)>| match f {
        Err((path, e)) => Some(format!("{}: {e}", path.display())),
        Ok(path) => std::fs::metadata(path)
            .err()
            .map(|e| format!("{}: {e}", path.display())),
    };
    if let Some(first) = files.first().and_then(unreadable) {
        if files.iter().all(|f| unreadable(f).is_some()) {
            bail!(
                "cannot read {}{}",
                crate::safety::line(&first),
                match files.len() {
                    1 => String::new(),
                    n => format!(" (nor the {} other paths given)", n - 1),
                }
            );
        }
    }
    let mut store = ctx.open()?;
    let bar = if io::stderr().is_terminal() && !ctx.quiet {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut rows = Vec::new();
    // Fact-checks an earlier `factchecks import` stored but stopped before matching the desk
    // against (killed, a lock): their records are unchanged now, so nothing below would match
    // them again; every claim is.
    let unfinished = store.factchecks_match_pending()?;
    let mut change = matching::LibraryChange::default();
    if !unfinished.is_empty() {
        change.match_everything();
    }
    for f in files {
        let mut row = FileRow {
            file: String::new(),
            inserted: 0,
            updated: 0,
            unchanged: 0,
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        match f {
            Err((path, e)) => {
                row.file = path.display().to_string();
                row.errors.push(e);
            }
            Ok(path) => {
                row.file = path.display().to_string();
                match read_file(&path) {
                    Err(e) => row.errors.push(format!("{e:#}")),
                    Ok(text) => {
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let read = library::read(&name, &text);
                        row.errors
                            .extend(read.errors.iter().map(ToString::to_string));
                        let (records, repeated) = last_per_url(read.records);
                        for (url, n) in repeated {
                            row.warnings.push(format!(
                                "{n} records hold the URL {url}; the last is kept (a URL is one \
                                 fact-check)"
                            ));
                        }
                        let (items, stored) = store_records(&mut store, &records, &row.file, now)?;
                        change.record(&items, &stored);
                        for s in stored {
                            match s {
                                Stored::Inserted(_) => row.inserted += 1,
                                Stored::Updated(_) => row.updated += 1,
                                Stored::Unchanged(_) => row.unchanged += 1,
                            }
                        }
                    }
                }
            }
        }
        for e in row.warnings.iter().chain(&row.errors) {
            bar.suspend(|| {
                eprintln!(
                    "claimtrack: warning: {}: {}",
                    crate::safety::line(&row.file),
                    crate::safety::line(e)
                )
            });
        }
        bar.inc(1);
        rows.push(row);
    }
    bar.finish_and_clear();
    // The library may have grown tenfold: fresh planner statistics before matching.
    store.refresh_statistics()?;
    // Only the claims the new and updated fact-checks can concern are matched again.
    change.extend(matching::sync_desk(&mut store, now)?);
    let rematched = matching::rematch_changed(&mut store, &change, now)?;
    store.set_library_matched(&[unfinished, change.ids()].concat())?;
    let seen = store.claim_matches()?.len();
    let failed: usize = rows.iter().map(|r| r.errors.len()).sum();
    if args.format == Format::Json {
        render::write_json(out, &rows)?;
    } else {
        let mut b = render::Table::default();
        b.push_record(["file", "new", "updated", "unchanged", "errors"]);
        for r in &rows {
            b.push_record([
                cell(&r.file, Some(60)),
                r.inserted.to_string(),
                r.updated.to_string(),
                r.unchanged.to_string(),
                r.errors.len().to_string(),
            ]);
        }
        writeln!(out, "{b}")?;
        let sum = |f: fn(&FileRow) -> usize| rows.iter().map(f).sum::<usize>();
        writeln!(
            out,
            "{} new, {} updated, {} unchanged, {failed} bad records; {rematched} {} matched again, {seen} {} the library",
            sum(|r| r.inserted),
            sum(|r| r.updated),
            sum(|r| r.unchanged),
            if rematched == 1 { "claim" } else { "claims" },
            if seen == 1 {
                "claim now matches"
            } else {
                "claims now match"
            },
        )?;
    }
    if failed > 0 {
        bail!(
            "{failed} {} could not be imported (listed above; the others are stored)",
            if failed == 1 { "record" } else { "records" }
        );
    }
    Ok(())
}

fn list(ctx: &Ctx, args: ListArgs, out: &mut dyn Write) -> Result<()> {
    let store = ctx.open_existing()?;
    let all = store.factchecks(&FactCheckFilter {
        publisher: args.publisher,
        language: args.language,
    })?;
    match args.format {
        Format::Json => render::write_json(
            out,
            &all.iter()
                .map(matching::FactCheckJson::new)
                .collect::<Vec<_>>(),
        ),
        Format::Table if all.is_empty() => render::write_line(
            out,
            "no fact-checks (import some with claimtrack factchecks import FILE)",
        ),
        Format::Table => {
            let mut b = render::Table::default();
            b.push_record([
                "id",
                "rating",
                "verdict",
                "publisher",
                "date",
                "lang",
                "claim",
            ]);
            for f in &all {
                b.push_record([
                    f.id.to_string(),
                    cell(f.check.rating.as_deref().unwrap_or("-"), Some(20)),
                    render::verdict_label(f.check.verdict),
                    cell(f.check.publisher.as_deref().unwrap_or("-"), Some(20)),
                    f.check.date.map_or("-".into(), |d| d.to_string()),
                    cell(f.check.language.as_deref().unwrap_or("-"), Some(5)),
                    cell(&f.check.claim, Some(60)),
                ]);
            }
            b.fit(&["claim"], render::terminal_columns());
            writeln!(out, "{b}")?;
            Ok(())
        }
    }
}

fn rematch(ctx: &Ctx, out: &mut dyn Write) -> Result<()> {
    let now = crate::env::now()?;
    let mut store = ctx.open()?;
    let pending = store.factchecks_match_pending()?;
    let synced = matching::sync_desk(&mut store, now)?;
    let claims = store.claims(&claimtrack_store::ClaimFilter::default())?;
    let n = matching::rematch(&mut store, &claims, now)?;
    // Every claim was matched against these: an earlier import's unfinished matching is done.
    store.set_library_matched(&[pending, synced.ids()].concat())?;
    render::write_line(
        out,
        &format!(
            "{n} of {} check-worthy claims match the library",
            claims.iter().filter(|c| c.claim.check_worthy).count()
        ),
    )
}

/// `claimtrack factchecks`.
pub fn run(ctx: &Ctx, args: FactchecksArgs, out: &mut dyn Write) -> Result<()> {
    match args.command {
        FactchecksCommand::Import(a) => import(ctx, a, out),
        FactchecksCommand::List(a) => list(ctx, a, out),
        FactchecksCommand::Rematch => rematch(ctx, out),
    }
}
