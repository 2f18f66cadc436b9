//! The compiled 施策別事業進行管理表 of a period: the plan's rows in the seed's order and grouping
//! with each row's report, ready for the table view, the exports and the published editions.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::{Deserialize, Serialize};

use crate::enums::{FutureDirection, ImplementationStatus, MeasureKind, PeriodState, ReportState};
use crate::initiatives::InitiativeRow;
use crate::measures::{Direction, Measure};
use crate::periods::{reiwa_year, ReportingPeriod};
use crate::plans::Plan;
use crate::reports::Report;
use crate::schema::reports;

/// The compiled table of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CompiledTable {
    /// The plan, e.g. 第2次自殺対策推進計画.
    pub plan_id: i64,
    /// The plan's name.
    pub plan_name: String,
    /// The municipality, e.g. あきる野市.
    pub municipality: String,
    /// The period compiled.
    pub period: TablePeriod,
    /// The heading above the table: 施策別事業進行管理表（令和7年度9月末まで）.
    pub title: String,
    /// The period compared with, when asked for.
    pub compare: Option<TablePeriod>,
    /// Measures in table order (基本施策 1.., then 重点施策 1..), each with its rows.
    pub measures: Vec<TableMeasure>,
}

/// A period as the table names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TablePeriod {
    /// Period id.
    pub id: i64,
    /// e.g. 令和7年度 9月末.
    pub label: String,
    /// The as-of date.
    pub as_of: NaiveDate,
    /// State of the period.
    pub state: PeriodState,
    /// Header of the progress column: 取組進捗状況（令和7年9月末まで）.
    pub progress_header: String,
}

/// A measure with its heading, description and rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TableMeasure {
    /// Measure id.
    pub id: i64,
    /// basic (基本施策) or priority (重点施策).
    pub kind: MeasureKind,
    /// Number within its kind.
    pub number: i32,
    /// The heading: 基本施策1 地域におけるネットワークの強化.
    pub heading: String,
    /// The title used inside the table (the longer one where the plan has it).
    pub table_title: String,
    /// The paragraph under the heading.
    pub description: String,
    /// Header of the first column: 取組項目 or 会議名.
    pub item_label: String,
    /// Rows directly under the measure first, then each direction ①②③ with its rows.
    pub sections: Vec<TableSection>,
}

/// A direction row (①②③, spanning the table) and the rows under it; `direction` is null for
/// rows directly under the measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TableSection {
    /// The direction, if any.
    pub direction: Option<TableDirection>,
    /// Its rows in order.
    pub rows: Vec<TableRow>,
}

/// A direction as shown: ①自殺対策に関するネットワークを強化する.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TableDirection {
    /// Direction id.
    pub id: i64,
    /// 1 for ①.
    pub number: i32,
    /// Title without the marker.
    pub title: String,
    /// The text of the spanning row, e.g. ①自殺対策に関するネットワークを強化する.
    pub label: String,
}

/// One row of the table with its report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TableRow {
    /// Row id.
    pub row_id: i64,
    /// The row's report in this period (null if the row was added after the period).
    pub report_id: Option<i64>,
    /// 取組項目 / 会議名.
    pub name: String,
    /// Owning departments in order.
    pub departments: Vec<String>,
    /// 担当課 as the table prints it: 健康課／福祉総務課.
    pub departments_label: String,
    /// 内容.
    pub content: String,
    /// 取組進捗状況 of this period.
    pub progress: String,
    /// 実施状況.
    pub implementation_status: Option<ImplementationStatus>,
    /// Self-evaluation code.
    pub evaluation: Option<String>,
    /// 今後の方向性.
    pub future_direction: Option<FutureDirection>,
    /// 備考.
    pub remarks: String,
    /// Workflow state of the report.
    pub state: Option<ReportState>,
    /// Rows of the same 事業 under other measures.
    pub related_row_ids: Vec<i64>,
    /// The compared period's text, when a comparison was asked for.
    pub compare_progress: Option<String>,
    /// Whether the text differs from the compared period's.
    pub changed: Option<bool>,
}

/// Which rows to include.
#[derive(Debug, Default, Clone)]
pub struct TableFilter {
    pub department_id: Option<i64>,
    pub measure_id: Option<i64>,
    pub implementation_status: Option<ImplementationStatus>,
    pub evaluation: Option<String>,
    pub state: Option<ReportState>,
    /// Show report content only once approved: what another system without the drafts scope
    /// may read. The rows stay; an unapproved report shows as empty.
    pub approved_only: bool,
}

