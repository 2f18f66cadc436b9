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

impl AppEnv {
    /// `APP_ENV` as `lookup` gives it: the one place that reads it (the server's settings, the
    /// log format and the demo-account guard of `shinko seed` all ask here).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        match lookup("APP_ENV").filter(|v| !v.is_empty()).as_deref() {
            None | Some("development") => Ok(Self::Development),
            Some("production") => Ok(Self::Production),
            Some(other) => Err(ConfigError(format!("APP_ENV must be development or production, not {other:?}"))),
        }
    }

    /// `APP_ENV` from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }
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
    /// Origins allowed to call the API from a browser (CORS); empty = same origin only.
    pub cors_origins: Vec<String>,
    /// Login throttling.
    pub login_limits: crate::ratelimit::LoginLimits,
    /// Admins act as admins only with a TOTP second factor (default: on in production).
    pub require_admin_mfa: bool,
    /// The SMTP relay notifications are mailed through; None: no mail (in-app notifications only).
    pub smtp: Option<SmtpSettings>,
    /// When the 締切間近 notifications go out.
    pub notifications: NotificationSettings,
    /// A session without a request for this long has ended (`SESSION_IDLE_TIMEOUT_SECONDS`).
    pub session_idle_timeout: Duration,
    /// The key TOTP secrets are sealed with at rest (`TOTP_SECRET_KEY`); required in production.
    pub totp_key: Option<crate::auth::secret_box::SecretKey>,
    /// The key before the last rotation (`TOTP_SECRET_KEY_PREVIOUS`): still opens, never seals.
    pub totp_key_previous: Option<crate::auth::secret_box::SecretKey>,
    /// The server is reached only over TLS (through a proxy that terminates it): responses tell
    /// browsers so (HSTS).
    pub behind_tls: bool,
}

/// How mail leaves the server.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    /// The sender, e.g. `進行管理 <shinko@city.example.jp>`.
    pub from: String,
    /// Credentials for SMTP AUTH, when the relay wants them.
    pub username: Option<String>,
    pub password: Option<String>,
    pub tls: SmtpTls,
}

/// Encryption of the SMTP connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (a relay inside the city's network).
    None,
    /// Upgrade with STARTTLS (required: the mail is not sent if the relay does not offer it).
    StartTls,
}

impl std::fmt::Debug for SmtpSettings {
    // The password must never reach a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("from", &self.from)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("tls", &self.tls)
            .finish()
    }
}

/// The background check that tells departments a deadline is near.
#[derive(Debug, Clone)]
pub struct NotificationSettings {
    /// How often `shinko serve` runs the check; None disables it.
    pub deadline_check_interval: Option<Duration>,
    /// A period's deadline counts as near this many days ahead (and on the day itself).
    pub deadline_notice_days: u32,
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

/// A 256-bit key given as base64, if the variable is set.
fn secret_key(
    lookup: &impl Fn(&str) -> Option<String>,
    key: &str,
) -> Result<Option<crate::auth::secret_box::SecretKey>, ConfigError> {
    match lookup(key).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => crate::auth::secret_box::SecretKey::from_base64(&text)
            .map(Some)
            .ok_or_else(|| ConfigError(format!("{key} must be 32 bytes in base64 (openssl rand -base64 32)"))),
    }
}

impl Config {
    /// The sealer of TOTP secrets: the configured key, or in development one derived from the
    /// token secret (production refuses to start without its own key).
    pub fn secret_box(&self) -> crate::auth::secret_box::SecretBox {
        use crate::auth::secret_box::{SecretBox, SecretKey};
        let current = self.totp_key.clone().unwrap_or_else(|| SecretKey::derived_for_development(&self.jwt.secret));
        SecretBox::new(&current, self.totp_key_previous.as_ref())
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads the configuration through `lookup`, so tests can supply values without touching the
    /// process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get =
            |key: &str, default: &str| lookup(key).filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_owned());
        let parse_u64 = |key: &str, default: u64| -> Result<u64, ConfigError> {
            get(key, &default.to_string()).parse().map_err(|_| ConfigError(format!("{key} must be a whole number")))
        };

        let app_env = AppEnv::from_lookup(&lookup)?;
        let database_url = lookup("DATABASE_URL")
            .filter(|v| !v.is_empty())
            .ok_or_else(|| ConfigError("DATABASE_URL is required".into()))?;
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

