//! Where a period stands: the secretariat's dashboard (counts by state, department and measure)
//! and the rows each department still owes. Everything is counted by a few aggregate queries,
//! never by loading the reports.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Int4, Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::enums::{MeasureKind, ReportState};
use crate::grades::EvaluationGrade;
use crate::initiatives::DepartmentRef;
use crate::periods::ReportingPeriod;
use crate::schema::{departments, directions, initiative_departments, initiatives, measures, reports, sql_types};

/// How many rows are in which state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, QueryableByName, utoipa::ToSchema)]
pub struct StateCounts {
    /// Rows of the plan (for a department: the rows it owns, alone or jointly).
    #[diesel(sql_type = BigInt)]
    pub rows: i64,
    /// 下書き, including rows whose report does not exist yet (the period is 準備中).
    #[diesel(sql_type = BigInt)]
    pub draft: i64,
    /// 提出済, waiting for the secretariat.
    #[diesel(sql_type = BigInt)]
    pub submitted: i64,
    /// 差戻し: sent back to the department.
    #[diesel(sql_type = BigInt)]
    pub returned: i64,
    /// 承認済.
    #[diesel(sql_type = BigInt)]
    pub approved: i64,
    /// Reports submitted after the deadline (whatever their state now).
    #[diesel(sql_type = BigInt)]
    pub submitted_late: i64,
}

impl StateCounts {
    /// Rows the department still owes: 下書き or 差戻し.
    pub fn unsubmitted(&self) -> i64 {
        self.draft + self.returned
    }
}

/// Completion in percent of all rows, rounded to one decimal.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Completion {
    /// 提出済 or 承認済 rows / all rows × 100.
    pub submitted_percent: f64,
    /// 承認済 rows / all rows × 100.
    pub approved_percent: f64,
}

impl Completion {
    pub fn of(counts: &StateCounts) -> Self {
        let percent =
            |n: i64| if counts.rows == 0 { 0.0 } else { (n as f64 * 1000.0 / counts.rows as f64).round() / 10.0 };
        Self {
            submitted_percent: percent(counts.submitted + counts.approved),
            approved_percent: percent(counts.approved),
        }
    }
}

/// One department's progress in the period.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DepartmentProgress {
    /// The department.
    pub department: DepartmentRef,
    /// Its rows by state (co-owned rows count for each owner).
    pub counts: StateCounts,
    /// 下書き or 差戻し rows, i.e. not yet submitted.
    pub unsubmitted: i64,
    /// Its completion.
    pub completion: Completion,
    /// The deadline has passed (in Japan) and the department still has unsubmitted rows.
    pub late: bool,
}

/// A department that missed the deadline.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct LateDepartment {
    /// Department id.
    pub department_id: i64,
    /// Department name.
    pub name: String,
    /// Rows still 下書き or 差戻し.
    pub unsubmitted: i64,
}

/// Rows of a measure by 実施状況 of their report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ImplementationCounts {
    /// 未着手.
    pub not_started: i64,
    /// 実施中.
    pub in_progress: i64,
    /// 実施済.
    pub done: i64,
    /// 予定.
    pub planned: i64,
    /// 未入力: no 実施状況 given (or no report yet).
    pub unset: i64,
}

/// Rows of a measure with one self-evaluation grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct EvaluationCount {
    /// Grade code of the plan's scale; null for 未評価.
    pub code: Option<String>,
    /// Its meaning, e.g. 目標値以上, or 未評価.
    pub label: String,
    /// Number of rows.
    pub count: i64,
}

/// One measure's rows by 実施状況 and self-evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MeasureProgress {
    /// Measure id.
    pub measure_id: i64,
    /// basic (基本施策) or priority (重点施策).
    pub kind: MeasureKind,
    /// Number within its kind.
    pub number: i32,
    /// Title as in the heading.
    pub title: String,
    /// Rows under the measure.
    pub rows: i64,
    /// Rows by 実施状況.
    pub implementation: ImplementationCounts,
    /// Rows by self-evaluation, in the order of the plan's scale, then 未評価.
    pub evaluations: Vec<EvaluationCount>,
}

