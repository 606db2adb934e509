//! The claimtrack importer: article text in, [`Article`] metadata and [`ExtractedClaim`]s out.
//!
//! Pure functions, no I/O, no panics on any input: odd text yields fewer claims and
//! [`Diagnostic`]s, never an error, except for input with nothing to import ([`ImportError`]).
//!
//! Pipeline (one module each): [`structure`](crate) finds the dateline, byline and sub-headings;
//! `segment` splits paragraphs into sentences and clauses; `entities` finds dates, numbers,
//! persons, organisations and places with their spans; `score` gives each claim a
//! check-worthiness score, its reasons and a kind. Matching runs on folded copies of words
//! (`text::fold`); spans always index the text as given.
//!
//! Speed (issue #13): each sentence is tokenised once and its tokens shared by the entity rules,
//! the scorer, the learned features and the claimant pass; lexicons and internal maps hash with
//! FxHash (`rustc-hash`), not SipHash; what depends only on one folded word (its clitic readings,
//! held as offsets into the word, gazetteer starts, cue forms, cue lists, reporting role and
//! hashed n-grams, whether it may be a number word: `words`) is computed together once per distinct word and thread, kept in one
//! bounded table (`memo`, at most 65,536 words, then cleared) and by each token that asked, so a
//! word occurrence costs one look-up; words of ASCII and basic Arabic letters are folded byte by
//! byte. None of this changes a result: `tests/corpus_digest.rs` holds the digests of every 25th SaudiNewsNet
//! article's import. Measure with `cargo run --release -p claimtrack-import --example throughput
//! -- FILE.jsonl` (one thread, MB/s of article text) and `cargo bench -p claimtrack-import`.

mod claimant;
mod dates;
mod entities;
pub mod formats;
pub mod gold;
mod html_nesting;
mod lang;
pub mod learned;
mod lexicon;
mod memo;
mod numbers;
mod score;
mod segment;
mod stream;
mod structure;
mod text;
mod words;
mod work;

use std::convert::Infallible;

use chrono::NaiveDate;
use claimtrack_model::{Article, ExtractedClaim, Span};
use sha2::{Digest, Sha256};

pub use stream::{import_with, ImportStreamError};

pub use score::{
    Assessment, BASE as SCORE_BASE, BOILERPLATE_CAP, CUE_SHARE, STRONG_CUES,
    WEIGHTS as SCORE_WEIGHTS,
};

/// What the caller knows about the article besides its text.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Title (`--title`); when absent, the article has none (sub-headings are not titles).
    pub title: Option<String>,
    /// Source URL (`--url`).
    pub url: Option<String>,
    /// Publication date (`--published`), the local calendar date of the outlet; relative dates
    /// (`قبل يومين`, `أمس الاثنين`, `يونيو الجاري`) are resolved against it.
    pub published: Option<NaiveDate>,
    /// Author, when the input names one (an HTML `author` meta tag, a JSON record's `author`);
    /// it takes precedence over a byline found in the text.
    pub author: Option<String>,
}

/// A note about something odd in the input that did not stop the import (a weekday that does not
/// match the resolved date, an unbalanced quote…). `span` is in article bytes when it points at text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the article text, if anywhere.
    pub span: Option<Span>,
    /// Human-readable message.
    pub message: String,
}

/// Why an input could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The text is empty or only whitespace.
    #[error("the input is empty")]
    Empty,
    /// The text has metadata lines but no sentence that could hold a claim.
    #[error("the input has no sentences to import (only {0})")]
    NoSentences(&'static str),
}

/// An imported article: metadata, its claim candidates in text order, and diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The article, its text exactly as given.
    pub article: Article,
    /// Every claim candidate (check-worthy or not), in text order.
    pub claims: Vec<ExtractedClaim>,
    /// Notes about odd input.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lowercase hex SHA-256 of `text`'s UTF-8 bytes (64 characters).
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Imports one article, all at once: [`import_with`] collecting the article and its claims (for a
/// giant article, stream it with [`import_with`] instead of holding every claim).
///
/// `text` is kept byte for byte (a leading BOM included); every returned span indexes it.
///
/// # Errors
/// [`ImportError::Empty`] for empty or whitespace-only text; [`ImportError::NoSentences`] when the
/// text holds only metadata (a byline, headings) or no letter or digit at all (tatweel, tashkeel,
/// punctuation).
pub fn import(text: &str, opts: &ImportOptions) -> Result<Imported, ImportError> {
    let mut article = None;
    let mut claims = Vec::new();
    let diagnostics = import_with(
        text,
        opts,
        |a| {
            article = Some(a.clone());
            Ok::<(), Infallible>(())
        },
        |c| {
            claims.push(c);
            Ok(())
        },
    )
    .map_err(|e| match e {
        ImportStreamError::Import(e) => e,
        ImportStreamError::Callback(never) => match never {},
    })?;
    let Some(article) = article else {
        unreachable!("import_with calls on_article before returning Ok")
    };
    Ok(Imported {
        article,
        claims,
        diagnostics,
    })
}

/// What a line of an article is, as [`import`] reads it (rules in `structure.rs`, from
/// `shared/notes/arabic-text.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineRole {
    /// Empty or whitespace only.
    Blank,
    /// A dateline and/or byline line (`الرباط-سناء الجدني`): article metadata, never claims.
    Dateline,
    /// A sub-heading: metadata, never claims.
    Heading,
    /// Body text: where [`import`] finds claims.
    Body,
}

