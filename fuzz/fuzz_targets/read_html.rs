#![no_main]
//! Fuzz target `read_html`: see `claimtrack_fuzz::targets::read_html`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimtrack_fuzz::targets::read_html(data));
