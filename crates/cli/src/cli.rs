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
    /// SQLite database file, created on first use, or a postgres:// (postgresql://) URL of a
    /// shared database [env: CLAIMTRACK_DB] [default: claimtrack.db in the current directory]
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    /// Who makes the change, recorded in the history [env: CLAIMTRACK_USER] [default: on
    /// PostgreSQL the connected role, else the OS user (USER / USERNAME), else "unknown"]
    #[arg(long, global = true, value_name = "NAME", value_parser = non_empty)]
    pub by: Option<String>,

    /// When to colour the status and verdict columns: auto (stdout is a terminal and NO_COLOR
    /// is not set), always, never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t)]
    pub color: crate::color::ColorChoice,

    /// Print nothing on success from the commands that report what they did (import, status,
    /// verdict, assign, undo, note, evidence add/rm, db backup, factchecks import/rematch), unless --dry-run or --format
    /// json asks for output; errors and warnings still go to stderr and the exit code still tells
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles and list their check-worthy claims
    ///
    /// Inputs: UTF-8 text or Markdown, HTML (main text extracted), JSON / JSON Lines records
    /// `{title, url, published, author, content}`, directories of such files, or - for stdin.
    /// Metadata is read from the input, then from a sidecar `<FILE without extension>.meta.json`
    /// (optional keys `title`, `url`, `published`), then from the flags, later ones winning;
    /// a title or URL (sidecar or flag) applies only to a single article.
    /// A bad metadata field (a record's `"title": 1`, an impossible date, a URL that is not
    /// absolute http(s)) is an error naming the record and field.
    /// Importing the same text twice changes nothing. Several articles are streamed (JSON Lines
    /// line by line), extracted on --jobs threads and stored by one writer, --batch articles
    /// per transaction with a savepoint each: an article is wholly stored or not at all, and
    /// one is reported only after its batch committed. A failed article is reported and the
    /// others are still stored (exit 1).
    /// Directories: only regular files are read; links are followed with loop detection; a
    /// FIFO, a link loop or an unreadable entry is reported by its path (exit 1).
    /// Limits: 64 MiB per input read whole and per JSON Lines line (a JSON Lines file has no
    /// total limit), 64 MiB per article (over 8 MiB streamed into the store), 1 MiB per
    /// sidecar, HTML nested at most 1000 levels.
    Import(ImportArgs),
    /// Score text line by line for check-worthiness, without touching the database
    ///
    /// Same scorer as `import`. One result per input line, in order; an empty line scores 0.
    /// `--format json` prints JSON Lines: {"text", "score", "check_worthy", "kind", "reasons"}.
    /// With --article the input's layout is read as import reads an article: dateline/byline and
    /// sub-heading lines score 0 (import never makes them claims) and each object also has
    /// "role". Body lines are still scored whole; import scores each sentence, with the persons
    /// named elsewhere in the article, so its scores can differ. Inputs over 64 MiB are refused.
    Score(ScoreArgs),
    /// List claims (check-worthy ones unless --all)
    Claims(ClaimsArgs),
    /// Show one claim: text, context, provenance, score, entities, status, verdict, history
    Show(ShowArgs),
    /// Set the workflow status of one or more claims (all or nothing)
    ///
    /// Statuses: unverified (the default at import), in_progress, in_review, published,
    /// dismissed. `-` may be written for `_`; the Arabic labels (قيد_التحقق…) are accepted too.
    Status(SetArgs<Status>),
    /// Set the verdict (rating) of one or more claims (all or nothing)
    ///
    /// Verdicts: true, mostly_true, mixed, mostly_false, false (ordinal, 5 to 1), and
    /// misleading, missing_context, satire, unverifiable. `-` may be written for `_`; the
    /// Arabic labels (زائف…) are accepted too.
    Verdict(crate::args::VerdictArgs),
    /// Show the change history of a claim, oldest first
    History(HistoryArgs),
    /// Add, list or remove the evidence (sources) of a claim
    Evidence(crate::args::EvidenceArgs),
    /// Add a free comment to a claim (listed in `show`, recorded in the history)
    Note(crate::args::NoteArgs),
    /// Assign claims to a fact-checker (--to NAME) or unassign them (all or nothing)
    Assign(crate::args::AssignArgs),
    /// The work list: open claims by check-worthiness, then age; unassigned first
    Queue(crate::args::QueueArgs),
    /// Revert a claim's last change, as a new history entry
    Undo(crate::args::UndoArgs),
    /// Full-text search over claims and article titles, Arabic spelling-insensitive
    Search(crate::args::SearchArgs),
    /// Database maintenance: check, backup
    Db(crate::args::DbArgs),
    /// Print the desk report's summary tables (or the whole report as Markdown, JSON or HTML)
    Report(ReportArgs),
    /// Export reviewed claims: schema.org ClaimReview JSON-LD, CSV or JSON Lines
    ///
    /// Default selection: check-worthy claims with status `published` for claimreview, of any
    /// status for csv and jsonl; --status, --verdict, --article, --min-score and --all change
    /// it. A ClaimReview that lacks required data (fact-check URL, publisher, publication
    /// dates, article URL) fails for that claim with the list of what to add, unless
    /// --allow-incomplete.
    Export(ExportArgs),
    /// Check a ClaimReview JSON-LD file (- for stdin) offline; exit 1 on any error
    ///
    /// Accepts one ClaimReview, an array, an @graph or a Data Commons DataFeed, or JSON Lines
    /// (one of those per line, as `export --format claimreview --jsonl` writes; paths then
    /// start with `line N: `). Prints `path: message` per problem (`path: warning: message`
    /// for recommendations). Inputs over 64 MiB are refused.
    #[command(name = "lint-claimreview")]
    LintClaimreview(LintArgs),
    /// The library of earlier fact-checks: import, list, rematch
    Factchecks(crate::commands::factchecks::FactchecksArgs),
    /// Earlier fact-checks matching a claim, a text or an article's claims, best first, with
    /// the reasons of each score
    ///
    /// Scores are same-claim probabilities from the re-ranking model (docs/matching.md); only
    /// matches at or above the suggest threshold are shown, and `strong` ones flag the claim as
    /// seen. A match never sets a verdict: `verdict ID --from-match FC` does, by a person.
    /// Matching a claim (or an article) stores its best match, shown by `claims` and `show`.
    Match(crate::commands::matching::MatchArgs),
    /// The desk's repeated claims: check-worthy claims that state the same thing across
    /// articles, grouped (cluster id = smallest claim id); kept up to date at import
    Clusters(crate::commands::clusters::ClustersArgs),
    /// Print a shell completion script on stdout (no database)
    ///
    /// Save it where the shell looks (the README's "Install" lists each shell's place), e.g.
    /// `claimtrack completions bash > ~/.local/share/bash-completion/completions/claimtrack`.
    Completions(crate::commands::shell::CompletionsArgs),
    /// Print the manual page (roff) on stdout: every command and option (no database)
    ///
    /// Read it with `claimtrack man > claimtrack.1 && man -l claimtrack.1`, or install it as
    /// `/usr/local/share/man/man1/claimtrack.1`.
    Man,
}

