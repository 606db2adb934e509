//! claimtrack's development automation, run as `cargo xtask <command>` (the cargo-xtask
//! pattern: a plain binary in the workspace, aliased in `.cargo/config.toml`).
//!
//! Commands:
//! - `report [--db PATH] [--out DIR] [--lang ar|en] [--article ID]`: writes `DIR/report.md`,
//!   `report.html` and `report.json` from a database opened read-only;
//! - `demo [--db PATH]`: imports the seed article with the CLI and prints its claims;
//! - `ci`: fmt check, clippy with `-D warnings`, tests — what `.ci/run` runs;
//! - `dist [--out DIR]`: the release binary, its shell completions and man page (`dist.rs`);
//! - `train`: trains the learned check-worthiness model (`train.rs`);
//! - `eval [--write-readme]`: every quality figure (`eval.rs`);
//! - `train-match`: fits the fact-check matching model and thresholds (`matching.rs`);
//! - `eval-match`: only the matching figures of `eval` (`matching.rs`);
//! - `eval-cluster --db PATH`: the clusters stored at import against the whole-desk reference
//!   grouping (`eval_cluster.rs`);
//! - `bench-match [--library N] [--queries N] [--rounds N] [--keep PATH | --open PATH]`: library
//!   import rate and match latency (`bench_match.rs`);
//! - `bench [--jobs N] [--archive-mb N] [--long-mb N] [--pg URL] [--no-write]`: archive-scale import throughput and
//!   memory against a floor, written to `docs/performance.md` (`bench.rs`);
//! - `bench-store [--articles N] [--changes N] [--pg URL] [--write]`: the store on PostgreSQL
//!   against SQLite (`bench_store.rs`), optionally written to `docs/bench-store.md`.
//!
//! Arguments are parsed by hand with `std::env::args` to keep this crate dependency-light.
//! Exit codes: 0 ok, 1 error, 2 usage error.

/// The CLI's allocator (`crates/cli/src/main.rs`): the benchmarks time the store and the
/// matcher as the CLI runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod bench_match;
mod bench_store;
mod data;
mod dist;
mod eval;
mod eval_cluster;
mod flags;
mod matching;
mod metrics;
mod report;
mod run;
mod train;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use claimtrack_store::Store;

use flags::{Command, UsageError};

/// The seed article, relative to the workspace root.
const SEED: &str = "seeds/000_918a3ce10e0930b5.txt";

