//! The workflow status of a claim (where it is in the desk's pipeline), kept apart from the
//! verdict (what the desk concluded), as fact-checking platforms do.

use crate::vocabulary;

vocabulary! {
    /// Workflow status of a claim. New claims start as [`Status::Unverified`].
    ///
    /// Which moves are allowed, and what they require, is [`crate::workflow`].
    Status, "status" {
        /// Imported, nobody has looked at it yet (the default at import).
        Unverified => "unverified",
        /// A fact-checker is working on it.
        InProgress => "in_progress",
        /// A verdict is proposed and awaits an editor.
        InReview => "in_review",
        /// The verdict is published.
        Published => "published",
        /// Not worth checking (opinion, duplicate, out of scope).
        Dismissed => "dismissed",
    }
}

impl Status {
    /// Arabic label for tables and reports (the English label is [`Status::as_str`]).
    pub fn label_ar(&self) -> &'static str {
        match self {
            Status::Unverified => "لم يُتحقق منه",
            Status::InProgress => "قيد التحقق",
            Status::InReview => "قيد المراجعة",
            Status::Published => "منشور",
            Status::Dismissed => "مستبعد",
        }
    }
}

#[allow(clippy::derivable_impls)] // the vocabulary! macro owns the derive list
impl Default for Status {
    /// [`Status::Unverified`], the status of every newly imported claim.
    fn default() -> Self {
        Status::Unverified
    }
}
