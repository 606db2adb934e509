#![no_main]
//! Fuzz target `lint_claimreview`: see `claimtrack_fuzz::targets::lint_claimreview`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimtrack_fuzz::targets::lint_claimreview(data));
