//! `/plans`: the plans (計画) and the whole plan as one tree in table order.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::Utc;
use serde::Deserialize;
use shinko_db::plans::{Plan, PlanInsertForm, PlanUpdateForm};
use shinko_db::tree::PlanTree;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Reader};
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::routes::common::{double_option, Page, PageQuery, Validator};
use crate::state::AppState;

/// The heading every compiled table of the sample carries; the same default as the database's.
const DEFAULT_TABLE_TITLE: &str = "施策別事業進行管理表";

/// A new plan.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePlan {
    /// The city that runs the plan, e.g. あきる野市 (1–100 characters).
    pub municipality: String,
    /// The plan's name, e.g. 第2次自殺対策推進計画 (1–200 characters, unique per municipality).
    pub name: String,
    /// Heading of the compiled table (1–200 characters); 施策別事業進行管理表 when omitted.
    pub table_title: Option<String>,
    /// 計画期間: the first 年度 (2019–2100), e.g. 2024 for 令和6年度.
    pub first_fiscal_year: Option<i32>,
    /// 計画期間: the last 年度 (2019–2100, not before the first), e.g. 2028 for 令和10年度.
    pub last_fiscal_year: Option<i32>,
}

/// Changes to a plan; omitted fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePlan {
    /// The city that runs the plan (1–100 characters).
    pub municipality: Option<String>,
    /// The plan's name (1–200 characters, unique per municipality).
    pub name: Option<String>,
    /// Heading of the compiled table (1–200 characters).
    pub table_title: Option<String>,
    /// 計画期間: the first 年度 (2019–2100); `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i32>)]
    pub first_fiscal_year: Option<Option<i32>>,
    /// 計画期間: the last 年度 (2019–2100, not before the first); `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i32>)]
    pub last_fiscal_year: Option<Option<i32>>,
    /// `true` archives the plan (kept whole, no longer offered for work); `false` takes it back.
    pub archived: Option<bool>,
}

/// Checks the 計画期間: each year in range, the last not before the first.
fn check_fiscal_years(v: &mut Validator, first: Option<i32>, last: Option<i32>) {
    for (field, year) in [("first_fiscal_year", first), ("last_fiscal_year", last)] {
        if let Some(year) = year {
            v.range(field, year, 2019, 2100);
        }
    }
    if let (Some(first), Some(last)) = (first, last) {
        if last < first {
            v.push("last_fiscal_year", "invalid", "計画期間の終わりの年度は、始まりの年度以降にしてください。");
        }
    }
}

/// List plans.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "plans", operation_id = "list_plans", params(PageQuery), responses((status = 200, description = "One page of plans", body = Page<Plan>)), security(("bearer" = [])))]
#[get("/plans")]
pub async fn list(
    reader: Reader,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<Plan>>, ApiError> {
    let page = query.to_request()?;
    let mut conn = state.conn().await?;
    Ok(web::Json(Plan::list(&mut conn, reader.only_plan(), page).await?.into()))
}

/// Create a plan.
///
/// Who may call: admins.
#[utoipa::path(tag = "plans", operation_id = "create_plan", request_body = CreatePlan, responses((status = 201, description = "Created", body = Plan)), security(("bearer" = [])))]
#[post("/plans")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: ApiJson<CreatePlan>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let mut v = Validator::new();
    let municipality = v.text("municipality", &body.municipality, 100);
    let name = v.text("name", &body.name, 200);
    let table_title = body.table_title.as_deref().map_or(DEFAULT_TABLE_TITLE, |t| v.text("table_title", t, 200));
    check_fiscal_years(&mut v, body.first_fiscal_year, body.last_fiscal_year);
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    let form = PlanInsertForm {
        municipality,
        name,
        table_title,
        first_fiscal_year: body.first_fiscal_year,
        last_fiscal_year: body.last_fiscal_year,
    };
    let plan = Plan::create(&mut conn, &form).await?;
    Ok(HttpResponse::Created().json(plan))
}

/// Get one plan (without its content; see `GET /plans/{id}/tree`).
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "plans", operation_id = "get_plan", params(("id" = i64, Path, description = "Plan id")), responses((status = 200, description = "The plan", body = Plan)), security(("bearer" = [])))]
#[get("/plans/{id}")]
pub async fn get(reader: Reader, state: web::Data<AppState>, id: web::Path<i64>) -> Result<web::Json<Plan>, ApiError> {
    let id = id.into_inner();
    reader.check_plan(id)?;
    let mut conn = state.conn().await?;
    Ok(web::Json(Plan::find(&mut conn, id).await?))
}

/// Change a plan's municipality, name, table heading or 計画期間, or archive it (an archived
/// plan keeps all its periods, tables and editions; the app no longer offers it for work).
///
/// Who may call: admins.
#[utoipa::path(tag = "plans", operation_id = "update_plan", params(("id" = i64, Path, description = "Plan id")), request_body = UpdatePlan, responses((status = 200, description = "Updated", body = Plan)), security(("bearer" = [])))]
#[patch("/plans/{id}")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<UpdatePlan>,
) -> Result<web::Json<Plan>, ApiError> {
    auth.require_admin()?;
    let mut v = Validator::new();
    let municipality = body.municipality.as_deref().map(|t| v.text("municipality", t, 100).to_owned());
    let name = body.name.as_deref().map(|t| v.text("name", t, 200).to_owned());
    let table_title = body.table_title.as_deref().map(|t| v.text("table_title", t, 200).to_owned());
    let id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    let current = Plan::find(&mut conn, id).await?;
    let first = body.first_fiscal_year.unwrap_or(current.first_fiscal_year);
    let last = body.last_fiscal_year.unwrap_or(current.last_fiscal_year);
    check_fiscal_years(&mut v, first, last);
    v.finish()?;
    let archived_at = match body.archived {
        Some(true) => Some(current.archived_at.or(Some(Utc::now()))),
        Some(false) => Some(None),
        None => None,
    };
    let form = PlanUpdateForm {
        municipality,
        name,
        table_title,
        first_fiscal_year: body.first_fiscal_year,
        last_fiscal_year: body.last_fiscal_year,
        archived_at,
        updated_at: None,
    };
    Ok(web::Json(Plan::update(&mut conn, id, form).await?))
}

/// Delete a plan with its measures, directions and groups.
///
/// Who may call: admins. Refused with 409 while the plan has rows, so a plan's content is never
/// lost by one click.
#[utoipa::path(tag = "plans", operation_id = "delete_plan", params(("id" = i64, Path, description = "Plan id")), responses((status = 204, description = "Deleted"), (status = 409, description = "The plan still has rows", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[delete("/plans/{id}")]
pub async fn delete(auth: AuthUser, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let mut conn = state.write_conn(&auth).await?;
    if Plan::delete(&mut conn, id.into_inner()).await? == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Get the whole plan in table order: measures (基本施策, then 重点施策), their directions ①②③, the
/// rows with their departments and related rows, and the groups of related rows.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(tag = "plans", operation_id = "get_plan_tree", params(("id" = i64, Path, description = "Plan id")), responses((status = 200, description = "The plan tree", body = PlanTree)), security(("bearer" = [])))]
#[get("/plans/{id}/tree")]
pub async fn tree(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<PlanTree>, ApiError> {
    let id = id.into_inner();
    reader.check_plan(id)?;
    let mut conn = state.conn().await?;
    // The tree takes several queries; one snapshot keeps a concurrent edit (a moved or deleted
    // row) from showing up half-applied.
    let tree =
        conn.build_transaction().repeatable_read().read_only().run(async |conn| PlanTree::load(conn, id).await).await?;
    Ok(web::Json(tree))
}