impl Command {
    /// True for the commands that print a report of what they did rather than data asked for:
    /// `--quiet` silences these (see [`Cli::quiet`]). Output asked for explicitly still
    /// prints: a `--dry-run` (the report is the point) and `--format json`.
    pub fn reports_what_it_did(&self) -> bool {
        use crate::args::{DbCommand, EvidenceCommand, WriteArgs};
        let report = |w: &WriteArgs| !w.dry_run && w.format == Format::Table;
        match self {
            Command::Import(a) => a.format == Format::Table,
            Command::Status(a) => report(&a.write),
            Command::Verdict(a) => report(&a.write),
            Command::Assign(a) => report(&a.write),
            Command::Undo(a) => report(&a.write),
            Command::Note(a) => report(&a.write),
            Command::Evidence(e) => match &e.command {
                EvidenceCommand::Add(a) => report(&a.write),
                EvidenceCommand::Rm(a) => report(&a.write),
                EvidenceCommand::List(_) => false,
            },
            Command::Db(d) => matches!(d.command, DbCommand::Backup(_)),
            Command::Factchecks(f) => match &f.command {
                crate::commands::factchecks::FactchecksCommand::Import(a) => {
                    a.format == Format::Table
                }
                crate::commands::factchecks::FactchecksCommand::Rematch => true,
                crate::commands::factchecks::FactchecksCommand::List(_) => false,
            },
            _ => false,
        }
    }
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
    /// Article files (.txt .md .html .json .jsonl, UTF-8), directories of them, or - for stdin
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Publication date, YYYY-MM-DD (resolves relative dates such as "أمس")
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// Source URL: an absolute http(s) URL (also for a sidecar's or JSON record's "url")
    #[arg(long, value_name = "URL", value_parser = parse_article_url)]
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
    /// Extract claims on N threads (1 to 256; default: the number of cores); the database
    /// writer stays one, and ids and output order do not depend on N
    #[arg(long, short = 'j', value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// How to read stdin (`-`): text (the default), markdown, html, json or jsonl (JSON Lines,
    /// streamed); files are read by their extension
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t)]
    pub stdin_format: StdinFormat,
    /// Store up to N articles per transaction (1 to 10000; default 256): a crash loses at
    /// most the articles not yet reported (the batch being written); fewer per batch means
    /// more commits, so a slower import
    #[arg(long, value_name = "N", default_value_t = 256,
          value_parser = clap::value_parser!(u16).range(1..=10000))]
    pub batch: u16,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// How `import -` reads stdin (files are read by their extension).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum StdinFormat {
    /// Plain text, one article
    #[default]
    Text,
    /// Markdown, one article
    Markdown,
    /// An HTML page, one article
    Html,
    /// JSON records {title, url, published, author, content}: one object or an array
    Json,
    /// JSON Lines, one record per line, streamed
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Text file (UTF-8), one sentence or tweet per line, or - for stdin (the default)
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: PathBuf,
    /// Do not truncate the text in the table
    #[arg(long)]
    pub wide: bool,
    /// Read the input's layout as one article: dateline, byline and sub-heading lines are
    /// metadata, scored 0, with each line's role (dateline, heading, body, blank) shown
    #[arg(long)]
    pub article: bool,
    /// table, or json (JSON Lines, one object per input line)
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Only claims of this article
    #[arg(long, value_name = "ID", value_parser = crate::args::article_id, allow_negative_numbers = true)]
    pub article: Option<i64>,
    /// Only claims with this status
    #[arg(long, value_name = "S", value_parser = crate::args::VocabParser::<Status>::new())]
    pub status: Option<Status>,
    /// Only claims with this verdict
    #[arg(long, value_name = "V", value_parser = crate::args::VocabParser::<Verdict>::new())]
    pub verdict: Option<Verdict>,
    /// Only claims scoring at least F (0 to 1)
    #[arg(long, value_name = "F", value_parser = parse_score, allow_negative_numbers = true)]
    pub min_score: Option<f64>,
    /// Only claims of this kind (statistic, event, quote…)
    #[arg(long, value_name = "K", value_parser = crate::args::VocabParser::<claimtrack_model::ClaimKind>::new())]
    pub kind: Option<claimtrack_model::ClaimKind>,
    /// Only claims assigned to NAME, or `none` for unassigned ones
    #[arg(long, value_name = "NAME|none")]
    pub assignee: Option<String>,
    /// Only claims matching this search query (see `search`)
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,
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
    #[arg(value_name = "CLAIM_ID", value_parser = crate::args::claim_id, allow_negative_numbers = true)]
    pub id: i64,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Claim id
    #[arg(value_name = "CLAIM_ID", value_parser = crate::args::claim_id, allow_negative_numbers = true)]
    pub id: i64,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `status` and `verdict`: `T` is the model vocabulary being set.
