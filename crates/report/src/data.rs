//! What reports and exports are made from: one [`ReviewedClaim`] per claim (the claim, its
//! article and the fact-check around it), read from the store by [`load`].
//!
//! The input is a plain struct so that every renderer is a pure function of it and is tested
//! without a database. The loader fills what the store offers today; data the store does not
//! keep yet (see each field) stays `None`/empty, and the ClaimReview export reports it as
//! missing instead of guessing.

use chrono::{DateTime, Utc};
use claimtrack_model::{Field, HistoryEntry, Status, StoredClaim, CHECK_WORTHY_THRESHOLD};
use claimtrack_store::{ClaimFilter, Store, StoredArticle};
use serde::Serialize;

pub use claimtrack_model::Stance;

/// A source consulted for a claim (design glossary: url, title, note, stance).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Where the source is.
    pub url: String,
    /// Its title, when recorded.
    pub title: Option<String>,
    /// What the fact-checker noted about it.
    pub note: Option<String>,
    /// How it bears on the claim, when recorded.
    pub stance: Option<Stance>,
}

impl From<&claimtrack_model::Evidence> for Evidence {
    fn from(e: &claimtrack_model::Evidence) -> Self {
        Evidence {
            url: e.url.clone(),
            title: e.title.clone(),
            note: e.note.clone(),
            stance: e.stance,
        }
    }
}

/// One claim with everything a report or a ClaimReview needs about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewedClaim {
    /// The claim as stored (text, span, score, kind, status, verdict).
    pub claim: StoredClaim,
    /// The article the claim comes from.
    pub article: StoredArticle,
    /// The fact-checker's explanation of the verdict (`ratingExplanation`; `verdict --explanation`).
    pub explanation: Option<String>,
    /// The fact-checker's short summary of the claim (`claimReviewed`; `verdict --summary`).
    pub summary: Option<String>,
    /// URL of the published fact-check (`ClaimReview.url`; `verdict --url`).
    pub review_url: Option<String>,
    /// When the verdict was published (`ClaimReview.datePublished`): the store's
    /// `published_at`, else the time of the claim's last move to `published` in the history.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Who made the claim (`itemReviewed.author.name`): the name of the stored claim's
    /// claimant entity (its normalised value, else its text), `None` when no speaker is named.
    pub claimant: Option<String>,
    /// Sources consulted (active evidence rows).
    pub evidence: Vec<Evidence>,
    /// Every recorded change of the claim, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Who is assigned to the claim.
    pub assignee: Option<String>,
}

impl ReviewedClaim {
    /// A claim with what the stored claim and article themselves hold (fact-check fields,
    /// assignee, publication time); no evidence, no history.
    pub fn new(claim: StoredClaim, article: StoredArticle) -> Self {
        ReviewedClaim {
            explanation: claim.explanation.clone(),
            summary: claim.summary.clone(),
            review_url: claim.review_url.clone(),
            reviewed_at: claim.published_at,
            claimant: claim
                .claim
                .claimant
                .as_ref()
                .map(|e| e.value.clone().unwrap_or_else(|| e.text.clone())),
            evidence: Vec::new(),
            history: Vec::new(),
            assignee: claim.assignee.clone(),
            claim,
            article,
        }
    }

    /// True when the claim scores at least [`CHECK_WORTHY_THRESHOLD`].
    pub fn is_check_worthy(&self) -> bool {
        self.claim.claim.score >= CHECK_WORTHY_THRESHOLD
    }

    /// The BCP 47 language of the claim: its article's language.
    pub fn language(&self) -> &str {
        &self.article.article.language
    }
}

/// One article and the claims of it that were loaded, in `seq` order.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleClaims {
    /// The article as stored.
    pub article: StoredArticle,
    /// Its claims (all of them for reports).
    pub claims: Vec<ReviewedClaim>,
}

/// The time of the last history entry that moved the claim to `published`, if any.
pub fn published_at(history: &[HistoryEntry]) -> Option<DateTime<Utc>> {
    history
        .iter()
        .rev()
        .find(|h| h.field == Field::Status && h.to.as_deref() == Some(Status::Published.as_str()))
        .map(|h| h.at)
}

/// Reads the claims matching `filter`, each with its article, fact-check fields, evidence and
/// history, ordered by article id then `seq`. [`ReviewedClaim::reviewed_at`] falls back on the
/// history when the store has no `published_at`; the claimant is the stored claim's.
///
/// Errors: those of [`Store::claims`], [`Store::article`], [`Store::evidence`] and
/// [`Store::history`].
pub fn load(store: &Store, filter: &ClaimFilter) -> claimtrack_store::Result<Vec<ReviewedClaim>> {
    let claims = store.claims(filter)?;
    let mut article: Option<StoredArticle> = None;
    let mut out = Vec::with_capacity(claims.len());
    for claim in claims {
        let stored = match article.take() {
            Some(a) if a.id == claim.article_id => a,
            _ => store.article(claim.article_id)?,
        };
        let history = store.history(claim.id)?;
        let evidence = store.evidence(claim.id)?;
        let mut reviewed = ReviewedClaim::new(claim, stored.clone());
        reviewed.reviewed_at = reviewed.reviewed_at.or_else(|| published_at(&history));
        reviewed.evidence = evidence.iter().map(Evidence::from).collect();
        reviewed.history = history;
        out.push(reviewed);
        article = Some(stored);
    }
    Ok(out)
}

/// Every article (or only `article`), with all its claims, for reports.
///
/// Errors: [`claimtrack_store::StoreError::ArticleNotFound`] for an unknown `article`, and
/// those of [`load`].
pub fn load_articles(
    store: &Store,
    article: Option<i64>,
) -> claimtrack_store::Result<Vec<ArticleClaims>> {
    let articles = match article {
        Some(id) => vec![store.article(id)?],
        None => store.articles()?,
    };
    articles
        .into_iter()
        .map(|article| {
            let claims = load(
                store,
                &ClaimFilter {
                    article: Some(article.id),
                    ..Default::default()
                },
            )?;
            Ok(ArticleClaims { article, claims })
        })
        .collect()
}
