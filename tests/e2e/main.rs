//! End-to-end tests of the `claimtrack` binary: one test binary, hermetic environment (a temp
//! directory holding the database, fixed clock `CLAIMTRACK_NOW`, fixed user, `NO_COLOR=1`,
//! no inherited `CLAIMTRACK_DB`).

mod bad_metadata;
mod batch;
mod claims;
mod conventions;
mod database_files;
mod desk;
mod directories;
mod fuzz_replay;
mod import;
mod limits;
mod matching;
mod misc;
mod needs;
mod polish;
mod postgres;
mod reports;
mod safety;
mod score;
mod search;
mod shell;
mod terminal;
mod track;
mod util;
mod workflow;
