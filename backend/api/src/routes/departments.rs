//! `/departments`: the city departments (担当課).

use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use shinko_db::departments::{Department, DepartmentInsertForm, DepartmentUpdateForm};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{AuthUser, Reader};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::routes::common::{page_request, Page, Validator};
use crate::state::AppState;

/// Filter for the department list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DepartmentQuery {
    /// Only active (true) or only inactive (false) departments.
    pub active: Option<bool>,
    /// Page number, starting at 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// A new department.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDepartment {
    /// Name, e.g. 健康課 (1–100 characters, unique).
    pub name: String,
}

/// Changes to a department; omitted fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDepartment {
    /// New name (1–100 characters, unique).
    pub name: Option<String>,
    /// false retires the department: its history stays, it gets no new rows or users.
    pub active: Option<bool>,
}

/// List departments.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(operation_id = "list_departments", tag = "departments", params(DepartmentQuery), responses((status = 200, description = "One page of departments", body = Page<Department>)), security(("bearer" = [])))]
#[get("/departments")]
pub async fn list(
    _reader: Reader,
    state: web::Data<AppState>,
    query: web::Query<DepartmentQuery>,
) -> Result<web::Json<Page<Department>>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let mut conn = state.conn().await?;
    Ok(web::Json(Department::list(&mut conn, query.active, page).await?.into()))
}

/// Get one department.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(operation_id = "get_department", tag = "departments", params(("id" = i64, Path, description = "Department id")), responses((status = 200, description = "The department", body = Department)), security(("bearer" = [])))]
#[get("/departments/{id}")]
pub async fn get(
    _reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Department>, ApiError> {
    let mut conn = state.conn().await?;
    Ok(web::Json(Department::find(&mut conn, id.into_inner()).await?))
}

/// Create a department.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "create_department", tag = "departments", request_body = CreateDepartment, responses((status = 201, description = "Created", body = Department)), security(("bearer" = [])))]
#[post("/departments")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: ApiJson<CreateDepartment>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let mut v = Validator::new();
    let name = v.text("name", &body.name, 100);
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    let department = Department::create(&mut conn, &DepartmentInsertForm { name, active: true }).await?;
    Ok(HttpResponse::Created().json(department))
}

/// Rename, retire or reactivate a department.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "update_department", tag = "departments", params(("id" = i64, Path, description = "Department id")), request_body = UpdateDepartment, responses((status = 200, description = "Updated", body = Department)), security(("bearer" = [])))]
#[patch("/departments/{id}")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<UpdateDepartment>,
) -> Result<web::Json<Department>, ApiError> {
    auth.require_admin()?;
    let body = body.into_inner();
    let mut v = Validator::new();
    let name = body.name.as_deref().map(|n| v.text("name", n, 100).to_owned());
    v.finish()?;
    let mut conn = state.write_conn(&auth).await?;
    let form = DepartmentUpdateForm { name, active: body.active, updated_at: None };
    Ok(web::Json(Department::update(&mut conn, id.into_inner(), form).await?))
}
