//! Guard for speed work on the importer: the output of [`import`] on a fixed subset of real news
//! articles must stay byte-identical.
//!
//! The subset is every 25th article with non-empty `content` of the SaudiNewsNet sample
//! (`shared/corpus/saudinewsnet/*.zip`, both zips in name order, articles in file order; read
//! with the `zip` crate, never copied into the repository). Each article is imported with its
//! record's `title` and `url`, and the snapshot holds one line per article —
//! `index  claims  check_worthy  digest` where `digest` is the first 16 hex digits of the
//! SHA-256 of the JSON of `(article, claims, diagnostics)` — plus a total digest over every
//! article's full digest. The corpus text itself is never written to the snapshot.
//!
//! Without `shared/` beside the repository the test prints `skipped:` and passes, unless `CI`
//! is set (then it fails: CI has `shared/`).

use std::fs::File;
use std::path::{Path, PathBuf};

use claimtrack_import::{import, sha256_hex, ImportOptions, Imported};

/// Every `STRIDE`-th non-empty article is imported.
const STRIDE: usize = 25;

/// One SaudiNewsNet record: the fields the importer is given.
#[derive(serde::Deserialize)]
struct Record {
    #[serde(default)]
    title: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    content: String,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/saudinewsnet")
}

/// The zips of the sample, in name order.
fn zips(dir: &Path) -> Vec<PathBuf> {
    let mut zips: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    zips.sort();
    zips
}

/// The records of every JSON file in the zip at `path`, in archive order.
fn records(path: &Path) -> Vec<Record> {
    let file = File::open(path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(file)
        .unwrap_or_else(|e| panic!("{} is not a zip: {e}", path.display()));
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .unwrap_or_else(|e| panic!("{} entry {i}: {e}", path.display()));
        if !entry.name().ends_with(".json") {
            continue;
        }
        let name = entry.name().to_string();
        let records: Vec<Record> = serde_json::from_reader(std::io::BufReader::new(entry))
            .unwrap_or_else(|e| panic!("{} {name}: {e}", path.display()));
        out.extend(records);
    }
    out
}

/// The JSON of everything `import` returned, diagnostics included.
fn output_json(imp: &Imported) -> String {
    let diagnostics: Vec<serde_json::Value> = imp
        .diagnostics
        .iter()
        .map(|d| serde_json::json!({ "span": d.span, "message": d.message }))
        .collect();
    serde_json::to_string(&(&imp.article, &imp.claims, &diagnostics)).expect("serialisable")
}

#[test]
fn saudinewsnet_subset_imports_byte_identically() {
    let dir = corpus_dir();
    let Some(dir) = claimtrack_testkit::require(
        dir.is_dir().then_some(dir),
        "the corpus digest test",
        "shared/corpus/saudinewsnet",
        "put the project's shared/ folder beside the repository",
    ) else {
        return;
    };
    let zips = zips(&dir);
    assert_eq!(zips.len(), 2, "the sample has two zips: {zips:?}");

    let mut lines = Vec::new();
    let mut all = String::new();
    let mut nonempty = 0usize;
    for zip in &zips {
        for r in records(zip) {
            if r.content.trim().is_empty() {
                continue;
            }
            let index = nonempty;
            nonempty += 1;
            if !index.is_multiple_of(STRIDE) {
                continue;
            }
            let opts = ImportOptions {
                title: Some(r.title).filter(|t| !t.is_empty()),
                url: Some(r.url).filter(|u| !u.is_empty()),
                ..Default::default()
            };
            match import(&r.content, &opts) {
                Ok(imp) => {
                    let digest = sha256_hex(&output_json(&imp));
                    let worthy = imp.claims.iter().filter(|c| c.check_worthy).count();
                    lines.push(format!(
                        "{index:>5}  {:>4}  {worthy:>4}  {}",
                        imp.claims.len(),
                        &digest[..16]
                    ));
                    all.push_str(&digest);
                }
                Err(e) => {
                    lines.push(format!("{index:>5}  error: {e}"));
                    all.push_str(&format!("error: {e}"));
                }
            }
        }
    }
    assert_eq!(nonempty, 4574, "the sample's non-empty article count");
    lines.push(format!(
        "total  {} articles  {}",
        nonempty.div_ceil(STRIDE),
        sha256_hex(&all)
    ));
    insta::assert_snapshot!(lines.join("\n"));
}
