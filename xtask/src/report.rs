//! `cargo xtask report`: writes `report.md`, `report.html` and `report.json` of a claimtrack
//! database. The report itself (loading, counting, rendering) lives in `claimtrack-report`;
//! this module only chooses the file names and writes them.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use claimtrack_report::{html, markdown, report, Provenance};
use claimtrack_store::Store;

/// The files written, in order.
pub const FILES: [&str; 3] = ["report.md", "report.html", "report.json"];

/// One file written: its path, and whether it replaced an earlier file (or link) of that name.
pub struct Written {
    /// `DIR/report.md` …
    pub path: PathBuf,
    /// True when something was at `path` before (it is replaced, never written through).
    pub replaced: bool,
}

/// Loads the report of `article` (or every article) from `store` and writes [`FILES`] into
/// `out` (created if missing); returns the files written. Each file is written whole under a
/// temporary name in `out` and renamed to its name, so a reader never sees half a report and
/// a symbolic link placed at `report.html` is replaced, not followed (the rename swaps the
/// directory entry; the link's target is untouched).
///
/// # Errors
/// When the database cannot be read, `out` cannot be created, or a file cannot be written or
/// renamed (for example a directory named `report.html`); nothing half-written is left.
pub fn write(
    store: &Store,
    provenance: &Provenance,
    article: Option<i64>,
    out: &Path,
) -> Result<Vec<Written>> {
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
        let replaced = path.symlink_metadata().is_ok();
        replace_file(&path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(Written { path, replaced });
    }
    Ok(written)
}

/// Writes `bytes` to a new temporary file beside `path`, flushes it to disk, and renames it
/// to `path` (atomic on one file system; a link at `path` is replaced, not followed). The
/// file gets the usual `rw-r--r--` mode rather than the temporary file's private one.
fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".report-")
        .suffix(".partial")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(path).map(drop).map_err(|e| e.error)
}
