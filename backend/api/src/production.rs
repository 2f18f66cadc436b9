//! Start-up checks of production mode: the server refuses to run with settings or accounts that
//! are fine for a demo and dangerous on a city's network.

use shinko_db::users::User;
use shinko_db::DbPool;

use crate::auth::password::PasswordHasherPool;
use crate::config::{AppEnv, Config};
use crate::demo::DEMO_PASSWORD;

/// Why production mode refused to start.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("JWT_SECRET looks like a placeholder or has too little variety; generate one with `openssl rand -hex 32`")]
    WeakSecret,
    #[error("demo accounts still use the published demo password: {0}; change or disable them first")]
    DemoAccounts(String),
    #[error("TOTP_SECRET_KEY is not set: two-factor secrets would be sealed with a key derived from JWT_SECRET; generate one with `openssl rand -base64 32`")]
    MissingTotpKey,
}

/// A secret that is long enough but obviously not random (a word repeated, a placeholder).
pub fn weak_secret(secret: &[u8]) -> bool {
    let text = String::from_utf8_lossy(secret).to_lowercase();
    let distinct = secret.iter().collect::<std::collections::HashSet<_>>().len();
    distinct < 10 || ["change", "secret", "example", "password", "dev-"].iter().any(|w| text.contains(w))
}

/// The login ids the demo seed creates.
fn demo_login_ids() -> Vec<String> {
    let mut ids = vec!["admin".to_owned(), "viewer".to_owned()];
    ids.extend((1..=99).map(|i| format!("editor{i:02}")));
    ids
}

/// Runs the checks when `config` is in production mode; development passes as it is.
pub async fn check(config: &Config, pool: &DbPool) -> anyhow::Result<()> {
    if config.app_env != AppEnv::Production {
        return Ok(());
    }
    if weak_secret(&config.jwt.secret) {
        return Err(Refusal::WeakSecret.into());
    }
    if config.totp_key.is_none() {
        return Err(Refusal::MissingTotpKey.into());
    }
    let mut conn = pool.get().await?;
    let hasher = PasswordHasherPool::new(config.max_concurrent_hashes);
    let mut still_demo = Vec::new();
    for login_id in demo_login_ids() {
        let Some(user) = User::find_by_login_id(&mut conn, &login_id).await? else { continue };
        if user.active && hasher.verify(DEMO_PASSWORD.to_owned(), Some(user.password_hash)).await? {
            still_demo.push(login_id);
        }
    }
    if !still_demo.is_empty() {
        return Err(Refusal::DemoAccounts(still_demo.join(", ")).into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_repetitions_are_weak_secrets() {
        assert!(weak_secret(b"change-me-change-me-change-me-change-me"));
        assert!(weak_secret(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        assert!(!weak_secret(b"9f2c1e7a4b8d0f3e6a5c2b1d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f"));
    }
}
