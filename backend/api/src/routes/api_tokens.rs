//! `/api-tokens`: read-only credentials for other city systems, managed by admins.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shinko_db::api_tokens::{ApiToken, NewApiToken};
use shinko_db::plans::Plan;
use utoipa::ToSchema;

use crate::auth::tokens::new_api_token;
use crate::auth::{AuthUser, DRAFTS_SCOPE};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::routes::common::Validator;
use crate::state::AppState;

/// The longest a token may live; systems rotate at least yearly.
const MAX_DAYS: i64 = 366;

/// A new API token.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiToken {
    /// What the token is for, e.g. 庁内ポータル連携 (1–100 characters).
    pub name: String,
    /// Days until it expires (1–366).
    pub expires_in_days: i64,
    /// Limit the token to this plan: other plans' data answer 404 to it. Omitted: every plan.
    pub plan_id: Option<i64>,
    /// Also read reports before they are approved, their version history, and search hits in
    /// them (scope `read_drafts`). Omitted or false: approved and published content only.
    #[serde(default)]
    pub include_drafts: bool,
}

/// A created token with its secret, shown only in this answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedApiToken {
    /// The token as stored.
    pub token: ApiToken,
    /// The secret to send as `Authorization: Bearer <secret>`; it cannot be shown again.
    pub secret: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
}

/// List API tokens (never their secrets).
///
/// Who may call: admins.
#[utoipa::path(operation_id = "list_api_tokens", tag = "api-tokens", responses((status = 200, description = "All tokens, newest first", body = Vec<ApiToken>)), security(("bearer" = [])))]
#[get("/api-tokens")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<web::Json<Vec<ApiToken>>, ApiError> {
    auth.require_admin()?;
    let mut conn = state.conn().await?;
    Ok(web::Json(ApiToken::list(&mut conn).await?))
}

/// Create a read-only API token for another city system. The secret is in this answer only; the
/// server keeps its SHA-256.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "create_api_token", tag = "api-tokens", request_body = CreateApiToken, responses((status = 201, description = "Created; the secret is shown once", body = CreatedApiToken)), security(("bearer" = [])))]
#[post("/api-tokens")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: ApiJson<CreateApiToken>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let body = body.into_inner();
    let mut v = Validator::new();
    let name = v.text("name", &body.name, 100).to_owned();
    if !(1..=MAX_DAYS).contains(&body.expires_in_days) {
        v.push("expires_in_days", "out_of_range", format!("有効期間は1〜{MAX_DAYS}日で指定してください。"));
    }
    v.finish()?;
    let (secret, hash, prefix) = new_api_token();
    let expires_at = Utc::now() + chrono::Duration::days(body.expires_in_days);
    let mut conn = state.write_conn(&auth).await?;
    if let Some(plan_id) = body.plan_id {
        Plan::find(&mut conn, plan_id)
            .await
            .map_err(|_| ApiError::field("plan_id", "not_found", "指定された計画はありません。"))?;
    }
    let scope = if body.include_drafts { DRAFTS_SCOPE } else { "read" };
    let form = NewApiToken {
        name: &name,
        token_hash: &hash,
        prefix: &prefix,
        scope,
        expires_at,
        created_by: auth.user.id,
        plan_id: body.plan_id,
    };
    let token = ApiToken::create(&mut conn, &form).await?;
    Ok(HttpResponse::Created().json(CreatedApiToken { token, secret, expires_at }))
}

/// Revoke an API token: it stops working at once.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "revoke_api_token", tag = "api-tokens", params(("id" = i64, Path, description = "Token id")), responses((status = 200, description = "Revoked", body = ApiToken)), security(("bearer" = [])))]
#[post("/api-tokens/{id}/revoke")]
pub async fn revoke(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<ApiToken>, ApiError> {
    auth.require_admin()?;
    let mut conn = state.write_conn(&auth).await?;
    Ok(web::Json(ApiToken::revoke(&mut conn, id.into_inner()).await?))
}
