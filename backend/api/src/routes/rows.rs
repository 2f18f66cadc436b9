//! `/plans/{plan_id}/rows` and `/rows`: the table's rows (事業 / 取組; "initiatives" in the
//! database), their owning departments and their order within a measure.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use chrono::NaiveDate;
use diesel::OptionalExtension;
use diesel_async::AsyncConnection;
use serde::Deserialize;
use shinko_db::departments::Department;
use shinko_db::initiatives::{
    Initiative, InitiativeInsertForm, InitiativeRow, InitiativeUpdateForm, ReorderError, RowFilter,
};
use shinko_db::measures::Measure;
use shinko_db::periods::StructureItem;
use shinko_db::plans::Plan;
use shinko_db::row_history::RowPeriodReport;
use shinko_db::AsyncPgConnection;
use utoipa::{IntoParams, ToSchema};

use crate::auth::{AuthUser, Reader};
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::routes::common::{
    check_retirement, double_option, page_request, refuse_delete_with_reports, Page, Validator,
};
use crate::state::AppState;

/// The sample's rows have one or two owners; five leaves room for joint 事業 without letting a
/// row belong to everybody (and so to nobody).
const MAX_DEPARTMENTS: usize = 5;

/// Filter and page of the row list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RowQuery {
    /// Only rows under this measure.
    pub measure_id: Option<i64>,
    /// Only rows this department owns, alone or jointly.
    pub department_id: Option<i64>,
    /// Page number, starting at 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// A new row.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRow {
    /// The measure (基本施策/重点施策) of this plan the row goes under; it is appended at the end.
    pub measure_id: i64,
    /// The direction (①②③) of that measure the row goes under; omitted or null for a row
    /// directly under the measure.
    pub direction_id: Option<i64>,
    /// The group of related rows (the same 事業 under other measures) the row joins.
    pub group_id: Option<i64>,
    /// 取組項目 / 会議名, e.g. 健康相談 (1–200 characters).
    pub name: String,
    /// 内容: what the department promises to do (up to 5000 characters; empty when omitted).
    pub content: Option<String>,
    /// Owning departments (担当課) in display order, 1–5 different ids.
    pub department_ids: Vec<i64>,
}

/// Changes to a row; omitted fields stay as they are. Departments change through
/// `PUT /rows/{id}/departments`, the order through `PUT /measures/{id}/row-order`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateRow {
    /// Move the row to another measure of the plan (at its end). Its direction is then
    /// `direction_id`, which must belong to that measure, or none when omitted.
    pub measure_id: Option<i64>,
    /// Another direction of the row's measure; `null` puts the row directly under the measure.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub direction_id: Option<Option<i64>>,
    /// Another group of related rows of the plan; `null` takes the row out of its group.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub group_id: Option<Option<i64>>,
    /// 取組項目 / 会議名 (1–200 characters).
    pub name: Option<String>,
    /// 内容 (up to 5000 characters).
    pub content: Option<String>,
    /// 廃止: from this date on (the as-of date of the first period without it) periods do not
    /// include the row; it must be later than every period the row has reports in. `null` takes
    /// the retirement back (for periods opened afterwards).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub retired_from: Option<Option<NaiveDate>>,
}

/// The new owners of a row.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetRowDepartments {
    /// Owning departments (担当課) in display order, 1–5 different ids. They replace the current ones.
    pub department_ids: Vec<i64>,
}

/// The new order of a measure's rows.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RowOrder {
    /// Every row id of the measure exactly once, in the wanted order.
    pub row_ids: Vec<i64>,
}

fn check_department_ids(v: &mut Validator, ids: &[i64]) {
    if ids.is_empty() {
        v.push("department_ids", "required", "担当課を1つ以上指定してください。");
    } else if ids.len() > MAX_DEPARTMENTS {
        v.push("department_ids", "too_many", format!("担当課は{MAX_DEPARTMENTS}つまで指定できます。"));
    } else if ids.iter().enumerate().any(|(i, id)| ids[..i].contains(id)) {
        v.push("department_ids", "duplicate", "同じ担当課が重複しています。");
    }
}

/// Refuses unknown departments, and retired ones unless the row already has them: a retired
/// department keeps its rows but gets no new ones.
async fn check_departments_usable(conn: &mut AsyncPgConnection, ids: &[i64], current: &[i64]) -> Result<(), ApiError> {
    let found = Department::find_many(conn, ids).await?;
    if found.len() != ids.len() {
        return Err(ApiError::field("department_ids", "not_found", "指定された担当課はありません。"));
    }
    if let Some(d) = found.iter().find(|d| !d.active && !current.contains(&d.id)) {
        return Err(ApiError::field(
            "department_ids",
            "inactive",
            format!("{}は無効な担当課のため指定できません。", d.name),
        ));
    }
    Ok(())
}

