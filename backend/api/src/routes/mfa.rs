//! `/me/mfa`: two-factor authentication (TOTP) of the signed-in account, and its reset by an
//! admin when a phone is lost.

use actix_web::{post, web, HttpResponse};
use diesel_async::AsyncConnection;
use serde::{Deserialize, Serialize};
use shinko_db::mfa;
use shinko_db::sessions::Session;
use utoipa::ToSchema;

use crate::auth::mfa::{hash_recovery_code, matching_step, new_recovery_codes, new_secret, otpauth_uri, qr_svg};
use crate::auth::AuthUser;
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::ratelimit::LoginLimiter;
use crate::state::AppState;

/// What an authenticator app needs to enrol.
#[derive(Debug, Serialize, ToSchema)]
pub struct MfaEnrolment {
    /// The secret in base32, for typing it in by hand.
    pub secret: String,
    /// The otpauth:// URI the QR code holds.
    pub otpauth_uri: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

/// A 6-digit code from the authenticator app (or, to switch the factor off, a recovery code).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaCode {
    /// The code.
    pub code: String,
}

/// Single-use recovery codes, shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveryCodes {
    /// Each works once in place of an app code; keep them somewhere safe.
    pub codes: Vec<String>,
}

fn unix_now() -> Result<u64, ApiError> {
    Ok(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(ApiError::internal)?.as_secs())
}

/// The TOTP secret of `user_id` as stored (sealed), opened with the server's key.
pub fn open_secret(state: &AppState, user_id: i64, stored: &str) -> Result<String, ApiError> {
    state.secrets.open(user_id, stored).map(|(secret, _)| secret).ok_or_else(|| {
        ApiError::internal("a TOTP secret does not open with TOTP_SECRET_KEY (nor TOTP_SECRET_KEY_PREVIOUS)")
    })
}

/// Start enrolling an authenticator app: a new secret with its QR code. It is in force only
/// after a code from the app was confirmed (`POST /me/mfa/activation`).
///
/// Who may call: any signed-in user, for their own account (required for admins when the server
/// runs with REQUIRE_ADMIN_MFA). 409 when two-factor authentication is already on.
#[utoipa::path(operation_id = "begin_mfa_enrolment", tag = "me", responses((status = 200, description = "Scan the QR code, then confirm a code", body = MfaEnrolment), (status = 409, description = "Already enabled", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/me/mfa/enrolment")]
pub async fn begin_enrolment(auth: AuthUser, state: web::Data<AppState>) -> Result<web::Json<MfaEnrolment>, ApiError> {
    if auth.user.totp_enabled_at.is_some() {
        return Err(ApiError::Conflict("二要素認証は既に有効です。".into()));
    }
    let secret = new_secret();
    let uri = otpauth_uri(&secret, &auth.user.login_id).ok_or_else(|| ApiError::internal("otpauth uri"))?;
    let svg = qr_svg(&uri).ok_or_else(|| ApiError::internal("qr code"))?;
    let mut conn = state.write_conn(&auth).await?;
    mfa::begin_enrolment(&mut conn, auth.user.id, &state.secrets.seal(auth.user.id, &secret)).await?;
    Ok(web::Json(MfaEnrolment { secret, otpauth_uri: uri, qr_svg: svg }))
}

/// Confirm enrolment with a code from the app: two-factor authentication is on from now, and
/// the answer holds 10 single-use recovery codes (shown only here).
///
/// Who may call: any signed-in user, for their own account. 422 naming `code` when the code is
/// wrong; 409 without a started enrolment.
#[utoipa::path(operation_id = "activate_mfa", tag = "me", request_body = MfaCode, responses((status = 200, description = "Enabled; the recovery codes", body = RecoveryCodes), (status = 409, description = "No enrolment started, or already enabled", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/me/mfa/activation")]
pub async fn activate(
    auth: AuthUser,
    state: web::Data<AppState>,
    limiter: web::Data<LoginLimiter>,
    body: ApiJson<MfaCode>,
) -> Result<web::Json<RecoveryCodes>, ApiError> {
    let key = format!("mfa:{}", auth.user.id);
    limiter.guard_secret(&key)?;
    let mut conn = state.write_conn(&auth).await?;
    let factor = mfa::factor(&mut conn, auth.user.id).await?;
    let secret = match (factor.enabled, factor.secret) {
        (false, Some(stored)) => open_secret(&state, auth.user.id, &stored)?,
        (true, _) => return Err(ApiError::Conflict("二要素認証は既に有効です。".into())),
        (false, None) => return Err(ApiError::Conflict("先に登録を開始してください。".into())),
    };
    let step = matching_step(&secret, &auth.user.login_id, &body.code, unix_now()?).ok_or_else(|| {
        limiter.record_secret_failure(&key);
        ApiError::field(
            "code",
            "mismatch",
            "確認コードが正しくありません。認証アプリの最新のコードを入力してください。",
        )
    })?;
    limiter.clear_secret(&key);
    let (codes, hashes) = new_recovery_codes();
    mfa::enable(&mut conn, auth.user.id, step, &hashes).await?;
    Ok(web::Json(RecoveryCodes { codes }))
}

/// Switch two-factor authentication off, confirmed with a current app code or a recovery code.
///
/// Who may call: any signed-in user, for their own account (an admin under REQUIRE_ADMIN_MFA then
/// loses admin rights until enrolling again). 422 naming `code` when the code is wrong.
#[utoipa::path(operation_id = "disable_mfa", tag = "me", request_body = MfaCode, responses((status = 204, description = "Disabled"), (status = 409, description = "Two-factor authentication is not on", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/me/mfa/disable")]
pub async fn disable(
    auth: AuthUser,
    state: web::Data<AppState>,
    limiter: web::Data<LoginLimiter>,
    body: ApiJson<MfaCode>,
) -> Result<HttpResponse, ApiError> {
    let key = format!("mfa:{}", auth.user.id);
    limiter.guard_secret(&key)?;
    let mut conn = state.write_conn(&auth).await?;
    let factor = mfa::factor(&mut conn, auth.user.id).await?;
    let Some(stored) = factor.secret.filter(|_| factor.enabled) else {
        return Err(ApiError::Conflict("二要素認証は有効になっていません。".into()));
    };
    let secret = open_secret(&state, auth.user.id, &stored)?;
    let ok = match matching_step(&secret, &auth.user.login_id, &body.code, unix_now()?) {
        Some(step) => mfa::accept_step(&mut conn, auth.user.id, step).await?,
        None => mfa::use_recovery_code(&mut conn, auth.user.id, &hash_recovery_code(&body.code)).await?,
    };
    if !ok {
        limiter.record_secret_failure(&key);
        return Err(ApiError::field("code", "mismatch", "確認コードが正しくありません。"));
    }
    limiter.clear_secret(&key);
    mfa::disable(&mut conn, auth.user.id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Switch off another account's two-factor authentication (lost phone) and end its sessions;
/// the user enrols again at the next login.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "reset_user_mfa", tag = "users", params(("id" = i64, Path, description = "User id")), responses((status = 204, description = "Reset")), security(("bearer" = [])))]
#[post("/users/{id}/mfa-reset")]
pub async fn reset_for_user(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    conn.transaction(async |conn| {
        shinko_db::users::User::find(conn, id).await?;
        mfa::disable(conn, id).await?;
        Session::revoke_all_for_user(conn, id, "two-factor reset").await?;
        Ok::<_, ApiError>(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
