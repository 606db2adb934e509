#![no_main]
//! Fuzz target `search_query`: see `claimtrack_fuzz::targets::search_query`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimtrack_fuzz::targets::search_query(data));