const CIRCLED: [&str; 20] =
    ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"];

/// ① for 1, ② for 2, … (and "(21)" beyond the circled numbers).
pub fn circled(n: i32) -> String {
    usize::try_from(n - 1)
        .ok()
        .and_then(|i| CIRCLED.get(i))
        .map(|s| (*s).to_owned())
        .unwrap_or_else(|| format!("({n})"))
}

/// 令和7年度9月末まで: the title's period, written with the fiscal year.
fn title_period(p: &ReportingPeriod) -> String {
    format!("令和{}年度{}まで", reiwa_year(p.fiscal_year), month_part(p.as_of))
}

/// 取組進捗状況（令和7年9月末まで）: the column header, written with the calendar year of the date.
fn progress_header(as_of: NaiveDate) -> String {
    format!("取組進捗状況（令和{}年{}まで）", reiwa_year(as_of.year()), month_part(as_of))
}

fn month_part(d: NaiveDate) -> String {
    let last_of_month = d.succ_opt().is_none_or(|next| next.month() != d.month());
    if last_of_month {
        format!("{}月末", d.month())
    } else {
        format!("{}月{}日", d.month(), d.day())
    }
}

fn table_period(p: &ReportingPeriod) -> TablePeriod {
    TablePeriod {
        id: p.id,
        label: p.label.clone(),
        as_of: p.as_of,
        state: p.state,
        progress_header: progress_header(p.as_of),
    }
}

