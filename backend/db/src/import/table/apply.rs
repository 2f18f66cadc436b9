//! The commit: a document applied in one transaction, or nothing written when anything is wrong.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};

use super::analysis::{analyze, Analysis};
use super::changes::{effective_table_title, measure_changes};
use super::document::{ImportProblem, TableColumn, TableDocument};
use super::existing::Existing;
use super::preview::{CommitOutcome, TablePreview};
use crate::departments::{Department, DepartmentInsertForm};
use crate::enums::{PeriodState, ReportState};
use crate::groups::InitiativeGroup;
use crate::import::ImportError;
use crate::initiatives::{Initiative, InitiativeInsertForm};
use crate::periods::ReportingPeriod;
use crate::reports::{Report, ReportChange, WriteError};
use crate::schema::{directions, initiatives, measures, plans};

enum CommitError {
    Refused(Box<TablePreview>, Vec<ImportProblem>),
    Failed(ImportError),
}

impl From<diesel::result::Error> for CommitError {
    fn from(e: diesel::result::Error) -> Self {
        Self::Failed(ImportError::Db(e))
    }
}

/// Applies `doc` in one transaction: everything, or nothing when there is any problem. Writes go
/// through `conn` as they are, so a connection that names its actor has them in the audit log;
/// `actor_id` is recorded in the reports' history.
pub async fn commit_table(
    conn: &mut AsyncPgConnection,
    doc: &TableDocument,
    target: Option<i64>,
    actor_id: Option<i64>,
) -> Result<CommitOutcome, ImportError> {
    let result = conn
        .transaction(async |conn| {
            conn.batch_execute(
                "SET CONSTRAINTS initiatives_measure_position_key, initiative_departments_position_key DEFERRED",
            )
            .await?;
            let Analysis { mut preview, problems, existing } =
                analyze(conn, doc, target).await.map_err(CommitError::Failed)?;
            if !problems.is_empty() {
                return Err(CommitError::Refused(Box::new(preview), problems));
            }
            let (plan_id, period_id) = apply(conn, doc, &existing, &preview, actor_id).await?;
            preview.plan.id = Some(plan_id);
            preview.period.id = Some(period_id);
            Ok(preview)
        })
        .await;
    match result {
        Ok(preview) => Ok(CommitOutcome::Written(preview)),
        Err(CommitError::Refused(preview, problems)) => Ok(CommitOutcome::Refused(*preview, problems)),
        Err(CommitError::Failed(e)) => Err(e),
    }
}

