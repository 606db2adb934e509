//! The PostgreSQL engine: connection (TLS with rustls), session settings, migrations from
//! `migrations/postgres/`, transactions with bounded retries, and [`Db`] over the `postgres`
//! crate with a per-connection statement cache.
//!
//! Writes run in READ COMMITTED transactions; the shared write logic reads the claim rows it
//! changes with `SELECT … FOR UPDATE`, so two writers serialise on each claim exactly as
//! SQLite's `BEGIN IMMEDIATE` serialises them on the file. A serialization failure, deadlock or
//! lock timeout (`lock_timeout` [`LOCK_TIMEOUT`] per attempt) rolls the attempt back and retries
//! it, up to [`MAX_ATTEMPTS`] times with exponential backoff and jitter (the `backon` crate),
//! then gives [`StoreError::Busy`].

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use backon::{BlockingRetryable, ExponentialBuilder};
use bytes::BytesMut;
use postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use postgres::{Client, IsolationLevel, NoTls, Statement};

use crate::db::{Db, Kind, Row, Val};
use crate::locator::{PgParams, PgUrl, SslMode};
use crate::migrate::{check_not_too_new, SCHEMA_VERSION};
use crate::{Result, StoreError};

/// How long one attempt waits for a row lock before it counts as busy.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(2);

/// Attempts of one write (the first plus retries) before [`StoreError::Busy`].
pub const MAX_ATTEMPTS: usize = 6;

/// Every PostgreSQL migration as `(version, sql)`. Versions are the store's schema versions,
/// shared with SQLite: the PostgreSQL schema starts at version 3 (the SQLite schema after
/// `0001`–`0003`), created by one baseline file. A later schema change adds one file to each
/// folder with the same number.
pub(crate) const MIGRATIONS: &[(u32, &str)] = &[
    (
        3,
        include_str!("../../../migrations/postgres/0003_baseline.sql"),
    ),
    (
        4,
        include_str!("../../../migrations/postgres/0004_factchecks.sql"),
    ),
    (
        5,
        include_str!("../../../migrations/postgres/0005_claim_index.sql"),
    ),
    (
        6,
        include_str!("../../../migrations/postgres/0006_rematch_pending.sql"),
    ),
];

/// The advisory lock key taken by migrations (`pg_advisory_xact_lock`): "claimtrk" in ASCII.
const MIGRATION_LOCK: i64 = 0x636c_6169_6d74_726b;

/// An open PostgreSQL connection and its prepared statements.
pub(crate) struct Pg {
    client: Client,
    cache: HashMap<String, Statement>,
    /// The URL, password masked, for messages.
    pub(crate) shown: String,
}

/// How a connection is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Migrate to [`SCHEMA_VERSION`] (creating the schema in an empty database).
    ReadWrite,
    /// The schema must be current; the session is read-only.
    ReadOnly,
}

impl Pg {
    /// Connects, sets the session up and (read-write) migrates.
    ///
    /// Errors: [`StoreError::Connect`] (unreachable, authentication, TLS), [`StoreError::TooNew`],
    /// [`StoreError::NoSchema`] (read-only on a database without the claimtrack schema),
    /// [`StoreError::SchemaOutdated`], [`StoreError::PermissionDenied`], [`StoreError::Postgres`].
    pub(crate) fn open(url: &PgUrl, mode: Mode) -> Result<Pg> {
        let shown = url.masked();
        let params = url.params()?;
        let client = connect(&params).map_err(|reason| StoreError::Connect {
            url: shown.clone(),
            reason,
        })?;
        let mut pg = Pg {
            client,
            cache: HashMap::new(),
            shown,
        };
        pg.client.batch_execute(&format!(
            "SET lock_timeout = '{}ms'; SET client_min_messages = warning",
            LOCK_TIMEOUT.as_millis()
        ))?;
        let found = pg.version()?;
        check_not_too_new(found)?;
        match mode {
            Mode::ReadOnly => {
                if found == 0 {
                    return Err(StoreError::NoSchema(pg.shown.clone()));
                }
                if found != SCHEMA_VERSION {
                    return Err(StoreError::SchemaOutdated {
                        found,
                        expected: SCHEMA_VERSION,
                    });
                }
                pg.client
                    .batch_execute("SET default_transaction_read_only = on")?;
            }
            Mode::ReadWrite => pg.migrate()?,
        }
        Ok(pg)
    }

