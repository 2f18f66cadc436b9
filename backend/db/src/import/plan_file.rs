//! Imports a plan's structure from the customer's JSON format (`seed/plan-r7-h1.json`).
//!
//! Idempotent: rows are matched by measure, direction and name, so importing the same file twice
//! updates in place and leaves the same counts. Everything happens in one transaction.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};
use serde::Deserialize;

use super::ImportError;
use crate::departments::{Department, DepartmentInsertForm};
use crate::enums::{MeasureKind, PeriodState, ReportState};
use crate::groups::InitiativeGroup;
use crate::initiatives::{Initiative, InitiativeInsertForm};
use crate::periods::ReportingPeriod;
use crate::reports::{Report, ReportChange, WriteError};
use crate::schema::{directions, initiative_departments, initiatives, measures, plans};

/// The customer's plan file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub municipality: String,
    pub plan: String,
    pub title: String,
    pub period: PeriodInfo,
    pub measures: Vec<MeasureFile>,
}

/// The reporting period the file's progress texts belong to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodInfo {
    pub fiscal_year: i32,
    pub label: String,
    pub as_of: chrono::NaiveDate,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureFile {
    pub kind: MeasureKind,
    pub number: i32,
    pub title: String,
    #[serde(default)]
    pub table_title: Option<String>,
    #[serde(default)]
    pub description: String,
    /// Header of the first column (取組項目 when absent).
    #[serde(default)]
    pub item_label: Option<String>,
    pub directions: Vec<DirectionFile>,
}

/// A direction ①②③; priority measures hold one entry with number and title null.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectionFile {
    pub number: Option<i32>,
    pub title: Option<String>,
    pub initiatives: Vec<InitiativeFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitiativeFile {
    pub name: String,
    pub departments: Vec<String>,
    pub content: String,
    /// The period's 取組進捗状況; loaded as reports by the reporting cycle, not by this importer.
    #[serde(default)]
    pub progress: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub plan_id: i64,
    pub measures: usize,
    pub directions: usize,
    pub rows: usize,
    pub departments: usize,
    pub groups: usize,
    pub rows_created: usize,
    pub rows_updated: usize,
}

impl PlanFile {
    pub fn from_json(bytes: &[u8]) -> Result<Self, ImportError> {
        let file: Self = serde_json::from_slice(bytes).map_err(|e| ImportError::Invalid(e.to_string()))?;
        file.validate()?;
        Ok(file)
    }

    /// Checks what the database cannot express as a constraint before anything is written.
    fn validate(&self) -> Result<(), ImportError> {
        for m in &self.measures {
            for d in &m.directions {
                if d.number.is_some() != d.title.is_some() {
                    return Err(ImportError::Invalid(format!(
                        "{}{}: a direction needs both a number and a title, or neither",
                        m.kind.label_ja(),
                        m.number
                    )));
                }
                for i in &d.initiatives {
                    if i.departments.is_empty() {
                        return Err(ImportError::Invalid(format!("{}: 担当課がありません", i.name)));
                    }
                }
            }
        }
        Ok(())
    }

    /// Names that occur under more than one measure: the same 事業, so its rows are related.
    fn repeated_names(&self) -> Vec<&str> {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for i in self.measures.iter().flat_map(|m| &m.directions).flat_map(|d| &d.initiatives) {
            *count.entry(i.name.as_str()).or_default() += 1;
        }
        let mut names: Vec<&str> = count.into_iter().filter(|(_, n)| *n > 1).map(|(name, _)| name).collect();
        names.sort_unstable();
        names
    }
}

