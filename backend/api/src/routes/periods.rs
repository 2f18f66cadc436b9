//! `/plans/{plan_id}/periods` and `/periods`: the reporting periods and their life cycle
//! 準備中 → 受付中 → 締切 → 公表.

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::NaiveDate;
use diesel_async::AsyncConnection;
use serde::Deserialize;
use shinko_db::editions::Edition;
use shinko_db::enums::{PeriodKind, PeriodState};
use shinko_db::periods::{PeriodInsertForm, PeriodUpdateForm, ReportingPeriod};
use shinko_db::plans::Plan;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Reader};
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::period_rules::{self, NewPeriod, PeriodRequest, Transition};
use crate::state::AppState;

/// A new reporting period. It starts in 準備中 (preparing).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePeriod {
    /// 年度 (the April–March year), e.g. 2025 for 令和7年度.
    pub fiscal_year: i32,
    /// first_half (上半期, as of 9/30), full_year (年間, as of 3/31) or custom.
    pub kind: PeriodKind,
    /// The as-of date; required for custom periods, implied by the other kinds.
    pub as_of: Option<NaiveDate>,
    /// First day departments may write.
    pub opens_on: NaiveDate,
    /// 締切日 (on or after `opens_on`).
    pub deadline: NaiveDate,
}

/// New dates of a period; omitted fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePeriod {
    /// First day departments may write.
    pub opens_on: Option<NaiveDate>,
    /// 締切日.
    pub deadline: Option<NaiveDate>,
}

/// List a plan's reporting periods, newest first.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(operation_id = "list_periods", tag = "periods", params(("plan_id" = i64, Path, description = "Plan id")), responses((status = 200, description = "The plan's periods", body = Vec<ReportingPeriod>)), security(("bearer" = [])))]
#[get("/plans/{plan_id}/periods")]
pub async fn list(
    reader: Reader,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
) -> Result<web::Json<Vec<ReportingPeriod>>, ApiError> {
    let plan_id = plan_id.into_inner();
    let mut conn = state.conn().await?;
    reader.check_plan(plan_id)?;
    Plan::find(&mut conn, plan_id).await?;
    Ok(web::Json(ReportingPeriod::list_for_plan(&mut conn, plan_id).await?))
}

/// Get one reporting period.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(operation_id = "get_period", tag = "periods", params(("id" = i64, Path, description = "Period id")), responses((status = 200, description = "The period", body = ReportingPeriod)), security(("bearer" = [])))]
#[get("/periods/{id}")]
pub async fn get(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<ReportingPeriod>, ApiError> {
    let mut conn = state.conn().await?;
    let period = ReportingPeriod::find(&mut conn, id.into_inner()).await?;
    reader.check_plan(period.plan_id)?;
    Ok(web::Json(period))
}

/// Create a reporting period (準備中). Its label (令和7年度 9月末) is generated.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "create_period", tag = "periods", params(("plan_id" = i64, Path, description = "Plan id")), request_body = CreatePeriod, responses((status = 201, description = "Created", body = ReportingPeriod)), security(("bearer" = [])))]
#[post("/plans/{plan_id}/periods")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
    body: ApiJson<CreatePeriod>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let body = body.into_inner();
    let request = PeriodRequest {
        fiscal_year: body.fiscal_year,
        kind: body.kind,
        as_of: body.as_of,
        opens_on: body.opens_on,
        deadline: body.deadline,
    };
    let NewPeriod { kind, as_of, label } = period_rules::new_period(&request).map_err(ApiError::Validation)?;
    let plan_id = plan_id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    Plan::find(&mut conn, plan_id).await?;
    let form = PeriodInsertForm {
        plan_id,
        fiscal_year: body.fiscal_year,
        kind,
        as_of,
        label: &label,
        opens_on: body.opens_on,
        deadline: body.deadline,
        state: PeriodState::Preparing,
    };
    Ok(HttpResponse::Created().json(ReportingPeriod::create(&mut conn, &form).await?))
}

