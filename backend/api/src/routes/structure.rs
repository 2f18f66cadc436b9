//! The order of a plan's measures and of a measure's directions, and a row added to a period that
//! is already running. (Rows are ordered with `PUT /measures/{id}/row-order`.)

use actix_web::{post, put, web, HttpResponse};
use diesel_async::AsyncConnection;
use serde::Deserialize;
use shinko_db::enums::{MeasureKind, PeriodState};
use shinko_db::initiatives::{Initiative, ReorderError};
use shinko_db::measures::{Direction, Measure};
use shinko_db::periods::{create_missing_reports, ReportingPeriod};
use shinko_db::plans::Plan;
use shinko_db::reports::{Report, ReportView};
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::state::AppState;

/// The new order of a plan's measures of one kind.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureOrder {
    /// basic (基本施策) or priority (重点施策).
    pub kind: MeasureKind,
    /// Every measure id of that kind exactly once, in the wanted order: they are numbered 1, 2, …
    pub measure_ids: Vec<i64>,
}

/// The new order of a measure's directions.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DirectionOrder {
    /// Every direction id of the measure exactly once, in the wanted order: they are numbered
    /// ①, ②, …
    pub direction_ids: Vec<i64>,
}

fn not_a_permutation(field: &str) -> impl Fn(ReorderError) -> ApiError + '_ {
    move |e| match e {
        ReorderError::NotAPermutation => ApiError::field(
            field,
            "not_a_permutation",
            "すべての項目を重複なく1回ずつ指定してください。画面を更新してからやり直してください。",
        ),
        ReorderError::Db(e) => e.into(),
    }
}

/// Put a plan's measures of one kind in a new order: they are numbered 1, 2, … in that order
/// (基本施策1 is the first), so headings and tables follow.
///
/// Who may call: admins. The list must name every measure of that kind exactly once (422 on
/// `measure_ids` otherwise).
#[utoipa::path(tag = "measures", operation_id = "reorder_measures", params(("id" = i64, Path, description = "Plan id")), request_body = MeasureOrder, responses((status = 204, description = "Reordered")), security(("bearer" = [])))]
#[put("/plans/{id}/measure-order")]
pub async fn reorder_measures(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<MeasureOrder>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let plan_id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    Plan::find(&mut conn, plan_id).await?;
    Measure::reorder(&mut conn, plan_id, body.kind, &body.measure_ids)
        .await
        .map_err(not_a_permutation("measure_ids"))?;
    Ok(HttpResponse::NoContent().finish())
}

/// Put a measure's directions in a new order: they are numbered ①, ②, … in that order.
///
/// Who may call: admins. The list must name every direction of the measure exactly once (422 on
/// `direction_ids` otherwise).
#[utoipa::path(tag = "measures", operation_id = "reorder_directions", params(("id" = i64, Path, description = "Measure id")), request_body = DirectionOrder, responses((status = 204, description = "Reordered")), security(("bearer" = [])))]
#[put("/measures/{id}/direction-order")]
pub async fn reorder_directions(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<DirectionOrder>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let measure_id = id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    Measure::find(&mut conn, measure_id).await?;
    Direction::reorder(&mut conn, measure_id, &body.direction_ids).await.map_err(not_a_permutation("direction_ids"))?;
    Ok(HttpResponse::NoContent().finish())
}

/// Add a row to a period that is already running (受付中 or 締切): it gets its empty report there,
/// so its department reports on it in this period too. Without this, a row added mid-plan takes
/// part from the next period opened.
///
/// Who may call: admins. 409 when the period is not running, the row already has its report
/// there, or the row is retired (廃止) by the period's as-of date.
#[utoipa::path(tag = "rows", operation_id = "add_row_to_period", params(("id" = i64, Path, description = "Period id"), ("row_id" = i64, Path, description = "Row id")), responses((status = 201, description = "The row's new report", body = ReportView), (status = 409, description = "Not running, already there, or retired", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/periods/{id}/rows/{row_id}/report")]
pub async fn add_row_to_period(
    auth: AuthUser,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let (period_id, row_id) = path.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    let report = conn
        .transaction(async |conn| {
            let period = ReportingPeriod::find_for_update(conn, period_id).await?;
            let row = Initiative::find_for_update(conn, row_id).await?;
            if row.plan_id != period.plan_id {
                return Err(ApiError::NotFound);
            }
            if !matches!(period.state, PeriodState::Open | PeriodState::Closed) {
                return Err(ApiError::Conflict(format!(
                    "「{}」の報告期間には事業を追加できません（受付中・締切の期間が対象です）。",
                    period.state.label_ja()
                )));
            }
            if Report::find_for_row(conn, period_id, row_id).await?.is_some() {
                return Err(ApiError::Conflict("この事業はすでにこの報告期間に含まれています。".into()));
            }
            create_missing_reports(conn, period.plan_id, Some(period_id), Some(row_id)).await?;
            Report::find_for_row(conn, period_id, row_id).await?.ok_or_else(|| {
                ApiError::Conflict("この事業は廃止されているため、この報告期間には追加できません。".into())
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(ReportView::from_report(&mut conn, report).await?))
}
