//! `/measures/{measure_id}/directions` and `/directions`: the numbered directions ①②③ (取組の方向)
//! inside a basic measure.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use shinko_db::enums::MeasureKind;
use shinko_db::measures::{Direction, DirectionInsertForm, DirectionUpdateForm, Measure};
use shinko_db::periods::StructureItem;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Reader};
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::routes::common::{check_retirement, double_option, refuse_delete_with_reports, Validator};
use crate::state::AppState;

/// A new direction.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDirection {
    /// 1 for ①, 2 for ②, … (1–50, unique within the measure).
    pub number: i32,
    /// e.g. 自殺対策に関するネットワークを強化する (1–200 characters).
    pub title: String,
}

/// Changes to a direction; omitted fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDirection {
    /// 1 for ①, 2 for ②, … (1–50, unique within the measure).
    pub number: Option<i32>,
    /// Title (1–200 characters).
    pub title: Option<String>,
    /// 廃止: from this date on (the as-of date of the first period without it) periods do not
    /// include it or its rows; it must be later than every period it has reports in. `null` takes the
    /// retirement back (for periods opened afterwards).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub retired_from: Option<Option<NaiveDate>>,
}

/// List a measure's directions by number.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "measures", operation_id = "list_directions", params(("measure_id" = i64, Path, description = "Measure id")), responses((status = 200, description = "The measure's directions", body = Vec<Direction>)), security(("bearer" = [])))]
#[get("/measures/{measure_id}/directions")]
pub async fn list(
    reader: Reader,
    state: web::Data<AppState>,
    measure_id: web::Path<i64>,
) -> Result<web::Json<Vec<Direction>>, ApiError> {
    let measure_id = measure_id.into_inner();
    let mut conn = state.conn().await?;
    // An empty list would hide a wrong measure id.
    reader.check_plan(Measure::find(&mut conn, measure_id).await?.plan_id)?;
    Ok(web::Json(Direction::list_for_measure(&mut conn, measure_id).await?))
}

/// Add a direction to a basic measure.
///
/// Who may call: admins. 重点施策 have no directions (409).
#[utoipa::path(tag = "measures", operation_id = "create_direction", params(("measure_id" = i64, Path, description = "Measure id")), request_body = CreateDirection, responses((status = 201, description = "Created", body = Direction), (status = 409, description = "The measure is a 重点施策", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/measures/{measure_id}/directions")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    measure_id: web::Path<i64>,
    body: ApiJson<CreateDirection>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let measure_id = measure_id.into_inner();
    let mut v = Validator::new();
    v.range("number", body.number, 1, 50);
    let title = v.text("title", &body.title, 200);
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    // The schema cannot express "basic measures only" (the kind lives on the parent), so it is
    // checked here; measure kinds never change, so no lock is needed.
    if Measure::find(&mut conn, measure_id).await?.kind == MeasureKind::Priority {
        return Err(ApiError::Conflict("重点施策には取組の方向を設定できません。".into()));
    }
    let direction =
        Direction::create(&mut conn, &DirectionInsertForm { measure_id, number: body.number, title }).await?;
    Ok(HttpResponse::Created().json(direction))
}

/// Change a direction's number or title.
///
/// Who may call: admins.
#[utoipa::path(tag = "measures", operation_id = "update_direction", params(("id" = i64, Path, description = "Direction id")), request_body = UpdateDirection, responses((status = 200, description = "Updated", body = Direction)), security(("bearer" = [])))]
#[patch("/directions/{id}")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<UpdateDirection>,
) -> Result<web::Json<Direction>, ApiError> {
    auth.require_admin()?;
    let mut v = Validator::new();
    if let Some(number) = body.number {
        v.range("number", number, 1, 50);
    }
    let title = body.title.as_deref().map(|t| v.text("title", t, 200).to_owned());
    v.finish()?;
    let id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    check_retirement(&mut conn, StructureItem::Direction(id), body.retired_from).await?;
    let form = DirectionUpdateForm { number: body.number, title, retired_from: body.retired_from, updated_at: None };
    Ok(web::Json(Direction::update(&mut conn, id, form).await?))
}

/// Delete a direction.
///
/// Who may call: admins. Refused with 409 while rows belong to it: move them to another direction
/// (`PATCH /rows/{id}`) or delete them first, so nothing is lost by accident.
#[utoipa::path(tag = "measures", operation_id = "delete_direction", params(("id" = i64, Path, description = "Direction id")), responses((status = 204, description = "Deleted"), (status = 409, description = "Rows still belong to the direction", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[delete("/directions/{id}")]
pub async fn delete(auth: AuthUser, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    refuse_delete_with_reports(&mut conn, StructureItem::Direction(id)).await?;
    if Direction::delete(&mut conn, id).await? == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}
