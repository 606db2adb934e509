//! Arguments of the workflow verbs (issue 4): bulk selection, write options, evidence, notes,
//! assignment, queue, undo, search and `db`. Kept apart from `cli.rs` so that the verbs of
//! other areas stay easy to read; `cli.rs` refers to these structs.

use std::path::PathBuf;

use chrono::NaiveDate;
use claimtrack_model::fold::fold;
use claimtrack_model::{ClaimKind, ParseError, Stance, Status, Verdict};
use clap::{Args, Subcommand};

use crate::cli::Format;

/// The ids of the selection flags: claim ids are required unless one is given, and conflict
/// with them.
pub const SELECTORS: [&str; 8] = [
    "article",
    "cluster",
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
    #[arg(long, value_name = "ID", value_parser = article_id, allow_negative_numbers = true,
          help_heading = "Bulk selection (instead of ids)")]
    pub article: Option<i64>,
    /// Bulk: claims with this status
    #[arg(long, value_name = "S", value_parser = VocabParser::<Status>::new(), help_heading = "Bulk selection (instead of ids)")]
    pub status: Option<Status>,
    /// Bulk: claims with this verdict
    #[arg(long, value_name = "V", value_parser = VocabParser::<Verdict>::new(), help_heading = "Bulk selection (instead of ids)")]
    pub verdict: Option<Verdict>,
    /// Bulk: claims of this kind (statistic, event, quote…)
    #[arg(long, value_name = "K", value_parser = VocabParser::<ClaimKind>::new(), help_heading = "Bulk selection (instead of ids)")]
    pub kind: Option<ClaimKind>,
    /// Bulk: claims scoring at least F (0 to 1)
    #[arg(long, value_name = "F", value_parser = score, allow_negative_numbers = true,
          help_heading = "Bulk selection (instead of ids)")]
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
    /// Bulk: claims of this cluster (see `clusters`)
    #[arg(
        long,
        value_name = "N",
        help_heading = "Bulk selection (instead of ids)"
    )]
    pub cluster: Option<i64>,
    /// Bulk: every claim candidate, not only check-worthy ones
    #[arg(long, help_heading = "Bulk selection (instead of ids)")]
    pub all: bool,
}

impl SelectArgs {
    /// True when at least one filter was given.
    pub fn any(&self) -> bool {
        self.article.is_some()
            || self.cluster.is_some()
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
    #[arg(long, value_name = "N", value_parser = revision, allow_negative_numbers = true)]
    pub expect_revision: Option<i64>,
    /// Fail (exit 3) unless the claim has this status
    #[arg(long, value_name = "S", value_parser = VocabParser::<Status>::new())]
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
    #[arg(value_name = "CLAIM_ID", num_args = 0.., value_parser = claim_id,
          allow_negative_numbers = true,
          required_unless_present_any = SELECTORS, conflicts_with_all = SELECTORS)]
    pub ids: Vec<i64>,
    /// The new verdict (listed above)
    #[arg(long = "set", value_name = "VALUE", value_parser = VocabParser::<Verdict>::new(),
          required_unless_present_any = ["explanation", "summary", "url", "from_match"])]
    pub set: Option<Verdict>,
    /// Confirm an earlier fact-check of the library (id from `match`) as the same claim: its
    /// verdict (unless --set) is set and its URL added as evidence, in one change
    #[arg(long, value_name = "FC")]
    pub from_match: Option<i64>,
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
    #[arg(value_name = "CLAIM_ID", value_parser = claim_id, allow_negative_numbers = true)]
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
    #[arg(long, value_name = "STANCE", value_parser = VocabParser::<Stance>::new())]
    pub stance: Option<Stance>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct EvidenceListArgs {
    /// Claim id
    #[arg(value_name = "CLAIM_ID", value_parser = claim_id, allow_negative_numbers = true)]
    pub id: i64,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct EvidenceRmArgs {
    /// Evidence id (see `evidence list`)
    #[arg(value_name = "EVIDENCE_ID", value_parser = evidence_id, allow_negative_numbers = true)]
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
    #[arg(value_name = "CLAIM_ID", value_parser = claim_id, allow_negative_numbers = true)]
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
    #[arg(value_name = "CLAIM_ID", num_args = 0.., value_parser = claim_id,
          allow_negative_numbers = true,
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
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = limit,
          allow_negative_numbers = true)]
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
    #[arg(value_name = "CLAIM_ID", value_parser = claim_id, allow_negative_numbers = true)]
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
    #[arg(long, value_name = "ID", value_parser = article_id, allow_negative_numbers = true)]
    pub article: Option<i64>,
    /// Only claims with this status
    #[arg(long, value_name = "S", value_parser = VocabParser::<Status>::new())]
    pub status: Option<Status>,
    /// At most N results
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = limit,
          allow_negative_numbers = true)]
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
    /// Write a consistent copy of the database to PATH (safe while others write); on
    /// PostgreSQL a SQLite snapshot (use pg_dump for full server backups)
    Backup(DbBackupArgs),
    /// Copy a whole desk from one database to another, any engine to any engine
    ///
    /// Copies every article, claim, history entry (ids, revisions, times and authors exactly),
    /// evidence, note and assignment, and rebuilds the search index. The target must be empty
    /// (a new SQLite file or an empty PostgreSQL database); the copy is one transaction on the
    /// target, so an interrupted copy leaves it unchanged and can be run again. Prints the
    /// counts, verified on the target before commit.
    Copy(DbCopyArgs),
}

