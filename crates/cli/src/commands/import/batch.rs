//! A batch import (two articles or more): articles stream from the [`Source`] through the pure
//! pipeline on `--jobs` threads into one writer, which stores them a batch at a time.
//!
//! Shape (issue #13): the reader takes up to `--batch` articles (256) or [`BATCH_BYTES`] of
//! text, the rayon pool extracts their claims (in parallel, results kept in input order), and a
//! bounded channel hands the batch to the writer — the command's own thread, the only one
//! holding the database — while the next batch is read and extracted. So at most three batches
//! are in memory (one being extracted, one queued, one being written), whatever the input's size.
//!
//! Durability: each batch is one transaction with a savepoint per article
//! ([`claimtrack_store::Store::insert_articles`]): an article is wholly stored or not at all,
//! and an article is reported (its JSON row, its count on the progress bar) only after its
//! batch has committed, so a crash loses at most the articles not yet reported. Ids and output
//! order follow the input order, whatever `--jobs` is: batches are cut by counts and sizes of
//! the input, never by timing.

use std::cell::Cell;
use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context as _, Result};
use chrono::NaiveDate;
use claimtrack_import::Imported;
use claimtrack_model::{Article, ExtractedClaim};
use claimtrack_store::{ImportOutcome, Store, StoreError};
use rayon::prelude::*;

use super::source::{Item, Source};
use super::stream;
use crate::cli::{Format, ImportArgs};
use crate::commands::clusters::NewClaim;
use crate::commands::Ctx;
use crate::{env, render, safety};

/// The most article text, in bytes, one batch holds (the batch is cut after the article that
/// reaches it). With claims at ~25 bytes of memory per byte of text, a batch costs ~25 MB.
pub const BATCH_BYTES: usize = 1 << 20;

/// The most rows the summary table lists first; further imported and duplicate rows are
/// counted, not listed (`--format json` lists every article), while failed rows are listed up
/// to this many more (every failure is also printed on stderr as it happens).
pub const TABLE_ROWS: usize = 1000;

/// The outcome of one article in a batch (`--format json`: one array element).
#[derive(Debug, serde::Serialize)]
struct BatchRow {
    source: String,
    status: &'static str,
    article_id: Option<i64>,
    claims: Option<u32>,
    check_worthy: Option<u32>,
    error: Option<String>,
}

impl BatchRow {
    fn failed(source: String, e: &anyhow::Error) -> Self {
        BatchRow {
            source,
            status: "failed",
            article_id: None,
            claims: None,
            check_worthy: None,
            error: Some(format!("{e:#}")),
        }
    }
}

/// What the reader hands the writer: a batch extracted on the worker threads, or one large
/// article to extract while it is stored ([`stream`]).
enum Work {
    Batch(Vec<Extracted>),
    Large(Item),
}

/// One article after the pure pipeline: its claims, or why it cannot be imported.
struct Extracted {
    source: String,
    /// Input bytes it consumed (progress bar).
    bytes: u64,
    result: Result<Imported>,
}

