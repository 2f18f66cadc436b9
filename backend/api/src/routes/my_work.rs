//! `/me/plan` and `/me/open-reports`: the plan a user works on, and a department's open reports
//! across every plan (its ホーム).

use actix_web::{get, put, web, HttpResponse};
use serde::Deserialize;
use shinko_db::plans::Plan;
use shinko_db::row_history::OpenReport;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::state::AppState;

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
