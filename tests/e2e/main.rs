//! End-to-end tests of the `claimtrack` binary: one test binary, hermetic environment (a temp
//! directory holding the database, fixed clock `CLAIMTRACK_NOW`, fixed user, `NO_COLOR=1`,
//! no inherited `CLAIMTRACK_DB`).

mod claims;
mod import;
mod misc;
mod safety;
mod track;
mod util;
