//! End-to-end tests of the `claimtrack` binary: one test binary, hermetic environment (a temp
//! directory holding the database, fixed clock `CLAIMTRACK_NOW`, fixed user, `NO_COLOR=1`,
//! no inherited `CLAIMTRACK_DB`).

mod batch;
mod claims;
mod conventions;
mod desk;
mod import;
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
