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

/// A fresh database that other connections can open too: a SQLite file in a temporary folder,
/// or a fresh PostgreSQL database. `locator` is what `Store::open` takes (a path or a URL).
pub struct SharedDb {
    pub locator: String,
    _dir: Option<tempfile::TempDir>,
    _db: Option<TestDb>,
}

impl Engine {
    /// A fresh [`SharedDb`] on this engine, for tests with several connections at once.
    pub fn shared(self) -> SharedDb {
        match self {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("claims.db");
                SharedDb {
                    locator: path.to_str().expect("a UTF-8 temp path").to_owned(),
                    _dir: Some(dir),
                    _db: None,
                }
            }
            Engine::Postgres => {
                let db = claimtrack_testkit::pg::fresh_db().expect("guarded by available()");
                SharedDb {
                    locator: db.url().to_owned(),
                    _dir: None,
                    _db: Some(db),
                }
            }
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
