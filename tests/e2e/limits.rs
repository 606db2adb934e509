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

/// An article over 8 MiB is streamed into the store (its claims never all in memory): it is
/// reported as a batch row, with its counts, and its claims are stored in order.
#[test]
fn a_long_article_is_streamed_and_reported_as_a_row() {
    let env = Env::new();
    let sentence = format!("{}.\n", "كلمة ".repeat(1000));
    let big = sentence.repeat(9 * 1024 * 1024 / sentence.len() + 1);
    let file = env.write("big.txt", &big);
    let rows = env.json(&["import", &file, "--format", "json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["status"], "imported");
    let n = rows[0]["claims"].as_u64().unwrap();
    let claims = env.json(&["claims", "--all", "--article", "1", "--format", "json"]);
    let claims = claims.as_array().unwrap();
    assert_eq!(claims.len() as u64, n);
    // In text order, each the text of its span.
    let mut end = 0;
    for c in claims {
        let (s, e) = (
            c["span"]["start"].as_u64().unwrap() as usize,
            c["span"]["end"].as_u64().unwrap() as usize,
        );
        assert!(s >= end);
        assert_eq!(c["text"].as_str().unwrap(), &big[s..e]);
        end = e;
    }
}
