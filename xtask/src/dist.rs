//! `cargo xtask dist`: builds the release binary (`cargo build --release -p claimtrack-cli`) and
//! writes it, with its shell completions and manual page, to `target/dist/`:
//!
//! ```text
//! target/dist/claimtrack
//! target/dist/completions/claimtrack.bash  _claimtrack  claimtrack.fish  _claimtrack.ps1  claimtrack.elv
//! target/dist/man/claimtrack.1
//! ```
//!
//! The completions and the page are what the copied binary prints (`claimtrack completions
//! SHELL`, `claimtrack man`), so the distribution ships exactly what that binary documents.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// Each shell's completion file under `completions/`, named as the shell finds it once
/// installed (see the README's "Install").
pub const COMPLETIONS: &[(&str, &str)] = &[
    ("bash", "claimtrack.bash"),
    ("zsh", "_claimtrack"),
    ("fish", "claimtrack.fish"),
    ("powershell", "_claimtrack.ps1"),
    ("elvish", "claimtrack.elv"),
];

/// The manual page under `man/`.
pub const MAN_PAGE: &str = "claimtrack.1";

/// `cargo xtask dist [--out DIR]`: builds, then [`write`]s into `out`, by default `dist/` in
/// the target directory the release binary was built in (`target/dist`).
pub fn run(root: &Path, out: Option<PathBuf>) -> Result<()> {
    let exe = build_release(root)?;
    let out = match out {
        Some(out) => out,
        None => exe
            .parent()
            .and_then(Path::parent)
            .context("the release binary has no target directory")?
            .join("dist"),
    };
    for path in write(&exe, &out)? {
        println!("{}", path.display());
    }
    Ok(())
}

/// Runs `cargo build --release -p claimtrack-cli --bin claimtrack` in `root` (diagnostics on
/// stderr as usual) and returns the path of the binary it built.
pub(crate) fn build_release(root: &Path) -> Result<PathBuf> {
    let args = [
        "build",
        "--release",
        "-p",
        "claimtrack-cli",
        "--bin",
        "claimtrack",
        "--message-format=json-render-diagnostics",
    ];
    eprintln!("$ cargo {}", args[..6].join(" "));
    let output = Command::new(crate::run::cargo())
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo build --release")?;
    if !output.status.success() {
        bail!(
            "`cargo build --release -p claimtrack-cli` failed ({})",
            output.status
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|msg| msg["reason"] == "compiler-artifact" && msg["target"]["name"] == "claimtrack")
        .find_map(|msg| msg["executable"].as_str().map(PathBuf::from))
        .context("cargo build did not report the claimtrack binary")
}

/// Copies the binary `exe` into `out` and writes `out/completions/*` and `out/man/claimtrack.1`
/// from what the copy prints. Returns the paths written, binary first. Files already there are
/// replaced; nothing else in `out` is touched.
pub fn write(exe: &Path, out: &Path) -> Result<Vec<PathBuf>> {
    let completions = out.join("completions");
    let man = out.join("man");
    for dir in [out, &completions, &man] {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let name = exe.file_name().context("the binary has no file name")?;
    let binary = out.join(name);
    std::fs::copy(exe, &binary)
        .with_context(|| format!("cannot copy {} to {}", exe.display(), binary.display()))?;
    let mut written = vec![binary.clone()];

    let mut outputs: Vec<(Vec<&str>, PathBuf)> = COMPLETIONS
        .iter()
        .map(|(shell, file)| (vec!["completions", *shell], completions.join(file)))
        .collect();
    outputs.push((vec!["man"], man.join(MAN_PAGE)));
    for (args, path) in outputs {
        let text = output_of(&binary, &args)?;
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// What `binary args…` prints on stdout; an error when it fails or prints nothing.
fn output_of(binary: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let shown = format!("{} {}", binary.display(), args.join(" "));
    // A binary just copied may be briefly "text file busy" (ETXTBSY): a process forked in
    // another thread while the copy's write handle was open holds it until that child execs.
    // The known remedy is to retry for a moment.
    const ETXTBSY: i32 = 26;
    let mut attempt = 0;
    let output = loop {
        let run = Command::new(binary)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output();
        match run {
            Err(e) if e.raw_os_error() == Some(ETXTBSY) && attempt < 50 => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.with_context(|| format!("cannot run {shown}"))?,
        }
    };
    if !output.status.success() || output.stdout.is_empty() {
        bail!("`{shown}` failed ({}) or printed nothing", output.status);
    }
    Ok(output.stdout)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A stand-in for the binary that prints its arguments.
    fn fake_binary(dir: &Path) -> PathBuf {
        let exe = dir.join("claimtrack");
        std::fs::write(&exe, "#!/bin/sh\necho \"printed by: $*\"\n").unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        exe
    }

    #[test]
    fn writes_the_binary_then_what_it_prints() {
        let dir = tempfile::tempdir().unwrap();
        let exe = fake_binary(dir.path());
        let out = dir.path().join("target/dist");
        let written = write(&exe, &out).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.strip_prefix(&out).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "claimtrack",
                "completions/claimtrack.bash",
                "completions/_claimtrack",
                "completions/claimtrack.fish",
                "completions/_claimtrack.ps1",
                "completions/claimtrack.elv",
                "man/claimtrack.1",
            ]
        );
        let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
        assert_eq!(
            read("completions/_claimtrack"),
            "printed by: completions zsh\n"
        );
        assert_eq!(read("man/claimtrack.1"), "printed by: man\n");
        let mode = std::fs::metadata(out.join("claimtrack"))
            .unwrap()
            .permissions()
            .mode();
        assert_ne!(mode & 0o111, 0, "the copy stays executable");
        // Again, over the first run's files.
        assert_eq!(write(&exe, &out).unwrap(), written);
    }

    #[test]
    fn a_binary_that_fails_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("claimtrack");
        std::fs::write(&exe, "#!/bin/sh\nexit 2\n").unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let err = write(&exe, &dir.path().join("dist")).unwrap_err();
        assert!(
            err.to_string().contains("completions bash` failed"),
            "{err:#}"
        );
    }
}
