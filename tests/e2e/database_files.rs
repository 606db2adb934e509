//! Issue #14 items 7–10: database files. Read-only commands never write (a zero-byte or
//! schema-less file is "not a claimtrack database"), reads work in a read-only directory,
//! backups never leave a partial file under the final name, and the messages say what happened.

use std::process::Command as Process;

use crate::util::Env;

/// Runs `script` with `sh` in a private mount namespace (`unshare -m`), so that its mounts
/// (a tmpfs, a read-only bind) vanish with it: `(stdout, stderr)`, or `None` when this machine
/// cannot (not root): skipped locally, a failure under CI (`claimtrack_testkit::require`).
fn in_private_mounts(script: &str, what: &str, needs: &str) -> Option<(String, String)> {
    let out = Process::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c", script])
        .output()
        .ok();
    let out = out.filter(|o| {
        let err = String::from_utf8_lossy(&o.stderr);
        !(err.contains("mount:") || err.contains("unshare:"))
    });
    let out = claimtrack_testkit::require(out, what, needs, "run the tests as root")?;
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    Some((text(&out.stdout), text(&out.stderr)))
}

/// `: > z.db; claimtrack --db z.db claims` exited 0 and wrote the schema; `db check` too.
#[test]
fn read_only_commands_refuse_a_file_without_the_schema_and_leave_it_untouched() {
    let env = Env::new();
    let empty = env.write("z.db", "");
    // another program's SQLite file: a table of its own, no claimtrack schema
    let other = env.dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let other_bytes = std::fs::read(&other).unwrap();
    for (db, before) in [
        (empty.as_str(), Vec::new()),
        (other.to_str().unwrap(), other_bytes),
    ] {
        for args in [
            &["claims"][..],
            &["claims", "--all", "--format", "json"],
            &["db", "check"],
            &["queue"],
            &["show", "1"],
            &["history", "1"],
            &["search", "الوزير"],
            &["export", "--format", "csv"],
            &["report"],
            &["clusters"],
            &["factchecks", "list"],
        ] {
            let out = env.bare().arg("--db").arg(db).args(args).assert().code(1);
            let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
            assert!(
                err.contains(&format!("{db} is not a claimtrack database")),
                "{args:?}: {err}"
            );
            assert_eq!(std::fs::read(db).unwrap(), before, "{args:?} wrote to {db}");
        }
    }
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with("-wal") && !n.ends_with("-shm")),
        "{names:?}"
    );
}

/// Reads failed in a read-only directory while the message said "reads still work". Root
/// writes anywhere, so under root the directory is made read-only by a read-only bind mount
/// in a private mount namespace (`unshare -m`).
#[test]
fn reads_work_in_a_read_only_directory() {
    let env = Env::with_seed();
    let dir = env.dir.path().to_str().unwrap().to_owned();
    let db = env.db.to_str().unwrap().to_owned();
    let bin = env!("CARGO_BIN_EXE_claimtrack");
    let script = format!(
        "mount --bind '{dir}' '{dir}' && mount -o remount,bind,ro '{dir}' && \
         CLAIMTRACK_NOW=2026-01-02T03:04:05Z NO_COLOR=1 '{bin}' --db '{db}' claims && \
         echo CHECK && '{bin}' --db '{db}' db check && echo WRITE && \
         '{bin}' --db '{db}' note 1 'x'; echo rc=$?"
    );
    let Some((stdout, stderr)) = in_private_mounts(
        &script,
        "reads_work_in_a_read_only_directory",
        "root (unshare -m, mount --bind)",
    ) else {
        return;
    };
    assert!(
        stdout.contains("CHECK\nok: integrity"),
        "{stdout}\n{stderr}"
    );
    // a write says what is wrong, and that reads work — which is now true
    assert!(stdout.trim_end().ends_with("rc=1"), "{stdout}");
    assert!(stderr.contains("database is read-only"), "{stderr}");
}

