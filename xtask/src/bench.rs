//! `cargo xtask bench`: archive-scale import throughput (issue #13), measured side by side in
//! one run on the same input, and written to `docs/performance.md` (not a test: the numbers
//! depend on the machine; CI never fails on them).
//!
//! Input: the SaudiNewsNet sample — every record with non-blank `content` in
//! `../shared/corpus/saudinewsnet/*.zip` (zips in name order, records in file order; 4,574
//! articles, 16.4 MB of article text), written as JSON Lines `{title, url, content}` to
//! `target/bench/saudinewsnet.jsonl`.
//!
//! Rows:
//! 1. **floor**: UAX #29 sentence bounds only (`unicode-segmentation`), one thread;
//! 2. **pipeline**: `claimtrack_import::import` (segmentation, entities, claimant, score) on
//!    one thread, then on `--jobs` threads (rayon);
//! 3. **import**: the release `claimtrack import` of the JSON Lines file into a fresh SQLite
//!    database, end to end (reading, pipeline, storing, matching, clustering), with `--jobs N`
//!    and with `--jobs 1`;
//! 4. **PostgreSQL**: the same import into a scratch database (created and dropped) on the
//!    server of `--pg URL` (else `$CLAIMTRACK_BENCH_PG`, else `$CLAIMTRACK_TEST_PG`), when one
//!    is given;
//! 5. **long article**: one `--long-mb` MB article (default 50; 0 skips it), a short sentence
//!    repeated on one line (issue #14's shape), with its peak memory;
//! 6. **archive**: the same command on `--archive-mb` MB (default 1024) of JSON Lines made by
//!    repeating the sample (each copy's records get a distinct title and a last line naming the
//!    copy, so they are new articles, not duplicates), with its peak resident memory (Linux:
//!    `VmHWM` of `/proc/PID/status`, read until the process exits). `--archive-mb 0` skips it.
//!
//! A debug build of xtask re-runs itself with `cargo run --release`, so every row is a release
//! build.

use std::fs;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Options of `bench`.
struct Options {
    jobs: usize,
    archive_mb: u64,
    /// The long article's size in MB (`--long-mb`, default 50; 0 skips it).
    long_mb: u64,
    write: bool,
    /// A PostgreSQL server allowed to create databases: `--pg URL`, else
    /// `$CLAIMTRACK_BENCH_PG`, else `$CLAIMTRACK_TEST_PG`; without one the PostgreSQL row is
    /// left out.
    pg: Option<String>,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut o = Options {
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        archive_mb: 1024,
        long_mb: 50,
        write: true,
        pg: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--jobs" => o.jobs = value()?.parse().context("--jobs")?,
            "--archive-mb" => o.archive_mb = value()?.parse().context("--archive-mb")?,
            "--long-mb" => o.long_mb = value()?.parse().context("--long-mb")?,
            "--no-write" => o.write = false,
            "--pg" => o.pg = Some(value()?.clone()),
            other => {
                bail!("unknown option {other} (bench [--jobs N] [--archive-mb N] [--long-mb N] [--pg URL] [--no-write])")
            }
        }
    }
    if o.jobs == 0 {
        bail!("--jobs must be at least 1");
    }
    if o.pg.is_none() {
        o.pg = ["CLAIMTRACK_BENCH_PG", "CLAIMTRACK_TEST_PG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
    }
    Ok(o)
}

/// One article of the sample.
#[derive(serde::Serialize)]
struct Record {
    title: Option<String>,
    url: Option<String>,
    content: String,
}

/// One row of the results table.
struct Row {
    what: String,
    seconds: f64,
    bytes: u64,
    claims: Option<u64>,
    peak_mb: Option<f64>,
}

impl Row {
    fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds
    }
}

