//! `/plans/{plan_id}/groups` and `/groups`: groups of related rows, the same 事業 under several
//! measures (健康相談 under 基本施策3, 4 and 5). Rows join a group through `PATCH /rows/{id}`.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use serde::Deserialize;
use shinko_db::groups::{InitiativeGroup, InitiativeGroupInsertForm};
use shinko_db::plans::Plan;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Reader};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::routes::common::Validator;
use crate::state::AppState;

/// A new group of related rows.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateGroup {
    /// Usually the shared 事業 name, e.g. 健康相談 (1–200 characters, unique per plan).
    pub name: String,
}

/// List a plan's groups of related rows.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "rows", operation_id = "list_groups", params(("plan_id" = i64, Path, description = "Plan id")), responses((status = 200, description = "The plan's groups", body = Vec<InitiativeGroup>)), security(("bearer" = [])))]
#[get("/plans/{plan_id}/groups")]
pub async fn list(
    reader: Reader,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
) -> Result<web::Json<Vec<InitiativeGroup>>, ApiError> {
    let plan_id = plan_id.into_inner();
    let mut conn = state.conn().await?;
    reader.check_plan(plan_id)?;
    // An empty list would hide a wrong plan id.
    Plan::find(&mut conn, plan_id).await?;
    Ok(web::Json(InitiativeGroup::list_for_plan(&mut conn, plan_id).await?))
}

/// Create a group of related rows.
///
/// Who may call: admins.
#[utoipa::path(tag = "rows", operation_id = "create_group", params(("plan_id" = i64, Path, description = "Plan id")), request_body = CreateGroup, responses((status = 201, description = "Created", body = InitiativeGroup)), security(("bearer" = [])))]
#[post("/plans/{plan_id}/groups")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
    body: ApiJson<CreateGroup>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let plan_id = plan_id.into_inner();
    let mut v = Validator::new();
    let name = v.text("name", &body.name, 200);
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    // Without this a missing plan would surface as a foreign-key conflict instead of 404.
    Plan::find(&mut conn, plan_id).await?;
    let group = InitiativeGroup::create(&mut conn, &InitiativeGroupInsertForm { plan_id, name }).await?;
    Ok(HttpResponse::Created().json(group))
}

/// Rename a group of related rows.
///
/// Who may call: admins.
#[utoipa::path(tag = "rows", operation_id = "rename_group", params(("id" = i64, Path, description = "Group id")), request_body = CreateGroup, responses((status = 200, description = "Renamed", body = InitiativeGroup)), security(("bearer" = [])))]
#[patch("/groups/{id}")]
pub async fn rename(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<CreateGroup>,
) -> Result<web::Json<InitiativeGroup>, ApiError> {
    auth.require_admin()?;
    let mut v = Validator::new();
    let name = v.text("name", &body.name, 200);
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    Ok(web::Json(InitiativeGroup::rename(&mut conn, id.into_inner(), name).await?))
}

/// Delete a group. Its rows stay; they just no longer point to related rows.
///
/// Who may call: admins.
#[utoipa::path(tag = "rows", operation_id = "delete_group", params(("id" = i64, Path, description = "Group id")), responses((status = 204, description = "Deleted")), security(("bearer" = [])))]
#[delete("/groups/{id}")]
pub async fn delete(auth: AuthUser, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let mut conn = state.write_conn(&auth).await?;
    if InitiativeGroup::delete(&mut conn, id.into_inner()).await? == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}