/// Creates or updates the plan described by `file`.
pub async fn import_plan(conn: &mut AsyncPgConnection, file: &PlanFile) -> Result<ImportSummary, ImportError> {
    conn.transaction(async |conn| {
        // Row positions are rewritten below and may swap; uniqueness is checked at commit.
        conn.batch_execute(
            "SET CONSTRAINTS initiatives_measure_position_key, initiative_departments_position_key DEFERRED",
        )
        .await?;
        let mut summary = ImportSummary::default();

        let plan_id: i64 = diesel::insert_into(plans::table)
            .values((
                plans::municipality.eq(&file.municipality),
                plans::name.eq(&file.plan),
                plans::table_title.eq(&file.title),
            ))
            .on_conflict((plans::municipality, plans::name))
            .do_update()
            .set(plans::table_title.eq(&file.title))
            .returning(plans::id)
            .get_result(conn)
            .await?;
        summary.plan_id = plan_id;

        let mut department_ids: HashMap<String, i64> = HashMap::new();
        for name in
            file.measures.iter().flat_map(|m| &m.directions).flat_map(|d| &d.initiatives).flat_map(|i| &i.departments)
        {
            if department_ids.contains_key(name) {
                continue;
            }
            let id = match Department::find_by_name(conn, name).await? {
                Some(d) => d.id,
                None => Department::create(conn, &DepartmentInsertForm { name, active: true }).await?.id,
            };
            department_ids.insert(name.clone(), id);
        }
        summary.departments = department_ids.len();

        let mut group_ids: HashMap<&str, i64> = HashMap::new();
        for name in file.repeated_names() {
            group_ids.insert(name, InitiativeGroup::find_or_create(conn, plan_id, name).await?.id);
        }
        summary.groups = group_ids.len();

        for m in &file.measures {
            let item_label = m.item_label.as_deref().unwrap_or("取組項目");
            let measure_id: i64 = diesel::insert_into(measures::table)
                .values((
                    measures::plan_id.eq(plan_id),
                    measures::kind.eq(m.kind),
                    measures::number.eq(m.number),
                    measures::title.eq(&m.title),
                    measures::table_title.eq(&m.table_title),
                    measures::description.eq(&m.description),
                    measures::item_label.eq(item_label),
                ))
                .on_conflict((measures::plan_id, measures::kind, measures::number))
                .do_update()
                .set((
                    measures::title.eq(&m.title),
                    measures::table_title.eq(&m.table_title),
                    measures::description.eq(&m.description),
                    measures::item_label.eq(item_label),
                ))
                .returning(measures::id)
                .get_result(conn)
                .await?;
            summary.measures += 1;

            let mut position = 0;
            let mut placed: Vec<i64> = Vec::new();
            for d in &m.directions {
                let direction_id = match (d.number, &d.title) {
                    (Some(number), Some(title)) => {
                        summary.directions += 1;
                        Some(
                            diesel::insert_into(directions::table)
                                .values((
                                    directions::measure_id.eq(measure_id),
                                    directions::number.eq(number),
                                    directions::title.eq(title),
                                ))
                                .on_conflict((directions::measure_id, directions::number))
                                .do_update()
                                .set(directions::title.eq(title))
                                .returning(directions::id)
                                .get_result::<i64>(conn)
                                .await?,
                        )
                    }
                    _ => None,
                };
                for i in &d.initiatives {
                    let deps: Vec<i64> = i.departments.iter().map(|n| department_ids[n]).collect();
                    let group_id = group_ids.get(i.name.as_str()).copied();
                    let existing: Option<i64> = initiatives::table
                        .filter(initiatives::measure_id.eq(measure_id))
                        .filter(initiatives::direction_id.is_not_distinct_from(direction_id))
                        .filter(initiatives::name.eq(&i.name))
                        .select(initiatives::id)
                        .first(conn)
                        .await
                        .optional()?;
                    match existing {
                        Some(id) => {
                            placed.push(id);
                            // Only what differs is written, so a repeated import leaves no trace
                            // in the audit log.
                            let changed = diesel::update(
                                initiatives::table.find(id).filter(
                                    initiatives::content
                                        .ne(&i.content)
                                        .or(initiatives::position.ne(position))
                                        .or(initiatives::group_id.is_distinct_from(group_id)),
                                ),
                            )
                            .set((
                                initiatives::content.eq(&i.content),
                                initiatives::position.eq(position),
                                initiatives::group_id.eq(group_id),
                                initiatives::updated_at.eq(chrono::Utc::now()),
                            ))
                            .execute(conn)
                            .await?;
                            let owners: Vec<i64> = initiative_departments::table
                                .filter(initiative_departments::initiative_id.eq(id))
                                .order(initiative_departments::position)
                                .select(initiative_departments::department_id)
                                .load(conn)
                                .await?;
                            if owners != deps {
                                Initiative::set_departments(conn, id, &deps).await?;
                            }
                            if changed > 0 || owners != deps {
                                summary.rows_updated += 1;
                            }
                        }
                        None => {
                            let form = InitiativeInsertForm {
                                plan_id,
                                measure_id,
                                direction_id,
                                group_id,
                                name: &i.name,
                                content: &i.content,
                                position,
                            };
                            placed.push(Initiative::create(conn, &form, &deps).await?.id);
                            summary.rows_created += 1;
                        }
                    }
                    summary.rows += 1;
                    position += 1;
                }
            }
            // Rows the database has and the file does not are kept, after the file's rows, so
            // their positions never collide with the ones just written.
            diesel::sql_query(
                "UPDATE initiatives i SET position = $2 + s.rn FROM \
                 (SELECT id, row_number() OVER (ORDER BY position) - 1 AS rn FROM initiatives \
                  WHERE measure_id = $1 AND id <> ALL($3)) s \
                 WHERE i.id = s.id AND i.position <> $2 + s.rn",
            )
            .bind::<diesel::sql_types::BigInt, _>(measure_id)
            .bind::<diesel::sql_types::Integer, _>(position)
            .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(&placed)
            .execute(conn)
            .await?;
        }
        Ok(summary)
    })
    .await
}

