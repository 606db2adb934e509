//! Writing a database snapshot file (`db backup`) so that the final name only ever holds a
//! complete, checked copy: the copy is made under a temporary name in the target's directory
//! (same file system, so the last step is a rename), checked (`PRAGMA integrity_check`, the
//! schema version), and then linked to the final name, which must not exist. On any failure —
//! a full disk, a bad copy — the temporary file and its `-wal`/`-shm` are removed; a process
//! killed midway leaves only a `.NAME.partial-…` file, never a file under the final name; the
//! next backup to that name removes such files of processes that are gone.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::{Result, StoreError, SCHEMA_VERSION};

/// An [`StoreError::Open`] for `path` with SQLite's `CANTOPEN` and `why`.
pub(crate) fn refuse(path: &Path, why: &str) -> StoreError {
    StoreError::Open {
        path: path.to_path_buf(),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(why.to_owned()),
        ),
    }
}

/// Writes the snapshot `fill` makes (given a fresh path to create a SQLite file at) to `dest`.
///
/// Errors: [`StoreError::Open`] when `dest` exists or its folder does not; what `fill`
/// returns ([`StoreError::DiskFull`] for a full disk); [`StoreError::Damaged`] when the
/// written copy does not check out; [`StoreError::Open`] when the final link fails.
pub(crate) fn write(dest: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    if dest.exists() || dest.is_symlink() {
        return Err(refuse(dest, "file exists; choose a new path"));
    }
    let parent = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(refuse(
            dest,
            "unable to open database file: its folder does not exist",
        ));
    }
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".to_owned());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    remove_abandoned(parent, &name);
    let tmp = parent.join(format!(".{name}.partial-{}-{nanos}", std::process::id()));
    let result = fill(&tmp)
        .and_then(|()| verify(&tmp))
        .and_then(|()| publish(&tmp, dest));
    remove_with_sidecars(&tmp);
    result
}

/// Removes what a backup to `name` killed midway left in `dir`: `.NAME.partial-PID-N` files
/// (and their `-wal`/`-shm`) whose process is gone. A partial file of a backup still running
/// (its process alive, on Linux `/proc/PID`) is left alone; where `/proc` is missing nothing is
/// removed, as no process can be told dead.
fn remove_abandoned(dir: &Path, name: &str) {
    let prefix = format!(".{name}.partial-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    if !Path::new("/proc/self").exists() {
        return;
    }
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        // `PID-NANOS`, possibly followed by `-wal`/`-shm` (removed with their main file).
        let mut parts = rest.split('-');
        let (Some(pid), Some(nanos)) = (parts.next(), parts.next()) else {
            continue;
        };
        if parts.next().is_some()
            || pid.parse::<u32>().is_err()
            || nanos.parse::<u64>().is_err()
            || Path::new("/proc").join(pid).exists()
        {
            continue;
        }
        remove_with_sidecars(&entry.path());
    }
}

/// Checks the finished copy: SQLite's integrity check passes and the schema is current.
fn verify(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let integrity: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(StoreError::Damaged(format!("the copy: {integrity}")));
    }
    if version != i64::from(SCHEMA_VERSION) {
        return Err(StoreError::Damaged(format!(
            "the copy has schema version {version}, expected {SCHEMA_VERSION}"
        )));
    }
    Ok(())
}

/// Gives the checked copy its final name without replacing anything there: a hard link (fails
/// when `dest` exists), falling back to a rename where the file system has no hard links.
fn publish(tmp: &Path, dest: &Path) -> Result<()> {
    match std::fs::hard_link(tmp, dest) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(refuse(dest, "file exists; choose a new path"))
        }
        Err(_) if !dest.exists() => std::fs::rename(tmp, dest)
            .map_err(|e| refuse(dest, &format!("cannot rename the finished copy: {e}"))),
        Err(e) => Err(refuse(dest, &e.to_string())),
    }
}

/// Removes `path` and its `-wal`/`-shm` files, ignoring the ones that do not exist.
fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `kill -9` during `db backup` left hidden partial files that no later backup removed: the
    /// next backup to the same name removes those of dead processes, and only those.
    #[test]
    fn abandoned_partial_files_of_dead_backups_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let me = std::process::id();
        // 999999999 is above Linux's largest pid (4194304): never a live process
        let files = [
            (".b.db.partial-999999999-1".to_owned(), false),
            (".b.db.partial-999999999-1-wal".to_owned(), false),
            (format!(".b.db.partial-{me}-2"), true),
            (".other.db.partial-999999999-1".to_owned(), true),
            (".b.db.partial-x-1".to_owned(), true),
            ("b.db.partial-999999999-1".to_owned(), true),
        ];
        for (f, _) in &files {
            std::fs::write(dir.path().join(f), b"x").unwrap();
        }
        remove_abandoned(dir.path(), "b.db");
        for (f, kept) in &files {
            assert_eq!(dir.path().join(f).exists(), *kept, "{f}");
        }
    }

    /// A copy that fails midway (a full disk, a killed copy) leaves nothing under the final
    /// name and no temporary file; a copy that does not check out is not published either.
    #[test]
    fn only_a_complete_checked_copy_gets_the_final_name() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("b.db");
        let err = write(&dest, |tmp| {
            Connection::open(tmp)?.execute_batch("CREATE TABLE half(x);")?;
            Err(StoreError::DiskFull)
        })
        .unwrap_err();
        assert!(matches!(err, StoreError::DiskFull), "{err:?}");
        // an empty SQLite file with a table but not our schema: refused by the check
        let err = write(&dest, |tmp| {
            Connection::open(tmp)?.execute_batch("CREATE TABLE t(x);")?;
            Ok(())
        })
        .unwrap_err();
        assert!(matches!(err, StoreError::Damaged(_)), "{err:?}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
        // a complete one is published; the name is then taken
        let store = crate::Store::open_in_memory().unwrap();
        store.backup(&dest).unwrap();
        assert!(dest.is_file());
        let err = store.backup(&dest).unwrap_err();
        assert!(err.to_string().contains("file exists"), "{err}");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["b.db"]);
    }
}
