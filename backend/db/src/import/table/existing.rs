//! The database as the import finds it: the plan the file goes into, and what that plan holds.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::document::{DocumentMeasure, DocumentRow, DocumentSection, ImportProblem, TableDocument};
use crate::departments::Department;
use crate::enums::MeasureKind;
use crate::grades::EvaluationGrade;
use crate::import::ImportError;
use crate::initiatives::InitiativeRow;
use crate::measures::{Direction, Measure};
use crate::periods::ReportingPeriod;
use crate::plans::Plan;
use crate::reports::Report;
use crate::schema::plans;

/// The evaluation scale every new plan starts with (the `plans_default_evaluation_grades` trigger).
pub const DEFAULT_GRADE_CODES: [&str; 8] = ["F", "S", "A", "B", "C", "X", "Y", "Z"];

/// The database as the import finds it.
pub(super) struct Existing {
    pub(super) plan: Option<Plan>,
    pub(super) departments: HashMap<String, Department>,
    pub(super) grade_codes: Vec<String>,
    pub(super) measures: HashMap<(MeasureKind, i32), Measure>,
    pub(super) directions: HashMap<(i64, i32), Direction>,
    pub(super) rows: Vec<InitiativeRow>,
    pub(super) groups: HashMap<String, i64>,
    pub(super) period: Option<ReportingPeriod>,
    pub(super) reports: HashMap<i64, Report>,
}

impl Existing {
    pub(super) async fn load(
        conn: &mut AsyncPgConnection,
        plan: Option<Plan>,
        doc: &TableDocument,
    ) -> Result<Self, diesel::result::Error> {
        use crate::schema::{departments, initiative_groups, reports};
        let names: Vec<&str> = doc.rows().flat_map(|(_, _, r)| r.departments.iter().map(String::as_str)).collect();
        let departments: HashMap<String, Department> = departments::table
            .filter(departments::name.eq_any(&names))
            .select(Department::as_select())
            .load::<Department>(conn)
            .await?
            .into_iter()
            .map(|d| (d.name.clone(), d))
            .collect();
        let Some(plan) = plan else {
            return Ok(Self {
                plan: None,
                departments,
                grade_codes: DEFAULT_GRADE_CODES.iter().map(|c| (*c).to_owned()).collect(),
                measures: HashMap::new(),
                directions: HashMap::new(),
                rows: Vec::new(),
                groups: HashMap::new(),
                period: None,
                reports: HashMap::new(),
            });
        };
        let grade_codes = EvaluationGrade::list_for_plan(conn, plan.id).await?.into_iter().map(|g| g.code).collect();
        let measures =
            Measure::list_for_plan(conn, plan.id).await?.into_iter().map(|m| ((m.kind, m.number), m)).collect();
        let directions =
            Direction::list_for_plan(conn, plan.id).await?.into_iter().map(|d| ((d.measure_id, d.number), d)).collect();
        let rows = InitiativeRow::all_for_plan(conn, plan.id).await?;
        let groups = initiative_groups::table
            .filter(initiative_groups::plan_id.eq(plan.id))
            .select((initiative_groups::name, initiative_groups::id))
            .load::<(String, i64)>(conn)
            .await?
            .into_iter()
            .collect();
        let period = ReportingPeriod::find_by_as_of(conn, plan.id, doc.period.as_of).await?;
        let reports = match &period {
            Some(p) => reports::table
                .filter(reports::period_id.eq(p.id))
                .select(Report::as_select())
                .load::<Report>(conn)
                .await?
                .into_iter()
                .map(|r| (r.initiative_id, r))
                .collect(),
            None => HashMap::new(),
        };
        Ok(Self { plan: Some(plan), departments, grade_codes, measures, directions, rows, groups, period, reports })
    }

    fn direction_id(&self, measure: &DocumentMeasure, section: &DocumentSection) -> Option<Option<i64>> {
        let measure_id = self.measures.get(&(measure.kind, measure.number))?.id;
        match &section.direction {
            None => Some(None),
            Some(d) => self.directions.get(&(measure_id, d.number)).map(|d| Some(d.id)),
        }
    }

    /// The stored row the file's row stands for: same measure, direction and name (the first in
    /// table order, should the plan have two of that name).
    pub(super) fn row(
        &self,
        measure: &DocumentMeasure,
        section: &DocumentSection,
        row: &DocumentRow,
    ) -> Option<&InitiativeRow> {
        let measure_id = self.measures.get(&(measure.kind, measure.number))?.id;
        let direction_id = self.direction_id(measure, section)?;
        self.rows.iter().find(|r| r.measure_id == measure_id && r.direction_id == direction_id && r.name == row.name)
    }
}

pub(super) async fn resolve_plan(
    conn: &mut AsyncPgConnection,
    doc: &TableDocument,
    target: Option<i64>,
    problems: &mut Vec<ImportProblem>,
) -> Result<Option<Plan>, ImportError> {
    if let Some(id) = target {
        let plan = Plan::find(conn, id).await.optional()?.ok_or(ImportError::PlanNotFound(id))?;
        if let Some(p) = &doc.plan {
            if p.municipality != plan.municipality || p.name != plan.name {
                problems.push(ImportProblem::cell(
                    2,
                    "A",
                    "計画名",
                    "plan_mismatch",
                    format!(
                        "ファイルの計画「{} {}」は、取り込み先の計画「{} {}」と異なります。取り込み先の計画を確かめてください。",
                        p.municipality, p.name, plan.municipality, plan.name
                    ),
                ));
            }
        }
        return Ok(Some(plan));
    }
    let Some(p) = &doc.plan else {
        return Err(ImportError::Invalid("the file names no plan and no target plan was given".into()));
    };
    Ok(plans::table
        .filter(plans::municipality.eq(&p.municipality))
        .filter(plans::name.eq(&p.name))
        .select(Plan::as_select())
        .first(conn)
        .await
        .optional()?)
}
