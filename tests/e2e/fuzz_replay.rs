//! Replays every input under `fuzz/regressions/<target>/` through the fuzz target's body, on
//! stable Rust, so that CI covers every crash the fuzzers found (and the issue examples kept
//! there) without nightly or libFuzzer. See `fuzz/README.md`.

use std::path::Path;

#[path = "../../fuzz/src/targets.rs"]
mod targets;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 6] = [
    ("import_text", targets::import_text),
    ("read_html", targets::read_html),
    ("read_json", targets::read_json),
    ("lint_claimreview", targets::lint_claimreview),
    ("search_query", targets::search_query),
    ("read_factchecks", targets::read_factchecks),
];

#[test]
fn every_fuzz_regression_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    for (name, target) in TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{name}: no regression input");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let run = std::panic::catch_unwind(|| target(&data));
            assert!(run.is_ok(), "{name}: {} panics", file.display());
        }
    }
}