#[derive(Debug, Args)]
pub struct DbCopyArgs {
    /// The database to copy: a SQLite file or a postgres:// URL
    #[arg(long, value_name = "PATH|URL")]
    pub from: PathBuf,
    /// Where to copy it: a new or empty SQLite file, or an empty PostgreSQL database URL
    #[arg(long, value_name = "PATH|URL")]
    pub to: PathBuf,
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

/// A model vocabulary the CLI takes as input: its snake_case names (`-` for `_`, any case) and,
/// where the model has them, its Arabic labels.
pub trait Vocab: std::str::FromStr<Err = ParseError> + Copy + 'static {
    /// Every value.
    fn all() -> &'static [Self];
    /// The English snake_case name (`in_progress`).
    fn name(&self) -> &'static str;
    /// The Arabic label, when there is one.
    fn arabic(&self) -> Option<&'static str> {
        None
    }
}

impl Vocab for Status {
    fn name(&self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        Status::ALL
    }
    fn arabic(&self) -> Option<&'static str> {
        Some(self.label_ar())
    }
}

impl Vocab for Verdict {
    fn name(&self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        Verdict::ALL
    }
    fn arabic(&self) -> Option<&'static str> {
        Some(self.label_ar())
    }
}

impl Vocab for ClaimKind {
    fn name(&self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        ClaimKind::ALL
    }
}

impl Vocab for Stance {
    fn name(&self) -> &'static str {
        self.as_str()
    }
    fn all() -> &'static [Self] {
        Stance::ALL
    }
}

/// An Arabic label folded for comparison: Arabic folding (`claimtrack_model::fold`: tashkeel,
/// hamza forms…), `_` read as a space, runs of spaces collapsed.
fn fold_label(s: &str) -> String {
    fold(&s.replace('_', " "))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value parser of every vocabulary argument: [`vocab`], plus the English names as clap's
/// possible values, so that help, the man page and the shell completions list them (`status 20
/// --set <TAB>`). The Arabic labels are accepted but not offered.
#[derive(Debug)]
pub struct VocabParser<T>(std::marker::PhantomData<fn() -> T>);

impl<T> VocabParser<T> {
    /// The parser for vocabulary `T`.
    pub fn new() -> Self {
        VocabParser(std::marker::PhantomData)
    }
}

impl<T> Clone for VocabParser<T> {
    fn clone(&self) -> Self {
        VocabParser::new()
    }
}

impl<T: Vocab + Send + Sync> clap::builder::TypedValueParser for VocabParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let parse: fn(&str) -> Result<T, String> = vocab::<T>;
        parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            T::all()
                .iter()
                .map(|v| clap::builder::PossibleValue::new(v.name())),
        ))
    }
}

/// The value parser of every vocabulary argument (status, verdict, kind, stance): the English
/// name, or the Arabic label (`زائف`, `قيد_التحقق`, `"قيد التحقق"`). The error lists both.
pub fn vocab<T: Vocab>(s: &str) -> Result<T, String> {
    let err = match s.parse::<T>() {
        Ok(v) => return Ok(v),
        Err(err) => err,
    };
    let key = fold_label(s);
    if let Some(v) = T::all()
        .iter()
        .find(|v| v.arabic().is_some_and(|a| fold_label(a) == key))
    {
        return Ok(*v);
    }
    if T::all().iter().all(|v| v.arabic().is_none()) {
        return Err(err.to_string());
    }
    let arabic: Vec<&str> = T::all().iter().filter_map(|v| v.arabic()).collect();
    Err(ParseError {
        expected: format!("{}; or in Arabic: {}", err.expected, arabic.join("، ")),
        ..err
    }
    .to_string())
}

/// `--min-score`: a number from 0 to 1.
pub fn score(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(f) if (0.0..=1.0).contains(&f) => Ok(f),
        _ => Err(format!("--min-score must be between 0 and 1, got {s}")),
    }
}

/// A positive id; `what` names it in the error (`claim ids are positive, got -1`).
fn positive_id(s: &str, what: &str) -> Result<i64, String> {
    use std::num::IntErrorKind;
    match s.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        Ok(_) => Err(format!("{what} ids are positive, got {s}")),
        Err(e) if matches!(e.kind(), IntErrorKind::PosOverflow) => Err(format!(
            "{what} id {s} is out of range (ids go up to {})",
            i64::MAX
        )),
        Err(e) if matches!(e.kind(), IntErrorKind::NegOverflow) => {
            Err(format!("{what} ids are positive, got {s}"))
        }
        Err(_) => Err(format!("{what} ids are whole numbers, got {s}")),
    }
}

