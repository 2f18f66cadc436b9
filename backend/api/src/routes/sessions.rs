//! `/sessions`: login, refresh and logout.

use std::time::Instant;

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{delete, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shinko_db::mfa;
use shinko_db::sessions::{RefreshOutcome, Session};
use shinko_db::users::User;
use utoipa::ToSchema;

use crate::auth::device;
use crate::auth::mfa::{hash_recovery_code, matching_step};
use crate::auth::tokens::{hash_refresh_token, new_refresh_token};
use crate::auth::AuthUser;
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::ratelimit::{LoginLimiter, RetryAfter, MAX_LOGIN_ID_CHARS};
use crate::routes::me::Me;
use crate::state::AppState;

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Login id, e.g. `kenko` (at most 100 characters).
    #[schema(max_length = 100)]
    pub login_id: String,
    /// Password.
    #[schema(format = Password)]
    pub password: String,
    /// For accounts with two-factor authentication: the 6-digit code of the authenticator app,
    /// or one of the recovery codes. Without it such an account gets 401 `mfa_required`.
    #[serde(default)]
    pub otp: Option<String>,
}

/// A refresh token to exchange for new tokens.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh. It can be used once.
    pub refresh_token: String,
}

/// Tokens for a session.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    /// Bearer token for the `Authorization` header.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires (at most 900).
    pub expires_in: i64,
    /// Opaque token to get the next pair from `POST /api/v1/sessions/refresh`; single use.
    pub refresh_token: String,
    /// When the session ends and a new login is needed.
    pub refresh_expires_at: DateTime<Utc>,
    /// The signed-in user.
    pub user: Me,
}

/// The browser's own name for itself (shortened), to tell sessions apart in the list.
pub fn user_agent(req: &HttpRequest) -> Option<String> {
    let agent = req.headers().get(actix_web::http::header::USER_AGENT)?.to_str().ok()?;
    Some(agent.chars().take(200).collect())
}

/// Opens a new session for `user` from the browser `agent` and returns its first tokens.
pub async fn open_session(state: &AppState, user: &User, agent: Option<&str>) -> Result<TokenPair, ApiError> {
    let (refresh_token, hash) = new_refresh_token();
    let expires_at = Utc::now() + state.keys.refresh_ttl();
    let mut conn = state.write_conn_for(user.id).await?;
    let session = Session::create(&mut conn, user.id, expires_at, &hash, agent).await?;
    let me = Me::load(&mut conn, user).await?;
    token_pair(state, user.id, &session, refresh_token, me)
}

fn token_pair(
    state: &AppState,
    user_id: i64,
    session: &Session,
    refresh_token: String,
    user: Me,
) -> Result<TokenPair, ApiError> {
    Ok(TokenPair {
        access_token: state.keys.issue_access(user_id, session.id).map_err(ApiError::internal)?,
        token_type: "Bearer".into(),
        expires_in: state.keys.access_ttl_seconds(),
        refresh_token,
        refresh_expires_at: session.expires_at,
        user,
    })
}

/// Log in.
///
/// Who may call: anyone. A wrong password, an unknown login id and a disabled account all get
/// the same 401 answer in the same time. Attempts are throttled per client address and failures
/// per account (429 with Retry-After); the account wait is short, so nobody is locked out for long.
#[utoipa::path(operation_id = "login", tag = "sessions", request_body = LoginRequest, responses((status = 201, description = "Logged in", body = TokenPair), (status = 401, description = "Wrong login id or password", body = Problem, content_type = "application/problem+json"), (status = 429, description = "Too many attempts; wait Retry-After seconds", body = Problem, content_type = "application/problem+json")))]
#[post("/sessions")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    limiter: web::Data<LoginLimiter>,
    body: ApiJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { login_id, password, otp } = body.into_inner();
    let login_id = login_id.trim().to_owned();
    if login_id.chars().count() > MAX_LOGIN_ID_CHARS {
        return Err(ApiError::field("login_id", "too_long", "ログインIDが長すぎます。"));
    }
    let address = limiter.client_address(&req);
    // A browser that signed in to this account before (its device cookie) is throttled on its own.
    let device = req.cookie(device::COOKIE).and_then(|c| state.device_key.verify(c.value(), &login_id));
    let device = device.as_deref();
    // An attack shows in the log as many lines of one address or one account, without the log
    // holding the login ids people mistype.
    let account = login_id_digest(&login_id);
    limiter.check(&address, &login_id, device, Instant::now()).map_err(|RetryAfter(secs)| {
        tracing::warn!(client = %address, account = %account, retry_after = secs, "login throttled");
        ApiError::TooManyRequests(secs)
    })?;
    let user = {
        let mut conn = state.conn().await?;
        User::find_by_login_id(&mut conn, &login_id).await?
    };
    let hash = user.as_ref().filter(|u| u.active).map(|u| u.password_hash.clone());
    let verified = state.hasher.verify(password, hash).await?;
    match user {
        Some(user) if verified => {
            if user.must_change_password && Utc::now() - user.password_set_at > TEMPORARY_PASSWORD_TTL {
                tracing::warn!(client = %address, account = %account, "login refused: temporary password expired");
                return Err(ApiError::TemporaryPasswordExpired);
            }
            if user.totp_enabled_at.is_some() {
                let Some(otp) = otp.filter(|o| !o.trim().is_empty()) else { return Err(ApiError::MfaRequired) };
                if !second_factor_ok(&state, &user, &otp).await? {
                    limiter.record_failure(&login_id, device, Instant::now());
                    tracing::warn!(client = %address, account = %account, "login failed: wrong second factor");
                    return Err(ApiError::InvalidCredentials);
                }
            }
            limiter.record_success(&login_id, device);
            tracing::info!(user_id = user.id, "login");
            let cookie = Cookie::build(device::COOKIE, state.device_key.issue(&login_id))
                .path("/api/v1/sessions")
                .http_only(true)
                .secure(state.behind_tls)
                .same_site(SameSite::Strict)
                .max_age(CookieDuration::days(device::MAX_AGE_DAYS))
                .finish();
            Ok(HttpResponse::Created()
                .cookie(cookie)
                .json(open_session(&state, &user, user_agent(&req).as_deref()).await?))
        }
        _ => {
            limiter.record_failure(&login_id, device, Instant::now());
            tracing::warn!(client = %address, account = %account, "login failed");
            Err(ApiError::InvalidCredentials)
        }
    }
}