/// The exit code of a command's result, its error printed first.
fn exit(result: Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    // `train` and `eval` take no options beyond `--write-readme`; handled before the parser of
    // the report commands.
    let first = std::env::args().nth(1);
    // The benchmarks parse their own options.
    type Bench = fn(&Path, &[String]) -> Result<()>;
    let benches: [(&str, Bench); 3] = [
        ("bench", bench::run),
        ("bench-match", bench_match::run),
        ("bench-store", bench_store::run),
    ];
    if let Some((_, bench)) = benches.iter().find(|(n, _)| first.as_deref() == Some(*n)) {
        let args: Vec<String> = std::env::args().skip(2).collect();
        return exit(bench(&project_root(), &args));
    }
    if first.as_deref() == Some("eval-cluster") {
        let args: Vec<String> = std::env::args().skip(2).collect();
        let result = match args.as_slice() {
            [flag, db] if flag == "--db" => eval_cluster::run(Path::new(db)),
            _ => {
                eprintln!("usage: cargo xtask eval-cluster --db PATH");
                return ExitCode::from(2);
            }
        };
        return exit(result);
    }
    if let Some(cmd @ ("train" | "eval" | "train-match" | "eval-match")) = first.as_deref() {
        let write_readme = std::env::args().skip(2).any(|a| a == "--write-readme");
        let result = match cmd {
            "train" => train::run(&project_root()),
            "train-match" => matching::run_train(&project_root()),
            "eval-match" => matching::eval(&project_root()).map(|rows| {
                let mut md = String::new();
                matching::markdown(&mut md, &rows);
                print!("{md}");
            }),
            _ => eval::run(&project_root(), write_readme),
        };
        return exit(result);
    }
    let command = match flags::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(UsageError(message)) => {
            eprintln!("error: {message}\n\n{}", flags::USAGE);
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help => {
            print!("{}", flags::USAGE);
            Ok(())
        }
        Command::Report {
            db,
            out,
            lang,
            article,
        } => report(&db, &out, lang, article),
        Command::Demo { db } => run::demo(&project_root(), &absolute(&db), SEED),
        Command::Ci => run::ci(&project_root()),
        Command::Dist { out } => dist::run(&project_root(), out.as_deref().map(absolute)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's manifest directory.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// `path` resolved against the current directory (where `cargo xtask` was invoked), so that
/// commands run from the workspace root see the same file the user named.
fn absolute(path: &Path) -> PathBuf {
    std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// `cargo xtask report`: reads the database read-only and writes `out/report.md`, `report.html`
/// and `report.json`, printing each path.
fn report(
    db: &Path,
    out: &Path,
    lang: claimtrack_report::Lang,
    article: Option<i64>,
) -> Result<()> {
    let store = open_database(db)?;
    let provenance = claimtrack_report::Provenance {
        // A PostgreSQL URL is shown with its password masked.
        source: claimtrack_store::Locator::from_path(db)?.public_label(),
        generated_at: chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 0),
        lang,
    };
    for w in report::write(&store, &provenance, article, out)? {
        if w.replaced {
            println!("{} (replaced the earlier file)", w.path.display());
        } else {
            println!("{}", w.path.display());
        }
    }
    Ok(())
}

/// Opens the database at `db` (a SQLite path or a PostgreSQL URL) read-only, with a hint on
/// how to create it when a SQLite file is missing.
fn open_database(db: &Path) -> Result<Store> {
    let locator = claimtrack_store::Locator::from_path(db)?;
    if let claimtrack_store::Locator::Sqlite(path) = &locator {
        if !path.exists() {
            bail!(
                "no database at {}; run `cargo run -p claimtrack-cli -- import {SEED}` first",
                path.display()
            );
        }
    }
    Store::open_read_only_locator(&locator)
        .with_context(|| format!("cannot open database {locator}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_database_names_the_path_and_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("nowhere.db");
        let err = open_database(&db).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "no database at {}; run `cargo run -p claimtrack-cli -- import \
                 seeds/000_918a3ce10e0930b5.txt` first",
                db.display()
            )
        );
        assert!(
            !db.exists(),
            "a read-only report must not create the database"
        );
    }

    #[test]
    fn report_writes_md_html_and_json() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        drop(Store::open(&db).unwrap());
        let out = dir.path().join("reports/nested");
        report(&db, &out, claimtrack_report::Lang::En, None).unwrap();
        let md = std::fs::read_to_string(out.join("report.md")).unwrap();
        assert!(md.starts_with("# claimtrack report\n"), "{md}");
        assert!(md.contains("No articles in the database."));
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"), "{html}");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap())
                .unwrap();
        assert_eq!(json["summary"]["articles"], 0);
    }

    /// `report --out DIR` wrote through a symbolic link placed at `report.html`; now each file is
    /// renamed into place, so the link is replaced and its target untouched, and no temporary
    /// file is left.
    #[test]
    fn report_replaces_files_and_never_follows_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        drop(Store::open(&db).unwrap());
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        std::os::unix::fs::symlink(&victim, out.join("report.html")).unwrap();
        std::fs::write(out.join("report.md"), "old").unwrap();
        report(&db, &out, claimtrack_report::Lang::En, None).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        let html = out.join("report.html");
        assert!(!html.symlink_metadata().unwrap().file_type().is_symlink());
        assert!(std::fs::read_to_string(&html).unwrap().contains("<html"));
        assert!(std::fs::read_to_string(out.join("report.md"))
            .unwrap()
            .starts_with("# claimtrack report"));
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["report.html", "report.json", "report.md"]);
        // a directory in the way is an error naming the file, and leaves no temporary file
        std::fs::remove_file(&html).unwrap();
        std::fs::create_dir(&html).unwrap();
        std::fs::write(html.join("x"), "").unwrap();
        let err = report(&db, &out, claimtrack_report::Lang::En, None).unwrap_err();
        assert!(format!("{err:#}").contains("report.html"), "{err:#}");
        assert!(std::fs::read_dir(&out).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")));
    }

    #[test]
    fn seed_exists_at_the_workspace_root() {
        assert!(project_root().join(SEED).is_file());
    }
}