/// A claim id (positive).
pub fn claim_id(s: &str) -> Result<i64, String> {
    positive_id(s, "claim")
}

/// An article id (positive).
pub fn article_id(s: &str) -> Result<i64, String> {
    positive_id(s, "article")
}

/// An evidence id (positive).
pub fn evidence_id(s: &str) -> Result<i64, String> {
    positive_id(s, "evidence")
}

/// `--expect-revision`: 0 or more.
pub fn revision(s: &str) -> Result<i64, String> {
    match s.trim().parse::<i64>() {
        Ok(r) if r >= 0 => Ok(r),
        _ => Err(format!("revisions are whole numbers from 0, got {s}")),
    }
}

/// `--limit`: 1 or more (0 would list nothing and read as "nothing there").
pub fn limit(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => Err(format!(
            "--limit {s} is out of range (at most {})",
            usize::MAX
        )),
        _ => Err(format!("--limit must be a whole number from 1, got {s}")),
    }
}

/// A date `YYYY-MM-DD`; a well-formed date that does not exist (`2022-02-30`) is told apart
/// from a malformed one.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if shaped {
        Err(format!("{s} is not a calendar date"))
    } else {
        Err(format!("'{s}' is not a date of the form YYYY-MM-DD"))
    }
}

/// A value that is not only whitespace.
pub fn non_empty(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("must not be empty".to_owned())
    } else {
        Ok(s.to_owned())
    }
}

/// Claim ids without repeats, first occurrence kept (`status 1 1` changes claim 1 once).
pub fn dedup_ids(ids: Vec<i64>) -> Vec<i64> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter().filter(|id| seen.insert(*id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocab_takes_english_names_and_arabic_labels() {
        assert_eq!(vocab::<Verdict>("false"), Ok(Verdict::False));
        assert_eq!(vocab::<Verdict>("زائف"), Ok(Verdict::False));
        assert_eq!(vocab::<Verdict>("صحيح في معظمه"), Ok(Verdict::MostlyTrue));
        assert_eq!(
            vocab::<Verdict>("لا_يمكن_التحقق_منه"),
            Ok(Verdict::Unverifiable)
        );
        assert_eq!(vocab::<Status>("قيد_التحقق"), Ok(Status::InProgress));
        assert_eq!(vocab::<Status>(" قيد  التحقق "), Ok(Status::InProgress));
        assert_eq!(vocab::<Status>("لم يتحقق منه"), Ok(Status::Unverified));
        assert_eq!(vocab::<Status>("in-progress"), Ok(Status::InProgress));
        let err = vocab::<Verdict>("كاذب").unwrap_err();
        assert!(err.contains("unknown verdict 'كاذب'"), "{err}");
        assert!(err.contains("mostly_false, false, misleading"), "{err}");
        assert!(
            err.contains("or in Arabic: صحيح، صحيح في معظمه، مختلط"),
            "{err}"
        );
        let err = vocab::<ClaimKind>("nope").unwrap_err();
        assert!(!err.contains("Arabic"), "{err}");
    }

    #[test]
    fn numbers_are_validated_with_a_clear_message() {
        assert_eq!(claim_id("3"), Ok(3));
        assert_eq!(claim_id("-1"), Err("claim ids are positive, got -1".into()));
        assert_eq!(claim_id("0"), Err("claim ids are positive, got 0".into()));
        assert_eq!(
            score("-1"),
            Err("--min-score must be between 0 and 1, got -1".into())
        );
        assert_eq!(score("0.5"), Ok(0.5));
        assert!(revision("-1").is_err());
        assert!(limit("-1").is_err());
        // issue #14 item 10: `queue --limit 0` said "the queue is empty"
        assert_eq!(
            limit("0").unwrap_err(),
            "--limit must be a whole number from 1, got 0"
        );
        assert_eq!(limit("1"), Ok(1));
        assert!(limit("99999999999999999999999")
            .unwrap_err()
            .contains("is out of range"));
        // ids past i64 said "claim ids are whole numbers"
        assert_eq!(
            claim_id("99999999999999999999").unwrap_err(),
            "claim id 99999999999999999999 is out of range (ids go up to 9223372036854775807)"
        );
        assert_eq!(
            article_id("-99999999999999999999").unwrap_err(),
            "article ids are positive, got -99999999999999999999"
        );
        assert_eq!(
            evidence_id("1.5").unwrap_err(),
            "evidence ids are whole numbers, got 1.5"
        );
    }

    #[test]
    fn impossible_dates_are_told_apart() {
        assert!(date("2022-02-28").is_ok());
        assert_eq!(
            date("2022-02-30"),
            Err("2022-02-30 is not a calendar date".into())
        );
        assert_eq!(
            date("2022/02/03"),
            Err("'2022/02/03' is not a date of the form YYYY-MM-DD".into())
        );
    }

    #[test]
    fn ids_are_deduplicated_keeping_the_first() {
        assert_eq!(dedup_ids(vec![3, 1, 3, 2, 1]), vec![3, 1, 2]);
    }
}