/// The secretariat's view of a period: how far the reports are, who is late, and the picture per
/// measure.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PeriodDashboard {
    /// The period.
    pub period: ReportingPeriod,
    /// Today in Japan, the day lateness is judged on.
    pub today: NaiveDate,
    /// Days until the deadline (0 on the deadline day, negative after it).
    pub days_left: i64,
    /// The deadline has passed in Japan.
    pub deadline_passed: bool,
    /// All rows by state (co-owned rows counted once).
    pub totals: StateCounts,
    /// Completion of all rows.
    pub completion: Completion,
    /// Every department that owns rows of the plan, in id order.
    pub departments: Vec<DepartmentProgress>,
    /// After the deadline: the departments with unsubmitted rows; empty before it.
    pub late_departments: Vec<LateDepartment>,
    /// Every measure in table order.
    pub measures: Vec<MeasureProgress>,
}

#[derive(QueryableByName)]
struct DepartmentRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(embed)]
    counts: StateCounts,
}

#[derive(QueryableByName)]
struct MeasureRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = sql_types::MeasureKind)]
    kind: MeasureKind,
    #[diesel(sql_type = Int4)]
    number: i32,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = BigInt)]
    rows: i64,
    #[diesel(sql_type = BigInt)]
    not_started: i64,
    #[diesel(sql_type = BigInt)]
    in_progress: i64,
    #[diesel(sql_type = BigInt)]
    done: i64,
    #[diesel(sql_type = BigInt)]
    planned: i64,
    #[diesel(sql_type = BigInt)]
    unset: i64,
}

#[derive(QueryableByName)]
struct EvaluationRow {
    #[diesel(sql_type = BigInt)]
    measure_id: i64,
    #[diesel(sql_type = Nullable<Text>)]
    evaluation: Option<String>,
    #[diesel(sql_type = BigInt)]
    count: i64,
}

/// The state counts of one aggregate; a missing report counts as 下書き.
const STATE_COUNTS: &str = "count(*) AS rows, \
     count(*) FILTER (WHERE r.state IS NULL OR r.state = 'draft') AS draft, \
     count(*) FILTER (WHERE r.state = 'submitted') AS submitted, \
     count(*) FILTER (WHERE r.state = 'returned') AS returned, \
     count(*) FILTER (WHERE r.state = 'approved') AS approved, \
     count(*) FILTER (WHERE r.submitted_late) AS submitted_late";

