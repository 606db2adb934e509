//! Typed mentions inside a claim.

use serde::{Deserialize, Serialize};

use crate::{vocabulary, Span};

vocabulary! {
    /// What an [`Entity`] mention is.
    EntityKind, "entity kind" {
        /// A named person (`عبد اللطيف حموشي`).
        Person => "person",
        /// An organisation, including Latin acronyms (`FBI`, `أنتربول`).
        Organisation => "organisation",
        /// A country, city or region (`مراكش`, `إسبانيا`).
        Place => "place",
        /// A calendar date or year; value in ISO 8601, partial allowed (`2025`, `--09-11`).
        Date => "date",
        /// A cardinal number; value as a decimal string (`196`, `3.5`).
        Number => "number",
        /// An ordinal (`الثالثة والتسعين`); value is the cardinal as a decimal string (`93`).
        Ordinal => "ordinal",
        /// A percentage; value is the number without the sign (`8.3`).
        Percentage => "percentage",
        /// An amount of money; value is `"<amount> <ISO 4217 code>"` (`2000000000 USD`).
        Money => "money",
    }
}

/// A typed mention inside an article, with its own span.
///
/// `span` indexes the **article** text (UTF-8 bytes, half-open), like the claim's span, so
/// `text == article.text[span]`. `value` is the normalised value when one could be computed
/// (see [`EntityKind`] for the format per kind); `relative` marks deictic dates (`قبل يومين`,
/// `أمس الاثنين`, `يونيو الجاري`) whose value needs the publication date: without it `value`
/// is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// What the mention is.
    pub kind: EntityKind,
    /// The mention as written in the article.
    pub text: String,
    /// Where it is in the article text (bytes).
    pub span: Span,
    /// Normalised value, when known.
    pub value: Option<String>,
    /// True for relative/deictic date expressions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub relative: bool,
}
