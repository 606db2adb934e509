//! Issue #14 item 4: a directory import survives symbolic-link loops, FIFOs and unreadable
//! subdirectories: each is reported by its own path, the rest is stored, the exit is 1.

use std::os::unix::fs::{symlink, PermissionsExt};
use std::process::Command as Process;

use crate::util::Env;

const A: &str = "قال الوزير إن النمو بلغ 3 في المائة سنة 2023.\n";
const B: &str = "وأكد المدير أن 300 شرطي شاركوا في العملية سنة 2022.\n";

/// `import DIR`, which must exit 1 within a minute (it hung before): (stdout, stderr).
fn import_failing(env: &Env, dir: &std::path::Path) -> (String, String) {
    let out = env
        .cmd()
        .args(["import", dir.to_str().unwrap()])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1);
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
    (
        text(&out.get_output().stdout),
        text(&out.get_output().stderr),
    )
}

/// A FIFO (named pipe) at `path`; returns the path.
fn mkfifo(path: &std::path::Path) -> std::path::PathBuf {
    assert!(Process::new("mkfifo").arg(path).status().unwrap().success());
    path.to_path_buf()
}

fn stored(env: &Env) -> usize {
    env.json(&["claims", "--all", "--format", "json"])
        .as_array()
        .unwrap()
        .len()
}

/// `ln -s . d/x; ln -s . d/y` hung with growing memory.
#[test]
fn symlink_loops_are_reported_and_the_files_stored() {
    let env = Env::new();
    let d = env.dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("a.txt"), A).unwrap();
    symlink(".", d.join("x")).unwrap();
    symlink(".", d.join("y")).unwrap();
    // a link to a file is followed; a link to a sibling directory is walked once
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/b.txt"), B).unwrap();
    symlink("sub", d.join("z")).unwrap();
    let (stdout, stderr) = import_failing(&env, &d);
    for link in ["x", "y"] {
        let path = d.join(link);
        assert!(
            stderr.contains(&format!("skipped {}: a symbolic link loop", path.display())),
            "{stderr}"
        );
    }
    // a.txt, sub/b.txt and z/b.txt (the same text: already there)
    assert!(
        stdout.contains("2 imported, 1 already there, 2 failed"),
        "{stdout}"
    );
    assert!(stored(&env) >= 2);
}

/// A FIFO named `*.txt` blocked forever and the regular file beside it was never stored.
#[test]
fn a_fifo_is_skipped_by_its_own_path() {
    let env = Env::new();
    let d = env.dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("a.txt"), A).unwrap();
    let fifo = mkfifo(&d.join("pipe.txt"));
    let (_, stderr) = import_failing(&env, &d);
    assert!(
        stderr.contains(&format!(
            "skipped {}: a FIFO (named pipe), not a regular file",
            fifo.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of 2 articles could not be imported"),
        "{stderr}"
    );
    assert!(stored(&env) >= 1, "a.txt is stored");
}

/// One unreadable subdirectory aborted the whole import with a message naming the parent.
/// Root reads any directory, so under root the import runs as `nobody` (setpriv).
#[test]
fn an_unreadable_subdirectory_is_reported_by_its_own_path() {
    let env = Env::new();
    let d = env.dir.path().join("d");
    let locked = d.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::write(d.join("a.txt"), A).unwrap();
    std::fs::write(locked.join("b.txt"), B).unwrap();
    for p in [env.dir.path(), d.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::set_permissions(d.join("a.txt"), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = crate::util::claimtrack_as_nobody_when_root();
    cmd.current_dir(env.dir.path())
        .env("CLAIMTRACK_NOW", crate::util::NOW)
        .env("CLAIMTRACK_USER", crate::util::USER)
        .env("NO_COLOR", "1")
        .env_remove("CLAIMTRACK_DB")
        .arg("--db")
        .arg(&env.db)
        .args(["import", d.to_str().unwrap()]);
    let out = cmd.assert().code(1);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(&format!(
            "cannot read {}: Permission denied",
            locked.display()
        )),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("1 imported, 0 already there, 1 failed"),
        "{stdout}"
    );
}

/// `factchecks import DIR` walks directories the same way: a symbolic-link loop and a FIFO named
/// like a fact-check file are reported by their own paths, the library file beside them is
/// stored, the exit is 1.
#[test]
fn a_fact_check_directory_reports_loops_and_fifos_and_stores_the_rest() {
    let env = Env::new();
    let d = env.dir.path().join("library");
    std::fs::create_dir(&d).unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/factchecks/misbar.jsonld");
    std::fs::copy(&fixture, d.join("misbar.jsonld")).unwrap();
    symlink(".", d.join("x")).unwrap();
    let fifo = mkfifo(&d.join("feed.json"));
    let out = env
        .cmd()
        .args(["factchecks", "import", d.to_str().unwrap()])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for expected in [
        format!(
            "skipped {}: a FIFO (named pipe), not a regular file",
            fifo.display()
        ),
        format!("skipped {}: a symbolic link loop", d.join("x").display()),
    ] {
        assert!(stderr.contains(&expected), "{expected}\n{stderr}");
    }
    let library = env.json(&["factchecks", "list", "--format", "json"]);
    assert!(
        !library.as_array().unwrap().is_empty(),
        "misbar.jsonld is stored: {library}"
    );
}
