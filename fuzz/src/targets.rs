//! The bodies of the fuzz targets, shared by `fuzz_targets/*.rs` (libFuzzer, nightly) and the
//! stable replay test `tests/e2e/fuzz_replay.rs`, which runs every file under
//! `fuzz/regressions/<target>/` through the same function. Each function must never panic on
//! any input; where an invariant holds it is asserted (a failed assertion is a crash).

use claimtrack_import::formats::{self, Format};
use claimtrack_import::ImportOptions;

/// The importer on text: any UTF-8 gives claims and entities whose text is exactly the
/// article text at their byte span (ARCHITECTURE.md "Provenance is exact"), or an error.
pub fn import_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(imported) = claimtrack_import::import(text, &ImportOptions::default()) else {
        return;
    };
    let article = &imported.article.text;
    for c in &imported.claims {
        assert_eq!(article.get(c.span.start..c.span.end), Some(c.text.as_str()));
        for e in &c.entities {
            assert_eq!(article.get(e.span.start..e.span.end), Some(e.text.as_str()));
        }
    }
}

/// The HTML reader: any text gives a document or a clear error, and the extracted text then
/// imports like any text.
pub fn read_html(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(docs) = formats::read_documents(Format::Html, text) {
        for doc in docs.into_iter().flatten() {
            if let Some(url) = &doc.url {
                assert!(formats::check_http_url(url).is_ok(), "{url}");
            }
            import_text(doc.text.as_bytes());
        }
    }
}

/// The JSON and JSON Lines readers: every record is a document or an error naming it.
pub fn read_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Json, Format::JsonLines] {
        if let Ok(docs) = formats::read_documents(format, text) {
            for doc in docs {
                match doc {
                    Ok(d) => {
                        if let Some(url) = &d.url {
                            assert!(formats::check_http_url(url).is_ok(), "{url}");
                        }
                    }
                    Err(e) => assert!(!e.location.is_empty()),
                }
            }
        }
    }
}

/// The ClaimReview linter: any text gives a list of problems, each with a JSON-pointer path
/// (or `line N: ` and one).
pub fn lint_claimreview(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for p in claimtrack_report::lint::lint_str(text) {
        assert!(
            p.path.starts_with('/') || p.path.starts_with("line "),
            "{}",
            p.path
        );
    }
}

thread_local! {
    /// One in-memory store per thread, with one article, searched by [`search_query`].
    static STORE: claimtrack_store::Store = {
        let store = claimtrack_store::Store::open_in_memory().expect("in-memory store");
        let text = "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2019 حسب المندوبية السامية للتخطيط.";
        let imported = claimtrack_import::import(text, &ImportOptions::default()).expect("import");
        let mut store = store;
        let now = chrono::DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z")
            .expect("time")
            .with_timezone(&chrono::Utc);
        store
            .insert_article(&imported.article, &imported.claims, now, "fuzz")
            .expect("insert");
        store
    };
}

/// The search query parser, through the SQLite engine: any query gives hits or a `BadQuery`
/// error, never another error (an FTS5 syntax error would mean a query reached FTS5 unparsed).
pub fn search_query(data: &[u8]) {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    STORE.with(|store| match store.search(query, None, None, 10) {
        Ok(_) | Err(claimtrack_store::StoreError::BadQuery { .. }) => {}
        Err(e) => panic!("query {query:?}: {e}"),
    });
}

/// The fact-check library readers (`claimtrack_match::library::read`): the first byte picks the
/// file name (`.jsonld`, `.json`, `.jsonl`, `.html`, `.csv`: the extension decides CSV), the rest
/// is the file. Every record read has an http(s) URL and a claim text; everything else is an
/// error naming its record.
pub fn read_factchecks(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let names = ["f.jsonld", "f.json", "f.jsonl", "f.html", "f.csv"];
    let read = claimtrack_match::library::read(names[usize::from(pick) % names.len()], text);
    for f in &read.records {
        let url = f.url.to_ascii_lowercase();
        assert!(
            url.starts_with("http://") || url.starts_with("https://"),
            "{}",
            f.url
        );
        assert!(!f.claim.trim().is_empty());
    }
}
