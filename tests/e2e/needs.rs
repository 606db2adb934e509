//! The rule for tests that need an outside program (`claimtrack_testkit::require`), tried on the
//! real browser test: this test binary runs itself with an empty `PATH`, so Chromium cannot be
//! found, once without `CI` (the test must pass and print one skip line) and once with `CI` set
//! (the test must fail, naming what is missing and how to install it).

use std::process::Command;

const BROWSER_TEST: &str = "reports::html_report_in_a_real_browser";

fn run_browser_test(ci: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(std::env::current_exe().expect("the test binary's path"));
    cmd.args([BROWSER_TEST, "--exact", "--test-threads=1"])
        .env("PATH", "")
        .env_remove("CLAIMTRACK_CHROMIUM")
        .env_remove("CI");
    if let Some(ci) = ci {
        cmd.env("CI", ci);
    }
    cmd.output().expect("the test binary runs")
}

#[test]
fn a_missing_browser_skips_with_one_line_when_ci_is_unset() {
    let out = run_browser_test(None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        stdout.contains("1 passed"),
        "the browser test ran and passed: {stdout}"
    );
    let skips: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("skipped: "))
        .collect();
    assert_eq!(
        skips,
        [
            "skipped: the HTML report browser test needs chromium; install it with `apt-get \
          update && apt-get install -y --no-install-recommends chromium` (.ci/run does this) or \
          set CLAIMTRACK_CHROMIUM"
        ],
        "stderr: {stderr}"
    );
}

#[test]
fn a_missing_browser_fails_when_ci_is_set() {
    for ci in ["true", "1"] {
        let out = run_browser_test(Some(ci));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "CI={ci}: passed\n{stdout}\n{stderr}");
        assert!(stdout.contains("1 failed"), "CI={ci}: {stdout}");
        assert!(
            stdout.contains("needs chromium") && stdout.contains("CI is set"),
            "CI={ci}: the failure names what is missing: {stdout}"
        );
        assert!(
            !stderr.contains("skipped: "),
            "CI={ci}: no skip line: {stderr}"
        );
    }
}
