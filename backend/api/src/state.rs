//! What every handler shares: built once at start-up, outside `HttpServer::new`.

use shinko_db::DbPool;

use crate::auth::password::PasswordHasherPool;
use crate::auth::tokens::TokenKeys;

pub struct AppState {
    pub pool: DbPool,
    pub keys: TokenKeys,
    pub hasher: PasswordHasherPool,
}
