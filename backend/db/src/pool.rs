//! The connection pool and the migrations. Every query of the product goes through diesel-async,
//! so no database call blocks the async executor.

use std::time::Duration;

use diesel_async::pooled_connection::deadpool::{BuildError, Object, Pool};
use diesel_async::pooled_connection::{AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod};
use diesel_async::AsyncPgConnection;
use diesel_async::RunQueryDsl;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub type DbPool = Pool<AsyncPgConnection>;
pub type DbConn = Object<AsyncPgConnection>;
pub use diesel_async::pooled_connection::deadpool::PoolError;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// How the pool behaves when the database is slow or gone.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    pub max_size: usize,
    /// How long a request waits for a free connection before it fails (and the API answers 503).
    pub wait_timeout: Duration,
    /// Upper bound for any single statement, so a stuck query cannot hold a connection forever.
    pub statement_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self { max_size: 10, wait_timeout: Duration::from_secs(5), statement_timeout: Duration::from_secs(30) }
    }
}

/// Builds a pool whose connections never name an audit actor (reads, jobs, the CLI). Connections
/// are opened lazily, so this succeeds while the database is down and the server recovers by
/// itself once it is back.
pub fn build_pool(database_url: &str, settings: &PoolSettings) -> Result<DbPool, BuildError> {
    let statement_timeout_ms = settings.statement_timeout.as_millis();
    let mut manager_config = ManagerConfig::<AsyncPgConnection>::default();
    // No query when a connection is handed out: a connection the server closed, or one a
    // cancelled request left inside a transaction, counts as broken and is replaced anyway
    // (`PoolableConnection::is_broken`). A check query per checkout cost the cached table a
    // round trip per request (bench/RESULTS.md).
    manager_config.recycling_method = RecyclingMethod::Fast;
    manager_config.custom_setup = Box::new(move |url| {
        let url = url.to_owned();
        Box::pin(async move {
            use diesel_async::{AsyncConnection, SimpleAsyncConnection};
            let mut conn = AsyncPgConnection::establish(&url).await?;
            conn.batch_execute(&format!("SET statement_timeout = {statement_timeout_ms}; SET TIME ZONE 'UTC'"))
                .await
                .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))?;
            Ok(conn)
        })
    });
    let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new_with_config(database_url, manager_config);
    Pool::builder(manager)
        .max_size(settings.max_size)
        .wait_timeout(Some(settings.wait_timeout))
        .create_timeout(Some(settings.wait_timeout))
        .recycle_timeout(Some(settings.wait_timeout))
        .runtime(deadpool::Runtime::Tokio1)
        .build()
}

diesel::define_sql_function!(fn set_config(setting: diesel::sql_types::Text, value: diesel::sql_types::Text, is_local: diesel::sql_types::Bool) -> diesel::sql_types::Text);

/// Connections that write on somebody's behalf: the audit triggers record the user named in the
/// connection's `shinko.actor_id` as the author of every change. A connection of this pool is
/// handed out only by [`WritePool::get`], which names the actor first, and connections of a
/// [`DbPool`] never name one; so a write can never be attributed to an earlier borrower, without
/// a reset query on every checkout.
#[derive(Clone)]
pub struct WritePool(DbPool);

impl WritePool {
    pub fn build(database_url: &str, settings: &PoolSettings) -> Result<Self, BuildError> {
        build_pool(database_url, settings).map(Self)
    }

    /// A connection whose writes are recorded as `actor_id`'s. A prepared statement (not
    /// `sql_query`, which diesel parses again on every call).
    pub async fn get(&self, actor_id: i64) -> Result<DbConn, PoolError> {
        let mut conn = self.0.get().await?;
        diesel::select(set_config("shinko.actor_id", actor_id.to_string(), false))
            .execute(&mut conn)
            .await
            .map_err(|e| PoolError::Backend(diesel_async::pooled_connection::PoolError::QueryError(e)))?;
        Ok(conn)
    }
}

/// Applies pending migrations. Diesel's migration runner is synchronous, so it runs on a blocking
/// thread with its own connection.
pub async fn run_migrations(database_url: &str) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let url = database_url.to_owned();
    tokio::task::spawn_blocking(move || {
        use diesel::Connection;
        use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
        let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)?;
        let applied = conn.run_pending_migrations(MIGRATIONS)?;
        Ok(applied.iter().map(|v| v.to_string()).collect())
    })
    .await?
}

/// Reverts every migration, newest first (used by the test that proves each down.sql works).
pub async fn revert_all_migrations(database_url: &str) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    let url = database_url.to_owned();
    tokio::task::spawn_blocking(move || {
        use diesel::Connection;
        use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
        let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)?;
        Ok(conn.revert_all_migrations(MIGRATIONS)?.len())
    })
    .await?
}