/// Runs a batch import of `first` (the articles read ahead) and then the rest of `source`. `total_bytes` (the files'
/// sizes; 0 when unknown) sizes the progress bar.
pub fn run(
    ctx: &Ctx,
    args: &ImportArgs,
    first: Vec<Item>,
    mut source: Source<'_>,
    total_bytes: u64,
    out: &mut dyn Write,
) -> Result<()> {
    let jobs = args.jobs.map_or_else(
        || thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("claimtrack-import-{i}"))
        .build()
        .context("cannot start the import's worker threads")?;
    let today = env::now()?.date_naive();
    if first.len() > 1 {
        super::warn_not_applied(
            &[
                (args.title.is_some(), "--title"),
                (args.url.is_some(), "--url"),
            ],
            "they name one article, and this import holds several",
        );
    }
    let mut store = ctx.open()?;
    crate::commands::clusters::catch_up(&mut store, env::now()?)
        .context("cannot match and cluster the claims an earlier import left unclustered")?;
    // Matching and clustering run on threads and connections of their own, behind the writer
    // (see `Clustering`).
    let mut match_store = ctx.open()?;
    let mut cluster_store = ctx.open()?;
    store.share_write_turns(&mut match_store);
    store.share_write_turns(&mut cluster_store);
    let bar = progress_bar(ctx, total_bytes);
    let mut report = Report::new(args.format, out);
    let mut pending: VecDeque<Item> = first.into();
    let batch_articles = usize::from(args.batch);

    // Batches clustered (the pipeline's last step), for the progress bar.
    let clustered = AtomicUsize::new(0);
    let written = thread::scope(|s| -> Result<()> {
        let (tx, rx) = mpsc::sync_channel::<Work>(1);
        let (cluster_tx, cluster_rx) = mpsc::channel::<Clustering>();
        let cluster_tx = ToMatching {
            tx: cluster_tx,
            sent: Cell::new(0),
        };
        let clustered = &clustered;
        let (matched_tx, matched_rx) = mpsc::sync_channel::<Vec<NewClaim>>(1);
        let matcher = thread::Builder::new()
            .name("claimtrack-match".to_owned())
            .spawn_scoped(s, move || {
                match_batches(match_store, jobs, cluster_rx, matched_tx)
            })
            .context("cannot start the import's matching thread")?;
        let clusterer = thread::Builder::new()
            .name("claimtrack-cluster".to_owned())
            .spawn_scoped(s, move || {
                cluster_batches(cluster_store, matched_rx, clustered)
            })
            .context("cannot start the import's clustering thread")?;
        let pool = &pool;
        let reader = s.spawn(move || -> Result<()> {
            loop {
                let mut batch = Vec::new();
                let mut text_bytes = 0;
                let mut large = None;
                while batch.len() < batch_articles && text_bytes < BATCH_BYTES {
                    let Some(item) = pending
                        .pop_front()
                        .map(Ok)
                        .or_else(|| source.next_item().transpose())
                    else {
                        break;
                    };
                    let item = item?;
                    let len = item.input.as_ref().map_or(0, |i| i.text.len());
                    if len > stream::STREAM_BYTES {
                        // Streamed on its own, after the batch before it.
                        large = Some(item);
                        break;
                    }
                    text_bytes += len;
                    batch.push(item);
                }
                if batch.is_empty() && large.is_none() {
                    return Ok(());
                }
                let mut work = Vec::new();
                if !batch.is_empty() {
                    work.push(Work::Batch(pool.install(|| {
                        batch.into_par_iter().map(|i| extract(i, today)).collect()
                    })));
                }
                work.extend(large.map(Work::Large));
                for w in work {
                    if tx.send(w).is_err() {
                        // The writer stopped on an error; it reports it.
                        return Ok(());
                    }
                }
            }
        });
        let started = Instant::now();
        let mut written = Ok(());
        for work in rx {
            let done = match work {
                Work::Batch(batch) => {
                    write_batch(ctx, &mut store, batch, &cluster_tx, &bar, &mut report)
                }
                Work::Large(item) => {
                    write_large(ctx, &mut store, item, &cluster_tx, &bar, &mut report)
                }
            };
            if let Err(e) = done {
                written = Err(e);
                break;
            }
            let n = report.articles();
            let rate = n as f64 / started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{n} articles, {rate:.0}/s"));
        }
        let sent = cluster_tx.sent.get();
        drop(cluster_tx);
        // Matching may be batches behind the writer (its queue is unbounded): on a terminal,
        // how far it is, until it is done.
        while written.is_ok() && !bar.is_hidden() && !clusterer.is_finished() {
            bar.set_message(format!(
                "{} articles stored; matched and clustered {} of {sent} batches",
                report.articles(),
                clustered.load(Ordering::Relaxed)
            ));
            thread::sleep(Duration::from_millis(50));
        }
        let read = reader
            .join()
            .map_err(|_| anyhow!("the import's reader thread stopped unexpectedly"))?;
        let matched = matcher
            .join()
            .map_err(|_| anyhow!("the import's matching thread stopped unexpectedly"))?;
        let clustered = clusterer
            .join()
            .map_err(|_| anyhow!("the import's clustering thread stopped unexpectedly"))?;
        // A matching or clustering error first: it is why the writer stopped, when it did.
        matched.and(clustered).and(written).and(read)
    });
    bar.finish_and_clear();
    // The rows of the committed batches are printed even when a later batch failed: they say
    // what is stored.
    let failed = report.finish()?;
    written?;
    if failed > 0 {
        anyhow::bail!(
            "{failed} of {} articles could not be imported (the others are stored)",
            report.articles()
        );
    }
    Ok(())
}