/// A failed backup left a 0-byte file (and the retry refused: "file exists"); an interrupted
/// one left a file `db check` called ok. Now the copy is made under a temporary name beside
/// the target and renamed only when complete and checked. Disk full is a tiny tmpfs mounted in
/// a private mount namespace.
#[test]
fn a_failed_backup_leaves_nothing_under_the_final_name() {
    let env = Env::with_seed();
    // grow the database beyond the tmpfs
    let many: String = (0..400)
        .map(|i| format!("قال الوزير إن النمو بلغ {i} في المائة سنة 2023 حسب المندوبية رقم {i}.\n"))
        .collect();
    let file = env.write("many.txt", many);
    env.ok(&["import", &file]);
    let small = env.dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    let bin = env!("CARGO_BIN_EXE_claimtrack");
    let db = env.db.to_str().unwrap();
    let target = small.join("b.db");
    let script = format!(
        "mount -t tmpfs -o size=64k tmpfs '{s}' && '{bin}' --db '{db}' db backup '{t}'; \
         echo rc=$?; ls -A '{s}'; echo END",
        s = small.display(),
        t = target.display()
    );
    let Some((stdout, stderr)) = in_private_mounts(
        &script,
        "a_failed_backup_leaves_nothing_under_the_final_name",
        "root (unshare -m, mount -t tmpfs)",
    ) else {
        return;
    };
    assert!(
        stdout.contains("rc=1\nEND"),
        "no file left at all: {stdout}\n{stderr}"
    );
    assert!(stderr.contains("disk is full"), "{stderr}");
    assert!(stderr.contains("no backup was written"), "{stderr}");
    // outside the namespace, with room: the backup works and checks ok
    env.ok(&["db", "backup", target.to_str().unwrap()]);
    let check = env
        .bare()
        .args(["--db", target.to_str().unwrap(), "db", "check"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&check.get_output().stdout).starts_with("ok:"));
}

/// A corrupt page read as "no claim with id 32": now the message says the database is damaged
/// and to run `db check`.
#[test]
fn a_damaged_database_says_so() {
    let env = Env::with_seed();
    let mut bytes = std::fs::read(&env.db).unwrap();
    let page = 4096;
    assert!(bytes.len() > 4 * page);
    // every page but the header page: garbage
    for b in &mut bytes[page..] {
        *b = 0xA5;
    }
    std::fs::write(&env.db, &bytes).unwrap();
    for args in [&["show", "32"][..], &["show", "1"], &["claims"]] {
        let err = env.fails(args, 1);
        assert!(err.contains("the database is damaged"), "{args:?}: {err}");
        assert!(err.contains("claimtrack db check"), "{args:?}: {err}");
    }
}

/// A full disk read as "disk I/O error": now it says the disk is full and nothing was written,
/// and what was stored before is intact. The database lives on a tiny tmpfs in a private mount
/// namespace.
#[test]
fn a_full_disk_says_so_and_keeps_what_was_stored() {
    let env = Env::new();
    let small = env.dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    let many: String = (0..3000)
        .map(|i| format!("قال الوزير إن النمو بلغ {i} في المائة سنة 2023 حسب المندوبية رقم {i}.\n"))
        .collect();
    let file = env.write("many.txt", many);
    let bin = env!("CARGO_BIN_EXE_claimtrack");
    let db = small.join("c.db");
    let script = format!(
        "mount -t tmpfs -o size=1m tmpfs '{s}' && export CLAIMTRACK_NOW=2026-01-02T03:04:05Z && \
         '{bin}' --db '{db}' import '{seed}' > /dev/null && echo SEEDED && \
         '{bin}' --db '{db}' import '{file}'; echo rc=$?; \
         '{bin}' --db '{db}' claims --all --format json | grep -c '\"id\"'; \
         '{bin}' --db '{db}' db check",
        s = small.display(),
        db = db.display(),
        seed = crate::util::seed().display(),
    );
    let Some((stdout, stderr)) = in_private_mounts(
        &script,
        "a_full_disk_says_so_and_keeps_what_was_stored",
        "root (unshare -m, mount -t tmpfs)",
    ) else {
        return;
    };
    assert!(stdout.contains("SEEDED\nrc=1"), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("disk holding the database is full: nothing was written"),
        "{stderr}"
    );
    assert!(stdout.contains("ok: integrity"), "{stdout}\n{stderr}");
}

/// The same for a user who may read the database but not write its directory (a desk's file
/// on a shared server): a WAL database's `-shm` cannot be created there, SQLite says
/// `SQLITE_READONLY`, and the read falls back to an immutable open. Root may write anywhere,
/// so under root the commands run as `nobody` (setpriv); otherwise the directory is made 0555.
#[test]
fn reads_work_for_a_user_who_may_not_write_the_directory() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::with_seed();
    let root = crate::util::running_as_root();
    let mode = if root { 0o755 } else { 0o555 };
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = |args: &[&str]| {
        let out = crate::util::claimtrack_as_nobody_when_root()
            .current_dir("/")
            .env("CLAIMTRACK_NOW", crate::util::NOW)
            .env("NO_COLOR", "1")
            .env_remove("CLAIMTRACK_DB")
            .arg("--db")
            .arg(&env.db)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    for args in [
        &["claims"][..],
        &["show", "1"],
        &["db", "check"],
        &["history", "1"],
    ] {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(!stdout.is_empty(), "{args:?}");
    }
    let (code, _, stderr) = run(&["note", "1", "x"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("database is read-only"), "{stderr}");
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}