    /// The schema version recorded in `claimtrack_schema` (0: no claimtrack schema).
    pub(crate) fn version(&mut self) -> Result<u32> {
        version(&mut self.client)
    }

    /// Applies every migration newer than the database in one transaction, under an advisory
    /// lock so that two processes migrating at once never both apply: the second waits, then
    /// re-reads the version and has nothing to do. A database newer than this build is refused
    /// before anything is written.
    fn migrate(&mut self) -> Result<()> {
        if self.version()? == SCHEMA_VERSION {
            return Ok(());
        }
        let mut tx = self.client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        let found = version(&mut tx)?;
        check_not_too_new(found)?;
        for (v, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO claimtrack_schema (version) VALUES ($1)",
                &[&i32::try_from(*v).unwrap_or(i32::MAX)],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` in a REPEATABLE READ, READ ONLY transaction: one consistent snapshot.
    pub(crate) fn read<T>(&mut self, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T> {
        let tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let mut db = PgDb {
            tx,
            cache: &mut self.cache,
        };
        let t = f(&mut db)?;
        db.tx.commit()?;
        Ok(t)
    }

    /// Runs `f` in a READ COMMITTED transaction, committing when it returns `(_, true)` and
    /// rolling back on `(_, false)` or an error; retried on [`StoreError::Busy`] (see the
    /// module docs).
    pub(crate) fn write<T>(
        &mut self,
        mut f: impl FnMut(&mut dyn Db) -> Result<(T, bool)>,
    ) -> Result<T> {
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(20))
            .with_max_delay(Duration::from_millis(1000))
            .with_max_times(MAX_ATTEMPTS - 1)
            .with_jitter();
        (|| self.write_once(&mut f))
            .retry(backoff)
            .sleep(std::thread::sleep)
            .when(|e| matches!(e, StoreError::Busy))
            .call()
    }

    fn write_once<T>(&mut self, f: &mut impl FnMut(&mut dyn Db) -> Result<(T, bool)>) -> Result<T> {
        let tx = self.client.transaction()?;
        let mut db = PgDb {
            tx,
            cache: &mut self.cache,
        };
        let (t, commit) = f(&mut db)?;
        if commit {
            db.tx.commit()?;
        } else {
            db.tx.rollback()?;
        }
        Ok(t)
    }
}

fn version(c: &mut impl postgres::GenericClient) -> Result<u32> {
    // A scan of the catalog with the statement's snapshot, not `to_regclass` (whose cached
    // "no such table" can outlive another process's commit while we wait for the advisory lock).
    let exists: bool = c
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables \
             WHERE tablename = 'claimtrack_schema' AND schemaname = current_schema())",
            &[],
        )?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let v: Option<i32> = c
        .query_one("SELECT max(version) FROM claimtrack_schema", &[])?
        .get(0);
    let v = v.unwrap_or(0);
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("schema version {v}")))
}

/// Connects with the resolved parameters; TLS per `sslmode` (see [`SslMode`]). The error is
/// the reason in words (the driver's message, or the certificate file's problem).
fn connect(p: &PgParams) -> std::result::Result<Client, String> {
    let mut config = postgres::Config::new();
    config
        .host(&p.host)
        .port(p.port)
        .user(&p.user)
        .dbname(&p.dbname)
        .application_name(&p.application_name)
        .connect_timeout(p.connect_timeout);
    if let Some(pw) = &p.password {
        config.password(pw);
    }
    let reason = |e: postgres::Error| {
        let mut msg = e.to_string();
        let mut src = std::error::Error::source(&e);
        while let Some(s) = src {
            let m = s.to_string();
            if !msg.contains(&m) {
                msg = format!("{msg}: {m}");
            }
            src = s.source();
        }
        msg
    };
    if p.sslmode == SslMode::Disable || p.host.starts_with('/') {
        config.ssl_mode(postgres::config::SslMode::Disable);
        return config.connect(NoTls).map_err(reason);
    }
    config.ssl_mode(match p.sslmode {
        SslMode::Prefer => postgres::config::SslMode::Prefer,
        _ => postgres::config::SslMode::Require,
    });
    let tls = tls_config(p)?;
    config
        .connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls))
        .map_err(reason)
}

fn tls_config(p: &PgParams) -> std::result::Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    if p.sslmode == SslMode::VerifyFull {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        if let Some(path) = &p.sslrootcert {
            use rustls::pki_types::pem::PemObject;
            let certs = rustls::pki_types::CertificateDer::pem_file_iter(path)
                .map_err(|e| format!("sslrootcert {}: {e}", path.display()))?;
            for cert in certs {
                let cert = cert.map_err(|e| format!("sslrootcert {}: {e}", path.display()))?;
                roots
                    .add(cert)
                    .map_err(|e| format!("sslrootcert {}: {e}", path.display()))?;
            }
        }
        Ok(builder.with_root_certificates(roots).with_no_client_auth())
    } else {
        Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerify(provider)))
            .with_no_client_auth())
    }
}

/// libpq's `sslmode=require`/`prefer`: encrypt, do not verify the certificate (the handshake
/// signatures are still checked).
#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> std::result::Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// [`Db`] inside one PostgreSQL transaction.
struct PgDb<'a> {
    tx: postgres::Transaction<'a>,
    cache: &'a mut HashMap<String, Statement>,
}

impl PgDb<'_> {
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.cache.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql)?;
        // Multi-row INSERTs vary in size; keep the cache bounded.
        if self.cache.len() > 256 {
            self.cache.clear();
        }
        self.cache.insert(sql.to_owned(), s.clone());
        Ok(s)
    }
}

impl Db for PgDb<'_> {
    fn kind(&self) -> Kind {
        Kind::Postgres
    }

    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        Ok(self.tx.execute(&stmt, &refs)?)
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>> {
        let stmt = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        let rows = self.tx.query(&stmt, &refs)?;
        rows.iter().map(read_row).collect()
    }
}

fn read_row(r: &postgres::Row) -> Result<Row> {
    let mut out = Vec::with_capacity(r.len());
    for (i, col) in r.columns().iter().enumerate() {
        let ty = col.type_();
        let v = if *ty == Type::INT8 {
            r.try_get::<_, Option<i64>>(i)?.map(Val::Int)
        } else if *ty == Type::INT4 {
            r.try_get::<_, Option<i32>>(i)?.map(|v| Val::Int(v.into()))
        } else if *ty == Type::INT2 {
            r.try_get::<_, Option<i16>>(i)?.map(|v| Val::Int(v.into()))
        } else if *ty == Type::FLOAT8 {
            r.try_get::<_, Option<f64>>(i)?.map(Val::Real)
        } else if *ty == Type::FLOAT4 {
            r.try_get::<_, Option<f32>>(i)?.map(|v| Val::Real(v.into()))
        } else if *ty == Type::BOOL {
            r.try_get::<_, Option<bool>>(i)?.map(Val::Bool)
        } else {
            r.try_get::<_, Option<String>>(i)
                .map_err(|e| StoreError::Corrupt(format!("column {}: {e}", col.name())))?
                .map(Val::Text)
        };
        out.push(v.unwrap_or(Val::Null));
    }
    Ok(Row(out))
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for Val {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        match self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*v)?.to_sql(ty, out),
                Type::FLOAT8 => (*v as f64).to_sql(ty, out),
                Type::BOOL => (*v != 0).to_sql(ty, out),
                _ => v.to_string().as_str().to_sql(ty, out),
            },
            Val::Real(v) => match *ty {
                Type::FLOAT4 => (*v as f32).to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Val::Text(s) => s.as_str().to_sql(ty, out),
            Val::Bool(b) => match *ty {
                Type::BOOL => b.to_sql(ty, out),
                Type::INT8 => i64::from(*b).to_sql(ty, out),
                Type::INT4 => i32::from(*b).to_sql(ty, out),
                _ => b.to_sql(ty, out),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}
