//! `/me/plan` and `/me/open-reports`: the plan a user works on, and a department's open reports
//! across every plan (its ホーム).

use actix_web::{get, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shinko_db::plans::Plan;
use shinko_db::row_history::OpenReport;
use shinko_db::sessions::Session;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::state::AppState;

/// One of my sessions (a signed-in browser).
#[derive(Debug, Serialize, ToSchema)]
pub struct MySession {
    /// Session id.
    pub id: uuid::Uuid,
    /// When it was opened (the login).
    pub created_at: DateTime<Utc>,
    /// Its last request (to the minute); it ends after the idle timeout without requests.
    pub last_seen_at: DateTime<Utc>,
    /// When it ends at the latest.
    pub expires_at: DateTime<Utc>,
    /// The browser it was opened from, as it named itself.
    pub user_agent: Option<String>,
    /// The session of this request.
    pub current: bool,
}

/// How many sessions were ended.
#[derive(Debug, Serialize, ToSchema)]
pub struct EndedSessions {
    /// The number of other sessions ended.
    pub ended: usize,
}

/// My live sessions, the most recently used first: where I am signed in.
///
/// Who may call: any signed-in user, for themselves.
#[utoipa::path(operation_id = "list_my_sessions", tag = "me", responses((status = 200, description = "The live sessions", body = Vec<MySession>)), security(("bearer" = [])))]
#[get("/me/sessions")]
pub async fn sessions(auth: AuthUser, state: web::Data<AppState>) -> Result<web::Json<Vec<MySession>>, ApiError> {
    let mut conn = state.conn().await?;
    let live = Session::live_for_user(&mut conn, auth.user.id, state.session_idle).await?;
    Ok(web::Json(
        live.into_iter()
            .map(|s| MySession {
                current: s.id == auth.session_id,
                id: s.id,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
                expires_at: s.expires_at,
                user_agent: s.user_agent,
            })
            .collect(),
    ))
}

/// End every session of mine but this one (after a lost device, or after changing the second
/// factor): the other browsers must sign in again.
///
/// Who may call: any signed-in user, for themselves.
#[utoipa::path(operation_id = "end_my_other_sessions", tag = "me", responses((status = 200, description = "How many were ended", body = EndedSessions)), security(("bearer" = [])))]
#[post("/me/sessions/end-others")]
pub async fn end_other_sessions(
    auth: AuthUser,
    state: web::Data<AppState>,
) -> Result<web::Json<EndedSessions>, ApiError> {
    let mut conn = state.write_conn(&auth).await?;
    let ended = Session::revoke_others(&mut conn, auth.user.id, auth.session_id).await?;
    Ok(web::Json(EndedSessions { ended }))
}

/// The plan to work on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoosePlan {
    /// A plan id.
    pub plan_id: i64,
}

/// Remember the plan I work on: the app opens it on every device (`current_plan_id` of `GET /me`).
///
/// Who may call: any signed-in user, for themselves.
#[utoipa::path(operation_id = "choose_my_plan", tag = "me", request_body = ChoosePlan, responses((status = 204, description = "Remembered")), security(("bearer" = [])))]
#[put("/me/plan")]
pub async fn choose_plan(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: ApiJson<ChoosePlan>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.write_conn(&auth).await?;
    Plan::find(&mut conn, body.plan_id)
        .await
        .map_err(|_| ApiError::field("plan_id", "not_found", "指定された計画はありません。"))?;
    Plan::choose(&mut conn, auth.user.id, body.plan_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// My department's reports in the open (受付中) periods of every plan that is not archived, by
/// plan, period and table order: what is left to write and submit.
///
/// Who may call: any signed-in user; empty for users without a department.
#[utoipa::path(operation_id = "list_my_open_reports", tag = "me", responses((status = 200, description = "The open reports", body = Vec<OpenReport>)), security(("bearer" = [])))]
#[get("/me/open-reports")]
pub async fn open_reports(auth: AuthUser, state: web::Data<AppState>) -> Result<web::Json<Vec<OpenReport>>, ApiError> {
    let Some(department_id) = auth.user.department_id else { return Ok(web::Json(Vec::new())) };
    let mut conn = state.conn().await?;
    Ok(web::Json(OpenReport::list_for_department(&mut conn, department_id).await?))
}
