//! Command-line arguments (clap derive).

use std::path::PathBuf;

use chrono::NaiveDate;
use claimtrack_model::{Status, Verdict};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Track check-worthy claims in news articles: import an article, list its claims, move them
/// through the fact-checking workflow and keep an audit trail of every change.
#[derive(Debug, Parser)]
#[command(name = "claimtrack", version, about, long_about = None)]
pub struct Cli {
    /// SQLite database file, created on first use [env: CLAIMTRACK_DB] [default: claimtrack.db
    /// in the current directory]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Who makes the change, recorded in the history [env: CLAIMTRACK_USER] [default: the OS
    /// user (USER / USERNAME), else "unknown"]
    #[arg(long, global = true, value_name = "NAME", value_parser = non_empty)]
    pub by: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import an article (a UTF-8 text file, or - for stdin) and list its check-worthy claims
    ///
    /// Metadata is read from a sidecar `<FILE without extension>.meta.json` when present
    /// (optional keys `title`, `url`, `published`; other keys are ignored); flags override it.
    /// Importing the same text twice changes nothing.
    Import(ImportArgs),
    /// List claims (check-worthy ones unless --all)
    Claims(ClaimsArgs),
    /// Show one claim: text, context, provenance, score, entities, status, verdict, history
    Show(ShowArgs),
    /// Set the workflow status of one or more claims (all or nothing)
    ///
    /// Statuses: unverified (the default at import), in_progress, in_review, published,
    /// dismissed. `-` may be written for `_`.
    Status(SetArgs<Status>),
    /// Set the verdict (rating) of one or more claims (all or nothing)
    ///
    /// Verdicts: true, mostly_true, mixed, mostly_false, false (ordinal, 5 to 1), and
    /// misleading, missing_context, satire, unverifiable. `-` may be written for `_`.
    Verdict(SetArgs<Verdict>),
    /// Show the change history of a claim, oldest first
    History(HistoryArgs),
}

/// Output formats of commands without CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Human-readable table
    #[default]
    Table,
    /// JSON (stable contract, for scripts)
    Json,
}

/// Output formats of `claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ListFormat {
    /// Human-readable table
    #[default]
    Table,
    /// JSON array of claim objects
    Json,
    /// CSV with a header row (cells guarded against spreadsheet formula injection)
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Article text file (UTF-8), or - to read stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Publication date, YYYY-MM-DD (resolves relative dates such as "أمس")
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// Source URL
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Article title
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// List every claim candidate, not only check-worthy ones (table output)
    #[arg(long)]
    pub all: bool,
    /// Do not truncate claim text in the table
    #[arg(long)]
    pub wide: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Only claims of this article
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// Only claims with this status
    #[arg(long, value_name = "S", value_parser = parse_vocab::<Status>)]
    pub status: Option<Status>,
    /// Only claims with this verdict
    #[arg(long, value_name = "V", value_parser = parse_vocab::<Verdict>)]
    pub verdict: Option<Verdict>,
    /// Only claims scoring at least F (0 to 1)
    #[arg(long, value_name = "F", value_parser = parse_score)]
    pub min_score: Option<f64>,
    /// Every claim candidate, not only check-worthy ones
    #[arg(long)]
    pub all: bool,
    /// Do not truncate claim text in the table
    #[arg(long)]
    pub wide: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Claim id
    #[arg(value_name = "CLAIM_ID")]
    pub id: i64,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Claim id
    #[arg(value_name = "CLAIM_ID")]
    pub id: i64,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `status` and `verdict`: `T` is the model vocabulary being set.
#[derive(Debug, Args)]
pub struct SetArgs<T>
where
    T: std::str::FromStr<Err = claimtrack_model::ParseError> + Clone + Send + Sync + 'static,
{
    /// Claim ids
    #[arg(value_name = "CLAIM_ID", required = true, num_args = 1..)]
    pub ids: Vec<i64>,
    /// The new value (listed above)
    #[arg(long = "set", value_name = "VALUE", value_parser = parse_vocab::<T>)]
    pub set: T,
    /// Why, recorded in the history
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// Parses a model vocabulary word (status, verdict); the model's error lists the allowed values.
fn parse_vocab<T: std::str::FromStr<Err = claimtrack_model::ParseError>>(
    s: &str,
) -> Result<T, String> {
    s.parse()
        .map_err(|e: claimtrack_model::ParseError| e.to_string())
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date of the form YYYY-MM-DD"))
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if (0.0..=1.0).contains(&f) => Ok(f),
        _ => Err(format!("'{s}' is not a score between 0 and 1")),
    }
}

fn non_empty(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("must not be empty".to_owned())
    } else {
        Ok(s.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
