#![no_main]
//! Fuzz target `import_text`: see `claimtrack_fuzz::targets::import_text`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimtrack_fuzz::targets::import_text(data));
