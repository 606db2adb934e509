//! Claims: as the importer extracts them, and as the store keeps them.

use serde::{Deserialize, Serialize};

use crate::{vocabulary, Entity, Span, Status, Verdict};

/// Score at or above which a claim is check-worthy (ClaimBuster's 0.5 convention).
pub const CHECK_WORTHY_THRESHOLD: f64 = 0.5;

vocabulary! {
    /// What sort of assertion a claim makes, after Full Fact's claim typology (adapted:
    /// quantity → `statistic`, personal experience folded into `other`).
    ClaimKind, "claim kind" {
        /// A number, amount, rate or count.
        Statistic => "statistic",
        /// Something that happened (a meeting, a visit, an arrest).
        Event => "event",
        /// Direct quoted speech.
        Quote => "quote",
        /// A statement attributed to someone (reported speech).
        Attribution => "attribution",
        /// A superlative or comparison (`أول`, `أكبر`, `لم يسبق`).
        Comparison => "comparison",
        /// A cause–effect assertion (`بسبب`, `أدى إلى`).
        Causal => "causal",
        /// A statement about the future (`سيتم`, `المقرر`).
        Prediction => "prediction",
        /// A value judgement, not checkable as stated.
        Opinion => "opinion",
        /// Anything else.
        Other => "other",
    }
}

vocabulary! {
    /// A check-worthiness cue that fired on a claim. Each has a documented weight in the
    /// importer's scoring model (`claimtrack_import::score`).
    Reason, "reason" {
        /// Contains a cardinal number.
        Number => "number",
        /// Contains a date or year.
        Date => "date",
        /// Contains a quantity: percentage, money or counted noun.
        Quantity => "quantity",
        /// Names a person.
        NamedPerson => "named_person",
        /// Names an organisation.
        Organisation => "organisation",
        /// Names a place.
        Place => "place",
        /// Reports speech (`قال`, `أكد`, `أعلن`, `غرد`, `كشف`).
        ReportedSpeech => "reported_speech",
        /// Contains a direct quotation.
        Quotation => "quotation",
        /// An absolute or superlative assertion (`لم يسبق`, `أول`, `أكبر`, `الوحيد`).
        AbsoluteClaim => "absolute_claim",
        /// Reports a concrete event (visit, meeting, arrest, vote).
        EventVerb => "event_verb",
        /// A change in a quantity: rise, fall, growth, doubling (`ارتفع`, `تراجع`, `نمو`, `بنسبة`).
        Trend => "trend",
        /// Cause–effect wording.
        Causal => "causal",
        /// About the future.
        Future => "future",
        /// Evaluative or hedged wording (`لا غرابة`, `نتذكر`, `بمفهومها`) — lowers the score.
        OpinionMarker => "opinion_marker",
        /// Rhetorical question, exclamation or appeal — lowers the score.
        Rhetoric => "rhetoric",
        /// Too short to carry a checkable assertion — lowers the score.
        TooShort => "too_short",
        /// A navigation or credit line (`رابط الخبر`, `اقرأ أيضا`, `المصدر:`), not an assertion —
        /// lowers the score.
        Boilerplate => "boilerplate",
    }
}

/// A claim candidate as the importer extracts it, before it is stored.
///
/// `text == article.text[span.start..span.end]` always holds; `score` is in `[0, 1]` and
/// `check_worthy == (score >= CHECK_WORTHY_THRESHOLD)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedClaim {
    /// The claim text, a verbatim slice of the article.
    pub text: String,
    /// Where the claim is in the article text (UTF-8 bytes, half-open).
    pub span: Span,
    /// The sentence the claim was cut from (equal to `span` when the claim is the whole sentence).
    pub context_span: Span,
    /// Check-worthiness in `[0, 1]`.
    pub score: f64,
    /// `score >= CHECK_WORTHY_THRESHOLD`.
    pub check_worthy: bool,
    /// Claim type.
    pub kind: ClaimKind,
    /// Cues behind the score, strongest first.
    pub reasons: Vec<Reason>,
    /// Typed mentions inside the claim, in text order.
    pub entities: Vec<Entity>,
    /// Who makes the claim: the person or organisation named as the speaker of its reported
    /// speech or quotation (`غرد مايك بومبيو`, `حسب وزارة الصحة`), `None` when no speaker is
    /// named (`قال الوزير`) or the claim reports no speech. Its span indexes the article text
    /// and may lie outside the claim's own span (inside its `context_span`, or in an earlier
    /// sentence that opened a quotation the claim continues). ClaimReview `itemReviewed.author`.
    #[serde(default)]
    pub claimant: Option<Entity>,
}

/// A claim as kept in the store: the extracted claim plus its identity and tracking state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredClaim {
    /// Store-assigned id, unique across articles.
    pub id: i64,
    /// The article it comes from.
    pub article_id: i64,
    /// Position of the claim in its article (0-based, text order).
    pub seq: u32,
    /// What the importer extracted.
    #[serde(flatten)]
    pub claim: ExtractedClaim,
    /// Current workflow status (equal to the last status entry of its history).
    pub status: Status,
    /// Current verdict, if any (equal to the last verdict entry of its history).
    pub verdict: Option<Verdict>,
    /// Number of changes recorded for the claim: 0 at import, +1 per change (optimistic
    /// concurrency: `--expect-revision`).
    #[serde(default)]
    pub revision: i64,
    /// Who the claim is assigned to, if anyone.
    #[serde(default)]
    pub assignee: Option<String>,
    /// The rating explanation of the verdict (ClaimReview `ratingExplanation`).
    #[serde(default)]
    pub explanation: Option<String>,
    /// A short summary of the claim reviewed (ClaimReview `claimReviewed`).
    #[serde(default)]
    pub summary: Option<String>,
    /// URL of the published fact-check (ClaimReview `url`).
    #[serde(default)]
    pub review_url: Option<String>,
    /// When the claim was first published (moved to `published`), UTC.
    #[serde(default)]
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
}