async fn apply(
    conn: &mut AsyncPgConnection,
    doc: &TableDocument,
    existing: &Existing,
    preview: &TablePreview,
    actor_id: Option<i64>,
) -> Result<(i64, i64), CommitError> {
    use crate::groups::InitiativeGroupInsertForm;
    use crate::periods::{create_missing_reports, kind_of, period_label, PeriodInsertForm};
    use chrono::{Datelike, Months};

    let now = chrono::Utc::now();
    let format = doc.format;

    // The plan.
    let plan_id = match &existing.plan {
        Some(p) => {
            if let Some(tt) = doc.plan.as_ref().and_then(|d| d.table_title.as_ref()).filter(|tt| **tt != p.table_title)
            {
                diesel::update(plans::table.find(p.id))
                    .set((plans::table_title.eq(tt), plans::updated_at.eq(now)))
                    .execute(conn)
                    .await?;
            }
            p.id
        }
        None => {
            let p = doc.plan.as_ref().ok_or_else(|| CommitError::Failed(ImportError::Invalid("no plan".into())))?;
            let table_title = p.table_title.as_deref().unwrap_or("施策別事業進行管理表");
            diesel::insert_into(plans::table)
                .values((
                    plans::municipality.eq(&p.municipality),
                    plans::name.eq(&p.name),
                    plans::table_title.eq(table_title),
                ))
                .returning(plans::id)
                .get_result(conn)
                .await?
        }
    };

    // Departments.
    let mut department_ids: HashMap<String, i64> =
        existing.departments.iter().map(|(n, d)| (n.clone(), d.id)).collect();
    for name in &preview.departments_created {
        let d = Department::create(conn, &DepartmentInsertForm { name, active: true }).await?;
        department_ids.insert(name.clone(), d.id);
    }

    // Groups of the names the file repeats.
    let mut group_ids: HashMap<String, i64> = existing.groups.clone();
    for name in doc.repeated_names() {
        if !group_ids.contains_key(name) {
            let g = InitiativeGroup::create(conn, &InitiativeGroupInsertForm { plan_id, name }).await?;
            group_ids.insert(name.to_owned(), g.id);
        }
    }
    let repeated = doc.repeated_names();

    // Measures, directions and rows, in file order.
    let mut row_ids: Vec<i64> = Vec::new();
    for m in &doc.measures {
        let measure_id = match existing.measures.get(&(m.kind, m.number)) {
            Some(e) => {
                if !measure_changes(e, m).is_empty() {
                    let table_title = match &m.table_title {
                        Some(tt) => effective_table_title(&m.title, tt),
                        None => e.table_title.clone(),
                    };
                    diesel::update(measures::table.find(e.id))
                        .set((
                            measures::title.eq(&m.title),
                            measures::table_title.eq(table_title),
                            measures::description.eq(m.description.as_ref().unwrap_or(&e.description)),
                            measures::item_label.eq(m.item_label.as_ref().unwrap_or(&e.item_label)),
                            measures::updated_at.eq(now),
                        ))
                        .execute(conn)
                        .await?;
                }
                e.id
            }
            None => {
                diesel::insert_into(measures::table)
                    .values((
                        measures::plan_id.eq(plan_id),
                        measures::kind.eq(m.kind),
                        measures::number.eq(m.number),
                        measures::title.eq(&m.title),
                        measures::table_title
                            .eq(m.table_title.as_ref().and_then(|tt| effective_table_title(&m.title, tt))),
                        measures::description.eq(m.description.as_deref().unwrap_or("")),
                        measures::item_label.eq(m.item_label.as_deref().unwrap_or("取組項目")),
                    ))
                    .returning(measures::id)
                    .get_result::<i64>(conn)
                    .await?
            }
        };

        let mut position = 0i32;
        let mut placed: Vec<i64> = Vec::new();
        for s in &m.sections {
            let direction_id = match &s.direction {
                None => None,
                Some(d) => Some(match existing.directions.get(&(measure_id, d.number)) {
                    Some(e) => {
                        if e.title != d.title {
                            diesel::update(directions::table.find(e.id))
                                .set((directions::title.eq(&d.title), directions::updated_at.eq(now)))
                                .execute(conn)
                                .await?;
                        }
                        e.id
                    }
                    None => {
                        diesel::insert_into(directions::table)
                            .values((
                                directions::measure_id.eq(measure_id),
                                directions::number.eq(d.number),
                                directions::title.eq(&d.title),
                            ))
                            .returning(directions::id)
                            .get_result::<i64>(conn)
                            .await?
                    }
                }),
            };
            for r in &s.rows {
                let deps: Vec<i64> = r.departments.iter().filter_map(|n| department_ids.get(n).copied()).collect();
                let group_id = if repeated.contains(&r.name.as_str()) || existing.groups.contains_key(&r.name) {
                    group_ids.get(&r.name).copied()
                } else {
                    None
                };
                let id = match existing.row(m, s, r) {
                    Some(e) => {
                        let new_group = e.group_id.or(group_id);
                        if e.content != r.content || e.position != position || e.group_id != new_group {
                            diesel::update(initiatives::table.find(e.id))
                                .set((
                                    initiatives::content.eq(&r.content),
                                    initiatives::position.eq(position),
                                    initiatives::group_id.eq(new_group),
                                    initiatives::updated_at.eq(now),
                                ))
                                .execute(conn)
                                .await?;
                        }
                        let owners: Vec<i64> = e.departments.iter().map(|d| d.id).collect();
                        if owners != deps {
                            Initiative::set_departments(conn, e.id, &deps).await?;
                        }
                        e.id
                    }
                    None => {
                        let form = InitiativeInsertForm {
                            plan_id,
                            measure_id,
                            direction_id,
                            group_id,
                            name: &r.name,
                            content: &r.content,
                            position,
                        };
                        Initiative::create(conn, &form, &deps).await?.id
                    }
                };
                placed.push(id);
                row_ids.push(id);
                position += 1;
            }
        }
        // The measure's rows the file does not have keep their order, after the file's rows.
        for e in existing.rows.iter().filter(|r| r.measure_id == measure_id && !placed.contains(&r.id)) {
            if e.position != position {
                diesel::update(initiatives::table.find(e.id))
                    .set((initiatives::position.eq(position), initiatives::updated_at.eq(now)))
                    .execute(conn)
                    .await?;
            }
            position += 1;
        }
    }

    // The period.
    let period = match &existing.period {
        Some(p) => p.clone(),
        None => {
            let info = doc.period;
            let label = period_label(info.fiscal_year, info.as_of);
            let form = PeriodInsertForm {
                plan_id,
                fiscal_year: info.fiscal_year,
                kind: kind_of(info.fiscal_year, info.as_of),
                as_of: info.as_of,
                label: &label,
                opens_on: info.as_of.with_day(1).unwrap_or(info.as_of),
                deadline: info.as_of.checked_add_months(Months::new(1)).unwrap_or(info.as_of),
                state: PeriodState::Closed,
            };
            ReportingPeriod::create(conn, &form).await?
        }
    };
    if !matches!(period.state, PeriodState::Open | PeriodState::Closed) {
        // Nothing to write: the analysis refused any report change in such a period.
        return Ok((plan_id, period.id));
    }
    create_missing_reports(conn, plan_id, Some(period.id), None).await?;

    // The reports: only those that change are written (each write locks and versions its report).
    let report_ids: HashMap<i64, i64> = {
        use crate::schema::reports;
        reports::table
            .filter(reports::period_id.eq(period.id))
            .select((reports::initiative_id, reports::id))
            .load::<(i64, i64)>(conn)
            .await?
            .into_iter()
            .collect()
    };
    for ((_, _, r), row_id) in doc.rows().zip(row_ids) {
        let Some(&report_id) = report_ids.get(&row_id) else { continue };
        if let Some(before) = existing.reports.get(&row_id) {
            let approves = period.state == PeriodState::Closed && before.state != ReportState::Approved;
            if before.content() == r.report && !approves {
                continue;
            }
        }
        let content = r.report.clone();
        let expected_state = period.state;
        let written = Report::write(conn, report_id, None, actor_id, move |current, p| {
            if p.state != expected_state {
                return Err("period_changed");
            }
            let mut change = ReportChange::keep(current, "import");
            let content_changes = current.content() != content;
            change.content = content;
            match p.state {
                PeriodState::Closed => {
                    change.state = ReportState::Approved;
                    if current.state != ReportState::Approved {
                        change.submitted_at = current.submitted_at.or(Some(now));
                        change.approved_at = Some(now);
                    }
                }
                _ if content_changes && current.state == ReportState::Approved => return Err("report_approved"),
                _ => {}
            }
            Ok(change)
        })
        .await;
        match written {
            Ok(_) => {}
            Err(WriteError::Db(e)) => return Err(e.into()),
            Err(WriteError::Refused(code)) => {
                let problem = ImportProblem::at(format, r.row, TableColumn::Progress, code, "取り込みの途中で、この報告または報告期間の状態が変わりました。もう一度プレビューしてから取り込んでください。");
                return Err(CommitError::Refused(Box::new(preview.clone()), vec![problem]));
            }
            Err(WriteError::Stale { .. }) => unreachable!("no expected version was given"),
        }
    }
    Ok((plan_id, period.id))
}
