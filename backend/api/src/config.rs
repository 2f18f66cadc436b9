//! Configuration: one typed struct read from the environment (documented in `.env.example`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use shinko_db::PoolSettings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppEnv {
    Development,
    Production,
}

#[derive(Clone)]
pub struct Config {
    pub app_env: AppEnv,
    pub database_url: String,
    pub bind_addr: SocketAddr,
    /// Folder with the built SPA (index.html and assets); served at `/` when it exists.
    pub static_dir: Option<PathBuf>,
    pub pool: PoolSettings,
    pub jwt: JwtSettings,
    /// Most password hashes computed at once; each holds 19 MiB, so a login storm stays bounded.
    pub max_concurrent_hashes: usize,
    /// HTTP worker threads (default: one per core).
    pub http_workers: Option<usize>,
}

#[derive(Clone)]
pub struct JwtSettings {
    pub secret: Vec<u8>,
    pub issuer: String,
    pub audience: String,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
}

impl std::fmt::Debug for JwtSettings {
    // The secret must never reach a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtSettings")
            .field("secret", &"<redacted>")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("access_ttl", &self.access_ttl)
            .field("refresh_ttl", &self.refresh_ttl)
            .finish()
    }
}

/// A configuration value that is missing or wrong; the message names the variable.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

/// The longest access token lifetime we allow (the security requirement is ≤ 15 minutes).
pub const MAX_ACCESS_TTL: Duration = Duration::from_secs(15 * 60);
/// HS256 keys shorter than the hash output (256 bits) weaken the signature.
pub const MIN_SECRET_BYTES: usize = 32;

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads the configuration through `lookup`, so tests can supply values without touching the
    /// process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |key: &str, default: &str| lookup(key).filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_owned());
        let parse_u64 = |key: &str, default: u64| -> Result<u64, ConfigError> {
            get(key, &default.to_string()).parse().map_err(|_| ConfigError(format!("{key} must be a whole number")))
        };

        let app_env = match get("APP_ENV", "development").as_str() {
            "development" => AppEnv::Development,
            "production" => AppEnv::Production,
            other => return Err(ConfigError(format!("APP_ENV must be development or production, not {other:?}"))),
        };
        let database_url = lookup("DATABASE_URL").filter(|v| !v.is_empty()).ok_or_else(|| ConfigError("DATABASE_URL is required".into()))?;
        let bind_addr = get("BIND_ADDR", "127.0.0.1:8080")
            .parse()
            .map_err(|_| ConfigError("BIND_ADDR must be host:port, e.g. 127.0.0.1:8080".into()))?;
        let static_dir = lookup("STATIC_DIR").filter(|v| !v.is_empty()).map(PathBuf::from);

        let secret = lookup("JWT_SECRET").unwrap_or_default().into_bytes();
        if secret.len() < MIN_SECRET_BYTES {
            return Err(ConfigError(format!("JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes (256 bits)")));
        }
        let access_ttl = Duration::from_secs(parse_u64("ACCESS_TOKEN_TTL_SECONDS", 900)?);
        if access_ttl > MAX_ACCESS_TTL || access_ttl.is_zero() {
            return Err(ConfigError("ACCESS_TOKEN_TTL_SECONDS must be between 1 and 900".into()));
        }
        let refresh_ttl = Duration::from_secs(parse_u64("REFRESH_TOKEN_TTL_SECONDS", 14 * 24 * 3600)?);

        let pool = PoolSettings {
            max_size: parse_u64("DB_POOL_SIZE", 10)? as usize,
            wait_timeout: Duration::from_millis(parse_u64("DB_POOL_WAIT_MS", 5000)?),
            statement_timeout: Duration::from_millis(parse_u64("DB_STATEMENT_TIMEOUT_MS", 30_000)?),
        };

        Ok(Self {
            app_env,
            database_url,
            bind_addr,
            static_dir,
            pool,
            jwt: JwtSettings {
                secret,
                issuer: get("JWT_ISSUER", "shinko"),
                audience: get("JWT_AUDIENCE", "shinko-api"),
                access_ttl,
                refresh_ttl,
            },
            max_concurrent_hashes: parse_u64("MAX_CONCURRENT_PASSWORD_HASHES", 4)?.max(1) as usize,
            http_workers: match lookup("HTTP_WORKERS").filter(|v| !v.is_empty()) {
                Some(v) => Some(v.parse().ok().filter(|n| *n > 0).ok_or_else(|| ConfigError("HTTP_WORKERS must be a positive whole number".into()))?),
                None => None,
            },
        })
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("app_env", &self.app_env)
            .field("database_url", &"<redacted>")
            .field("bind_addr", &self.bind_addr)
            .field("static_dir", &self.static_dir)
            .field("pool", &self.pool)
            .field("jwt", &self.jwt)
            .finish()
    }
}