/// `cargo xtask bench [--jobs N] [--archive-mb N] [--long-mb N] [--pg URL] [--no-write]`.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let o = parse(args)?;
    if cfg!(debug_assertions) {
        // Timings of a debug build mean nothing: run again as a release build.
        let status = Command::new(crate::run::cargo())
            .args(["run", "--quiet", "--release", "-p", "xtask", "--", "bench"])
            .args(args)
            .current_dir(root)
            .status()
            .context("cannot run cargo run --release -p xtask")?;
        if !status.success() {
            bail!("the release bench failed ({status})");
        }
        return Ok(());
    }
    let dir = root.join("target/bench");
    fs::create_dir_all(&dir)?;
    let records = sample(root)?;
    let text_bytes: u64 = records.iter().map(|r| r.content.len() as u64).sum();
    let sample_path = dir.join("saudinewsnet.jsonl");
    write_jsonl(&sample_path, &records, 1, |_| None)?;
    eprintln!(
        "sample: {} articles, {:.1} MB of article text",
        records.len(),
        text_bytes as f64 / 1e6
    );

    let mut rows = Vec::new();
    // 1. The floor: UAX #29 sentence bounds only.
    let t = Instant::now();
    let sentences: usize = records
        .iter()
        .map(|r| r.content.split_sentence_bounds().count())
        .sum();
    rows.push(Row {
        what: format!("floor: UAX #29 sentence bounds, 1 thread ({sentences} sentences)"),
        seconds: t.elapsed().as_secs_f64(),
        bytes: text_bytes,
        claims: None,
        peak_mb: None,
    });
    // 2. The pure pipeline, one thread and N threads.
    let extract = |r: &Record| -> u64 {
        let opts = claimtrack_import::ImportOptions {
            title: r.title.clone(),
            url: r.url.clone(),
            ..Default::default()
        };
        claimtrack_import::import(&r.content, &opts).map_or(0, |i| i.claims.len() as u64)
    };
    let t = Instant::now();
    let per_record: Vec<u64> = records.iter().map(extract).collect();
    let claims: u64 = per_record.iter().sum();
    rows.push(Row {
        what: "pipeline: segment + entities + claimant + score, 1 thread".into(),
        seconds: t.elapsed().as_secs_f64(),
        bytes: text_bytes,
        claims: Some(claims),
        peak_mb: None,
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(o.jobs)
        .build()?;
    let t = Instant::now();
    let claims_n: u64 = pool.install(|| records.par_iter().map(extract).sum());
    if claims_n != claims {
        bail!("{claims_n} claims on {} threads, {claims} on one", o.jobs);
    }
    rows.push(Row {
        what: format!("pipeline, {} threads", o.jobs),
        seconds: t.elapsed().as_secs_f64(),
        bytes: text_bytes,
        claims: Some(claims),
        peak_mb: None,
    });
    // 3. End to end, the release binary.
    let exe = crate::dist::build_release(root)?;
    for jobs in [o.jobs, 1] {
        let run = import(&exe, &dir, &fresh_sqlite(&dir), &sample_path, jobs)?;
        // Each stored article has the claims the pipeline found for its line.
        for (line, n) in &run.rows {
            if per_record.get(line - 1) != Some(n) {
                bail!(
                    "claimtrack import stored {n} claims for line {line}, the pipeline found {:?}",
                    per_record.get(line - 1)
                );
            }
        }
        let (seconds, peak, stored) = (run.seconds, run.peak_mb, run.claims());
        let refused = if run.failed.is_empty() {
            String::new()
        } else {
            // `… line 587: field "url": "…" is not a valid URL: …` → `field "url"`.
            let why = run.failed[0]
                .split_once("field \"")
                .and_then(|(_, f)| f.split_once('"'))
                .map_or("see their errors".to_owned(), |(f, _)| {
                    format!("bad field \"{f}\"")
                });
            format!(" ({} records refused: {why})", run.failed.len())
        };
        rows.push(Row {
            what: format!("claimtrack import, fresh SQLite database, --jobs {jobs}{refused}"),
            seconds,
            bytes: text_bytes,
            claims: Some(stored),
            peak_mb: peak,
        });
        if o.jobs == 1 {
            break;
        }
    }
    // 4. The same on PostgreSQL, a scratch database created and dropped.
    if let Some(server) = &o.pg {
        let (name, url) = crate::bench_store::scratch_db(server)?;
        let run = import(&exe, &dir, &url, &sample_path, o.jobs);
        crate::bench_store::drop_db(server, &name);
        let run = run?;
        rows.push(Row {
            what: format!(
                "claimtrack import, fresh PostgreSQL database (local server), --jobs {}",
                o.jobs
            ),
            seconds: run.seconds,
            bytes: text_bytes,
            claims: Some(run.claims()),
            peak_mb: run.peak_mb,
        });
    }
    // 5. One long article (issue #14's shape: a short sentence repeated on one line), streamed
    //    into the store: memory is its text and the importer's working set, not its claims.
    if o.long_mb > 0 {
        let long = dir.join("long.txt");
        let sentence =
            "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2019 حسب المندوبية السامية للتخطيط. ";
        let n = (o.long_mb * 1_000_000).div_ceil(sentence.len() as u64);
        fs::write(&long, sentence.repeat(n as usize))?;
        let bytes = fs::metadata(&long)?.len();
        let run = import(&exe, &dir, &fresh_sqlite(&dir), &long, o.jobs)?;
        if let Some(e) = run.failed.first() {
            bail!("the long article was refused: {e}");
        }
        rows.push(Row {
            what: format!(
                "claimtrack import of one {:.0} MB article (one line of a repeated sentence)",
                bytes as f64 / 1e6
            ),
            seconds: run.seconds,
            bytes,
            claims: Some(run.claims()),
            peak_mb: run.peak_mb,
        });
        fs::remove_file(&long)?;
    }
    // 6. The archive: memory stays bounded while the input grows.
    if o.archive_mb > 0 {
        let archive = dir.join("archive.jsonl");
        let sample_file = fs::metadata(&sample_path)?.len();
        let copies = (o.archive_mb * 1_000_000).div_ceil(sample_file.max(1));
        eprintln!("archive: {copies} copies of the sample");
        write_jsonl(&archive, &records, copies, Some)?;
        let run = import(&exe, &dir, &fresh_sqlite(&dir), &archive, o.jobs)?;
        let (seconds, peak, stored) = (run.seconds, run.peak_mb, run.claims());
        let bytes = copies * text_bytes;
        rows.push(Row {
            what: format!(
                "claimtrack import of {:.0} MB of JSON Lines ({copies} copies), --jobs {}",
                fs::metadata(&archive)?.len() as f64 / 1e6,
                o.jobs
            ),
            seconds,
            bytes,
            claims: Some(stored),
            peak_mb: peak,
        });
        fs::remove_file(&archive)?;
    }

    let md = markdown(&rows, &o, records.len(), text_bytes);
    print!("{md}");
    if o.write {
        let path = root.join("docs/performance.md");
        let old = fs::read_to_string(&path).unwrap_or_default();
        // Keep the hand-written analysis below the generated part.
        let tail = old
            .find(ANALYSIS)
            .map_or_else(String::new, |i| old[i..].to_owned());
        fs::write(&path, format!("{md}\n{tail}"))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// The heading that starts the hand-written part of `docs/performance.md`, kept by `--write`.
const ANALYSIS: &str = "## Where the time goes";

/// Reads the sample's records from the zips.
fn sample(root: &Path) -> Result<Vec<Record>> {
    let dir = root.join("../shared/corpus/saudinewsnet");
    let mut zips: Vec<PathBuf> = fs::read_dir(&dir)
        .with_context(|| format!("cannot read {} (the shared corpora)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    zips.sort();
    let mut out = Vec::new();
    for z in zips {
        let mut archive = zip::ZipArchive::new(fs::File::open(&z)?)
            .with_context(|| format!("cannot open {}", z.display()))?;
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i)?;
            if !entry.name().ends_with(".json") {
                continue;
            }
            let mut text = String::new();
            entry.read_to_string(&mut text)?;
            let items: Vec<serde_json::Value> = serde_json::from_str(&text)
                .with_context(|| format!("{} in {}", entry.name(), z.display()))?;
            for v in items {
                let s = |k: &str| v[k].as_str().map(str::to_owned);
                let Some(content) = s("content").filter(|c| !c.trim().is_empty()) else {
                    continue;
                };
                out.push(Record {
                    title: s("title"),
                    url: s("url"),
                    content,
                });
            }
        }
    }
    if out.is_empty() {
        bail!("no articles in {}", dir.display());
    }
    Ok(out)
}

/// Writes `copies` copies of `records` as JSON Lines; `mark(k)` (copy k from 1) gives the
/// copy's suffix for title and text, so that copies are distinct articles.
fn write_jsonl(
    path: &Path,
    records: &[Record],
    copies: u64,
    mark: impl Fn(u64) -> Option<u64>,
) -> Result<()> {
    let mut w = BufWriter::new(fs::File::create(path)?);
    for k in 1..=copies {
        for r in records {
            match mark(k) {
                None => serde_json::to_writer(&mut w, r)?,
                Some(k) => serde_json::to_writer(
                    &mut w,
                    &Record {
                        title: Some(format!("{} ({k})", r.title.as_deref().unwrap_or(""))),
                        url: r.url.clone(),
                        content: format!("{}\n\nالنسخة {k}", r.content),
                    },
                )?,
            }
            w.write_all(b"\n")?;
        }
    }
    w.flush()?;
    Ok(())
}

/// What one `claimtrack import` run did.
struct Run {
    seconds: f64,
    /// Peak resident memory, MB (2^20 bytes), when `/proc` tells.
    peak_mb: Option<f64>,
    /// (input line, claims stored) of each imported article; line 0 for a whole file.
    rows: Vec<(usize, u64)>,
    /// The error of each failed record.
    failed: Vec<String>,
}

impl Run {
    fn claims(&self) -> u64 {
        self.rows.iter().map(|r| r.1).sum()
    }
}

/// A fresh SQLite database file in `dir` (any old one removed).
fn fresh_sqlite(dir: &Path) -> String {
    let db = dir.join("bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", db.display()));
    }
    db.display().to_string()
}

/// Runs `claimtrack --db DB import FILE --jobs N --format json` (`DB` fresh); the output goes to
/// a file in `dir`.
fn import(exe: &Path, dir: &Path, db: &str, file: &Path, jobs: usize) -> Result<Run> {
    let out_path = dir.join("import.json");
    eprintln!("$ claimtrack import {} --jobs {jobs}", file.display());
    let t = Instant::now();
    let mut child = Command::new(exe)
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(file)
        .args(["--jobs", &jobs.to_string(), "--format", "json"])
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path)?)
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run claimtrack")?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = None;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if let Some(kb) = fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        }) {
            peak_kb = Some(kb);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let seconds = t.elapsed().as_secs_f64();
    let rows: Vec<serde_json::Value> =
        serde_json::from_reader(std::io::BufReader::new(fs::File::open(&out_path)?))
            .with_context(|| format!("claimtrack import failed ({status}) and printed no rows"))?;
    fs::remove_file(&out_path)?;
    let mut run = Run {
        seconds,
        peak_mb: peak_kb.map(|kb| kb as f64 / 1024.0),
        rows: Vec::new(),
        failed: Vec::new(),
    };
    for r in &rows {
        if r["status"] == "failed" {
            run.failed
                .push(r["error"].as_str().unwrap_or("").to_owned());
            continue;
        }
        // `FILE (line N)` for a record of JSON Lines; a whole file has no line.
        let line = r["source"]
            .as_str()
            .and_then(|s| s.rsplit_once("(line "))
            .and_then(|(_, n)| n.trim_end_matches(')').parse::<usize>().ok())
            .unwrap_or(0);
        run.rows.push((line, r["claims"].as_u64().unwrap_or(0)));
    }
    // Exit 1 with failed rows is an import that went through; anything else is not.
    if !status.success() && (run.failed.is_empty() || status.code() != Some(1)) {
        bail!("claimtrack import failed ({status})");
    }
    Ok(run)
}

