//! One module per verb. Each `run` takes the parsed arguments, the [`Ctx`] and stdout, and
//! returns an error for `main` to print and map to an exit code.

pub mod change;
pub mod claims;
pub mod db;
pub mod evidence;
pub mod export;
pub mod history;
pub mod import;
pub mod lint;
pub mod note;
pub mod queue;
pub mod report;
pub mod search;
pub mod show;

use std::path::PathBuf;

use anyhow::Result;
use claimtrack_model::StoredClaim;
use claimtrack_store::Store;

use crate::json::ClaimJson;

/// What every command may need from the environment, resolved once in `main`.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The database file.
    pub db: PathBuf,
    /// Who is making changes (history `by`).
    pub by: String,
}

impl Ctx {
    /// Opens (creating and migrating it on first use) the database.
    pub fn open(&self) -> Result<Store> {
        Ok(Store::open(&self.db)?)
    }
}

/// The JSON objects of `claims`, each with its revision (read with the claim, so consistent).
pub fn claims_json(_store: &Store, claims: &[StoredClaim]) -> Result<Vec<ClaimJson>> {
    claims
        .iter()
        .map(|c| Ok(ClaimJson::new(c, c.revision)))
        .collect()
}
