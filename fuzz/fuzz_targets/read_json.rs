#![no_main]
//! Fuzz target `read_json`: see `claimtrack_fuzz::targets::read_json`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimtrack_fuzz::targets::read_json(data));
