//! `cargo xtask bench-store`: the store on PostgreSQL against SQLite, two workloads timed on
//! each (not a test: numbers depend on the machine).
//!
//! 1. **import**: `--articles N` (default 300) MArSum articles from
//!    `../shared/corpus/marsum/MArSum1_test.txt`, their claims extracted by `claimtrack-import`
//!    beforehand (not timed), then stored with `Store::insert_article`, one transaction each.
//! 2. **changes**: `--changes N` (default 10,000) status changes (`unverified` <-> `in_progress`,
//!    claims in turn), each `Store::set_status` in its own transaction.
//!
//! SQLite is a file in a temporary directory with claimtrack's settings (WAL,
//! `synchronous=FULL`); PostgreSQL is a scratch database created on the server named by
//! `--pg URL` (else `$CLAIMTRACK_BENCH_PG`, else `$CLAIMTRACK_TEST_PG`; a role allowed to create
//! databases) and dropped afterwards, with the server's settings as they are. `--write` writes
//! the table to `docs/bench-store.md`.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use chrono::{TimeZone, Utc};
use claimtrack_model::{Article, ExtractedClaim, Status};
use claimtrack_store::{ChangeMeta, ClaimFilter, Locator, Store};

/// Options of `bench-store`.
struct Options {
    articles: usize,
    changes: usize,
    pg: Option<String>,
    write: bool,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut o = Options {
        articles: 300,
        changes: 10_000,
        pg: None,
        write: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--articles" => o.articles = value()?.parse().context("--articles")?,
            "--changes" => o.changes = value()?.parse().context("--changes")?,
            "--pg" => o.pg = Some(value()?.clone()),
            "--write" => o.write = true,
            other => bail!(
                "unknown option {other} (bench-store [--articles N] [--changes N] [--pg URL] \
                 [--write])"
            ),
        }
    }
    if o.pg.is_none() {
        o.pg = ["CLAIMTRACK_BENCH_PG", "CLAIMTRACK_TEST_PG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
    }
    Ok(o)
}

/// The first `n` MArSum articles with their extracted claims.
fn corpus(root: &Path, n: usize) -> Result<Vec<(Article, Vec<ExtractedClaim>)>> {
    let path = root.join("../shared/corpus/marsum/MArSum1_test.txt");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        // `"<article>" "<headline>"`
        let Some(body) = line.strip_prefix('"') else {
            continue;
        };
        let Some(end) = body.find("\" \"") else {
            continue;
        };
        let article = &body[..end];
        if let Ok(imported) =
            claimtrack_import::import(article, &claimtrack_import::ImportOptions::default())
        {
            out.push((imported.article, imported.claims));
        }
        if out.len() == n {
            break;
        }
    }
    if out.len() < n {
        bail!("only {} articles in {}", out.len(), path.display());
    }
    Ok(out)
}

struct Timings {
    import: Duration,
    changes: Duration,
    claims: usize,
}

fn run_workloads(
    store: &mut Store,
    corpus: &[(Article, Vec<ExtractedClaim>)],
    changes: usize,
) -> Result<Timings> {
    let at = Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap();
    let start = Instant::now();
    for (article, claims) in corpus {
        store.insert_article(article, claims, at, "bench")?;
    }
    let import = start.elapsed();
    let ids: Vec<i64> = store
        .claims(&ClaimFilter::default())?
        .iter()
        .map(|c| c.id)
        .collect();
    if ids.is_empty() {
        bail!("the corpus gave no claims");
    }
    let meta = ChangeMeta {
        by: "bench".to_owned(),
        note: None,
        at,
    };
    let start = Instant::now();
    for i in 0..changes {
        let id = ids[i % ids.len()];
        let to = if (i / ids.len()).is_multiple_of(2) {
            Status::InProgress
        } else {
            Status::Unverified
        };
        store.set_status(&[id], to, &meta)?;
    }
    Ok(Timings {
        import,
        changes: start.elapsed(),
        claims: ids.len(),
    })
}

