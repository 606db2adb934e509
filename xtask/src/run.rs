//! `cargo xtask ci` and `cargo xtask demo`: thin sequences of cargo invocations.
//!
//! Each step runs in the workspace root with inherited stdin/stdout/stderr (output streams as
//! it is produced); the first failing step stops the sequence with an error naming it.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The cargo that runs us (`$CARGO`, set by `cargo run`), else `cargo` from `PATH`.
pub fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Runs `cargo <args>` in `root`, echoing the command first; an error if it does not succeed.
fn cargo_step(root: &Path, args: &[&OsString]) -> Result<()> {
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let shown = format!("cargo {}", shown.join(" "));
    eprintln!("$ {shown}");
    let status = Command::new(cargo())
        .args(args)
        .current_dir(root)
        .status()
        .with_context(|| format!("cannot run `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// The steps of `cargo xtask ci`, in order (also what `.ci/run` runs).
pub const CI_STEPS: &[&[&str]] = &[
    &["fmt", "--all", "--", "--check"],
    &[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ],
    &["test", "--workspace"],
];

/// `cargo xtask ci`: every [`CI_STEPS`] entry, stopping at the first failure.
pub fn ci(root: &Path) -> Result<()> {
    for step in CI_STEPS {
        let args = os(step);
        cargo_step(root, &args.iter().collect::<Vec<_>>())?;
    }
    eprintln!("ci: all steps passed");
    Ok(())
}

/// `cargo xtask demo`: imports `seed` (relative to `root`) into `db` with the CLI, then lists
/// its check-worthy claims. Importing twice is harmless (the store de-duplicates by content).
pub fn demo(root: &Path, db: &Path, seed: &str) -> Result<()> {
    let cli = os(&["run", "-q", "-p", "claimtrack-cli", "--", "--db"]);
    let db = OsString::from(db);
    for tail in [os(&["import", seed]), os(&["claims"])] {
        let args: Vec<&OsString> = cli.iter().chain([&db]).chain(tail.iter()).collect();
        cargo_step(root, &args)?;
    }
    Ok(())
}
