//! Reports seen from a row or a department rather than from one period: a row's report in every
//! period side by side, and a department's open reports across all plans (its ホーム).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::enums::{FutureDirection, ImplementationStatus, PeriodState, ReportState};
use crate::schema::{directions, initiative_departments, initiatives, measures, plans, reporting_periods, reports};

/// A row's report in one period.
#[derive(Debug, Clone, PartialEq, Queryable, Serialize, utoipa::ToSchema)]
pub struct RowPeriodReport {
    /// The period.
    pub period_id: i64,
    /// e.g. 令和7年度 9月末.
    pub period_label: String,
    /// The period's as-of date.
    pub as_of: NaiveDate,
    /// The period's state.
    pub period_state: PeriodState,
    /// The report.
    pub report_id: i64,
    /// The report's state.
    pub state: ReportState,
    /// 取組進捗状況.
    pub progress: String,
    /// 実施状況.
    pub implementation_status: Option<ImplementationStatus>,
    /// Evaluation code.
    pub evaluation: Option<String>,
    /// 今後の方向性.
    pub future_direction: Option<FutureDirection>,
    /// 備考.
    pub remarks: String,
    /// Current version.
    pub version: i32,
    /// When the current version was saved.
    pub updated_at: DateTime<Utc>,
}

impl RowPeriodReport {
    /// The row's report in every period that has one, oldest period first.
    pub async fn list_for_row(conn: &mut AsyncPgConnection, row_id: i64) -> QueryResult<Vec<Self>> {
        reports::table
            .inner_join(reporting_periods::table.on(reporting_periods::id.eq(reports::period_id)))
            .filter(reports::initiative_id.eq(row_id))
            .order(reporting_periods::as_of)
            .select((
                reporting_periods::id,
                reporting_periods::label,
                reporting_periods::as_of,
                reporting_periods::state,
                reports::id,
                reports::state,
                reports::progress,
                reports::implementation_status,
                reports::evaluation,
                reports::future_direction,
                reports::remarks,
                reports::version,
                reports::updated_at,
            ))
            .load(conn)
            .await
    }
}

/// A report a department still works on, in an open period of any plan.
#[derive(Debug, Clone, PartialEq, Queryable, Serialize, utoipa::ToSchema)]
pub struct OpenReport {
    /// The plan.
    pub plan_id: i64,
    /// The plan's name, e.g. 第2次自殺対策推進計画.
    pub plan_name: String,
    /// The period.
    pub period_id: i64,
    /// e.g. 令和7年度 3月末.
    pub period_label: String,
    /// 締切日.
    pub deadline: NaiveDate,
    /// The report.
    pub report_id: i64,
    /// The row.
    pub row_id: i64,
    /// 取組項目 / 会議名.
    pub row_name: String,
    /// The report's state.
    pub state: ReportState,
    /// When the current version was saved.
    pub updated_at: DateTime<Utc>,
}

impl OpenReport {
    /// The reports of `department_id`'s rows in the open (受付中) periods of every plan that is not
    /// archived, by plan, period and table order.
    pub async fn list_for_department(conn: &mut AsyncPgConnection, department_id: i64) -> QueryResult<Vec<Self>> {
        reports::table
            .inner_join(reporting_periods::table.on(reporting_periods::id.eq(reports::period_id)))
            .inner_join(plans::table.on(plans::id.eq(reports::plan_id)))
            .inner_join(initiatives::table.on(initiatives::id.eq(reports::initiative_id)))
            .inner_join(measures::table.on(measures::id.eq(initiatives::measure_id)))
            .left_join(directions::table.on(directions::id.nullable().eq(initiatives::direction_id)))
            .filter(reporting_periods::state.eq(PeriodState::Open))
            .filter(plans::archived_at.is_null())
            .filter(diesel::dsl::exists(
                initiative_departments::table
                    .filter(initiative_departments::initiative_id.eq(reports::initiative_id))
                    .filter(initiative_departments::department_id.eq(department_id)),
            ))
            .order((
                plans::id,
                reporting_periods::as_of,
                measures::kind,
                measures::number,
                directions::number.nullable().asc().nulls_first(),
                initiatives::position,
            ))
            .select((
                plans::id,
                plans::name,
                reporting_periods::id,
                reporting_periods::label,
                reporting_periods::deadline,
                reports::id,
                initiatives::id,
                initiatives::name,
                reports::state,
                reports::updated_at,
            ))
            .load(conn)
            .await
    }
}
