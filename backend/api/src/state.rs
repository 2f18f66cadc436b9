//! What every handler shares: built once at start-up, outside `HttpServer::new`.

use shinko_db::{DbConn, DbPool, WritePool};

use crate::auth::device::DeviceKey;
use crate::auth::password::PasswordHasherPool;
use crate::auth::secret_box::SecretBox;
use crate::auth::tokens::TokenKeys;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::table_cache::TableCache;

pub struct AppState {
    /// Reading (and the few writes no user makes, such as an API token's last use).
    pub pool: DbPool,
    /// Writing on a user's behalf, for the audit log (see [`WritePool`]).
    pub write_pool: WritePool,
    pub keys: TokenKeys,
    pub hasher: PasswordHasherPool,
    /// Admins must have a TOTP second factor in force before they act as admins.
    pub require_admin_mfa: bool,
    /// Compiled tables, shared by the workers.
    pub tables: TableCache,
    /// Seals and opens the TOTP secrets stored in the database.
    pub secrets: SecretBox,
    /// Signs the device cookies of the login limiter.
    pub device_key: DeviceKey,
    /// The server is reached over TLS only: cookies are marked Secure.
    pub behind_tls: bool,
    /// A session without a request for this long has ended.
    pub session_idle: chrono::TimeDelta,
}

impl AppState {
    /// A connection for reading.
    pub async fn conn(&self) -> Result<DbConn, ApiError> {
        Ok(self.pool.get().await?)
    }

    /// A connection for writing on behalf of `actor`: the audit log's triggers record them as the
    /// author of every change made through it.
    pub async fn write_conn(&self, actor: &AuthUser) -> Result<DbConn, ApiError> {
        self.write_conn_for(actor.user.id).await
    }

    /// Like [`Self::write_conn`], for a user who is not signed in yet (login).
    pub async fn write_conn_for(&self, user_id: i64) -> Result<DbConn, ApiError> {
        Ok(self.write_pool.get(user_id).await?)
    }
}