/// The pure pipeline for one article (a worker thread).
fn extract(item: Item, today: NaiveDate) -> Extracted {
    match item.input {
        Err((source, e)) => Extracted {
            source,
            bytes: item.bytes,
            result: Err(e),
        },
        Ok(input) => Extracted {
            result: super::extract(&input, today),
            source: input.source,
            bytes: item.bytes,
        },
    }
}

/// Newly stored articles to match against the fact-check library and cluster, with the time
/// they were stored.
///
/// Why threads of their own: matching and clustering cost as much as storing, and they need
/// nothing of the next batch, so while the writer stores batch k + 2, the matching thread
/// matches batch k + 1 on a second connection and the clustering thread clusters batch k on a
/// third (the two halves of [`crate::commands::clusters::after_batch`]). Batches are matched and
/// clustered one at a time in input order, each seeing only the claims indexed before it, so
/// matches and clusters do not depend on timing. A crash after a batch's commit leaves its
/// claims unmatched or unclustered; the next import matches and clusters them first
/// (`clusters::catch_up`).
///
/// The writer never waits for matching: this message is a few article ids, so its queue is
/// unbounded, and matching (which runs below the writer's priority) may fall batches behind,
/// to catch up once the writer is done. With the queue bounded to one batch, the writer waited
/// about a second of a six-second import of the SaudiNewsNet sample for matching to take the
/// next batch, while the cores it left were busy anyway (`docs/matching.md`). The claims handed
/// from matching to clustering hold text, so that queue stays bounded.
struct Clustering {
    articles: Vec<i64>,
    now: chrono::DateTime<chrono::Utc>,
}

/// The matching thread: [`crate::commands::clusters::match_batch`] for each batch as it comes,
/// handing its claims on to the clustering thread, until the writer closes the channel. Stops
/// at the first error (the writer's next send fails and it stops too); the claims not matched
/// are matched by the next import.
fn match_batches(
    mut store: Store,
    jobs: usize,
    batches: mpsc::Receiver<Clustering>,
    matched: mpsc::SyncSender<Vec<NewClaim>>,
) -> Result<()> {
    // Matching yields to the writer (`priority`), on threads of its own.
    crate::priority::lower_this_thread();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("claimtrack-match-{i}"))
        .start_handler(|_| crate::priority::lower_this_thread())
        .build()
        .context("cannot start the import's matching threads")?;
    // What matching read of the library, kept from batch to batch while it is unchanged.
    let mut bulk = crate::commands::matching::Bulk::new();
    for b in batches {
        let claims = pool
            .install(|| {
                crate::commands::clusters::match_batch(&mut store, &mut bulk, &b.articles, b.now)
            })
            .with_context(|| {
                format!(
                    "{} articles are stored, but matching their claims failed (the next \
                     import does it)",
                    b.articles.len()
                )
            })?;
        if matched.send(claims).is_err() {
            // The clustering thread stopped on an error; it reports it.
            return Ok(());
        }
    }
    Ok(())
}