/// List a plan's rows in table order, optionally only those of one measure or one department.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "rows", operation_id = "list_rows", params(("plan_id" = i64, Path, description = "Plan id"), RowQuery), responses((status = 200, description = "One page of rows", body = Page<InitiativeRow>)), security(("bearer" = [])))]
#[get("/plans/{plan_id}/rows")]
pub async fn list(
    reader: Reader,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
    query: web::Query<RowQuery>,
) -> Result<web::Json<Page<InitiativeRow>>, ApiError> {
    let plan_id = plan_id.into_inner();
    let page = page_request(query.page, query.per_page)?;
    let mut conn = state.conn().await?;
    reader.check_plan(plan_id)?;
    // An empty page would hide a wrong plan id.
    Plan::find(&mut conn, plan_id).await?;
    let filter = RowFilter { measure_id: query.measure_id, department_id: query.department_id };
    Ok(web::Json(InitiativeRow::list(&mut conn, plan_id, filter, page).await?.into()))
}

/// Add a row at the end of a measure (or of one of its directions).
///
/// Who may call: admins.
#[utoipa::path(tag = "rows", operation_id = "create_row", params(("plan_id" = i64, Path, description = "Plan id")), request_body = CreateRow, responses((status = 201, description = "Created", body = InitiativeRow)), security(("bearer" = [])))]
#[post("/plans/{plan_id}/rows")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
    body: ApiJson<CreateRow>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let plan_id = plan_id.into_inner();
    let body = body.into_inner();
    let mut v = Validator::new();
    let name = v.text("name", &body.name, 200);
    let content = body.content.as_deref().unwrap_or_default();
    v.max_len("content", content, 5000);
    check_department_ids(&mut v, &body.department_ids);
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    Plan::find(&mut conn, plan_id).await?;
    let row = conn
        .transaction(async |conn| {
            // The lock makes rows appended at the same time take turns for the next position.
            let measure = Measure::find_for_update(conn, body.measure_id).await.optional()?;
            if measure.is_none_or(|m| m.plan_id != plan_id) {
                return Err(ApiError::field("measure_id", "not_found", "指定された施策はこの計画にありません。"));
            }
            check_departments_usable(conn, &body.department_ids, &[]).await?;
            let form = InitiativeInsertForm {
                plan_id,
                measure_id: body.measure_id,
                direction_id: body.direction_id,
                group_id: body.group_id,
                name,
                content,
                position: Initiative::next_position(conn, body.measure_id).await?,
            };
            let row = Initiative::create(conn, &form, &body.department_ids).await?;
            Ok(InitiativeRow::find(conn, row.id).await?)
        })
        .await?;
    Ok(HttpResponse::Created().json(row))
}

/// Get one row with its departments and related rows.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "rows", operation_id = "get_row", params(("id" = i64, Path, description = "Row id")), responses((status = 200, description = "The row", body = InitiativeRow)), security(("bearer" = [])))]
#[get("/rows/{id}")]
pub async fn get(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<InitiativeRow>, ApiError> {
    let mut conn = state.conn().await?;
    let row = InitiativeRow::find(&mut conn, id.into_inner()).await?;
    reader.check_plan(row.plan_id)?;
    Ok(web::Json(row))
}

/// The row's report in every period that has one, oldest first: what its department wrote
/// over the years, side by side.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "rows", operation_id = "list_row_reports", params(("id" = i64, Path, description = "Row id")), responses((status = 200, description = "The row's reports by period", body = Vec<RowPeriodReport>)), security(("bearer" = [])))]
#[get("/rows/{id}/reports")]
pub async fn reports(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<RowPeriodReport>>, ApiError> {
    let id = id.into_inner();
    let mut conn = state.conn().await?;
    reader.check_plan(Initiative::find(&mut conn, id).await?.plan_id)?;
    Ok(web::Json(RowPeriodReport::list_for_row(&mut conn, id).await?))
}

/// Change a row's name, content, direction or group, move it to another measure, or retire it
/// (廃止) from a date on: earlier periods keep it and its reports, periods opened later do not
/// include it. A move takes the row to the end of the other measure.
///
/// Who may call: admins.
#[utoipa::path(tag = "rows", operation_id = "update_row", params(("id" = i64, Path, description = "Row id")), request_body = UpdateRow, responses((status = 200, description = "Updated", body = InitiativeRow)), security(("bearer" = [])))]
#[patch("/rows/{id}")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<UpdateRow>,
) -> Result<web::Json<InitiativeRow>, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let body = body.into_inner();
    let mut v = Validator::new();
    let name = body.name.as_deref().map(|n| v.text("name", n, 200).to_owned());
    if let Some(content) = &body.content {
        v.max_len("content", content, 5000);
    }
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    check_retirement(&mut conn, StructureItem::Row(id), body.retired_from).await?;
    let row = conn
        .transaction(async |conn| {
            let current = Initiative::find_for_update(conn, id).await?;
            let mut form = InitiativeUpdateForm {
                direction_id: body.direction_id,
                group_id: body.group_id,
                name,
                content: body.content,
                retired_from: body.retired_from,
                ..Default::default()
            };
            if let Some(measure_id) = body.measure_id.filter(|m| *m != current.measure_id) {
                // The lock makes rows moved or appended at the same time take turns for the end.
                let measure = Measure::find_for_update(conn, measure_id).await.optional()?;
                if measure.is_none_or(|m| m.plan_id != current.plan_id) {
                    return Err(ApiError::field("measure_id", "not_found", "指定された施策はこの計画にありません。"));
                }
                form.measure_id = Some(measure_id);
                form.position = Some(Initiative::next_position(conn, measure_id).await?);
                form.direction_id = Some(body.direction_id.flatten());
            }
            Initiative::update(conn, id, form).await?;
            Ok(InitiativeRow::find(conn, id).await?)
        })
        .await?;
    Ok(web::Json(row))
}

