//! Helpers shared by the importer's integration tests.

use claimtrack_import::{import, ImportOptions};
use claimtrack_model::EntityKind;

/// Every entity of the article imported with publication date `published` (`YYYY-MM-DD`), as
/// `(kind, text, value)` in text order.
pub fn entities_published(
    text: &str,
    published: &str,
) -> Vec<(EntityKind, String, Option<String>)> {
    let imp = import(
        text,
        &ImportOptions {
            published: published.parse().ok(),
            ..Default::default()
        },
    )
    .unwrap();
    imp.claims
        .iter()
        .flat_map(|c| {
            c.entities
                .iter()
                .map(|e| (e.kind, e.text.clone(), e.value.clone()))
        })
        .collect()
}
