//! 報告期間: the twice-yearly reporting periods of a plan and their life cycle
//! 準備中 → 受付中 → 締切 → 公表.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::enums::{PeriodKind, PeriodState};
use crate::schema::reporting_periods;

/// A reporting period of a plan.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = reporting_periods)]
pub struct ReportingPeriod {
    /// Stable id.
    pub id: i64,
    /// The plan reported on.
    pub plan_id: i64,
    /// 年度 (fiscal year starting in April): 2025 = 令和7年度.
    pub fiscal_year: i32,
    /// first_half (上半期), full_year (年間) or custom.
    pub kind: PeriodKind,
    /// The date the reports describe ("…まで"), e.g. 2025-09-30.
    pub as_of: NaiveDate,
    /// Japanese label, e.g. 令和7年度 9月末.
    pub label: String,
    /// First day departments may write.
    pub opens_on: NaiveDate,
    /// 締切日: reports submitted after this day are marked late.
    pub deadline: NaiveDate,
    /// preparing (準備中), open (受付中), closed (締切) or published (公表).
    pub state: PeriodState,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = reporting_periods)]
pub struct PeriodInsertForm<'a> {
    pub plan_id: i64,
    pub fiscal_year: i32,
    pub kind: PeriodKind,
    pub as_of: NaiveDate,
    pub label: &'a str,
    pub opens_on: NaiveDate,
    pub deadline: NaiveDate,
    pub state: PeriodState,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = reporting_periods)]
pub struct PeriodUpdateForm {
    pub opens_on: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub state: Option<PeriodState>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// The year of the Japanese era 令和 for a western year (令和元年 = 2019).
pub fn reiwa_year(year: i32) -> String {
    match year - 2018 {
        1 => "元".to_owned(),
        n => n.to_string(),
    }
}

/// The as-of date of a period kind in a fiscal year; None for custom periods.
pub fn standard_as_of(fiscal_year: i32, kind: PeriodKind) -> Option<NaiveDate> {
    match kind {
        PeriodKind::FirstHalf => NaiveDate::from_ymd_opt(fiscal_year, 9, 30),
        PeriodKind::FullYear => NaiveDate::from_ymd_opt(fiscal_year + 1, 3, 31),
        PeriodKind::Custom => None,
    }
}

/// The kind a given as-of date stands for.
pub fn kind_of(fiscal_year: i32, as_of: NaiveDate) -> PeriodKind {
    if Some(as_of) == standard_as_of(fiscal_year, PeriodKind::FirstHalf) {
        PeriodKind::FirstHalf
    } else if Some(as_of) == standard_as_of(fiscal_year, PeriodKind::FullYear) {
        PeriodKind::FullYear
    } else {
        PeriodKind::Custom
    }
}

/// The label the city writes, e.g. 令和7年度 9月末, or 令和7年度 12月15日 for a custom date.
pub fn period_label(fiscal_year: i32, as_of: NaiveDate) -> String {
    let last_of_month = as_of.succ_opt().is_none_or(|next| next.month() != as_of.month());
    let date = if last_of_month {
        format!("{}月末", as_of.month())
    } else {
        format!("{}月{}日", as_of.month(), as_of.day())
    };
    format!("令和{}年度 {date}", reiwa_year(fiscal_year))
}

impl ReportingPeriod {
    pub async fn list_for_plan(conn: &mut AsyncPgConnection, plan_id: i64) -> QueryResult<Vec<Self>> {
        reporting_periods::table
            .filter(reporting_periods::plan_id.eq(plan_id))
            .order(reporting_periods::as_of.desc())
            .select(Self::as_select())
            .load(conn)
            .await
    }

    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        reporting_periods::table.find(id).select(Self::as_select()).first(conn).await
    }

    /// Locks the period for a state change, so two admins cannot open or close it at once.
    pub async fn find_for_update(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        reporting_periods::table.find(id).select(Self::as_select()).for_update().first(conn).await
    }

    pub async fn find_by_as_of(
        conn: &mut AsyncPgConnection,
        plan_id: i64,
        as_of: NaiveDate,
    ) -> QueryResult<Option<Self>> {
        reporting_periods::table
            .filter(reporting_periods::plan_id.eq(plan_id))
            .filter(reporting_periods::as_of.eq(as_of))
            .select(Self::as_select())
            .first(conn)
            .await
            .optional()
    }

