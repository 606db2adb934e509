//! The append-only audit trail of changes to claims.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::vocabulary;

vocabulary! {
    /// Which attribute of a claim a [`HistoryEntry`] changed.
    Field, "field" {
        /// The workflow [`crate::Status`].
        Status => "status",
        /// The [`crate::Verdict`].
        Verdict => "verdict",
        /// The rating explanation published with the verdict (ClaimReview `ratingExplanation`).
        Explanation => "explanation",
        /// The short summary of the claim reviewed (ClaimReview `claimReviewed`).
        Summary => "summary",
        /// The URL of the published fact-check (ClaimReview `url`).
        ReviewUrl => "review_url",
        /// When the verdict was first published (set by the move to `published`).
        PublishedAt => "published_at",
        /// Who the claim is assigned to.
        Assignee => "assignee",
        /// A piece of [`crate::Evidence`] added or removed (`from`/`to` hold its URL).
        Evidence => "evidence",
        /// A free comment added or removed (`from`/`to` hold its text).
        Note => "note",
    }
}

vocabulary! {
    /// What a [`HistoryEntry`] did to its field.
    Action, "action" {
        /// Replaced the value (`from` -> `to`).
        Set => "set",
        /// Added an item (evidence, note); `to` describes it.
        Add => "add",
        /// Removed (hid) an item; `from` describes it. Removed items stay in the database.
        Remove => "remove",
    }
}

/// One recorded change to a claim. Entries are never updated or deleted.
///
/// One command changing one claim makes one *change*: it bumps the claim's revision by one and
/// writes one entry per field it touched, all with that `revision` (e.g. a verdict with its
/// explanation is two entries of one revision). `from` and `to` hold the snake_case names of the
/// old and new values for status and verdict, the text for other fields (`None` = unset). `at`
/// is UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The claim changed.
    pub claim_id: i64,
    /// The claim's revision after the change this entry belongs to (1 for the first change).
    #[serde(default)]
    pub revision: i64,
    /// The attribute changed.
    pub field: Field,
    /// What was done to it.
    #[serde(default = "default_action")]
    pub action: Action,
    /// Value before the change.
    pub from: Option<String>,
    /// Value after the change.
    pub to: Option<String>,
    /// Why the change was made, as typed by the fact-checker.
    pub note: Option<String>,
    /// Who made it (`--by`, `CLAIMTRACK_USER` or the OS user).
    pub by: String,
    /// When it was recorded, UTC.
    pub at: DateTime<Utc>,
    /// The change overrode a workflow rule (`--force`).
    #[serde(default)]
    pub forced: bool,
    /// The change was made with `--reopen` on a published claim.
    #[serde(default)]
    pub reopen: bool,
    /// For an undo: the revision whose change this entry reverts.
    #[serde(default)]
    pub undoes: Option<i64>,
    /// For evidence entries: the evidence id.
    #[serde(default)]
    pub evidence_id: Option<i64>,
    /// For note entries: the note id.
    #[serde(default)]
    pub note_id: Option<i64>,
}

fn default_action() -> Action {
    Action::Set
}