/// Delete a row. Refused with 409 once the row has reports (its history is kept; rows cannot
/// lose their reports by accident).
///
/// Who may call: admins.
#[utoipa::path(tag = "rows", operation_id = "delete_row", params(("id" = i64, Path, description = "Row id")), responses((status = 204, description = "Deleted"), (status = 409, description = "The row has reports; its history is kept", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[delete("/rows/{id}")]
pub async fn delete(auth: AuthUser, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    refuse_delete_with_reports(&mut conn, StructureItem::Row(id)).await?;
    if Initiative::delete(&mut conn, id).await? == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Replace a row's owning departments; the table shows them in the given order (健康課／福祉総務課).
///
/// Who may call: admins.
#[utoipa::path(tag = "rows", operation_id = "set_row_departments", params(("id" = i64, Path, description = "Row id")), request_body = SetRowDepartments, responses((status = 200, description = "The row with its new departments", body = InitiativeRow)), security(("bearer" = [])))]
#[put("/rows/{id}/departments")]
pub async fn set_departments(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<SetRowDepartments>,
) -> Result<web::Json<InitiativeRow>, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let mut v = Validator::new();
    check_department_ids(&mut v, &body.department_ids);
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    let row = conn
        .transaction(async |conn| {
            // Two replacements at once would otherwise both insert links and one would fail as a
            // (misleading) duplicate.
            Initiative::find_for_update(conn, id).await?;
            let current: Vec<i64> = InitiativeRow::find(conn, id).await?.departments.iter().map(|d| d.id).collect();
            check_departments_usable(conn, &body.department_ids, &current).await?;
            Initiative::set_departments(conn, id, &body.department_ids).await?;
            Ok::<_, ApiError>(InitiativeRow::find(conn, id).await?)
        })
        .await?;
    Ok(web::Json(row))
}

/// Put a measure's rows in a new order. Rows under directions keep their direction; the order
/// counts within each direction.
///
/// Who may call: admins. The list must name every row of the measure exactly once (422 on
/// `row_ids` otherwise), so a client working from a stale table cannot drop or duplicate a row.
#[utoipa::path(tag = "rows", operation_id = "reorder_rows", params(("id" = i64, Path, description = "Measure id")), request_body = RowOrder, responses((status = 204, description = "Reordered")), security(("bearer" = [])))]
#[put("/measures/{id}/row-order")]
pub async fn reorder(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<RowOrder>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let measure_id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    // A measure without rows accepts an empty list, so a wrong id would pass silently.
    Measure::find(&mut conn, measure_id).await?;
    Initiative::reorder(&mut conn, measure_id, &body.row_ids).await.map_err(|e| match e {
        ReorderError::NotAPermutation => ApiError::field(
            "row_ids",
            "not_a_permutation",
            "この施策のすべての事業を重複なく1回ずつ指定してください。画面を更新してからやり直してください。",
        ),
        ReorderError::Db(e) => e.into(),
    })?;
    Ok(HttpResponse::NoContent().finish())
}
