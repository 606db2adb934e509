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

/// Panics unless the entities of the article `text` published on `published` hold one of
/// `kind` with exactly `entity_text` and `value`; the message shows every entity found.
#[allow(dead_code)] // not every test binary that shares this module checks single entities
pub fn assert_entity(
    text: &str,
    published: &str,
    kind: EntityKind,
    entity_text: &str,
    value: Option<&str>,
) {
    let e = entities_published(text, published);
    assert!(
        e.iter()
            .any(|(k, t, v)| *k == kind && t == entity_text && v.as_deref() == value),
        "{text}\nwanted {kind:?} '{entity_text}' = {value:?}\ngot {e:?}"
    );
}

/// The claim texts (sentences and clauses) of the article `text`, in order.
#[allow(dead_code)] // not every test binary that shares this module reads sentences
pub fn claim_texts(text: &str) -> Vec<String> {
    import(text, &ImportOptions::default())
        .unwrap()
        .claims
        .into_iter()
        .map(|c| c.text)
        .collect()
}

/// The claimant of each claim of the article `text`, in order, as its value (else its text).
#[allow(dead_code)] // not every test binary that shares this module reads claimants
pub fn claimants(text: &str) -> Vec<Option<String>> {
    import(text, &ImportOptions::default())
        .unwrap()
        .claims
        .into_iter()
        .map(|c| c.claimant.map(|e| e.value.unwrap_or(e.text)))
        .collect()
}