impl PeriodDashboard {
    /// The dashboard of `period` as of `today` (the date in Japan).
    pub async fn load(conn: &mut AsyncPgConnection, period: ReportingPeriod, today: NaiveDate) -> QueryResult<Self> {
        let totals: StateCounts = diesel::sql_query(format!(
            "SELECT {STATE_COUNTS} FROM initiatives i \
             LEFT JOIN reports r ON r.initiative_id = i.id AND r.period_id = $2 \
             WHERE i.plan_id = $1"
        ))
        .bind::<BigInt, _>(period.plan_id)
        .bind::<BigInt, _>(period.id)
        .get_result(conn)
        .await?;

        let by_department: Vec<DepartmentRow> = diesel::sql_query(format!(
            "SELECT d.id, d.name, {STATE_COUNTS} FROM initiatives i \
             JOIN initiative_departments idp ON idp.initiative_id = i.id \
             JOIN departments d ON d.id = idp.department_id \
             LEFT JOIN reports r ON r.initiative_id = i.id AND r.period_id = $2 \
             WHERE i.plan_id = $1 GROUP BY d.id, d.name ORDER BY d.id"
        ))
        .bind::<BigInt, _>(period.plan_id)
        .bind::<BigInt, _>(period.id)
        .load(conn)
        .await?;

        let by_measure: Vec<MeasureRow> = diesel::sql_query(
            "SELECT m.id, m.kind, m.number, m.title, count(i.id) AS rows, \
                count(i.id) FILTER (WHERE r.implementation_status = 'not_started') AS not_started, \
                count(i.id) FILTER (WHERE r.implementation_status = 'in_progress') AS in_progress, \
                count(i.id) FILTER (WHERE r.implementation_status = 'done') AS done, \
                count(i.id) FILTER (WHERE r.implementation_status = 'planned') AS planned, \
                count(i.id) FILTER (WHERE r.implementation_status IS NULL) AS unset \
             FROM measures m \
             LEFT JOIN initiatives i ON i.measure_id = m.id \
             LEFT JOIN reports r ON r.initiative_id = i.id AND r.period_id = $2 \
             WHERE m.plan_id = $1 GROUP BY m.id ORDER BY m.kind, m.number",
        )
        .bind::<BigInt, _>(period.plan_id)
        .bind::<BigInt, _>(period.id)
        .load(conn)
        .await?;

        let evaluations: Vec<EvaluationRow> = diesel::sql_query(
            "SELECT i.measure_id, r.evaluation, count(*) AS count FROM initiatives i \
             LEFT JOIN reports r ON r.initiative_id = i.id AND r.period_id = $2 \
             WHERE i.plan_id = $1 GROUP BY i.measure_id, r.evaluation",
        )
        .bind::<BigInt, _>(period.plan_id)
        .bind::<BigInt, _>(period.id)
        .load(conn)
        .await?;
        let scale = EvaluationGrade::list_for_plan(conn, period.plan_id).await?;

        let days_left = (period.deadline - today).num_days();
        let deadline_passed = days_left < 0;
        let departments: Vec<DepartmentProgress> = by_department
            .into_iter()
            .map(|d| {
                let unsubmitted = d.counts.unsubmitted();
                DepartmentProgress {
                    department: DepartmentRef { id: d.id, name: d.name },
                    completion: Completion::of(&d.counts),
                    counts: d.counts,
                    unsubmitted,
                    late: deadline_passed && unsubmitted > 0,
                }
            })
            .collect();
        let late_departments = departments
            .iter()
            .filter(|d| d.late)
            .map(|d| LateDepartment {
                department_id: d.department.id,
                name: d.department.name.clone(),
                unsubmitted: d.unsubmitted,
            })
            .collect();
        let measures = by_measure
            .into_iter()
            .map(|m| {
                let count_of = |code: Option<&str>| {
                    evaluations
                        .iter()
                        .filter(|e| e.measure_id == m.id && e.evaluation.as_deref() == code)
                        .map(|e| e.count)
                        .sum::<i64>()
                };
                let mut grades: Vec<EvaluationCount> = scale
                    .iter()
                    .map(|g| EvaluationCount {
                        code: Some(g.code.clone()),
                        label: g.label.clone(),
                        count: count_of(Some(&g.code)),
                    })
                    .collect();
                grades.push(EvaluationCount { code: None, label: "未評価".into(), count: count_of(None) });
                MeasureProgress {
                    measure_id: m.id,
                    kind: m.kind,
                    number: m.number,
                    title: m.title,
                    rows: m.rows,
                    implementation: ImplementationCounts {
                        not_started: m.not_started,
                        in_progress: m.in_progress,
                        done: m.done,
                        planned: m.planned,
                        unset: m.unset,
                    },
                    evaluations: grades,
                }
            })
            .collect();
        Ok(Self {
            completion: Completion::of(&totals),
            totals,
            today,
            days_left,
            deadline_passed,
            departments,
            late_departments,
            measures,
            period,
        })
    }
}

/// A row whose report a department still owes (下書き or 差戻し).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct OutstandingRow {
    /// The row (事業) id.
    pub row_id: i64,
    /// Its report in this period.
    pub report_id: i64,
    /// 取組項目 / 会議名.
    pub name: String,
    /// Where the row sits, as the city writes it, e.g. 基本施策1 ② or 重点施策3.
    pub measure_label: String,
    /// draft (下書き) or returned (差戻し).
    pub state: ReportState,
}

/// A department and the rows it still owes, in table order.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DepartmentOutstanding {
    /// The department.
    pub department: DepartmentRef,
    /// Its unsubmitted rows (co-owned rows appear under each owner).
    pub rows: Vec<OutstandingRow>,
}

/// The label of a row's place in the table: 基本施策1 ② (directions as circled numbers).
pub fn measure_label(kind: MeasureKind, number: i32, direction: Option<i32>) -> String {
    let circled = |n: i32| match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1).map(String::from).unwrap_or_else(|| n.to_string()),
        _ => format!("({n})"),
    };
    match direction {
        Some(d) => format!("{}{} {}", kind.label_ja(), number, circled(d)),
        None => format!("{}{}", kind.label_ja(), number),
    }
}

/// The rows of `period` that are not yet submitted or approved, per owning department (id order);
/// One unsubmitted report as the query reads it: department id and name, row id, report id, row
/// name, measure kind and number, direction number, report state.
type UnsubmittedRow = (i64, String, i64, i64, String, MeasureKind, i32, Option<i32>, ReportState);