impl CompiledTable {
    /// Compiles the table of `period` with a fixed number of queries.
    pub async fn load(
        conn: &mut AsyncPgConnection,
        period: &ReportingPeriod,
        compare: Option<&ReportingPeriod>,
        filter: &TableFilter,
    ) -> QueryResult<Self> {
        let plan = Plan::find(conn, period.plan_id).await?;
        let measures = Measure::list_for_plan(conn, plan.id).await?;
        let directions = Direction::list_for_plan(conn, plan.id).await?;
        let rows = InitiativeRow::all_for_plan(conn, plan.id).await?;
        let reports = reports_by_row(conn, period.id).await?;
        let compared = match compare {
            Some(c) => Some(reports_by_row(conn, c.id).await?),
            None => None,
        };

        // Which rows the period holds. A period that was opened holds exactly the rows it has
        // reports for: a row added later is not in it, and a row retired later still is. One in
        // preparation holds the rows that are not retired by its as-of date, as opening will.
        let runs = |retired_from: Option<NaiveDate>| retired_from.is_none_or(|d| d > period.as_of);
        let preparing = period.state == PeriodState::Preparing;
        let mut out = Vec::new();
        for m in measures {
            if filter.measure_id.is_some_and(|id| id != m.id) {
                continue;
            }
            let mut sections: Vec<TableSection> = vec![TableSection { direction: None, rows: Vec::new() }];
            for d in directions.iter().filter(|d| d.measure_id == m.id && runs(d.retired_from) && runs(m.retired_from))
            {
                sections.push(TableSection {
                    direction: Some(TableDirection {
                        id: d.id,
                        number: d.number,
                        title: d.title.clone(),
                        label: format!("{}{}", circled(d.number), d.title),
                    }),
                    rows: Vec::new(),
                });
            }
            for row in rows.iter().filter(|r| r.measure_id == m.id) {
                let direction_runs = row
                    .direction_id
                    .and_then(|id| directions.iter().find(|d| d.id == id))
                    .is_none_or(|d| runs(d.retired_from));
                let in_period = if preparing {
                    runs(row.retired_from) && runs(m.retired_from) && direction_runs
                } else {
                    reports.contains_key(&row.id)
                };
                if !in_period {
                    continue;
                }
                if filter.department_id.is_some_and(|d| !row.departments.iter().any(|dep| dep.id == d)) {
                    continue;
                }
                let report = reports.get(&row.id).filter(|r| !filter.approved_only || r.state == ReportState::Approved);
                if filter.implementation_status.is_some()
                    && report.and_then(|r| r.implementation_status) != filter.implementation_status
                {
                    continue;
                }
                if filter.evaluation.is_some() && report.and_then(|r| r.evaluation.clone()) != filter.evaluation {
                    continue;
                }
                if filter.state.is_some() && report.map(|r| r.state) != filter.state {
                    continue;
                }
                let progress = report.map(|r| r.progress.clone()).unwrap_or_default();
                let compare_progress =
                    compared.as_ref().map(|c| c.get(&row.id).map(|r| r.progress.clone()).unwrap_or_default());
                let table_row = TableRow {
                    row_id: row.id,
                    report_id: report.map(|r| r.id),
                    name: row.name.clone(),
                    departments: row.departments.iter().map(|d| d.name.clone()).collect(),
                    departments_label: row.departments.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join("／"),
                    content: row.content.clone(),
                    changed: compare_progress.as_ref().map(|c| *c != progress),
                    compare_progress,
                    progress,
                    implementation_status: report.and_then(|r| r.implementation_status),
                    evaluation: report.and_then(|r| r.evaluation.clone()),
                    future_direction: report.and_then(|r| r.future_direction),
                    remarks: report.map(|r| r.remarks.clone()).unwrap_or_default(),
                    state: report.map(|r| r.state),
                    related_row_ids: row.related_row_ids.clone(),
                };
                let section = sections.iter_mut().find(|s| s.direction.as_ref().map(|d| d.id) == row.direction_id);
                match section {
                    Some(section) => section.rows.push(table_row),
                    // A retired direction still shows in the periods that hold its rows.
                    None => {
                        if let Some(d) = row.direction_id.and_then(|id| directions.iter().find(|d| d.id == id)) {
                            sections.push(TableSection {
                                direction: Some(TableDirection {
                                    id: d.id,
                                    number: d.number,
                                    title: d.title.clone(),
                                    label: format!("{}{}", circled(d.number), d.title),
                                }),
                                rows: vec![table_row],
                            });
                            sections.sort_by_key(|s| s.direction.as_ref().map(|d| d.number));
                        }
                    }
                }
            }
            // Filters drop empty directions; without filters every direction row stays, as printed.
            let filtered = filter.department_id.is_some()
                || filter.implementation_status.is_some()
                || filter.evaluation.is_some()
                || filter.state.is_some();
            sections.retain(|s| !s.rows.is_empty() || (s.direction.is_some() && !filtered));
            // A retired measure shows only in the periods that hold its rows.
            let holds_rows = sections.iter().any(|s| !s.rows.is_empty());
            if (filtered || !runs(m.retired_from)) && !holds_rows {
                continue;
            }
            out.push(TableMeasure {
                id: m.id,
                kind: m.kind,
                number: m.number,
                heading: format!("{}{} {}", m.kind.label_ja(), m.number, m.title),
                table_title: m.table_title.clone().unwrap_or_else(|| m.title.clone()),
                description: m.description.clone(),
                item_label: m.item_label.clone(),
                sections,
            });
        }

        Ok(Self {
            plan_id: plan.id,
            plan_name: plan.name,
            municipality: plan.municipality,
            title: format!("{}（{}）", plan.table_title, title_period(period)),
            period: table_period(period),
            compare: compare.map(table_period),
            measures: out,
        })
    }

    /// All rows in table order.
    pub fn rows(&self) -> impl Iterator<Item = (&TableMeasure, Option<&TableDirection>, &TableRow)> {
        self.measures
            .iter()
            .flat_map(|m| m.sections.iter().flat_map(move |s| s.rows.iter().map(move |r| (m, s.direction.as_ref(), r))))
    }
}

async fn reports_by_row(conn: &mut AsyncPgConnection, period_id: i64) -> QueryResult<HashMap<i64, Report>> {
    Ok(reports::table
        .filter(reports::period_id.eq(period_id))
        .select(Report::as_select())
        .load::<Report>(conn)
        .await?
        .into_iter()
        .map(|r| (r.initiative_id, r))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_written_as_the_city_writes_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(progress_header(d(2025, 9, 30)), "取組進捗状況（令和7年9月末まで）");
        assert_eq!(progress_header(d(2026, 3, 31)), "取組進捗状況（令和8年3月末まで）");
        assert_eq!(circled(1), "①");
        assert_eq!(circled(13), "⑬");
        assert_eq!(circled(21), "(21)");
    }
}
