#![no_main]
//! Fuzz target `read_factchecks`: see `claimtrack_fuzz::targets::read_factchecks`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimtrack_fuzz::targets::read_factchecks(data));
