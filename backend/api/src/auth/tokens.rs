//! Access tokens (short-lived HS256 JWTs) and refresh tokens (opaque, stored as SHA-256 hashes).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::config::JwtSettings;

/// Clock skew tolerated between servers when checking `exp`.
const LEEWAY_SECONDS: u64 = 30;

/// The claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user id, as a string (RFC 7519).
    pub sub: String,
    /// The session the token belongs to: revoking the session invalidates the token at once.
    pub sid: Uuid,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

/// Signs and checks tokens with the configured secret. Built once at start-up.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    settings: JwtSettings,
}

impl TokenKeys {
    pub fn new(settings: &JwtSettings) -> Self {
        // Only HS256 is accepted; a token naming any other algorithm (or "none") is rejected.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = LEEWAY_SECONDS;
        Self {
            encoding: EncodingKey::from_secret(&settings.secret),
            decoding: DecodingKey::from_secret(&settings.secret),
            validation,
            settings: settings.clone(),
        }
    }

    pub fn access_ttl_seconds(&self) -> i64 {
        self.settings.access_ttl.as_secs() as i64
    }

    pub fn refresh_ttl(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.settings.refresh_ttl).unwrap_or(chrono::Duration::days(14))
    }

    pub fn issue_access(&self, user_id: i64, session_id: Uuid) -> Result<String, jsonwebtoken::errors::Error> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            sid: session_id,
            iss: self.settings.issuer.clone(),
            aud: self.settings.audience.clone(),
            iat: now,
            exp: now + self.access_ttl_seconds(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The claims of a valid access token. A token that claims to live longer than this server
    /// issues them (a leaked signing secret, or a token of another configuration) is refused even
    /// though its signature is right.
    pub fn verify_access(&self, token: &str) -> Option<Claims> {
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?.claims;
        (claims.exp - claims.iat <= self.access_ttl_seconds()).then_some(claims)
    }
}

/// API tokens start with this, so the server knows which kind of bearer token it holds without
/// trying both, and people recognise a leaked one.
pub const API_TOKEN_PREFIX: &str = "shk_";

/// A new API token (256 random bits after the prefix), its stored hash, and its shown prefix.
pub fn new_api_token() -> (String, Vec<u8>, String) {
    let (random, _) = new_refresh_token();
    let token = format!("{API_TOKEN_PREFIX}{random}");
    let hash = hash_refresh_token(&token);
    let prefix = token.chars().take(API_TOKEN_PREFIX.len() + 6).collect();
    (token, hash, prefix)
}

/// A new opaque refresh token (256 random bits) and the hash under which it is stored.
pub fn new_refresh_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_refresh_token(&token);
    (token, hash)
}

/// SHA-256 of an opaque token (refresh or API token): what the database stores.
pub fn hash_refresh_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}
