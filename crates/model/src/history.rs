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
    }
}

/// One recorded change to a claim. Entries are never updated or deleted.
///
/// `from` and `to` hold the snake_case names of the old and new values (`None` = unset, e.g.
/// no verdict yet). `at` is UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The claim changed.
    pub claim_id: i64,
    /// The attribute changed.
    pub field: Field,
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
}
