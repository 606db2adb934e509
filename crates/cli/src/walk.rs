//! Directory inputs: the files under the directories given on the command line, walked with
//! `walkdir` (symbolic-link loops detected, per-entry errors), shared by `import` and
//! `factchecks import`.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};

/// The files to read, and the directory entries skipped for an error.
pub struct Expanded {
    /// Files named on the command line, then the wanted regular files found in directories
    /// (sorted by name within each directory).
    pub files: Vec<PathBuf>,
    /// Entries skipped for an error: (the entry's own path as shown, the error).
    pub skipped: Vec<(String, anyhow::Error)>,
}

/// Files named on the command line, directories expanded to the files in them that `wanted`
/// accepts (it is given the lower-cased file name); `-` stays stdin. Directories are walked with `walkdir` (sorted by
/// name, symbolic links followed with loop detection); only regular files are read. An entry
/// that cannot be read (an unreadable subdirectory, a broken link), a symbolic-link loop, or a
/// FIFO, socket or device with a wanted name is skipped and reported by its own path.
///
/// # Errors
/// `none_found(dir)` for a directory holding nothing wanted (and nothing skipped).
pub fn expand(
    paths: &[PathBuf],
    wanted: impl Fn(&str) -> bool,
    none_found: impl Fn(&Path) -> String,
) -> Result<Expanded> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        let before = (files.len(), skipped.len());
        let walk = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    skipped.push(walk_error(p, &e));
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            if entry.file_type().is_dir() || !wanted(&name) {
                continue;
            }
            if entry.file_type().is_file() {
                files.push(entry.into_path());
            } else {
                let shown = entry.path().display().to_string();
                let what = file_kind(&entry.file_type());
                skipped.push((
                    shown.clone(),
                    anyhow!("skipped {shown}: {what}, not a regular file"),
                ));
            }
        }
        if (files.len(), skipped.len()) == before {
            bail!("{}", none_found(p));
        }
    }
    Ok(Expanded { files, skipped })
}

/// A walk error as a skipped entry: the entry's own path (not the directory named on the
/// command line), and what went wrong.
fn walk_error(root: &Path, e: &walkdir::Error) -> (String, anyhow::Error) {
    let path = e.path().unwrap_or(root).display().to_string();
    let error = match (e.loop_ancestor(), e.io_error()) {
        (Some(ancestor), _) => anyhow!(
            "skipped {path}: a symbolic link loop (it leads back to {})",
            ancestor.display()
        ),
        (None, Some(io)) => anyhow!("cannot read {path}: {io}"),
        (None, None) => anyhow!("cannot read {path}: {e}"),
    };
    (path, error)
}

/// `a FIFO`, `a socket`… for a directory entry that is not a regular file.
pub fn file_kind(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_symlink() {
        "a broken symbolic link"
    } else {
        "a special file"
    }
}