impl LineRole {
    /// The snake_case name used in JSON (`blank`, `dateline`, `heading`, `body`).
    pub fn as_str(self) -> &'static str {
        match self {
            LineRole::Blank => "blank",
            LineRole::Dateline => "dateline",
            LineRole::Heading => "heading",
            LineRole::Body => "body",
        }
    }
}

/// The role of each line of `text` (lines split on `\n`, so one entry per line, the last one
/// included even when empty), from the same structure analysis as [`import`]. A line with a
/// dateline prefix before its first sentence (`الرباط (و م ع) - قال …`) is body text.
pub fn line_roles(text: &str) -> Vec<LineRole> {
    let st = structure::analyse(text);
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        // Headings and paragraphs are disjoint and in text order: a binary search each, not a
        // scan per line (issue #14: 100k lines made `score --article` quadratic).
        let heading = st
            .heading_spans
            .get(st.heading_spans.partition_point(|s| s.start < start))
            .is_some_and(|s| s.end <= end);
        let body = st
            .paragraphs
            .get(st.paragraphs.partition_point(|s| s.end <= start))
            .is_some_and(|s| s.start < end.max(start + 1));
        let role = if line
            .trim_matches(|c: char| c.is_whitespace() || text::is_format(c))
            .is_empty()
        {
            LineRole::Blank
        } else if heading {
            LineRole::Heading
        } else if body {
            LineRole::Body
        } else {
            LineRole::Dateline
        };
        out.push(role);
        start = end + 1;
    }
    out
}

/// True for a letter or digit that folding keeps: not a mark, not tatweel (U+0640).
fn has_content(c: char) -> bool {
    c != '\u{0640}'
        && (text::digit_value(c).is_some() || (text::is_alphabetic(c) && !text::is_mark(c)))
}

/// Scores one line of text on its own (no article structure): the same segmentation-free scorer
/// as [`import`] applies to each claim. Empty text, and text without a letter or digit (only
/// tashkeel, tatweel or punctuation), scores 0.
pub fn assess_text(line: &str) -> Assessment {
    let t = text::tokenize(line, 0, line.len());
    // A line of marks, tatweel or punctuation only has nothing to score, like an empty one.
    if !line.chars().any(has_content) {
        return Assessment {
            score: 0.0,
            check_worthy: false,
            reasons: Vec::new(),
            kind: claimtrack_model::ClaimKind::Other,
            cue_score: 0.0,
            learned_score: 0.0,
        };
    }
    let ctx = line_context(line);
    let entities = entities::extract(line, &t, &ctx, &mut Vec::new());
    score::assess(line, &t, &entities, line_terminator(line))
}

/// The inputs of the learned scorer for one line of text: hashed features
/// ([`learned::featurize`]) and the cue reasons that fire on it (entities and cue lists, as in
/// [`import`]). Used by `cargo xtask train` and `cargo xtask eval`.
pub fn line_features(line: &str) -> (Vec<(u32, f32)>, Vec<claimtrack_model::Reason>) {
    let t = text::tokenize(line, 0, line.len());
    let ctx = line_context(line);
    let entities = entities::extract(line, &t, &ctx, &mut Vec::new());
    (
        learned::featurize(line),
        score::cues(&t, &entities, line_terminator(line)).0,
    )
}

/// What a line scored on its own knows of its article: nothing but its language. A line with
/// Arabic letters is read as Arabic; any other line as French when `whatlang` says so (French
/// number reading), else as English, so the Latin person and place rules apply to it (language
/// detection on one short line is unreliable, the script is not).
fn line_context(line: &str) -> entities::ArticleContext {
    let arabic = line
        .chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c) && c.is_alphabetic());
    entities::ArticleContext {
        language: if arabic {
            "ar"
        } else if lang::detect(line) == "fr" {
            "fr"
        } else {
            "en"
        }
        .to_string(),
        ..Default::default()
    }
}

/// The sentence-final punctuation of a line, if any.
fn line_terminator(line: &str) -> Option<char> {
    line.trim_end()
        .chars()
        .last()
        .filter(|c| matches!(c, '.' | '!' | '?' | '؟' | '؛' | '…'))
}
