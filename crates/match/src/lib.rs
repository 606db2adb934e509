//! claimtrack-match: "has this been checked before?" — pure functions, no I/O.
//!
//! - [`normalise`]: text → matching terms (Arabic folding and light stemming, English/French
//!   light normalisation), the same for the library and the query, which also drops dialect
//!   function words and tweet markers ([`normalise::query_terms`]);
//! - [`bm25`]: Okapi BM25, an in-memory index and scoring against any collection statistics;
//! - [`boilerplate`]: the site name and rating segments at the ends of fact-check titles, which
//!   the re-ranker leaves out;
//! - [`signals`]: numbers, years and names that two wordings of one claim must share;
//! - [`signature`]: MinHash band keys of a claim's terms, the store's index for clustering;
//! - [`variants`]: spelling-variant skeletons and character n-grams the re-ranker compares;
//! - [`features`]: the re-ranking features of a pair, from per-text profiles derived once;
//! - [`rank`]: the re-ranking features, the embedded logistic regression, thresholds, reasons;
//! - [`cluster`]: the desk's repeated claims (nearest neighbours, the pairwise decision, union-find);
//! - [`library`]: readers of earlier fact-checks (ClaimReview JSON-LD, the Google Fact Check
//!   Tools API, the Data Commons feed, CSV) and the rating → verdict table.
//!
//! The store provides candidates and statistics; the CLI reads files and prints.

pub mod bm25;
pub mod boilerplate;
pub mod cluster;
pub mod features;
pub mod library;
pub mod normalise;
pub mod rank;
pub mod signals;
pub mod signature;
pub mod variants;
mod weights;

pub use rank::{rank, Doc, Model, Query, Reason, Scored, TermWeight, Thresholds, FEATURES};
