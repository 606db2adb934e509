//! `cargo xtask report`: writes `report.md`, `report.html` and `report.json` of a claimtrack
//! database. The report itself (loading, counting, rendering) lives in `claimtrack-report`;
//! this module only chooses the file names and writes them.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use claimtrack_report::{html, markdown, report, Provenance};
use claimtrack_store::Store;

/// The files written, in order.
pub const FILES: [&str; 3] = ["report.md", "report.html", "report.json"];

/// Loads the report of `article` (or every article) from `store` and writes [`FILES`] into
/// `out` (created if missing); returns the paths written.
pub fn write(
    store: &Store,
    provenance: &Provenance,
    article: Option<i64>,
    out: &Path,
) -> Result<Vec<PathBuf>> {
    let articles = claimtrack_report::load_articles(store, article)
        .with_context(|| format!("cannot read database {}", provenance.source))?;
    let report = claimtrack_report::build(provenance, &articles);
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create directory {}", out.display()))?;
    let contents = [
        markdown::render(&report),
        html::render(&report),
        report::to_json(&report),
    ];
    let mut written = Vec::new();
    for (name, text) in FILES.iter().zip(contents) {
        let path = out.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