/// What importing a file's progress texts did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportImportSummary {
    pub period_id: i64,
    pub period_label: String,
    pub reports: usize,
    pub reports_changed: usize,
}

/// Loads the file's 取組進捗状況 texts as the approved reports of its period (creating the period,
/// 締切, if it does not exist). Rows are found as the structure import matches them, so run
/// [`import_plan`] first. Idempotent: unchanged texts store no new version.
pub async fn import_reports(
    conn: &mut AsyncPgConnection,
    plan_id: i64,
    file: &PlanFile,
) -> Result<ReportImportSummary, ImportError> {
    use crate::periods::{create_missing_reports, kind_of, period_label, PeriodInsertForm};
    use chrono::{Datelike, Months};

    conn.transaction(async |conn| {
        let info = &file.period;
        let period = match ReportingPeriod::find_by_as_of(conn, plan_id, info.as_of).await? {
            Some(p) => p,
            None => {
                // The file carries no schedule; the usual one is: open from the first of the as-of
                // month, due a month after the as-of date.
                let opens_on = info.as_of.with_day(1).unwrap_or(info.as_of);
                let deadline = info.as_of.checked_add_months(Months::new(1)).unwrap_or(info.as_of);
                let label = period_label(info.fiscal_year, info.as_of);
                let form = PeriodInsertForm {
                    plan_id,
                    fiscal_year: info.fiscal_year,
                    kind: kind_of(info.fiscal_year, info.as_of),
                    as_of: info.as_of,
                    label: &label,
                    opens_on,
                    deadline,
                    state: PeriodState::Closed,
                };
                ReportingPeriod::create(conn, &form).await?
            }
        };
        create_missing_reports(conn, plan_id, Some(period.id), None).await?;

        let mut summary =
            ReportImportSummary { period_id: period.id, period_label: period.label.clone(), ..Default::default() };
        for m in &file.measures {
            let measure_id: i64 = measures::table
                .filter(measures::plan_id.eq(plan_id))
                .filter(measures::kind.eq(m.kind))
                .filter(measures::number.eq(m.number))
                .select(measures::id)
                .first(conn)
                .await?;
            for d in &m.directions {
                let direction_id: Option<i64> = match d.number {
                    Some(number) => Some(
                        directions::table
                            .filter(directions::measure_id.eq(measure_id))
                            .filter(directions::number.eq(number))
                            .select(directions::id)
                            .first(conn)
                            .await?,
                    ),
                    None => None,
                };
                for i in &d.initiatives {
                    let Some(progress) = i.progress.clone() else { continue };
                    let row_id: i64 = initiatives::table
                        .filter(initiatives::measure_id.eq(measure_id))
                        .filter(initiatives::direction_id.is_not_distinct_from(direction_id))
                        .filter(initiatives::name.eq(&i.name))
                        .select(initiatives::id)
                        .first(conn)
                        .await?;
                    let report =
                        Report::find_for_row(conn, period.id, row_id).await?.ok_or(diesel::result::Error::NotFound)?;
                    let before = report.version;
                    let now = chrono::Utc::now();
                    let written = Report::write(conn, report.id, None, None, move |r, _| {
                        let mut change = ReportChange::keep(r, "import");
                        change.content.progress = progress;
                        change.state = ReportState::Approved;
                        if r.state != ReportState::Approved {
                            change.submitted_at = r.submitted_at.or(Some(now));
                            change.approved_at = Some(now);
                        }
                        Ok::<_, std::convert::Infallible>(change)
                    })
                    .await
                    .map_err(|e| match e {
                        WriteError::Db(e) => ImportError::Db(e),
                        other => ImportError::Invalid(other.to_string()),
                    })?;
                    summary.reports += 1;
                    if written.version != before {
                        summary.reports_changed += 1;
                    }
                }
            }
        }
        Ok(summary)
    })
    .await
}