/// `department_id` narrows it to one department.
pub async fn outstanding_by_department(
    conn: &mut AsyncPgConnection,
    period_id: i64,
    department_id: Option<i64>,
) -> QueryResult<Vec<DepartmentOutstanding>> {
    let mut query = reports::table
        .inner_join(initiatives::table.on(initiatives::id.eq(reports::initiative_id)))
        .inner_join(measures::table.on(measures::id.eq(initiatives::measure_id)))
        .left_join(directions::table.on(directions::id.nullable().eq(initiatives::direction_id)))
        .inner_join(initiative_departments::table.on(initiative_departments::initiative_id.eq(initiatives::id)))
        .inner_join(departments::table.on(departments::id.eq(initiative_departments::department_id)))
        .filter(reports::period_id.eq(period_id))
        .filter(reports::state.eq_any([ReportState::Draft, ReportState::Returned]))
        .into_boxed();
    if let Some(d) = department_id {
        query = query.filter(departments::id.eq(d));
    }
    let rows: Vec<UnsubmittedRow> = query
        .order((
            departments::id,
            measures::kind,
            measures::number,
            directions::number.nullable().asc().nulls_first(),
            initiatives::position,
        ))
        .select((
            departments::id,
            departments::name,
            initiatives::id,
            reports::id,
            initiatives::name,
            measures::kind,
            measures::number,
            directions::number.nullable(),
            reports::state,
        ))
        .load(conn)
        .await?;
    let mut out: Vec<DepartmentOutstanding> = Vec::new();
    for (dept_id, dept_name, row_id, report_id, name, kind, number, direction, state) in rows {
        if out.last().is_none_or(|d| d.department.id != dept_id) {
            out.push(DepartmentOutstanding {
                department: DepartmentRef { id: dept_id, name: dept_name },
                rows: Vec::new(),
            });
        }
        let label = measure_label(kind, number, direction);
        out.last_mut().expect("pushed above").rows.push(OutstandingRow {
            row_id,
            report_id,
            name,
            measure_label: label,
            state,
        });
    }
    Ok(out)
}

/// A row as a notification names it: its name, its place, and its owning departments.
#[derive(Debug, Clone, PartialEq)]
pub struct RowSummary {
    pub name: String,
    pub measure_label: String,
    pub department_ids: Vec<i64>,
}

impl RowSummary {
    pub async fn find(conn: &mut AsyncPgConnection, row_id: i64) -> QueryResult<Self> {
        let (name, kind, number, direction): (String, MeasureKind, i32, Option<i32>) = initiatives::table
            .inner_join(measures::table.on(measures::id.eq(initiatives::measure_id)))
            .left_join(directions::table.on(directions::id.nullable().eq(initiatives::direction_id)))
            .filter(initiatives::id.eq(row_id))
            .select((initiatives::name, measures::kind, measures::number, directions::number.nullable()))
            .first(conn)
            .await?;
        let department_ids = initiative_departments::table
            .filter(initiative_departments::initiative_id.eq(row_id))
            .order(initiative_departments::position)
            .select(initiative_departments::department_id)
            .load(conn)
            .await?;
        Ok(Self { name, measure_label: measure_label(kind, number, direction), department_ids })
    }
}

/// Open periods whose deadline falls between `from` and `to` (inclusive).
pub async fn open_periods_due(
    conn: &mut AsyncPgConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<ReportingPeriod>> {
    use crate::enums::PeriodState;
    use crate::schema::reporting_periods;
    reporting_periods::table
        .filter(reporting_periods::state.eq(PeriodState::Open))
        .filter(reporting_periods::deadline.between(from, to))
        .order(reporting_periods::id)
        .select(ReportingPeriod::as_select())
        .load(conn)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_measure_and_the_circled_direction() {
        assert_eq!(measure_label(MeasureKind::Basic, 1, Some(2)), "基本施策1 ②");
        assert_eq!(measure_label(MeasureKind::Priority, 3, None), "重点施策3");
    }

    #[test]
    fn completion_is_rounded_to_one_decimal_and_zero_without_rows() {
        let c = Completion::of(&StateCounts { rows: 3, submitted: 1, approved: 1, ..Default::default() });
        assert_eq!((c.submitted_percent, c.approved_percent), (66.7, 33.3));
        assert_eq!(Completion::of(&StateCounts::default()).submitted_percent, 0.0);
    }
}