/// How long a password set by an admin (a temporary one) lets its user sign in to change it.
pub const TEMPORARY_PASSWORD_TTL: chrono::TimeDelta = chrono::TimeDelta::hours(72);

/// The first 12 hex digits of the SHA-256 of a login id: enough to see repeated attempts on one
/// account in the log, without writing the ids (or passwords typed into the id field) there.
pub fn login_id_digest(login_id: &str) -> String {
    crate::http_cache::digest_hex(login_id.as_bytes(), 6)
}

/// Checks a TOTP code (not reused within its step) or uses up a recovery code.
async fn second_factor_ok(state: &AppState, user: &User, otp: &str) -> Result<bool, ApiError> {
    let mut conn = state.write_conn_for(user.id).await?;
    let factor = mfa::factor(&mut conn, user.id).await?;
    let Some(stored) = factor.secret.filter(|_| factor.enabled) else { return Ok(false) };
    let secret = crate::routes::mfa::open_secret(state, user.id, &stored)?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(ApiError::internal)?.as_secs();
    if let Some(step) = matching_step(&secret, &user.login_id, otp, now) {
        return Ok(mfa::accept_step(&mut conn, user.id, step).await?);
    }
    Ok(mfa::use_recovery_code(&mut conn, user.id, &hash_recovery_code(otp)).await?)
}

/// Exchange a refresh token for new tokens.
///
/// Who may call: anyone holding a live refresh token. Each token works once; presenting a used
/// token again revokes the whole session, because it means the token was copied.
#[utoipa::path(operation_id = "refresh_session", tag = "sessions", request_body = RefreshRequest, responses((status = 200, description = "New tokens", body = TokenPair), (status = 401, description = "Unknown, used, expired or revoked refresh token", body = Problem, content_type = "application/problem+json")))]
#[post("/sessions/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: ApiJson<RefreshRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let old_hash = hash_refresh_token(&body.refresh_token);
    let (refresh_token, new_hash) = new_refresh_token();
    let mut conn = state.conn().await?;
    match Session::rotate(&mut conn, &old_hash, &new_hash, state.session_idle).await? {
        RefreshOutcome::Rotated { session, user } => {
            let me = Me::load(&mut conn, &user).await?;
            Ok(web::Json(token_pair(&state, user.id, &session, refresh_token, me)?))
        }
        RefreshOutcome::Reused => {
            tracing::warn!("refresh token reuse detected; session revoked");
            Err(ApiError::Unauthorized)
        }
        RefreshOutcome::Invalid => Err(ApiError::Unauthorized),
    }
}

/// Log out: end the current session (its access and refresh tokens stop working at once).
///
/// Who may call: any signed-in user, for their own session.
#[utoipa::path(operation_id = "logout", tag = "sessions", responses((status = 204, description = "Logged out")), security(("bearer" = [])))]
#[delete("/sessions/current")]
pub async fn logout(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mut conn = state.write_conn(&auth).await?;
    Session::revoke(&mut conn, auth.session_id, "logout").await?;
    Ok(HttpResponse::NoContent().finish())
}