/// The clustering thread: [`crate::commands::clusters::cluster_batch`] for each batch's claims
/// as the matching thread hands them on. Stops at the first error (the matching thread's next
/// send fails and it stops, then the writer); the claims not clustered are clustered by the next
/// import.
fn cluster_batches(
    mut store: Store,
    batches: mpsc::Receiver<Vec<NewClaim>>,
    clustered: &AtomicUsize,
) -> Result<()> {
    for claims in batches {
        crate::commands::clusters::cluster_batch(&mut store, &claims).with_context(|| {
            format!(
                "{} claims are stored and matched, but clustering them failed (the next import \
                 does it)",
                claims.len()
            )
        })?;
        clustered.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

/// The writer's end of the queue to the matching thread, counting the batches handed over.
struct ToMatching {
    tx: mpsc::Sender<Clustering>,
    sent: Cell<usize>,
}

/// Hands newly stored articles to the matching thread (then to the clustering thread).
///
/// Errors: the matching or clustering thread stopped (its own error is the one reported).
fn send_to_cluster(
    cluster: &ToMatching,
    articles: Vec<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    if articles.is_empty() {
        return Ok(());
    }
    cluster
        .tx
        .send(Clustering { articles, now })
        .map_err(|_| anyhow!("matching and clustering stopped"))?;
    cluster.sent.set(cluster.sent.get() + 1);
    Ok(())
}

/// Stores one batch in one transaction, reports its rows, then hands its new articles to the
/// clustering thread.
fn write_batch(
    ctx: &Ctx,
    store: &mut Store,
    batch: Vec<Extracted>,
    cluster: &ToMatching,
    bar: &indicatif::ProgressBar,
    report: &mut Report<'_>,
) -> Result<()> {
    let now = env::now()?;
    let articles: Vec<(&Article, &[ExtractedClaim])> = batch
        .iter()
        .filter_map(|e| e.result.as_ref().ok())
        .map(|i| (&i.article, i.claims.as_slice()))
        .collect();
    let stored_before = report.stored();
    let outcomes = store
        .insert_articles(&articles, now, ctx.by())
        .map_err(anyhow::Error::new)
        .with_context(|| {
            format!(
                "the batch of {} articles being written was rolled back ({stored_before} articles \
                 were stored before it)",
                articles.len()
            )
        })?;
    let mut outcomes = outcomes.into_iter();
    let mut rows = Vec::with_capacity(batch.len());
    let mut new = Vec::new();
    let mut bytes = 0;
    for e in batch {
        bytes += e.bytes;
        let row = match e.result {
            Err(err) => BatchRow::failed(e.source, &err),
            Ok(imported) => match outcomes.next() {
                Some(Ok(ImportOutcome::Inserted { article_id })) => {
                    new.push(article_id);
                    let count = |f: fn(&ExtractedClaim) -> bool| {
                        imported.claims.iter().filter(|c| f(c)).count() as u32
                    };
                    BatchRow {
                        source: e.source,
                        status: "imported",
                        article_id: Some(article_id),
                        claims: Some(count(|_| true)),
                        check_worthy: Some(count(|c| c.check_worthy)),
                        error: None,
                    }
                }
                Some(Ok(ImportOutcome::Duplicate { article_id })) => {
                    // The stored article's counts: it may have been imported by an older version.
                    let a = store.article(article_id)?;
                    BatchRow {
                        source: e.source,
                        status: "duplicate",
                        article_id: Some(article_id),
                        claims: Some(a.claim_count),
                        check_worthy: Some(a.check_worthy_count),
                        error: None,
                    }
                }
                Some(Err(err)) => {
                    let err =
                        anyhow::Error::new(err).context(format!("cannot import {}", e.source));
                    BatchRow::failed(e.source, &err)
                }
                None => return Err(StoreError::Corrupt("a batch result is missing".into()).into()),
            },
        };
        rows.push(row);
    }
    let n = rows.len() as u64;
    for (i, row) in rows.into_iter().enumerate() {
        // The batch's bytes go with its last row.
        let bytes = if i as u64 + 1 == n { bytes } else { 0 };
        finish_row(row, bytes, bar, report)?;
    }
    send_to_cluster(cluster, new, now)
}

/// Stores one large article in its own transaction, extracting it as it is written, then
/// reports its row and hands it to the clustering thread.
fn write_large(
    ctx: &Ctx,
    store: &mut Store,
    item: Item,
    cluster: &ToMatching,
    bar: &indicatif::ProgressBar,
    report: &mut Report<'_>,
) -> Result<()> {
    let now = env::now()?;
    let input = match item.input {
        Ok(input) => input,
        Err((source, e)) => {
            return finish_row(BatchRow::failed(source, &e), item.bytes, bar, report)
        }
    };
    let stored = super::check_input(&input, now.date_naive())
        .and_then(|()| stream::store(store, &input, now, ctx.by()));
    let mut new = None;
    let row = match stored {
        // A busy, full or read-only database stops the import, as for a batch.
        Err(e)
            if e.downcast_ref::<StoreError>()
                .is_some_and(StoreError::is_fatal_to_import) =>
        {
            return Err(e)
        }
        Err(e) => BatchRow::failed(input.source, &e),
        Ok(s) => {
            let (status, article_id) = match s.outcome {
                ImportOutcome::Inserted { article_id } => {
                    new = Some(article_id);
                    ("imported", article_id)
                }
                ImportOutcome::Duplicate { article_id } => ("duplicate", article_id),
            };
            let (claims, check_worthy) = if status == "duplicate" {
                let a = store.article(article_id)?;
                (a.claim_count, a.check_worthy_count)
            } else {
                (s.claims, s.check_worthy)
            };
            BatchRow {
                source: input.source,
                status,
                article_id: Some(article_id),
                claims: Some(claims),
                check_worthy: Some(check_worthy),
                error: None,
            }
        }
    };
    finish_row(row, item.bytes, bar, report)?;
    send_to_cluster(cluster, new.into_iter().collect(), now)
}

/// Reports one row (its error on stderr too) and advances the progress bar by `bytes`.
fn finish_row(
    row: BatchRow,
    bytes: u64,
    bar: &indicatif::ProgressBar,
    report: &mut Report<'_>,
) -> Result<()> {
    if let Some(e) = &row.error {
        bar.suspend(|| {
            let _ = writeln!(io::stderr(), "claimtrack: error: {}", safety::line(e));
        });
    }
    report.push(row)?;
    bar.inc(bytes);
    Ok(())
}

/// A progress bar over the input's bytes, on a terminal and without `--quiet`: bytes read,
/// MB/s, articles and articles/s.
fn progress_bar(ctx: &Ctx, total_bytes: u64) -> indicatif::ProgressBar {
    if !io::stderr().is_terminal() || ctx.quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total_bytes);
    // Without a known size (stdin, a pipe) there is no bar to fill: bytes and rates only.
    let template = if total_bytes == 0 {
        "{elapsed} {binary_bytes} {binary_bytes_per_sec} {msg}"
    } else {
        "{elapsed} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg}"
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The command's report of a batch: streamed as a JSON array (each element written once its
/// article is committed), or a table printed at the end.
struct Report<'o> {
    format: Format,
    out: &'o mut dyn Write,
    /// Table rows kept for the end (at most [`TABLE_ROWS`], plus every failed row).
    rows: Vec<BatchRow>,
    /// Rows counted but not listed in the table.
    omitted: usize,
    /// Failed rows listed in the table (at most [`TABLE_ROWS`] beyond the first rows).
    failed_listed: usize,
    /// Rows written before the output was closed, and the write error.
    closed: Option<(usize, io::Error)>,
    imported: usize,
    duplicate: usize,
    failed: usize,
}

impl<'o> Report<'o> {
    fn new(format: Format, out: &'o mut dyn Write) -> Self {
        Report {
            format,
            out,
            rows: Vec::new(),
            omitted: 0,
            failed_listed: 0,
            closed: None,
            imported: 0,
            duplicate: 0,
            failed: 0,
        }
    }

    /// Articles reported so far.
    fn articles(&self) -> usize {
        self.imported + self.duplicate + self.failed
    }

    /// Articles stored so far (imported or already there).
    fn stored(&self) -> usize {
        self.imported + self.duplicate
    }

    fn push(&mut self, row: BatchRow) -> Result<()> {
        let first = self.articles() == 0;
        match row.status {
            "imported" => self.imported += 1,
            "duplicate" => self.duplicate += 1,
            _ => self.failed += 1,
        }
        if self.format == Format::Json {
            if self.closed.is_some() {
                return Ok(());
            }
            // The same text as `render::write_json` of the whole array, one element at a time.
            let element = safety::json_escape_unsafe(serde_json::to_string_pretty(&row)?);
            let written = (|| -> io::Result<()> {
                write!(self.out, "{}", if first { "[\n" } else { ",\n" })?;
                for (i, line) in element.lines().enumerate() {
                    if i > 0 {
                        writeln!(self.out)?;
                    }
                    write!(self.out, "  {line}")?;
                }
                self.out.flush()
            })();
            // A closed output (`| head`) stops the report, not the import: the articles are
            // what the user asked for; `finish` says what happened.
            if let Err(e) = written {
                self.closed = Some((self.articles() - 1, e));
            }
        } else if self.rows.len() < TABLE_ROWS
            || (row.status == "failed" && self.failed_listed < TABLE_ROWS)
        {
            self.failed_listed += usize::from(row.status == "failed");
            self.rows.push(row);
        } else {
            self.omitted += 1;
        }
        Ok(())
    }

    /// Ends the report; the number of failed articles.
    ///
    /// Errors: the output was closed before every row was written (the import went on: the
    /// message gives the counts), or cannot be written.
    fn finish(&mut self) -> Result<usize> {
        if let Some((written, e)) = &self.closed {
            anyhow::bail!(
                "the output was closed after {written} rows ({e}); the import went on: {} \
                 imported, {} already there, {} failed",
                self.imported,
                self.duplicate,
                self.failed
            );
        }
        if self.format == Format::Json {
            writeln!(
                self.out,
                "{}",
                if self.articles() == 0 { "[]" } else { "\n]" }
            )?;
            return Ok(self.failed);
        }
        let mut b = render::Table::default();
        b.push_record(["source", "status", "article", "claims", "check-worthy"]);
        let dash = || "-".to_owned();
        for r in &self.rows {
            b.push_record([
                render::cell(&r.source, Some(50)),
                r.status.to_owned(),
                r.article_id.map_or_else(dash, |v| v.to_string()),
                r.claims.map_or_else(dash, |v| v.to_string()),
                r.check_worthy.map_or_else(dash, |v| v.to_string()),
            ]);
        }
        writeln!(self.out, "{b}")?;
        if self.omitted > 0 {
            writeln!(
                self.out,
                "… and {} more articles not listed (--format json lists every article; every \
                 failure was reported on stderr)",
                self.omitted
            )?;
        }
        writeln!(
            self.out,
            "{} imported, {} already there, {} failed",
            self.imported, self.duplicate, self.failed
        )?;
        Ok(self.failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(i: i64, status: &'static str) -> BatchRow {
        BatchRow {
            source: format!("a.jsonl (line {i}) \u{202e}"),
            status,
            article_id: Some(i),
            claims: Some(3),
            check_worthy: None,
            error: (status == "failed").then(|| "bad \"x\"\nline".to_owned()),
        }
    }

    /// The streamed JSON array is byte for byte what one `render::write_json` of all rows
    /// prints (the JSON contract of a batch import does not depend on streaming).
    #[test]
    fn streamed_json_equals_the_whole_array() {
        for n in [0usize, 1, 3] {
            let rows: Vec<BatchRow> = (0..n as i64)
                .map(|i| row(i, if i == 1 { "failed" } else { "imported" }))
                .collect();
            let mut whole = Vec::new();
            render::write_json(&mut whole, &rows).unwrap();
            let mut streamed = Vec::new();
            let mut report = Report::new(Format::Json, &mut streamed);
            for i in 0..n as i64 {
                report
                    .push(row(i, if i == 1 { "failed" } else { "imported" }))
                    .unwrap();
            }
            assert_eq!(report.finish().unwrap(), usize::from(n > 1));
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{n} rows"
            );
        }
    }

    /// A closed output stops the rows, not the import; the end says so with the counts.
    #[test]
    fn a_closed_output_is_reported_at_the_end() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::BrokenPipe, "broken pipe"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut out = Closed;
        let mut report = Report::new(Format::Json, &mut out);
        for i in 0..3 {
            report.push(row(i, "imported")).unwrap();
        }
        let err = report.finish().unwrap_err().to_string();
        assert_eq!(
            err,
            "the output was closed after 0 rows (broken pipe); the import went on: 3 imported, 0 already there, 0 failed"
        );
    }

    /// Past [`TABLE_ROWS`], imported rows are counted, failed rows still listed (up to
    /// [`TABLE_ROWS`] of them).
    #[test]
    fn a_long_table_lists_failures_and_counts_the_rest() {
        let mut out = Vec::new();
        let mut report = Report::new(Format::Table, &mut out);
        for i in 0..(TABLE_ROWS as i64 + 5) {
            report.push(row(i, "imported")).unwrap();
        }
        report.push(row(99_999, "failed")).unwrap();
        assert_eq!(report.finish().unwrap(), 1);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("… and 5 more articles not listed"), "{text}");
        // Failed rows are capped too (a million bad lines must not fill memory).
        let mut out = Vec::new();
        let mut report = Report::new(Format::Table, &mut out);
        for i in 0..(3 * TABLE_ROWS as i64) {
            report.push(row(i, "failed")).unwrap();
        }
        assert_eq!(report.rows.len(), TABLE_ROWS);
        assert_eq!(report.omitted, 2 * TABLE_ROWS);
        assert!(
            text.contains("99999") || text.contains("line 99999"),
            "{text}"
        );
        assert!(text.ends_with(&format!(
            "{} imported, 0 already there, 1 failed\n",
            TABLE_ROWS + 5
        )));
    }
}