/// Change a period's opening date or deadline.
///
/// Who may call: admins. A published period cannot change (409).
#[utoipa::path(operation_id = "update_period", tag = "periods", params(("id" = i64, Path, description = "Period id")), request_body = UpdatePeriod, responses((status = 200, description = "Updated", body = ReportingPeriod), (status = 409, description = "The period is published", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[patch("/periods/{id}")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<UpdatePeriod>,
) -> Result<web::Json<ReportingPeriod>, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let body = body.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    let period = conn
        .transaction(async |conn| {
            let period = ReportingPeriod::find_for_update(conn, id).await?;
            period_rules::dates_changeable(period.state)?;
            let form = PeriodUpdateForm { opens_on: body.opens_on, deadline: body.deadline, ..Default::default() };
            Ok::<_, ApiError>(ReportingPeriod::update(conn, id, form).await?)
        })
        .await?;
    Ok(web::Json(period))
}

async fn transition(auth: &AuthUser, state: &AppState, id: i64, t: Transition) -> Result<ReportingPeriod, ApiError> {
    auth.require_admin()?;
    let mut conn = state.write_conn(auth).await?;
    conn.transaction(async |conn| {
        let period = ReportingPeriod::find_for_update(conn, id).await?;
        let to = period_rules::transition(period.state, t)?;
        if t == Transition::Publish {
            period_rules::publishable(ReportingPeriod::unapproved_reports(conn, id).await?)?;
        }
        Ok(match t {
            Transition::Open => ReportingPeriod::open(conn, id).await?,
            // Publishing freezes the compiled table as the period's next edition (公表版) in the
            // same transaction, after the state change so the snapshot shows the period 公表: a
            // period is never published without the edition citizens read.
            Transition::Publish => {
                let period =
                    ReportingPeriod::update(conn, id, PeriodUpdateForm { state: Some(to), ..Default::default() })
                        .await?;
                Edition::publish_period(conn, &period, Some(auth.user.id)).await?;
                period
            }
            _ => ReportingPeriod::update(conn, id, PeriodUpdateForm { state: Some(to), ..Default::default() }).await?,
        })
    })
    .await
}

/// Open the period (準備中 → 受付中): every row of the plan gets an empty draft report.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "open_period", tag = "periods", params(("id" = i64, Path, description = "Period id")), responses((status = 200, description = "Opened", body = ReportingPeriod), (status = 409, description = "The period is not 準備中", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/periods/{id}/open")]
pub async fn open(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<ReportingPeriod>, ApiError> {
    Ok(web::Json(transition(&auth, &state, id.into_inner(), Transition::Open).await?))
}

/// Close the period (受付中 → 締切): departments can no longer write; admins still can.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "close_period", tag = "periods", params(("id" = i64, Path, description = "Period id")), responses((status = 200, description = "Closed", body = ReportingPeriod), (status = 409, description = "The period is not 受付中", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/periods/{id}/close")]
pub async fn close(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<ReportingPeriod>, ApiError> {
    Ok(web::Json(transition(&auth, &state, id.into_inner(), Transition::Close).await?))
}

/// Reopen a closed period (締切 → 受付中) so departments can write again.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "reopen_period", tag = "periods", params(("id" = i64, Path, description = "Period id")), responses((status = 200, description = "Reopened", body = ReportingPeriod), (status = 409, description = "The period is not 締切", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/periods/{id}/reopen")]
pub async fn reopen(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<ReportingPeriod>, ApiError> {
    Ok(web::Json(transition(&auth, &state, id.into_inner(), Transition::Reopen).await?))
}

/// Publish a closed period (締切 → 公表). Every report must be approved; afterwards nothing changes.
/// Publishing freezes the compiled table as the period's next edition (公表版: edition 1, or
/// N+1 after a correction, with the correction's reason as its note), listed at
/// `GET /periods/{id}/editions` and public at `GET /public/editions/{edition id}`. To correct a
/// published period, see `POST /periods/{id}/correct`.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "publish_period", tag = "periods", params(("id" = i64, Path, description = "Period id")), responses((status = 200, description = "Published", body = ReportingPeriod), (status = 409, description = "Not 締切, or reports are not yet approved", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/periods/{id}/publish")]
pub async fn publish(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<ReportingPeriod>, ApiError> {
    Ok(web::Json(transition(&auth, &state, id.into_inner(), Transition::Publish).await?))
}