        let smtp = match lookup("SMTP_HOST").filter(|v| !v.trim().is_empty()) {
            None => None,
            Some(host) => {
                let from = lookup("SMTP_FROM").filter(|v| v.contains('@')).ok_or_else(|| {
                    ConfigError("SMTP_FROM (the sender address) is required when SMTP_HOST is set".into())
                })?;
                let port = get("SMTP_PORT", "25")
                    .parse()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or_else(|| ConfigError("SMTP_PORT must be a port number (1-65535)".into()))?;
                let tls = match get("SMTP_TLS", "none").as_str() {
                    "none" => SmtpTls::None,
                    "starttls" => SmtpTls::StartTls,
                    other => return Err(ConfigError(format!("SMTP_TLS must be none or starttls, not {other:?}"))),
                };
                let username = lookup("SMTP_USERNAME").filter(|v| !v.is_empty());
                let password = lookup("SMTP_PASSWORD").filter(|v| !v.is_empty());
                if username.is_some() != password.is_some() {
                    return Err(ConfigError("SMTP_USERNAME and SMTP_PASSWORD must be set together".into()));
                }
                Some(SmtpSettings { host: host.trim().to_owned(), port, from, username, password, tls })
            }
        };
        let notifications = NotificationSettings {
            deadline_check_interval: match parse_u64("DEADLINE_CHECK_INTERVAL_SECONDS", 3600)? {
                0 => None,
                secs => Some(Duration::from_secs(secs)),
            },
            deadline_notice_days: u32::try_from(parse_u64("DEADLINE_NOTICE_DAYS", 3)?)
                .map_err(|_| ConfigError("DEADLINE_NOTICE_DAYS is too large".into()))?,
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
                Some(v) => Some(
                    v.parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| ConfigError("HTTP_WORKERS must be a positive whole number".into()))?,
                ),
                None => None,
            },
            require_admin_mfa: match lookup("REQUIRE_ADMIN_MFA").filter(|v| !v.is_empty()).as_deref() {
                Some("true") => true,
                Some("false") => false,
                Some(_) => return Err(ConfigError("REQUIRE_ADMIN_MFA must be true or false".into())),
                None => app_env == AppEnv::Production,
            },
            cors_origins: lookup("CORS_ALLOWED_ORIGINS")
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect(),
            login_limits: crate::ratelimit::LoginLimits {
                per_address: parse_u64("LOGIN_LIMIT_PER_ADDRESS", 30)?.max(1) as u32,
                address_window: Duration::from_secs(60),
                failures_per_account: parse_u64("LOGIN_LIMIT_FAILURES_PER_ACCOUNT", 10)?.max(1) as u32,
                account_window: Duration::from_secs(parse_u64("LOGIN_LIMIT_ACCOUNT_WINDOW_SECONDS", 300)?.max(1)),
                trust_forwarded_for: get("TRUST_FORWARDED_FOR", "false") == "true",
            },
            smtp,
            notifications,
            session_idle_timeout: Duration::from_secs(parse_u64("SESSION_IDLE_TIMEOUT_SECONDS", 8 * 3600)?.max(60)),
            totp_key: secret_key(&lookup, "TOTP_SECRET_KEY")?,
            totp_key_previous: secret_key(&lookup, "TOTP_SECRET_KEY_PREVIOUS")?,
            behind_tls: match lookup("BEHIND_TLS").filter(|v| !v.is_empty()).as_deref() {
                None | Some("false") => false,
                Some("true") => true,
                Some(_) => return Err(ConfigError("BEHIND_TLS must be true or false".into())),
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
            .field("smtp", &self.smtp)
            .field("notifications", &self.notifications)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let extra: Vec<(String, String)> = extra.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(move |key| match key {
            "DATABASE_URL" => Some("postgres://localhost/shinko".into()),
            "JWT_SECRET" => Some("x".repeat(32)),
            _ => extra.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()),
        })
    }

    #[test]
    fn without_an_smtp_host_no_mail_is_configured_and_the_deadline_check_runs_hourly() {
        let c = config(&[]).unwrap();
        assert!(c.smtp.is_none());
        assert_eq!(c.notifications.deadline_check_interval, Some(Duration::from_secs(3600)));
        assert_eq!(c.notifications.deadline_notice_days, 3);
        let off = config(&[("DEADLINE_CHECK_INTERVAL_SECONDS", "0"), ("DEADLINE_NOTICE_DAYS", "5")]).unwrap();
        assert_eq!((off.notifications.deadline_check_interval, off.notifications.deadline_notice_days), (None, 5));
    }

    #[test]
    fn smtp_settings_need_a_sender_and_known_values() {
        let c = config(&[("SMTP_HOST", "mail.city.example.jp"), ("SMTP_FROM", "shinko@city.example.jp")]).unwrap();
        let smtp = c.smtp.unwrap();
        assert_eq!((smtp.port, smtp.tls, smtp.username), (25, SmtpTls::None, None));
        let tls = config(&[("SMTP_HOST", "h"), ("SMTP_FROM", "a@b"), ("SMTP_TLS", "starttls"), ("SMTP_PORT", "587")])
            .unwrap()
            .smtp
            .unwrap();
        assert_eq!((tls.port, tls.tls), (587, SmtpTls::StartTls));
        for bad in [
            vec![("SMTP_HOST", "h")],
            vec![("SMTP_HOST", "h"), ("SMTP_FROM", "a@b"), ("SMTP_TLS", "ssl")],
            vec![("SMTP_HOST", "h"), ("SMTP_FROM", "a@b"), ("SMTP_PORT", "0")],
            vec![("SMTP_HOST", "h"), ("SMTP_FROM", "a@b"), ("SMTP_USERNAME", "u")],
        ] {
            assert!(config(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_smtp_password_never_reaches_the_log() {
        let c = config(&[
            ("SMTP_HOST", "h"),
            ("SMTP_FROM", "a@b"),
            ("SMTP_USERNAME", "u"),
            ("SMTP_PASSWORD", "hunter2-secret"),
        ])
        .unwrap();
        let printed = format!("{c:?}");
        assert!(printed.contains("<redacted>") && !printed.contains("hunter2-secret"), "{printed}");
    }
}
