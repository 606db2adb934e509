//! claimtrack's reports and exports: what a fact-checking desk hands its editors and publishes.
//!
//! - [`data`]: the input, one [`ReviewedClaim`] per claim, and [`load`]/[`load_articles`]
//!   that read it from the store;
//! - [`report`]: the desk report as data ([`Report`], serialised as `report.json`), rendered by
//!   [`markdown`] (`report.md`) and [`html`] (`report.html`, with [`chart`]'s inline SVG);
//! - [`claimreview`]: schema.org ClaimReview JSON-LD per reviewed claim, and [`lint`], an
//!   offline validator for any ClaimReview document;
//! - [`export`]: CSV and JSON Lines rows;
//! - [`safety`]: the one output-safety policy (terminal, CSV, JSON, Markdown, HTML) for
//!   imported text, shared with the CLI.
//!
//! Renderers are pure functions of their input; only [`load`] and [`load_articles`] touch the
//! store, and nothing here prints or reads the clock.

pub mod chart;
pub mod claimreview;
pub mod data;
pub mod export;
pub mod html;
pub mod lint;
pub mod markdown;
pub mod report;
pub mod safety;

pub use data::{load, load_articles, ArticleClaims, Evidence, ReviewedClaim, Stance};
pub use report::{build, Lang, Provenance, Report};
