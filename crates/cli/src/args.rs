//! Arguments of the workflow verbs (issue 4): bulk selection, write options, evidence, notes,
//! assignment, queue, undo, search and `db`. Kept apart from `cli.rs` so that the verbs of
//! other areas stay easy to read; `cli.rs` refers to these structs.

use std::path::PathBuf;

use claimtrack_model::{ClaimKind, Stance, Status, Verdict};
use clap::{Args, Subcommand};

use crate::cli::Format;

/// The ids of the selection flags: claim ids are required unless one is given, and conflict
/// with them.
pub const SELECTORS: [&str; 7] = [
    "article",
    "status",
    "verdict",
    "kind",
    "min_score",
    "assignee",
    "search",
];

/// Which claims a bulk `status`, `verdict` or `assign` changes when no ids are given: the
/// filters of `claims` (check-worthy claims only unless --all).
#[derive(Debug, Clone, Default, Args)]
pub struct SelectArgs {
    /// Bulk: claims of this article
    #[arg(
        long,
        value_name = "ID",
        help_heading = "Bulk selection (instead of ids)"
    )]
    pub article: Option<i64>,
    /// Bulk: claims with this status
    #[arg(long, value_name = "S", value_parser = vocab::<Status>, help_heading = "Bulk selection (instead of ids)")]
    pub status: Option<Status>,
    /// Bulk: claims with this verdict
    #[arg(long, value_name = "V", value_parser = vocab::<Verdict>, help_heading = "Bulk selection (instead of ids)")]
    pub verdict: Option<Verdict>,
    /// Bulk: claims of this kind (statistic, event, quote…)
    #[arg(long, value_name = "K", value_parser = vocab::<ClaimKind>, help_heading = "Bulk selection (instead of ids)")]
    pub kind: Option<ClaimKind>,
    /// Bulk: claims scoring at least F (0 to 1)
    #[arg(long, value_name = "F", value_parser = score, help_heading = "Bulk selection (instead of ids)")]
    pub min_score: Option<f64>,
    /// Bulk: claims assigned to NAME, or `none` for unassigned ones
    #[arg(
        long,
        value_name = "NAME|none",
        help_heading = "Bulk selection (instead of ids)"
    )]
    pub assignee: Option<String>,
    /// Bulk: claims matching this search query (see `search`)
    #[arg(
        long,
        value_name = "QUERY",
        help_heading = "Bulk selection (instead of ids)"
    )]
    pub search: Option<String>,
    /// Bulk: every claim candidate, not only check-worthy ones
    #[arg(long, help_heading = "Bulk selection (instead of ids)")]
    pub all: bool,
}

impl SelectArgs {
    /// True when at least one filter was given.
    pub fn any(&self) -> bool {
        self.article.is_some()
            || self.status.is_some()
            || self.verdict.is_some()
            || self.kind.is_some()
            || self.min_score.is_some()
            || self.assignee.is_some()
            || self.search.is_some()
    }
}

/// Options every tracking write takes.
#[derive(Debug, Clone, Default, Args)]
pub struct WriteArgs {
    /// Fail (exit 3) unless the claim is at this revision (someone else changed it otherwise)
    #[arg(long, value_name = "N")]
    pub expect_revision: Option<i64>,
    /// Fail (exit 3) unless the claim has this status
    #[arg(long, value_name = "S", value_parser = vocab::<Status>)]
    pub expect_status: Option<Status>,
    /// Print what would change and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Confirm a change of more than 20 claims
    #[arg(long)]
    pub yes: bool,
    /// Output of the change report
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `verdict`: the rating and the text published with it.
#[derive(Debug, Args)]
pub struct VerdictArgs {
    /// Claim ids (or use the bulk selection flags)
    #[arg(value_name = "CLAIM_ID", num_args = 0..,
          required_unless_present_any = SELECTORS, conflicts_with_all = SELECTORS)]
    pub ids: Vec<i64>,
    /// The new verdict (listed above)
    #[arg(long = "set", value_name = "VALUE", value_parser = vocab::<Verdict>,
          required_unless_present_any = ["explanation", "summary", "url"])]
    pub set: Option<Verdict>,
    /// The rating explanation (ClaimReview ratingExplanation); needed to publish; "" clears it
    #[arg(long, value_name = "TEXT")]
    pub explanation: Option<String>,
    /// A short summary of the claim reviewed (ClaimReview claimReviewed); "" clears it
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// URL of the published fact-check (ClaimReview url); "" clears it
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Why, recorded in the history
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Change the verdict of a published claim
    #[arg(long)]
    pub reopen: bool,
    /// Override the workflow rules (needs --note); recorded as forced
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `evidence add|list|rm`.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    #[command(subcommand)]
    pub command: EvidenceCommand,
}