#[derive(Debug, Args)]
pub struct SetArgs<T>
where
    T: crate::args::Vocab + Clone + Send + Sync + 'static,
{
    /// Claim ids (or use the bulk selection flags)
    #[arg(value_name = "CLAIM_ID", num_args = 0.., value_parser = crate::args::claim_id,
          allow_negative_numbers = true,
          required_unless_present_any = crate::args::SELECTORS, conflicts_with_all = crate::args::SELECTORS)]
    pub ids: Vec<i64>,
    /// The new value (listed above)
    #[arg(long = "set", value_name = "VALUE", value_parser = crate::args::VocabParser::<T>::new())]
    pub set: T,
    /// Why, recorded in the history
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Move a published claim back to in_progress (needs --note)
    #[arg(long)]
    pub reopen: bool,
    /// Override the workflow rules (needs --note); recorded as forced
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub select: crate::args::SelectArgs,
    #[command(flatten)]
    pub write: crate::args::WriteArgs,
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ReportFormat {
    /// Summary tables: per article, by status, by verdict
    #[default]
    Table,
    /// The whole report as Markdown (what `cargo xtask report` writes to report.md)
    Md,
    /// The whole report as JSON (report.json)
    Json,
    /// The whole report as one self-contained HTML page (report.html)
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this article
    #[arg(long, value_name = "ID", value_parser = crate::args::article_id, allow_negative_numbers = true)]
    pub article: Option<i64>,
    /// Language of headings and labels: ar or en
    #[arg(long, value_name = "LANG", default_value = "ar", value_parser = parse_lang)]
    pub lang: claimtrack_report::Lang,
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ExportFormat {
    /// schema.org ClaimReview JSON-LD, one object per claim with a verdict
    #[default]
    Claimreview,
    /// CSV with a header row (UTF-8, RFC 4180, formula-injection guard)
    Csv,
    /// JSON Lines: one object per claim, same fields as the CSV
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
    /// Only claims of this article
    #[arg(long, value_name = "ID", value_parser = crate::args::article_id, allow_negative_numbers = true)]
    pub article: Option<i64>,
    /// Only claims with this status (default for claimreview: published)
    #[arg(long, value_name = "S", value_parser = crate::args::VocabParser::<Status>::new())]
    pub status: Option<Status>,
    /// Only claims with this verdict
    #[arg(long, value_name = "V", value_parser = crate::args::VocabParser::<Verdict>::new())]
    pub verdict: Option<Verdict>,
    /// Only claims scoring at least F (0 to 1)
    #[arg(long, value_name = "F", value_parser = parse_score, allow_negative_numbers = true)]
    pub min_score: Option<f64>,
    /// Every claim, not only check-worthy ones
    #[arg(long)]
    pub all: bool,
    /// The fact-checking desk publishing the reviews (ClaimReview author)
    #[arg(long, value_name = "NAME", env = "CLAIMTRACK_PUBLISHER", value_parser = non_empty)]
    pub publisher: Option<String>,
    /// The desk's site, an absolute http(s) URL
    #[arg(long, value_name = "URL", env = "CLAIMTRACK_PUBLISHER_URL", value_parser = parse_url)]
    pub publisher_url: Option<String>,
    /// ClaimReview as JSON Lines (one object per line) instead of a JSON array
    #[arg(long)]
    pub jsonl: bool,
    /// Export ClaimReviews that lack required data (listed as warnings) instead of failing
    #[arg(long)]
    pub allow_incomplete: bool,
    /// Start the CSV with a UTF-8 byte-order mark (for Excel)
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// ClaimReview JSON-LD or JSON Lines file, or - to read stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

fn parse_article_url(s: &str) -> Result<String, String> {
    claimtrack_import::formats::check_http_url(s.trim())?;
    Ok(s.trim().to_owned())
}

fn parse_lang(s: &str) -> Result<claimtrack_report::Lang, String> {
    s.parse()
}

fn parse_url(s: &str) -> Result<String, String> {
    if claimtrack_report::claimreview::is_absolute_http(s) {
        Ok(s.to_owned())
    } else {
        Err(format!("'{s}' is not an absolute http(s) URL"))
    }
}

/// Parses a model vocabulary word (status, verdict, kind): see [`crate::args::vocab`].
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::args::date(s)
}

fn parse_score(s: &str) -> Result<f64, String> {
    crate::args::score(s)
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