/// The results as Markdown: the table, the ratios, the machine.
fn markdown(rows: &[Row], o: &Options, articles: usize, text_bytes: u64) -> String {
    let mut md = String::new();
    md.push_str("# Import performance\n\n");
    md.push_str(
        "Written by `cargo xtask bench` (`xtask/src/bench.rs`), release build, all rows in one \
         run on the same input: the SaudiNewsNet sample (`../shared/corpus/saudinewsnet/`, \
         every record with text), ",
    );
    md.push_str(&format!(
        "{articles} articles, {:.1} MB of article text. MB are 10^6 bytes of article text (UTF-8).\n\n",
        text_bytes as f64 / 1e6
    ));
    md.push_str("| what | time | MB/s | claims/s | peak memory |\n|---|---:|---:|---:|---:|\n");
    for r in rows {
        md.push_str(&format!(
            "| {} | {:.2} s | {:.2} | {} | {} |\n",
            r.what,
            r.seconds,
            r.mb_per_s(),
            r.claims
                .map_or("-".into(), |c| format!("{:.0}", c as f64 / r.seconds)),
            r.peak_mb.map_or("-".into(), |m| format!("{m:.0} MB")),
        ));
    }
    let find = |p: &str| rows.iter().find(|r| r.what.starts_with(p));
    md.push('\n');
    if let (Some(floor), Some(one), Some(e2e)) = (
        find("floor"),
        find("pipeline: "),
        find("claimtrack import, fresh"),
    ) {
        md.push_str(&format!(
            "Ratios: the pipeline on one thread runs at {:.1}% of the floor's speed; the \
             end-to-end import (--jobs {}) at {:.0}% of the one-thread pipeline's; before issue \
             #13 (commit ac44500, this machine) the same import took {BEFORE_SECONDS:.1} s, so \
             it is now {:.1}x faster.\n\n",
            100.0 * one.mb_per_s() / floor.mb_per_s(),
            o.jobs,
            100.0 * e2e.mb_per_s() / one.mb_per_s(),
            BEFORE_SECONDS / e2e.seconds,
        ));
    }
    md.push_str(&format!(
        "Machine: {} cores ({}), {}. Run: {}.\n",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        std::env::consts::ARCH,
        std::env::consts::OS,
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
    ));
    md
}

/// The end-to-end import of the sample before issue #13 (commit ac44500: one transaction and two
/// database opens per article, clustering over the whole desk), measured with `/usr/bin/time`
/// on this 2-core machine: 60.1 s wall, 177 MB peak resident memory.
const BEFORE_SECONDS: f64 = 60.1;
