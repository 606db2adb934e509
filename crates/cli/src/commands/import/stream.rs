//! A large article (over [`STREAM_BYTES`]) is imported in bounded memory: the importer runs on
//! its own thread and hands the article and then each claim over a bounded channel to the
//! store, which writes them as they come in one transaction
//! ([`claimtrack_store::Store::insert_article_streamed`]). So memory is the article's text and
//! the importer's working set, not its claims (about 25 bytes per byte of text, up to ~120 for
//! text made of very short lines, when held).

use std::sync::mpsc;
use std::thread;

use anyhow::{anyhow, Context as _, Result};
use chrono::{DateTime, Utc};
use claimtrack_import::{Diagnostic, ImportOptions};
use claimtrack_model::{Article, ExtractedClaim};
use claimtrack_store::{ImportOutcome, Store};

use super::source::Input;

/// Articles longer than this many bytes of text are streamed into the store (8 MiB); shorter
/// ones are extracted whole on the `--jobs` threads and stored in batches.
pub const STREAM_BYTES: usize = 8 << 20;

/// Claims in flight between the importer's thread and the store.
const IN_FLIGHT: usize = 1024;

/// What a streamed import stored.
pub struct Streamed {
    pub outcome: ImportOutcome,
    pub claims: u32,
    pub check_worthy: u32,
    pub diagnostics: Vec<Diagnostic>,
}

/// The receiving side stopped (the store failed, or found a duplicate): the importer stops too.
#[derive(Debug)]
struct Stopped;

/// Extracts `input` (already checked: not empty, its date plausible) and stores it in one
/// transaction without holding its claims.
///
/// Errors: the importer's (`cannot import SOURCE: …`), and the store's (nothing of the article
/// stored).
pub fn store(store: &mut Store, input: &Input, now: DateTime<Utc>, by: &str) -> Result<Streamed> {
    thread::scope(|s| {
        let (article_tx, article_rx) = mpsc::sync_channel::<Article>(1);
        let (claim_tx, claim_rx) = mpsc::sync_channel::<ExtractedClaim>(IN_FLIGHT);
        let importer = s.spawn(move || {
            extract_each(
                &input.text,
                &input.opts,
                |a| article_tx.send(a.clone()).map_err(|_| Stopped),
                |c| claim_tx.send(c).map_err(|_| Stopped),
            )
        });
        let stored = match article_rx.recv() {
            Ok(article) => {
                let stored = store.insert_article_streamed(&article, &mut claim_rx.iter(), now, by);
                // Whatever happened, the importer must not wait on a full channel.
                drop(claim_rx);
                Some(stored)
            }
            Err(_) => None,
        };
        let extracted = importer
            .join()
            .map_err(|_| anyhow!("the importer of {} stopped unexpectedly", input.source))?;
        let (outcome, claims, check_worthy) = match stored {
            Some(stored) => stored?,
            None => {
                // The importer failed before it had an article to give.
                extracted.with_context(|| format!("cannot import {}", input.source))?;
                anyhow::bail!(
                    "cannot import {}: the importer gave no article",
                    input.source
                )
            }
        };
        let diagnostics = match extracted {
            Ok(d) => d,
            // A duplicate stops the importer early: its diagnostics are not needed.
            Err(_) if matches!(outcome, ImportOutcome::Duplicate { .. }) => Vec::new(),
            Err(e) => return Err(e.context(format!("cannot import {}", input.source))),
        };
        Ok(Streamed {
            outcome,
            claims,
            check_worthy,
            diagnostics,
        })
    })
}

/// The importer's streaming entry point ([`claimtrack_import::import_with`]): the article,
/// then each claim in text order; the diagnostics at the end.
fn extract_each(
    text: &str,
    opts: &ImportOptions,
    on_article: impl FnOnce(&Article) -> std::result::Result<(), Stopped>,
    on_claim: impl FnMut(ExtractedClaim) -> std::result::Result<(), Stopped>,
) -> Result<Vec<Diagnostic>> {
    claimtrack_import::import_with(text, opts, on_article, on_claim).map_err(|e| match e {
        claimtrack_import::ImportStreamError::Import(e) => anyhow::Error::new(e),
        claimtrack_import::ImportStreamError::Callback(Stopped) => anyhow!("stopped"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use claimtrack_store::ClaimFilter;

    fn input(text: &str) -> Input {
        Input {
            source: "big.txt".into(),
            text: text.to_owned(),
            opts: ImportOptions::default(),
        }
    }

    /// The streamed path stores what the batch path stores (the seed article, and a text
    /// whose claims fill several of the store's parts), and a duplicate stops the importer.
    #[test]
    fn streaming_stores_what_a_whole_import_stores() {
        let seed = include_str!("../../../../../seeds/000_918a3ce10e0930b5.txt");
        let many = "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2019. ".repeat(1200);
        let now = Utc.with_ymd_and_hms(2026, 11, 30, 2, 0, 0).unwrap();
        for text in [seed, many.as_str()] {
            let mut whole = Store::open_in_memory().unwrap();
            let imported = claimtrack_import::import(text, &ImportOptions::default()).unwrap();
            whole
                .insert_article(&imported.article, &imported.claims, now, "x")
                .unwrap();
            let mut streamed = Store::open_in_memory().unwrap();
            let s = store(&mut streamed, &input(text), now, "x").unwrap();
            assert_eq!(s.outcome, ImportOutcome::Inserted { article_id: 1 });
            assert_eq!(s.claims as usize, imported.claims.len());
            assert_eq!(
                s.check_worthy as usize,
                imported.claims.iter().filter(|c| c.check_worthy).count()
            );
            assert_eq!(s.diagnostics, imported.diagnostics);
            let all = ClaimFilter::default();
            assert_eq!(whole.claims(&all).unwrap(), streamed.claims(&all).unwrap());
            assert_eq!(whole.articles().unwrap(), streamed.articles().unwrap());
            let again = store(&mut streamed, &input(text), now, "x").unwrap();
            assert_eq!(again.outcome, ImportOutcome::Duplicate { article_id: 1 });
        }
    }

    /// An input the importer refuses is its error, and nothing is stored.
    #[test]
    fn an_importer_error_stores_nothing() {
        let mut db = Store::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 30, 2, 0, 0).unwrap();
        let err = store(&mut db, &input("  \n\t "), now, "x").err().unwrap();
        assert!(
            format!("{err:#}").starts_with("cannot import big.txt: "),
            "{err:#}"
        );
        assert!(db.articles().unwrap().is_empty());
    }
}
