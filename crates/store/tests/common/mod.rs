//! One test suite, two engines: [`on_both_engines!`] turns each `fn name(e: Engine)` into a
//! `sqlite::name` and a `postgres::name` test. The PostgreSQL variant gets a fresh database of
//! its own (claimtrack_testkit::pg) and is skipped (one line per test binary) or fails under CI
//! when no server answers.

#![allow(dead_code)]

use std::ops::{Deref, DerefMut};

use claimtrack_store::Store;
use claimtrack_testkit::pg::TestDb;

/// The engine a parametrised test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// An in-memory SQLite database.
    Sqlite,
    /// A fresh PostgreSQL database.
    Postgres,
}

/// A store plus what keeps its database alive (dropped after the store).
pub struct TestStore {
    pub store: Store,
    pub db: Option<TestDb>,
}

impl Deref for TestStore {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl DerefMut for TestStore {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

impl TestStore {
    /// The PostgreSQL URL of this store's database (`None` on SQLite).
    pub fn url(&self) -> Option<&str> {
        self.db.as_ref().map(TestDb::url)
    }

    /// Another connection to the same database (PostgreSQL only).
    pub fn reopen(&self) -> Store {
        Store::open(self.url().expect("reopen needs PostgreSQL")).unwrap()
    }
}

impl Engine {
    /// A fresh, empty, migrated store on this engine.
    pub fn open(self) -> TestStore {
        match self {
            Engine::Sqlite => TestStore {
                store: Store::open_in_memory().unwrap(),
                db: None,
            },
            Engine::Postgres => {
                let db = claimtrack_testkit::pg::fresh_db().expect("guarded by available()");
                TestStore {
                    store: Store::open(db.url()).unwrap(),
                    db: Some(db),
                }
            }
        }
    }

    /// Whether this engine can run here (PostgreSQL: a server answers; see testkit).
    pub fn available(self) -> bool {
        match self {
            Engine::Sqlite => true,
            Engine::Postgres => claimtrack_testkit::pg::server().is_some(),
        }
    }
}

/// `on_both_engines!(a, b)` defines tests `sqlite::a`, `postgres::a`, `sqlite::b`, … calling
/// `a(Engine::Sqlite)`, `a(Engine::Postgres)`, ….
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name($crate::common::Engine::Sqlite)
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if $crate::common::Engine::Postgres.available() {
                        super::$name($crate::common::Engine::Postgres)
                    }
                }
            )*
        }
    };
}
