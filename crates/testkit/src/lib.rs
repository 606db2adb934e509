//! Test support shared by claimtrack's test suites (a dev-dependency only; nothing here ships).
//!
//! [`require`] is the one rule for a test that needs something outside Rust — a program such as
//! Chromium, tmux or groff, or a server such as PostgreSQL:
//! - found: the test runs;
//! - missing and the `CI` variable unset (a developer's or a new user's machine): the test prints
//!   one line `skipped: <what> needs <program>; <how to install>` on stderr and passes, so the
//!   README's test command passes on a fresh machine;
//! - missing and `CI` set: the test fails with the same text, because `.ci/run` installs
//!   everything and a skip there would hide a missing install step.
//!
//! [`pg`] applies the rule to PostgreSQL: it finds the server named by `CLAIMTRACK_TEST_PG`
//! and gives each test a fresh database, dropped when the test ends.
//!
//! The skip line is written to the process's stderr handle directly, not through `eprintln!`,
//! so libtest's output capture does not hide it.

#![warn(missing_docs)]

pub mod pg;

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::PathBuf;

/// The environment variable that marks a CI run (set by `.ci/run`'s caller and by every common
/// CI service). Set and not empty, `0` or `false` (any case): missing needs fail.
pub const CI_VAR: &str = "CI";

/// True when the current process runs under CI (see [`CI_VAR`]).
pub fn ci() -> bool {
    ci_from(std::env::var_os(CI_VAR).as_deref())
}

/// [`ci`] for a given value of the `CI` variable (`None`: unset).
pub fn ci_from(value: Option<&OsStr>) -> bool {
    match value.and_then(OsStr::to_str) {
        None => value.is_some_and(|v| !v.is_empty()),
        Some(v) => {
            let v = v.trim();
            !(v.is_empty() || v == "0" || v.eq_ignore_ascii_case("false"))
        }
    }
}

/// What a test should do about one need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision<T> {
    /// The need is met: run with this (a program's path, a server's URL…).
    Run(T),
    /// Missing, not under CI: print this line (starts with `skipped: `) and pass.
    Skip(String),
    /// Missing under CI: fail with this message.
    Fail(String),
}

/// Decides what to do about a need: `found` is what the lookup gave (`None`: missing), `what`
/// names the test or group (`the HTML report test`), `needs` the missing program or server
/// (`chromium`), `how` the way to get it (`apt-get install -y chromium`), `ci` whether this is a
/// CI run. Pure, so the rule itself can be tested.
pub fn decide<T>(found: Option<T>, what: &str, needs: &str, how: &str, ci: bool) -> Decision<T> {
    match found {
        Some(t) => Decision::Run(t),
        None if ci => Decision::Fail(format!(
            "{what} needs {needs}, which is missing, and CI is set (CI must run every test; \
             .ci/run installs it): {how}"
        )),
        None => Decision::Skip(format!("skipped: {what} needs {needs}; {how}")),
    }
}

/// Applies [`decide`] with the process's `CI`: returns `Some(t)` to run, prints the skip line and
/// returns `None` to skip, panics (fails the test) under CI.
pub fn require<T>(found: Option<T>, what: &str, needs: &str, how: &str) -> Option<T> {
    match decide(found, what, needs, how, ci()) {
        Decision::Run(t) => Some(t),
        Decision::Skip(line) => {
            // Straight to the stderr handle: libtest captures `eprintln!`, not this.
            let _ = writeln!(std::io::stderr(), "{line}");
            None
        }
        Decision::Fail(msg) => panic!("{msg}"),
    }
}

/// Finds an executable file named one of `names` in the directories of `path` (a `PATH`-style
/// list; `None` or empty: not found). The first directory, then the first name, wins.
pub fn find_program(names: &[&str], path: Option<&OsStr>) -> Option<PathBuf> {
    let path = path.filter(|p| !p.is_empty())?;
    std::env::split_paths(path)
        .find_map(|dir| names.iter().map(|n| dir.join(n)).find(|p| is_executable(p)))
}

/// [`find_program`] on the process's `PATH`, unless the variable `override_var` names a binary
/// (e.g. `CLAIMTRACK_CHROMIUM`), which then wins.
pub fn program(names: &[&str], override_var: Option<&str>) -> Option<PathBuf> {
    if let Some(p) = override_var
        .and_then(std::env::var_os)
        .filter(|p| !p.is_empty())
    {
        return Some(PathBuf::from(p));
    }
    let path: Option<OsString> = std::env::var_os("PATH");
    find_program(names, path.as_deref())
}

/// `Some(path)` of a program on `PATH` (or named by `override_var`), or the skip/fail of
/// [`require`] with `how` as the install hint.
pub fn require_program(
    what: &str,
    names: &[&str],
    override_var: Option<&str>,
    how: &str,
) -> Option<PathBuf> {
    require(program(names, override_var), what, names[0], how)
}

#[cfg(unix)]
fn is_executable(p: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &std::path::Path) -> bool {
    p.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_values() {
        assert!(!ci_from(None));
        assert!(!ci_from(Some(OsStr::new(""))));
        assert!(!ci_from(Some(OsStr::new("0"))));
        assert!(!ci_from(Some(OsStr::new("False"))));
        assert!(ci_from(Some(OsStr::new("true"))));
        assert!(ci_from(Some(OsStr::new("1"))));
    }

    #[test]
    fn missing_skips_locally_and_fails_in_ci() {
        let how = "apt-get install -y chromium";
        assert_eq!(
            decide(None::<()>, "the browser test", "chromium", how, false),
            Decision::Skip(
                "skipped: the browser test needs chromium; apt-get install -y chromium".into()
            )
        );
        match decide(None::<()>, "the browser test", "chromium", how, true) {
            Decision::Fail(msg) => assert!(msg.contains("chromium") && msg.contains(how), "{msg}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(decide(Some(7), "t", "p", how, true), Decision::Run(7));
        assert_eq!(decide(Some(7), "t", "p", how, false), Decision::Run(7));
    }

    #[test]
    fn lookup_with_an_empty_path_finds_nothing() {
        assert_eq!(find_program(&["sh"], None), None);
        assert_eq!(find_program(&["sh"], Some(OsStr::new(""))), None);
        let dir = std::env::temp_dir();
        // A directory on PATH without the program.
        assert_eq!(
            find_program(&["no-such-program-claimtrack"], Some(dir.as_os_str())),
            None
        );
    }

    #[cfg(unix)]
    #[test]
    fn lookup_finds_an_executable_and_skips_a_plain_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("claimtrack-testkit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let plain = dir.join("tool-a");
        std::fs::write(&plain, "").unwrap();
        std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o644)).unwrap();
        let exe = dir.join("tool-b");
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(find_program(&["tool-a"], Some(dir.as_os_str())), None);
        assert_eq!(
            find_program(&["tool-a", "tool-b"], Some(dir.as_os_str())),
            Some(exe)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
