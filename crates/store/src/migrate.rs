//! SQLite schema migrations: `migrations/sqlite/NNNN_*.sql` embedded at build time, applied in order, the
//! applied version recorded in `PRAGMA user_version` (after cargo's `src/cargo/util/sqlite.rs`).

use rusqlite::{Connection, TransactionBehavior};

use crate::{Result, StoreError};

/// Every migration as `(version, sql)`, versions contiguous from 1. Adding a schema change is
/// adding one line here and one `migrations/sqlite/NNNN_name.sql` file (and the same version in
/// `migrations/postgres/`, listed in `pg.rs`); never edit a landed file.
pub(crate) const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("../../../migrations/sqlite/0001_init.sql")),
    (
        2,
        include_str!("../../../migrations/sqlite/0002_workflow.sql"),
    ),
    (
        3,
        include_str!("../../../migrations/sqlite/0003_claimant.sql"),
    ),
    (
        4,
        include_str!("../../../migrations/sqlite/0004_factchecks.sql"),
    ),
    (
        5,
        include_str!("../../../migrations/sqlite/0005_claim_index.sql"),
    ),
    (
        6,
        include_str!("../../../migrations/sqlite/0006_rematch_pending.sql"),
    ),
];

/// Steps SQL cannot do, run right after a migration's SQL in the same transaction: version 2
/// fills the search index with folded text (computed in Rust).
fn after(version: u32, conn: &Connection) -> Result<()> {
    if version == 2 {
        crate::search::reindex_all(&mut crate::sqlite::LiteDb(conn))?;
    }
    Ok(())
}

/// The schema version this build creates and understands, on both engines: the last entry of
/// the migration list.
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Reads `PRAGMA user_version` (0 for a new database).
pub(crate) fn user_version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("user_version {v} is out of range")))
}

/// Refuses a database whose schema is newer than [`SCHEMA_VERSION`].
pub(crate) fn check_not_too_new(found: u32) -> Result<()> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Applies every migration newer than the database's `user_version`, all in one `BEGIN
/// IMMEDIATE` transaction with the version re-read under the write lock, so that two processes
/// opening a new database at once never both run the DDL: the second waits, then has nothing to
/// do. An interrupted migration leaves the previous version intact.
///
/// Errors: [`StoreError::TooNew`], [`StoreError::Busy`], or the SQLite error of a failing step.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let found = user_version(conn)?;
    check_not_too_new(found)?;
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    check_not_too_new(found)?;
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        tx.execute_batch(sql)?;
        after(*version, &tx)?;
        tx.pragma_update(None, "user_version", version)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_contiguously_from_one() {
        for (i, (version, sql)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*version as usize, i + 1, "migration list out of order");
            assert!(!sql.trim().is_empty(), "migration {version} is empty");
        }
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn too_new_is_refused_without_migrating() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err:?}");
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0);
    }
}
