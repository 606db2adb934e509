//! `claimtrack`: the command-line interface. Thin glue over `claimtrack-import` and
//! `claimtrack-store`: parse arguments, run one verb, print, map errors to exit codes.
//!
//! Exit codes: 0 success (also when stdout is closed early: broken pipe), 1 error,
//! 2 usage error (clap's, e.g. an unknown status or verdict; an unusable `--db`), 3 conflict (someone else changed
//! the claim first: `--expect-revision`/`--expect-status`), 4 database busy (retry).
//! Errors are printed as one line `claimtrack: error: …` on stderr, followed by a line
//! `hint: …` where a next step helps.

mod args;

/// mimalloc instead of the system allocator: an import allocates many small, short-lived
/// values on four threads (terms, profiles, rows), and glibc's malloc and free were about a
/// tenth of its CPU (`docs/performance.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod color;
mod commands;
mod display;
mod env;
mod input;
mod json;
mod priority;
mod render;
mod safety;
mod truncate;
mod walk;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use claimtrack_store::StoreError;
use clap::Parser;

use cli::{Cli, Command};
use commands::Ctx;

/// Exit code of a usage error: clap's, and a `--db`/`CLAIMTRACK_DB` value that is no usable
/// database locator (an unsupported URL scheme, a malformed `postgres://` URL).
const EXIT_USAGE: u8 = 2;
/// Exit code when the database stays locked by another writer.
const EXIT_BUSY: u8 = 4;
/// Exit code when someone else changed a claim first (`--expect-revision`, `--expect-status`).
const EXIT_CONFLICT: u8 = 3;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with code 0; usage errors to stderr with code 2,
            // in the CLI's own form (`claimtrack: error: …`, then clap's usage and tip).
            use clap::error::ErrorKind;
            match err.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = err.print();
                }
                _ => {
                    let text =
                        safety::sanitize(&err.render().to_string(), safety::Context::Multiline)
                            .into_owned();
                    let _ = write!(io::stderr(), "claimtrack: {text}");
                }
            }
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out).and_then(|()| Ok(out.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = out.flush();
            let msg = safety::line(&format!("{err:#}")).into_owned();
            let mut stderr = io::stderr().lock();
            let _ = writeln!(stderr, "claimtrack: error: {msg}");
            if let Some(hint) = hint(&err) {
                let _ = writeln!(stderr, "hint: {hint}");
            }
            if is_busy(&err) {
                ExitCode::from(EXIT_BUSY)
            } else if is_bad_locator(&err) {
                ExitCode::from(EXIT_USAGE)
            } else if is_conflict(&err) {
                ExitCode::from(EXIT_CONFLICT)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<()> {
    color::set_enabled(color::decide(
        cli.color,
        io::stdout().is_terminal(),
        std::env::var("NO_COLOR").ok().as_deref(),
        std::env::var("TERM").ok().as_deref(),
    ));
    let by_given = env::identity_given(cli.by.as_deref());
    let mut ctx = Ctx::new(env::db_locator(cli.db)?, env::identity(cli.by), by_given);
    ctx.quiet = cli.quiet;
    // --quiet: the commands that report what they did write their report nowhere.
    let mut sink = io::sink();
    let out: &mut dyn Write = if cli.quiet && cli.command.reports_what_it_did() {
        &mut sink
    } else {
        out
    };
    match cli.command {
        Command::Import(args) => commands::import::run(&ctx, args, out),
        Command::Score(args) => commands::score::run(args, out),
        Command::Claims(args) => commands::claims::run(&ctx, args, out),
        Command::Show(args) => commands::show::run(&ctx, args, out),
        Command::Status(args) => commands::change::status(&ctx, args, out),
        Command::Verdict(args) => commands::change::verdict(&ctx, args, out),
        Command::History(args) => commands::history::run(&ctx, args, out),
        Command::Evidence(args) => commands::evidence::run(&ctx, args, out),
        Command::Note(args) => commands::note::run(&ctx, args, out),
        Command::Assign(args) => commands::change::assign(&ctx, args, out),
        Command::Queue(args) => commands::queue::run(&ctx, args, out),
        Command::Undo(args) => commands::change::undo(&ctx, args, out),
        Command::Search(args) => commands::search::run(&ctx, args, out),
        Command::Db(args) => commands::db::run(&ctx, args, out),
        Command::Report(args) => commands::report::run(&ctx, args, out),
        Command::Export(args) => commands::export::run(&ctx, args, out),
        Command::LintClaimreview(args) => commands::lint::run(args, out),
        Command::Factchecks(args) => commands::factchecks::run(&ctx, args, out),
        Command::Clusters(args) => commands::clusters::run(&ctx, args, out),
        Command::Match(args) => commands::matching::run(&ctx, args, out),
        Command::Completions(args) => commands::shell::completions(args, out),
        Command::Man => commands::shell::man(out),
    }
}

/// A next step for the errors where one helps, printed as `hint: …` under the error line.
fn hint(err: &anyhow::Error) -> Option<String> {
    let store = err.chain().find_map(|e| e.downcast_ref::<StoreError>())?;
    Some(match store {
        StoreError::Busy => "another session (a claimtrack process, or a PostgreSQL client) held \
             the lock through the waits and retries; run the command again"
            .to_owned(),
        StoreError::Conflict {
            claim_id, revision, ..
        } => format!(
            "`claimtrack history {claim_id}` shows what changed; to apply yours on top, rerun \
             with --expect-revision {revision}"
        ),
        StoreError::Workflow { claim_id, .. } => format!(
            "`claimtrack show {claim_id}` shows what it has (status, verdict, explanation, \
             evidence); the error says what the move needs or where it can go instead"
        ),
        StoreError::ClaimNotFound(_) => "`claimtrack claims --all` lists the claim ids".to_owned(),
        StoreError::BadQuery { .. } => "words, \"phrases\", prefix* (3+ letters), AND/OR/NOT and \
             parentheses are understood"
            .to_owned(),
        _ => return None,
    })
}

fn is_busy(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| matches!(e.downcast_ref::<StoreError>(), Some(StoreError::Busy)))
}

fn is_bad_locator(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        matches!(
            e.downcast_ref::<StoreError>(),
            Some(StoreError::BadLocator { .. })
        )
    })
}

fn is_conflict(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        matches!(
            e.downcast_ref::<StoreError>(),
            Some(StoreError::Conflict { .. })
        )
    })
}

/// True when writing to stdout failed because the reader went away (`claimtrack … | head`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let io = e
            .downcast_ref::<io::Error>()
            .or_else(|| match e.downcast_ref::<csv::Error>() {
                Some(c) => match c.kind() {
                    csv::ErrorKind::Io(io) => Some(io),
                    _ => None,
                },
                None => None,
            });
        io.is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