pub(crate) fn scratch_db(server: &str) -> Result<(String, String)> {
    let name = format!("claimtrack_bench_{}", std::process::id());
    let mut c = postgres::Client::connect(server, postgres::NoTls)
        .with_context(|| format!("cannot connect to {}", mask(server)))?;
    c.batch_execute(&format!("CREATE DATABASE \"{name}\""))?;
    let Locator::Postgres(url) = Locator::parse(server)? else {
        bail!("--pg needs a postgres:// URL");
    };
    Ok((name.clone(), url.with_dbname(&name).to_string_unmasked()))
}

fn mask(url: &str) -> String {
    Locator::parse(url)
        .map(|l| l.to_string())
        .unwrap_or_else(|_| "<URL>".to_owned())
}

pub(crate) fn drop_db(server: &str, name: &str) {
    if let Ok(mut c) = postgres::Client::connect(server, postgres::NoTls) {
        let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the benchmark (see the module docs).
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let o = parse(args)?;
    let server =
        o.pg.clone()
            .context("no PostgreSQL server: give --pg URL or set CLAIMTRACK_BENCH_PG")?;
    eprintln!("extracting claims of {} articles…", o.articles);
    let corpus = corpus(root, o.articles)?;
    let dir = tempfile_dir()?;
    let mut lite = Store::open(dir.join("bench.db"))?;
    eprintln!("SQLite…");
    let l = run_workloads(&mut lite, &corpus, o.changes)?;
    drop(lite);
    let (name, url) = scratch_db(&server)?;
    eprintln!("PostgreSQL ({})…", mask(&url));
    let p = (|| -> Result<Timings> {
        let mut pg = Store::open(&url)?;
        run_workloads(&mut pg, &corpus, o.changes)
    })();
    drop_db(&server, &name);
    let _ = std::fs::remove_dir_all(&dir);
    let p = p?;
    // One row: label, then each engine's total and per-item time, then the ratio.
    let row = |label: String, unit: &str, digits: usize, n: f64, sqlite: f64, postgres: f64| {
        format!(
            "| {label} | {sqlite:.0} ms ({:.digits$} ms/{unit}) | {postgres:.0} ms ({:.digits$} \
             ms/{unit}) | {:.2}x |\n",
            sqlite / n,
            postgres / n,
            postgres / sqlite,
        )
    };
    let table = format!(
        "| workload | SQLite | PostgreSQL | PostgreSQL / SQLite |\n|---|---|---|---|\n{}{}",
        row(
            format!("import {} articles ({} claims)", o.articles, l.claims),
            "article",
            2,
            o.articles as f64,
            ms(l.import),
            ms(p.import),
        ),
        row(
            format!("{} status changes", o.changes),
            "change",
            3,
            o.changes as f64,
            ms(l.changes),
            ms(p.changes),
        ),
    );
    print!("{table}");
    if o.write {
        let doc = root.join("docs/bench-store.md");
        let text = format!(
            "# Store benchmark: PostgreSQL against SQLite\n\n\
             Written by `cargo xtask bench-store --write` (see `xtask/src/bench_store.rs`): the \
             same workloads through the same `Store` API on both engines, each write its own \
             transaction. SQLite: a file with claimtrack's settings (WAL, `synchronous=FULL`); \
             PostgreSQL: a local server with its default settings (`synchronous_commit=on`), \
             reached over TCP on 127.0.0.1. Claims are extracted before timing. Release build \
             recommended (`cargo xtask` builds in debug; run `cargo run --release -p xtask -- \
             bench-store --write`).\n\n{table}\n\
             Target from issue 10: PostgreSQL import within 3x of SQLite. Import writes each \
             article with a few statements (one multi-row INSERT for its claims, one for their \
             search rows, prepared once per shape and cached per connection), so its cost is \
             round trips per article, not per claim.\n\n\
             Run: {}, {} articles, {} changes, {}.\n",
            Utc::now().format("%Y-%m-%d %H:%M UTC"),
            o.articles,
            o.changes,
            if cfg!(debug_assertions) {
                "debug build"
            } else {
                "release build"
            }
        );
        std::fs::write(&doc, text).with_context(|| format!("cannot write {}", doc.display()))?;
        eprintln!("wrote {}", doc.display());
    }
    Ok(())
}

fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("claimtrack-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