    pub async fn create(conn: &mut AsyncPgConnection, form: &PeriodInsertForm<'_>) -> QueryResult<Self> {
        diesel::insert_into(reporting_periods::table)
            .values(form)
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    pub async fn update(conn: &mut AsyncPgConnection, id: i64, mut form: PeriodUpdateForm) -> QueryResult<Self> {
        form.updated_at = Some(Utc::now());
        diesel::update(reporting_periods::table.find(id))
            .set(&form)
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    /// Opens the period: an empty draft report for every row of the plan, in the same transaction
    /// as the state change, so departments never see an open period with rows missing.
    pub async fn open(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        conn.transaction(async |conn| {
            let period =
                Self::update(conn, id, PeriodUpdateForm { state: Some(PeriodState::Open), ..Default::default() })
                    .await?;
            create_missing_reports(conn, period.plan_id, Some(period.id), None).await?;
            Ok(period)
        })
        .await
    }

    /// How many of the period's reports are not yet approved (publishing needs none).
    pub async fn unapproved_reports(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<i64> {
        use crate::enums::ReportState;
        use crate::schema::reports;
        reports::table
            .filter(reports::period_id.eq(id))
            .filter(reports::state.ne(ReportState::Approved))
            .count()
            .get_result(conn)
            .await
    }
}

/// A part of a plan's structure that can be retired (廃止).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructureItem {
    Measure(i64),
    Direction(i64),
    Row(i64),
}

/// The latest as-of date of a period in which `item` (a row, or any row under a measure or
/// direction) has a report: it must stay in every period up to that one.
pub async fn last_reported_as_of(conn: &mut AsyncPgConnection, item: StructureItem) -> QueryResult<Option<NaiveDate>> {
    use crate::schema::{initiatives, reports};
    let mut q = reports::table
        .inner_join(reporting_periods::table.on(reporting_periods::id.eq(reports::period_id)))
        .inner_join(initiatives::table.on(initiatives::id.eq(reports::initiative_id)))
        .into_boxed();
    q = match item {
        StructureItem::Measure(id) => q.filter(initiatives::measure_id.eq(id)),
        StructureItem::Direction(id) => q.filter(initiatives::direction_id.eq(id)),
        StructureItem::Row(id) => q.filter(initiatives::id.eq(id)),
    };
    q.select(diesel::dsl::max(reporting_periods::as_of)).first(conn).await
}

/// Creates the missing reports of a plan's running (受付中 or 締切) periods, one per row that is
/// not retired (廃止) by the period's as-of date, each with its first version in the history;
/// existing reports are kept. `period_id` and `row_id` narrow it to one period or one row.
pub async fn create_missing_reports(
    conn: &mut AsyncPgConnection,
    plan_id: i64,
    period_id: Option<i64>,
    row_id: Option<i64>,
) -> QueryResult<usize> {
    diesel::sql_query(
        "WITH created AS ( \
             INSERT INTO reports (plan_id, period_id, initiative_id) \
             SELECT p.plan_id, p.id, i.id FROM reporting_periods p JOIN initiatives i ON i.plan_id = p.plan_id \
             JOIN measures m ON m.id = i.measure_id LEFT JOIN directions d ON d.id = i.direction_id \
             WHERE p.plan_id = $1 AND ($2::BIGINT IS NULL OR p.id = $2) AND ($3::BIGINT IS NULL OR i.id = $3) \
               AND p.state IN ('open', 'closed') \
               AND (i.retired_from IS NULL OR i.retired_from > p.as_of) \
               AND (m.retired_from IS NULL OR m.retired_from > p.as_of) \
               AND (d.retired_from IS NULL OR d.retired_from > p.as_of) \
             ON CONFLICT DO NOTHING \
             RETURNING id, version, state, progress, remarks) \
         INSERT INTO report_versions (report_id, version, action, state, progress, remarks, actor_id) \
         SELECT id, version, 'create', state, progress, remarks, NULLIF(current_setting('shinko.actor_id', true), '')::BIGINT FROM created",
    )
    .bind::<diesel::sql_types::BigInt, _>(plan_id)
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::BigInt>, _>(period_id)
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::BigInt>, _>(row_id)
    .execute(conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_citys_way_of_writing() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(period_label(2025, d(2025, 9, 30)), "令和7年度 9月末");
        assert_eq!(period_label(2025, d(2026, 3, 31)), "令和7年度 3月末");
        assert_eq!(period_label(2025, d(2025, 12, 15)), "令和7年度 12月15日");
        assert_eq!(period_label(2019, d(2019, 9, 30)), "令和元年度 9月末");
        assert_eq!(period_label(2027, d(2028, 2, 29)), "令和9年度 2月末");
    }

    #[test]
    fn standard_periods_are_recognised_by_their_date() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(kind_of(2025, d(2025, 9, 30)), PeriodKind::FirstHalf);
        assert_eq!(kind_of(2025, d(2026, 3, 31)), PeriodKind::FullYear);
        assert_eq!(kind_of(2025, d(2025, 12, 31)), PeriodKind::Custom);
        assert_eq!(standard_as_of(2025, PeriodKind::FullYear), Some(d(2026, 3, 31)));
    }
}
