//! claimtrack's fuzz targets (see `fuzz/README.md`); the bodies are in `targets.rs`.

pub mod targets;
