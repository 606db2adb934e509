//! Evidence (sources consulted for a claim) and free notes on a claim.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::vocabulary;

vocabulary! {
    /// How a source bears on the claim.
    Stance, "stance" {
        /// The source supports the claim.
        Supports => "supports",
        /// The source contradicts the claim.
        Refutes => "refutes",
        /// The source gives context only.
        Context => "context",
    }
}

/// A source consulted for a claim, as stored. Removed evidence is kept (and shown in the
/// history) but hidden from lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Store-assigned id, unique across claims.
    pub id: i64,
    /// The claim it supports, refutes or puts in context.
    pub claim_id: i64,
    /// Where the source is: an absolute `http`/`https` URL, as normalised by the URL parser.
    pub url: String,
    /// Its title, when recorded.
    pub title: Option<String>,
    /// What the fact-checker noted about it.
    pub note: Option<String>,
    /// How it bears on the claim, when recorded.
    pub stance: Option<Stance>,
    /// Who added it.
    pub added_by: String,
    /// When it was added, UTC.
    pub added_at: DateTime<Utc>,
}

/// A free comment on a claim (`claimtrack note`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Store-assigned id.
    pub id: i64,
    /// The claim commented on.
    pub claim_id: i64,
    /// The comment, as typed.
    pub text: String,
    /// Who wrote it.
    pub by: String,
    /// When, UTC.
    pub at: DateTime<Utc>,
}