/// The evidence verbs.
#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Add a source consulted for a claim (duplicate URLs on one claim are refused)
    Add(EvidenceAddArgs),
    /// List a claim's evidence (removed evidence is hidden; the history keeps it)
    List(EvidenceListArgs),
    /// Remove a piece of evidence, saying why (kept in the history)
    Rm(EvidenceRmArgs),
}

#[derive(Debug, Args)]
pub struct EvidenceAddArgs {
    /// Claim id
    #[arg(value_name = "CLAIM_ID")]
    pub id: i64,
    /// The source, an absolute http(s) URL
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// Its title
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// What it shows
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    /// How it bears on the claim: supports, refutes or context
    #[arg(long, value_name = "STANCE", value_parser = vocab::<Stance>)]
    pub stance: Option<Stance>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct EvidenceListArgs {
    /// Claim id
    #[arg(value_name = "CLAIM_ID")]
    pub id: i64,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct EvidenceRmArgs {
    /// Evidence id (see `evidence list`)
    #[arg(value_name = "EVIDENCE_ID")]
    pub id: i64,
    /// Why it is removed (required)
    #[arg(long, value_name = "WHY", value_parser = non_empty)]
    pub note: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `note CLAIM_ID TEXT`.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// Claim id
    #[arg(value_name = "CLAIM_ID")]
    pub id: i64,
    /// The comment
    #[arg(value_name = "TEXT", value_parser = non_empty)]
    pub text: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `assign CLAIM_ID... --to NAME | --unassign`.
#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Claim ids (or use the bulk selection flags)
    #[arg(value_name = "CLAIM_ID", num_args = 0..,
          required_unless_present_any = SELECTORS, conflicts_with_all = SELECTORS)]
    pub ids: Vec<i64>,
    /// Who takes the claims
    #[arg(long, value_name = "NAME", value_parser = non_empty, required_unless_present = "unassign", conflicts_with = "unassign")]
    pub to: Option<String>,
    /// Leave the claims unassigned
    #[arg(long)]
    pub unassign: bool,
    /// Why, recorded in the history
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `queue [--for NAME] [--limit N]`.
#[derive(Debug, Args)]
pub struct QueueArgs {
    /// NAME's claims first, then unassigned ones (others' claims are left out)
    #[arg(long = "for", value_name = "NAME", value_parser = non_empty)]
    pub person: Option<String>,
    /// At most N claims
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Do not truncate claim text in the table
    #[arg(long)]
    pub wide: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `undo CLAIM_ID`.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Claim id
    #[arg(value_name = "CLAIM_ID")]
    pub id: i64,
    /// Why, recorded in the history
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `search QUERY`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words (all must match), "a phrase", a prefix (abc*), AND / OR / NOT, parentheses
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// Only claims of this article
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// Only claims with this status
    #[arg(long, value_name = "S", value_parser = vocab::<Status>)]
    pub status: Option<Status>,
    /// At most N results
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `db check|backup`.
#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub command: DbCommand,
}

/// Database maintenance verbs.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Check integrity, foreign keys and claimtrack's invariants; exit 1 listing any problem
    Check(DbCheckArgs),
    /// Write a consistent copy of the database to PATH (safe while others write)
    Backup(DbBackupArgs),
}

#[derive(Debug, Args)]
pub struct DbCheckArgs {
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct DbBackupArgs {
    /// Where to write the copy (must not exist)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

/// Parses a model vocabulary word; the model's error lists the allowed values.
pub fn vocab<T: std::str::FromStr<Err = claimtrack_model::ParseError>>(
    s: &str,
) -> Result<T, String> {
    s.parse()
        .map_err(|e: claimtrack_model::ParseError| e.to_string())
}

fn score(s: &str) -> Result<f64, String> {
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
