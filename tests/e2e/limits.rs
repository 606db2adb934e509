//! Issue #14 item 3: every input has a maximum size, enforced while reading.

use crate::util::Env;

/// `lint-claimreview /dev/zero` grew to 24 GB: every reader stops at the limit with exit 1.
#[test]
fn endless_inputs_stop_at_the_size_limit() {
    let env = Env::new();
    for args in [
        &["lint-claimreview", "/dev/zero"][..],
        &["score", "/dev/zero"],
        &["score", "--article", "/dev/zero"],
        &["import", "/dev/zero"],
    ] {
        let err = env.fails(args, 1);
        assert!(
            err.contains("/dev/zero is larger than the 64 MiB limit on an input"),
            "{args:?}: {err}"
        );
    }
    // the fact-check library's reader has its own, larger limit (a Data Commons feed is big)
    let err = env.fails(&["factchecks", "import", "/dev/zero"], 1);
    assert!(
        err.contains("/dev/zero is larger than the 256 MiB limit on an input"),
        "{err}"
    );
    // stdin too, and nothing was stored
    let zeros = vec![b'a'; 64 * 1024 * 1024 + 1];
    let out = env
        .cmd()
        .args(["import", "-"])
        .write_stdin(zeros)
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("<stdin> is larger than the 64 MiB limit"),
        "{err}"
    );
    assert!(
        !env.db.exists()
            || env.json(&["claims", "--all", "--format", "json"]) == serde_json::json!([])
    );
}

/// A sidecar has its own, smaller limit.
#[test]
fn an_oversized_sidecar_is_refused() {
    let env = Env::new();
    let file = env.write("a.txt", "قال الوزير إن النمو بلغ 3 في المائة سنة 2023.\n");
    let pad = " ".repeat(1024 * 1024);
    env.write("a.meta.json", format!("{{\"title\": \"t\"}}{pad}"));
    let err = env.fails(&["import", &file], 1);
    assert!(
        err.contains("a.meta.json is larger than the 1 MiB limit"),
        "{err}"
    );
}

/// A sidecar that is a FIFO or a link to `/dev/zero` was ignored with exit 0 (a FIFO could block
/// the import): it is an error naming the sidecar, and nothing is stored.
#[test]
fn a_sidecar_that_is_not_a_regular_file_is_an_error() {
    let env = Env::new();
    let article = env.write("a.txt", "قال الوزير إن النمو بلغ 3 في المائة سنة 2023.\n");
    let side = env.dir.path().join("a.meta.json");
    std::os::unix::fs::symlink("/dev/zero", &side).unwrap();
    let err = env.fails(&["import", &article], 1);
    assert!(
        err.contains(&format!(
            "cannot read metadata {}: a device, not a regular file",
            side.display()
        )),
        "{err}"
    );
    std::fs::remove_file(&side).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(&side)
        .status()
        .unwrap()
        .success());
    let err = env.fails(&["import", &article], 1);
    assert!(
        err.contains("a FIFO (named pipe), not a regular file"),
        "{err}"
    );
    std::fs::remove_file(&side).unwrap();
    std::os::unix::fs::symlink("missing.json", &side).unwrap();
    let err = env.fails(&["import", &article], 1);
    assert!(err.contains("cannot read metadata"), "{err}");
    assert!(!env.db.exists(), "nothing stored");
}

/// Memory of an import grows with the article (its claims are stored in one transaction), up to
/// ~120 bytes per byte for text made of very short lines: an article over 16 MiB is refused with
/// the reason, nothing stored; the other articles of a batch are imported.
#[test]
fn an_article_over_16_mib_is_refused() {
    let env = Env::new();
    let line = "بلغ 7.\n";
    let big = line.repeat(16 * 1024 * 1024 / line.len() + 1);
    let file = env.write("big.txt", &big);
    let err = env.fails(&["import", &file], 1);
    assert!(
        err.contains("more than the 16 MiB an article may have"),
        "{err}"
    );
    assert!(!env.db.exists(), "nothing stored");
    let small = env.write(
        "small.txt",
        "قال الوزير إن النمو بلغ 3 في المائة سنة 2023.\n",
    );
    let err = env.fails(&["import", &file, &small], 1);
    assert!(
        err.contains("1 of 2 articles could not be imported"),
        "{err}"
    );
    assert!(!env
        .json(&["claims", "--all", "--format", "json"])
        .as_array()
        .unwrap()
        .is_empty());
}
