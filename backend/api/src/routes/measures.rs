//! `/plans/{plan_id}/measures` and `/measures`: the 基本施策 and 重点施策 of a plan.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use shinko_db::enums::MeasureKind;
use shinko_db::measures::{Measure, MeasureInsertForm, MeasureUpdateForm};
use shinko_db::periods::StructureItem;
use shinko_db::plans::Plan;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Reader};
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::routes::common::{check_retirement, double_option, refuse_delete_with_reports, Validator};
use crate::state::AppState;

/// The first column's header in most tables; 会議名 is the exception.
const DEFAULT_ITEM_LABEL: &str = "取組項目";

/// A new measure.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMeasure {
    /// basic (基本施策) or priority (重点施策).
    pub kind: MeasureKind,
    /// Number within its kind (1–99, unique per plan and kind).
    pub number: i32,
    /// Title as in the heading (1–200 characters).
    pub title: String,
    /// Longer title used inside the table, where it differs from the heading (1–200 characters).
    pub table_title: Option<String>,
    /// The paragraph under the heading (up to 5000 characters; empty when omitted).
    pub description: Option<String>,
    /// Header of the table's first column (1–50 characters); 取組項目 when omitted.
    pub item_label: Option<String>,
}

/// Changes to a measure; omitted fields stay as they are. The kind cannot change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeasure {
    /// Number within its kind (1–99, unique per plan and kind).
    pub number: Option<i32>,
    /// Title as in the heading (1–200 characters).
    pub title: Option<String>,
    /// Longer title used inside the table (1–200 characters); `null` removes it, so the table
    /// shows the heading's title.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub table_title: Option<Option<String>>,
    /// The paragraph under the heading (up to 5000 characters).
    pub description: Option<String>,
    /// Header of the table's first column (1–50 characters).
    pub item_label: Option<String>,
    /// 廃止: from this date on (the as-of date of the first period without it) periods do not
    /// include it, its directions or its rows; it must be later than every period it has reports in. `null` takes the
    /// retirement back (for periods opened afterwards).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub retired_from: Option<Option<NaiveDate>>,
}

/// List a plan's measures in table order: 基本施策 by number, then 重点施策 by number.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "measures", operation_id = "list_measures", params(("plan_id" = i64, Path, description = "Plan id")), responses((status = 200, description = "The plan's measures", body = Vec<Measure>)), security(("bearer" = [])))]
#[get("/plans/{plan_id}/measures")]
pub async fn list(
    reader: Reader,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
) -> Result<web::Json<Vec<Measure>>, ApiError> {
    let plan_id = plan_id.into_inner();
    let mut conn = state.conn().await?;
    reader.check_plan(plan_id)?;
    // An empty list would hide a wrong plan id.
    Plan::find(&mut conn, plan_id).await?;
    Ok(web::Json(Measure::list_for_plan(&mut conn, plan_id).await?))
}

/// Add a measure to a plan.
///
/// Who may call: admins.
#[utoipa::path(tag = "measures", operation_id = "create_measure", params(("plan_id" = i64, Path, description = "Plan id")), request_body = CreateMeasure, responses((status = 201, description = "Created", body = Measure)), security(("bearer" = [])))]
#[post("/plans/{plan_id}/measures")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
    body: ApiJson<CreateMeasure>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let plan_id = plan_id.into_inner();
    let mut v = Validator::new();
    v.range("number", body.number, 1, 99);
    let title = v.text("title", &body.title, 200);
    let table_title = body.table_title.as_deref().map(|t| v.text("table_title", t, 200));
    let description = body.description.as_deref().unwrap_or_default();
    v.max_len("description", description, 5000);
    let item_label = body.item_label.as_deref().map_or(DEFAULT_ITEM_LABEL, |t| v.text("item_label", t, 50));
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    // Without this a missing plan would surface as a foreign-key conflict instead of 404.
    Plan::find(&mut conn, plan_id).await?;
    let form = MeasureInsertForm {
        plan_id,
        kind: body.kind,
        number: body.number,
        title,
        table_title,
        description,
        item_label,
    };
    let measure = Measure::create(&mut conn, &form).await?;
    Ok(HttpResponse::Created().json(measure))
}

/// Get one measure.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "measures", operation_id = "get_measure", params(("id" = i64, Path, description = "Measure id")), responses((status = 200, description = "The measure", body = Measure)), security(("bearer" = [])))]
#[get("/measures/{id}")]
pub async fn get(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Measure>, ApiError> {
    let mut conn = state.conn().await?;
    let measure = Measure::find(&mut conn, id.into_inner()).await?;
    reader.check_plan(measure.plan_id)?;
    Ok(web::Json(measure))
}

/// Change a measure's number, titles, description or first-column header.
///
/// Who may call: admins.
#[utoipa::path(tag = "measures", operation_id = "update_measure", params(("id" = i64, Path, description = "Measure id")), request_body = UpdateMeasure, responses((status = 200, description = "Updated", body = Measure)), security(("bearer" = [])))]
#[patch("/measures/{id}")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<UpdateMeasure>,
) -> Result<web::Json<Measure>, ApiError> {
    auth.require_admin()?;
    let body = body.into_inner();
    let mut v = Validator::new();
    if let Some(number) = body.number {
        v.range("number", number, 1, 99);
    }
    let title = body.title.as_deref().map(|t| v.text("title", t, 200).to_owned());
    let table_title = body.table_title.map(|t| t.map(|t| v.text("table_title", &t, 200).to_owned()));
    if let Some(description) = &body.description {
        v.max_len("description", description, 5000);
    }
    let item_label = body.item_label.as_deref().map(|t| v.text("item_label", t, 50).to_owned());
    v.finish()?;
    let id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    check_retirement(&mut conn, StructureItem::Measure(id), body.retired_from).await?;
    let form = MeasureUpdateForm {
        number: body.number,
        title,
        table_title,
        description: body.description,
        item_label,
        retired_from: body.retired_from,
        updated_at: None,
    };
    Ok(web::Json(Measure::update(&mut conn, id, form).await?))
}

/// Delete a measure with its directions.
///
/// Who may call: admins. Refused with 409 while rows belong to it, so nothing is lost by accident.
#[utoipa::path(tag = "measures", operation_id = "delete_measure", params(("id" = i64, Path, description = "Measure id")), responses((status = 204, description = "Deleted"), (status = 409, description = "Rows still belong to the measure", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[delete("/measures/{id}")]
pub async fn delete(auth: AuthUser, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    refuse_delete_with_reports(&mut conn, StructureItem::Measure(id)).await?;
    if Measure::delete(&mut conn, id).await? == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}
