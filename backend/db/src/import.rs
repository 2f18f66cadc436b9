//! Imports a plan's structure from the customer's JSON format (`seed/plan-r7-h1.json`).
//!
//! Idempotent: rows are matched by measure, direction and name, so importing the same file twice
//! updates in place and leaves the same counts. Everything happens in one transaction.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};
use serde::{Deserialize, Serialize};

use crate::departments::{Department, DepartmentInsertForm};
use crate::enums::{FutureDirection, ImplementationStatus, MeasureKind, PeriodState, ReportState};
use crate::grades::EvaluationGrade;
use crate::groups::InitiativeGroup;
use crate::initiatives::{Initiative, InitiativeInsertForm, InitiativeRow};
use crate::measures::{Direction, Measure};
use crate::periods::ReportingPeriod;
use crate::plans::Plan;
use crate::reports::{Report, ReportChange, ReportContent, WriteError};
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

/// Why an import was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("invalid plan file: {0}")]
    Invalid(String),
    #[error("plan {0} does not exist")]
    PlanNotFound(i64),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
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

// ---------------------------------------------------------------------------------------------
// The 施策別事業進行管理表 read from an Excel or CSV file (docs/table-layout.md): compared with the
// database as a dry run, or applied in one transaction.
// ---------------------------------------------------------------------------------------------

/// The evaluation scale every new plan starts with (the `plans_default_evaluation_grades` trigger).
pub const DEFAULT_GRADE_CODES: [&str; 8] = ["F", "S", "A", "B", "C", "X", "Y", "Z"];

/// The kind of file a table document was read from; it decides which column holds which field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableFormat {
    /// Excel (.xlsx), the layout of the Excel export.
    Xlsx,
    /// CSV, the columns of the CSV export.
    Csv,
}

/// A field of the table as a file holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableColumn {
    MeasureKind,
    MeasureNumber,
    MeasureTitle,
    DirectionNumber,
    DirectionTitle,
    Name,
    Departments,
    Content,
    Progress,
    Status,
    Evaluation,
    Future,
    Remarks,
}

impl TableFormat {
    /// The column letter and header of `column` in this format.
    pub fn column(self, column: TableColumn) -> (&'static str, &'static str) {
        use TableColumn::*;
        match (self, column) {
            (Self::Xlsx, MeasureKind | MeasureNumber | MeasureTitle) => ("A", "施策の見出し"),
            (Self::Xlsx, DirectionNumber | DirectionTitle) => ("A", "取組の方向"),
            (Self::Xlsx, Name) => ("A", "取組項目"),
            (Self::Xlsx, Departments) => ("B", "担当課"),
            (Self::Xlsx, Content) => ("C", "内容"),
            (Self::Xlsx, Progress) => ("D", "取組進捗状況"),
            (Self::Xlsx, Status) => ("E", "実施状況"),
            (Self::Xlsx, Evaluation) => ("F", "評価"),
            (Self::Xlsx, Future) => ("G", "今後の方向性"),
            (Self::Xlsx, Remarks) => ("H", "備考"),
            (Self::Csv, MeasureKind) => ("A", "施策区分"),
            (Self::Csv, MeasureNumber) => ("B", "施策番号"),
            (Self::Csv, MeasureTitle) => ("C", "施策名"),
            (Self::Csv, DirectionNumber) => ("D", "取組の方向番号"),
            (Self::Csv, DirectionTitle) => ("E", "取組の方向"),
            (Self::Csv, Name) => ("F", "取組項目"),
            (Self::Csv, Departments) => ("G", "担当課"),
            (Self::Csv, Content) => ("H", "内容"),
            (Self::Csv, Progress) => ("I", "取組進捗状況"),
            (Self::Csv, Status) => ("J", "実施状況"),
            (Self::Csv, Evaluation) => ("K", "評価"),
            (Self::Csv, Future) => ("L", "今後の方向性"),
            (Self::Csv, Remarks) => ("M", "備考"),
        }
    }
}

/// One problem found in an imported file, located as Excel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ImportProblem {
    /// Row of the sheet, 1-based as Excel numbers it (for CSV the line the record starts on); null
    /// for the file as a whole.
    pub row: Option<u32>,
    /// Column letter (A, B, …); null when the problem concerns the whole row or file.
    pub column: Option<String>,
    /// The column's header, e.g. 担当課.
    pub column_name: Option<String>,
    /// Stable code: required, too_long, invalid, duplicate, unknown_department, unknown_label,
    /// invalid_evaluation, header_mismatch, missing_column, misplaced_row, plan_mismatch,
    /// report_approved, period_locked, too_many_rows, too_many_empty_rows, encoding, unreadable, …
    pub code: String,
    /// What is wrong and how to fix it, in Japanese.
    pub message: String,
}

impl ImportProblem {
    /// A problem of the whole file.
    pub fn file(code: &str, message: impl Into<String>) -> Self {
        Self { row: None, column: None, column_name: None, code: code.to_owned(), message: message.into() }
    }

    /// A problem of a whole row.
    pub fn row(row: u32, code: &str, message: impl Into<String>) -> Self {
        Self { row: Some(row), column: None, column_name: None, code: code.to_owned(), message: message.into() }
    }

    /// A problem of one cell, by column letter and header.
    pub fn cell(row: u32, letter: &str, header: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            row: Some(row),
            column: Some(letter.to_owned()),
            column_name: Some(header.to_owned()),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// A problem of the cell that holds `column` in a file of `format`.
    pub fn at(format: TableFormat, row: u32, column: TableColumn, code: &str, message: impl Into<String>) -> Self {
        let (letter, header) = format.column(column);
        Self::cell(row, letter, header, code, message)
    }

    /// Where it is, as a cell reference: `B12`, `12:12` for a whole row, `file` for the file.
    pub fn location(&self) -> String {
        match (self.row, &self.column) {
            (Some(row), Some(col)) => format!("{col}{row}"),
            (Some(row), None) => format!("{row}:{row}"),
            _ => "file".to_owned(),
        }
    }
}

/// A table read from a file: what the importer compares with the database. Fields the format
/// does not carry are `None` and stay as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct TableDocument {
    pub format: TableFormat,
    /// The plan the file names (row 2 of the Excel file); CSV files do not name it.
    pub plan: Option<DocumentPlan>,
    /// The period of the progress texts, from the title and the progress column's header.
    pub period: DocumentPeriod,
    pub measures: Vec<DocumentMeasure>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentPlan {
    pub municipality: String,
    pub name: String,
    /// The table's name in the title (施策別事業進行管理表), when the file has a title.
    pub table_title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentPeriod {
    pub fiscal_year: i32,
    pub as_of: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentMeasure {
    /// Row of the heading (Excel) or of the measure's first line (CSV).
    pub row: u32,
    pub kind: MeasureKind,
    pub number: i32,
    pub title: String,
    /// The title used in the table (the title itself when the file has no `表中の施策名`); None when
    /// the format does not carry it.
    pub table_title: Option<String>,
    /// None when the format does not carry it (CSV); empty when the Excel file has none.
    pub description: Option<String>,
    /// Header of the first column (取組項目 / 会議名); None for CSV.
    pub item_label: Option<String>,
    /// Rows directly under the measure first (direction None), then each direction.
    pub sections: Vec<DocumentSection>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSection {
    pub direction: Option<DocumentDirection>,
    pub rows: Vec<DocumentRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentDirection {
    pub row: u32,
    pub number: i32,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    pub row: u32,
    pub name: String,
    pub departments: Vec<String>,
    pub content: String,
    /// The period's report of the row as the file has it.
    pub report: ReportContent,
}

/// What an import does to one thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    /// It is new.
    Create,
    /// It exists and some of its fields change.
    Update,
    /// It exists as the file has it.
    Unchanged,
}

/// What is changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportEntity {
    Measure,
    Direction,
    Row,
    Report,
}

/// One field that changes: its value in the database and in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldChange {
    /// Field name: title, table_title, description, item_label, content, departments, position,
    /// group, progress, implementation_status, evaluation, future_direction, remarks, state.
    pub field: String,
    /// Its Japanese name, e.g. 取組進捗状況.
    pub label: String,
    /// The value now (null when not set).
    pub from: Option<String>,
    /// The value after the import (null when not set).
    pub to: Option<String>,
}

fn field_change(field: &str, label: &str, from: Option<String>, to: Option<String>) -> FieldChange {
    FieldChange { field: field.to_owned(), label: label.to_owned(), from, to }
}

/// A measure, direction, row or report that the import creates or changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ItemChange {
    /// What kind of thing.
    pub entity: ImportEntity,
    /// create or update.
    pub action: ChangeAction,
    /// The row of the file it comes from.
    pub row: Option<u32>,
    /// Its id, when it exists already.
    pub id: Option<i64>,
    /// How the table names it, e.g. 基本施策3 ② 健康相談.
    pub label: String,
    /// The fields that change (for a new thing: those it gets).
    pub fields: Vec<FieldChange>,
}

/// How many things are created, changed or already as in the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ActionCounts {
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
}

impl ActionCounts {
    fn add(&mut self, action: ChangeAction) {
        match action {
            ChangeAction::Create => self.create += 1,
            ChangeAction::Update => self.update += 1,
            ChangeAction::Unchanged => self.unchanged += 1,
        }
    }
}

/// The counts per kind of thing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ImportCounts {
    pub measures: ActionCounts,
    pub directions: ActionCounts,
    pub rows: ActionCounts,
    pub reports: ActionCounts,
}

/// The plan the import goes into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlanChange {
    /// Its id (null while it is still to be created).
    pub id: Option<i64>,
    pub municipality: String,
    pub name: String,
    /// create, update (its table title changes) or unchanged.
    pub action: ChangeAction,
    pub fields: Vec<FieldChange>,
}

/// The reporting period the progress texts go into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PeriodChange {
    /// Its id (null while it is still to be created).
    pub id: Option<i64>,
    /// e.g. 令和7年度 9月末.
    pub label: String,
    /// 年度, e.g. 2025.
    pub fiscal_year: i32,
    /// The as-of date of the texts.
    pub as_of: NaiveDate,
    /// Its state (a new period is created 締切, as the seed's is).
    pub state: PeriodState,
    /// create, or unchanged for a period that exists.
    pub action: ChangeAction,
    /// What happens to the reports, in Japanese.
    pub note: String,
}

/// What an import would do (preview) or did (commit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TablePreview {
    /// The kind of file read.
    pub format: TableFormat,
    pub plan: PlanChange,
    pub period: PeriodChange,
    /// Departments (担当課) that are created: only when the plan itself is new.
    pub departments_created: Vec<String>,
    /// Groups of related rows (the same 事業 under several measures) that are created.
    pub groups_created: Vec<String>,
    pub counts: ImportCounts,
    /// Everything created or changed, in table order; unchanged things are only counted.
    pub changes: Vec<ItemChange>,
    /// Rows of the plan that the file does not have: they are kept as they are (an import never
    /// deletes), after the file's rows of their measure.
    pub rows_not_in_file: Vec<String>,
}

/// The result of a commit.
#[derive(Debug)]
pub enum CommitOutcome {
    /// Everything was written.
    Written(TablePreview),
    /// Nothing was written, because of these problems.
    Refused(TablePreview, Vec<ImportProblem>),
}

/// The database as the import finds it.
struct Existing {
    plan: Option<Plan>,
    departments: HashMap<String, Department>,
    grade_codes: Vec<String>,
    measures: HashMap<(MeasureKind, i32), Measure>,
    directions: HashMap<(i64, i32), Direction>,
    rows: Vec<InitiativeRow>,
    groups: HashMap<String, i64>,
    period: Option<ReportingPeriod>,
    reports: HashMap<i64, Report>,
}

impl Existing {
    async fn load(
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
    fn row(&self, measure: &DocumentMeasure, section: &DocumentSection, row: &DocumentRow) -> Option<&InitiativeRow> {
        let measure_id = self.measures.get(&(measure.kind, measure.number))?.id;
        let direction_id = self.direction_id(measure, section)?;
        self.rows.iter().find(|r| r.measure_id == measure_id && r.direction_id == direction_id && r.name == row.name)
    }
}

impl TableDocument {
    /// Every row with its measure and section, in file order.
    pub fn rows(&self) -> impl Iterator<Item = (&DocumentMeasure, &DocumentSection, &DocumentRow)> {
        self.measures.iter().flat_map(|m| m.sections.iter().flat_map(move |s| s.rows.iter().map(move |r| (m, s, r))))
    }

    fn repeated_names(&self) -> Vec<&str> {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for (_, _, r) in self.rows() {
            *count.entry(r.name.as_str()).or_default() += 1;
        }
        let mut names: Vec<&str> = count.into_iter().filter(|(_, n)| *n > 1).map(|(name, _)| name).collect();
        names.sort_unstable();
        names
    }
}

fn measure_label(m: &DocumentMeasure) -> String {
    format!("{}{} {}", m.kind.label_ja(), m.number, m.title)
}

fn row_label(m: &DocumentMeasure, s: &DocumentSection, r: &DocumentRow) -> String {
    match &s.direction {
        Some(d) => format!("{}{} {} {}", m.kind.label_ja(), m.number, crate::table::circled(d.number), r.name),
        None => format!("{}{} {}", m.kind.label_ja(), m.number, r.name),
    }
}

fn effective_table_title(title: &str, table_title: &str) -> Option<String> {
    (table_title != title).then(|| table_title.to_owned())
}

/// The fields of a stored measure that the file changes.
fn measure_changes(e: &Measure, m: &DocumentMeasure) -> Vec<FieldChange> {
    let mut out = Vec::new();
    if e.title != m.title {
        out.push(field_change("title", "施策名", Some(e.title.clone()), Some(m.title.clone())));
    }
    if let Some(tt) = &m.table_title {
        let now = e.table_title.clone().unwrap_or_else(|| e.title.clone());
        if &now != tt {
            out.push(field_change("table_title", "表中の施策名", Some(now), Some(tt.clone())));
        }
    }
    if let Some(d) = &m.description {
        if &e.description != d {
            out.push(field_change("description", "説明", Some(e.description.clone()), Some(d.clone())));
        }
    }
    if let Some(l) = &m.item_label {
        if &e.item_label != l {
            out.push(field_change("item_label", "1列目の見出し", Some(e.item_label.clone()), Some(l.clone())));
        }
    }
    out
}

fn new_measure_fields(m: &DocumentMeasure) -> Vec<FieldChange> {
    let mut out = vec![field_change("title", "施策名", None, Some(m.title.clone()))];
    if let Some(tt) = m.table_title.as_ref().filter(|tt| **tt != m.title) {
        out.push(field_change("table_title", "表中の施策名", None, Some(tt.clone())));
    }
    if let Some(d) = m.description.as_ref().filter(|d| !d.is_empty()) {
        out.push(field_change("description", "説明", None, Some(d.clone())));
    }
    out.push(field_change(
        "item_label",
        "1列目の見出し",
        None,
        Some(m.item_label.clone().unwrap_or_else(|| "取組項目".into())),
    ));
    out
}

fn opt_label(s: Option<&'static str>) -> Option<String> {
    s.map(str::to_owned)
}

/// The report fields that differ between `now` and `to`.
fn report_changes(now: &ReportContent, to: &ReportContent) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    if now.progress != to.progress {
        out.push(field_change("progress", "取組進捗状況", text(&now.progress), text(&to.progress)));
    }
    if now.implementation_status != to.implementation_status {
        out.push(field_change(
            "implementation_status",
            "実施状況",
            opt_label(now.implementation_status.map(ImplementationStatus::label_ja)),
            opt_label(to.implementation_status.map(ImplementationStatus::label_ja)),
        ));
    }
    if now.evaluation != to.evaluation {
        out.push(field_change("evaluation", "評価", now.evaluation.clone(), to.evaluation.clone()));
    }
    if now.future_direction != to.future_direction {
        out.push(field_change(
            "future_direction",
            "今後の方向性",
            opt_label(now.future_direction.map(FutureDirection::label_ja)),
            opt_label(to.future_direction.map(FutureDirection::label_ja)),
        ));
    }
    if now.remarks != to.remarks {
        out.push(field_change("remarks", "備考", text(&now.remarks), text(&to.remarks)));
    }
    out
}

fn is_empty_report(c: &ReportContent) -> bool {
    *c == ReportContent::default()
}

/// The state an imported report gets in a period of `state`, from its current state.
fn imported_state(period: PeriodState, current: ReportState) -> ReportState {
    match period {
        PeriodState::Closed => ReportState::Approved,
        _ => current,
    }
}

/// Everything the analysis found: the preview, the problems, and the database it compared with.
struct Analysis {
    preview: TablePreview,
    problems: Vec<ImportProblem>,
    existing: Existing,
}

async fn resolve_plan(
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

/// Compares `doc` with the database without writing anything.
async fn analyze(
    conn: &mut AsyncPgConnection,
    doc: &TableDocument,
    target: Option<i64>,
) -> Result<Analysis, ImportError> {
    use crate::periods::period_label;

    let mut problems = Vec::new();
    let plan = resolve_plan(conn, doc, target, &mut problems).await?;
    let existing = Existing::load(conn, plan, doc).await?;
    let format = doc.format;
    let new_plan = existing.plan.is_none();

    // The plan.
    let plan_change = match &existing.plan {
        Some(p) => {
            let mut fields = Vec::new();
            if let Some(tt) = doc.plan.as_ref().and_then(|d| d.table_title.as_ref()) {
                if *tt != p.table_title {
                    fields.push(field_change("table_title", "表の名前", Some(p.table_title.clone()), Some(tt.clone())));
                }
            }
            let action = if fields.is_empty() { ChangeAction::Unchanged } else { ChangeAction::Update };
            PlanChange { id: Some(p.id), municipality: p.municipality.clone(), name: p.name.clone(), action, fields }
        }
        None => {
            let p = doc.plan.as_ref().ok_or_else(|| ImportError::Invalid("no plan".into()))?;
            let fields = vec![field_change(
                "table_title",
                "表の名前",
                None,
                Some(p.table_title.clone().unwrap_or_else(|| "施策別事業進行管理表".into())),
            )];
            PlanChange {
                id: None,
                municipality: p.municipality.clone(),
                name: p.name.clone(),
                action: ChangeAction::Create,
                fields,
            }
        }
    };

    // The period.
    let period_state = existing.period.as_ref().map_or(PeriodState::Closed, |p| p.state);
    let period_label_text = existing
        .period
        .as_ref()
        .map_or_else(|| period_label(doc.period.fiscal_year, doc.period.as_of), |p| p.label.clone());
    if let Some(p) = &existing.period {
        if p.fiscal_year != doc.period.fiscal_year {
            problems.push(ImportProblem::file(
                "period_mismatch",
                format!(
                    "ファイルの年度（{}年度）が、同じ基準日の報告期間「{}」の年度と異なります。",
                    doc.period.fiscal_year, p.label
                ),
            ));
        }
    }
    let note = match (existing.period.is_some(), period_state) {
        (false, _) => "この報告期間は新しく作られ（締切）、取り込んだ報告は承認済になります。".to_owned(),
        (true, PeriodState::Closed) => "締切の報告期間です。取り込んだ報告は承認済になります。".to_owned(),
        (true, PeriodState::Open) => "受付中の報告期間です。報告の内容だけを更新し、下書き・提出済などの状態は変えません。承認済の報告は変更できません。".to_owned(),
        (true, PeriodState::Preparing) => "準備中の報告期間です。報告はまだないため、取組進捗状況は取り込めません。".to_owned(),
        (true, PeriodState::Published) => "公表済の報告期間です。報告は変更できません。".to_owned(),
    };
    let period_change = PeriodChange {
        id: existing.period.as_ref().map(|p| p.id),
        label: period_label_text.clone(),
        fiscal_year: doc.period.fiscal_year,
        as_of: doc.period.as_of,
        state: period_state,
        action: if existing.period.is_some() { ChangeAction::Unchanged } else { ChangeAction::Create },
        note,
    };

    // Departments: known ones, or new ones when the plan itself is new.
    let mut departments_created: Vec<String> = Vec::new();
    for (_, _, r) in doc.rows() {
        for name in &r.departments {
            match existing.departments.get(name) {
                Some(_) => {}
                None if new_plan => {
                    if !departments_created.contains(name) {
                        departments_created.push(name.clone());
                    }
                }
                None => problems.push(ImportProblem::at(
                    format,
                    r.row,
                    TableColumn::Departments,
                    "unknown_department",
                    format!("担当課「{name}」は登録されていません。担当課の名前を確かめるか、先に担当課を登録してください。"),
                )),
            }
        }
    }

    // Groups of related rows.
    let repeated = doc.repeated_names();
    let groups_created: Vec<String> =
        repeated.iter().filter(|n| !existing.groups.contains_key(**n)).map(|n| (*n).to_owned()).collect();

    let mut counts = ImportCounts::default();
    let mut changes = Vec::new();
    let mut report_changes_list = Vec::new();
    let mut seen_rows: Vec<i64> = Vec::new();
    let mut locked_reports = 0usize;

    for m in &doc.measures {
        let stored = existing.measures.get(&(m.kind, m.number));
        match stored {
            Some(e) => {
                let fields = measure_changes(e, m);
                let action = if fields.is_empty() { ChangeAction::Unchanged } else { ChangeAction::Update };
                counts.measures.add(action);
                if action != ChangeAction::Unchanged {
                    changes.push(ItemChange {
                        entity: ImportEntity::Measure,
                        action,
                        row: Some(m.row),
                        id: Some(e.id),
                        label: measure_label(m),
                        fields,
                    });
                }
            }
            None => {
                counts.measures.add(ChangeAction::Create);
                changes.push(ItemChange {
                    entity: ImportEntity::Measure,
                    action: ChangeAction::Create,
                    row: Some(m.row),
                    id: None,
                    label: measure_label(m),
                    fields: new_measure_fields(m),
                });
            }
        }
        let mut position = 0i32;
        for s in &m.sections {
            if let Some(d) = &s.direction {
                let label = format!("{}{} {}{}", m.kind.label_ja(), m.number, crate::table::circled(d.number), d.title);
                match stored.and_then(|e| existing.directions.get(&(e.id, d.number))) {
                    Some(e) if e.title == d.title => counts.directions.add(ChangeAction::Unchanged),
                    Some(e) => {
                        counts.directions.add(ChangeAction::Update);
                        let fields =
                            vec![field_change("title", "取組の方向", Some(e.title.clone()), Some(d.title.clone()))];
                        changes.push(ItemChange {
                            entity: ImportEntity::Direction,
                            action: ChangeAction::Update,
                            row: Some(d.row),
                            id: Some(e.id),
                            label,
                            fields,
                        });
                    }
                    None => {
                        counts.directions.add(ChangeAction::Create);
                        let fields = vec![field_change("title", "取組の方向", None, Some(d.title.clone()))];
                        changes.push(ItemChange {
                            entity: ImportEntity::Direction,
                            action: ChangeAction::Create,
                            row: Some(d.row),
                            id: None,
                            label,
                            fields,
                        });
                    }
                }
            }
            for r in &s.rows {
                let label = row_label(m, s, r);
                let stored_row = existing.row(m, s, r);
                let joined = r.departments.join("／");
                let repeated_name = repeated.contains(&r.name.as_str());
                match stored_row {
                    Some(e) => {
                        seen_rows.push(e.id);
                        let mut fields = Vec::new();
                        if e.content != r.content {
                            fields.push(field_change(
                                "content",
                                "内容",
                                Some(e.content.clone()),
                                Some(r.content.clone()),
                            ));
                        }
                        let now: Vec<&str> = e.departments.iter().map(|d| d.name.as_str()).collect();
                        if now != r.departments.iter().map(String::as_str).collect::<Vec<_>>() {
                            fields.push(field_change(
                                "departments",
                                "担当課",
                                Some(now.join("／")),
                                Some(joined.clone()),
                            ));
                            for name in &r.departments {
                                if existing.departments.get(name).is_some_and(|d| !d.active)
                                    && !now.contains(&name.as_str())
                                {
                                    problems.push(ImportProblem::at(
                                        format,
                                        r.row,
                                        TableColumn::Departments,
                                        "inactive_department",
                                        format!("担当課「{name}」は使用停止になっているため、事業の担当にできません。"),
                                    ));
                                }
                            }
                        }
                        if e.position != position {
                            fields.push(field_change(
                                "position",
                                "並び順",
                                Some((e.position + 1).to_string()),
                                Some((position + 1).to_string()),
                            ));
                        }
                        if repeated_name && e.group_id.is_none() {
                            fields.push(field_change("group", "関連する事業", None, Some(r.name.clone())));
                        }
                        let action = if fields.is_empty() { ChangeAction::Unchanged } else { ChangeAction::Update };
                        counts.rows.add(action);
                        if action != ChangeAction::Unchanged {
                            changes.push(ItemChange {
                                entity: ImportEntity::Row,
                                action,
                                row: Some(r.row),
                                id: Some(e.id),
                                label: label.clone(),
                                fields,
                            });
                        }
                    }
                    None => {
                        counts.rows.add(ChangeAction::Create);
                        for name in &r.departments {
                            if existing.departments.get(name).is_some_and(|d| !d.active) {
                                problems.push(ImportProblem::at(
                                    format,
                                    r.row,
                                    TableColumn::Departments,
                                    "inactive_department",
                                    format!("担当課「{name}」は使用停止になっているため、事業の担当にできません。"),
                                ));
                            }
                        }
                        let mut fields = vec![
                            field_change("departments", "担当課", None, Some(joined.clone())),
                            field_change("content", "内容", None, Some(r.content.clone())),
                        ];
                        if repeated_name || existing.groups.contains_key(&r.name) {
                            fields.push(field_change("group", "関連する事業", None, Some(r.name.clone())));
                        }
                        changes.push(ItemChange {
                            entity: ImportEntity::Row,
                            action: ChangeAction::Create,
                            row: Some(r.row),
                            id: None,
                            label: label.clone(),
                            fields,
                        });
                    }
                }
                position += 1;

                // The row's report in the period.
                if let Some(code) = &r.report.evaluation {
                    if !existing.grade_codes.contains(code) {
                        problems.push(ImportProblem::at(
                            format,
                            r.row,
                            TableColumn::Evaluation,
                            "invalid_evaluation",
                            format!(
                                "評価「{code}」はこの計画の評価区分にありません。{} のいずれかにしてください。",
                                existing.grade_codes.join("・")
                            ),
                        ));
                    }
                }
                let stored_report = stored_row.and_then(|e| existing.reports.get(&e.id));
                match (stored_report, period_state) {
                    (Some(rep), state) => {
                        let mut fields = report_changes(&rep.content(), &r.report);
                        let new_state = imported_state(state, rep.state);
                        let content_changes = !fields.is_empty();
                        match state {
                            PeriodState::Open if content_changes && rep.state == ReportState::Approved => problems.push(ImportProblem::at(
                                format,
                                r.row,
                                TableColumn::Progress,
                                "report_approved",
                                "この報告は承認済のため変更できません。報告を再開（承認の取り消し）してから取り込んでください。",
                            )),
                            PeriodState::Published | PeriodState::Preparing if content_changes => locked_reports += 1,
                            _ => {}
                        }
                        if new_state != rep.state && matches!(state, PeriodState::Closed) {
                            fields.push(field_change(
                                "state",
                                "状態",
                                Some(rep.state.label_ja().to_owned()),
                                Some(new_state.label_ja().to_owned()),
                            ));
                        }
                        let action = if fields.is_empty() { ChangeAction::Unchanged } else { ChangeAction::Update };
                        counts.reports.add(action);
                        if action != ChangeAction::Unchanged {
                            report_changes_list.push(ItemChange {
                                entity: ImportEntity::Report,
                                action,
                                row: Some(r.row),
                                id: Some(rep.id),
                                label,
                                fields,
                            });
                        }
                    }
                    (None, PeriodState::Preparing | PeriodState::Published) if existing.period.is_some() => {
                        if !is_empty_report(&r.report) {
                            locked_reports += 1;
                        }
                    }
                    (None, state) => {
                        let mut fields = report_changes(&ReportContent::default(), &r.report);
                        let initial = imported_state(state, ReportState::Draft);
                        fields.push(field_change("state", "状態", None, Some(initial.label_ja().to_owned())));
                        counts.reports.add(ChangeAction::Create);
                        report_changes_list.push(ItemChange {
                            entity: ImportEntity::Report,
                            action: ChangeAction::Create,
                            row: Some(r.row),
                            id: None,
                            label,
                            fields,
                        });
                    }
                }
            }
        }
    }
    if locked_reports > 0 {
        let why = if period_state == PeriodState::Published { "公表済" } else { "準備中" };
        problems.push(ImportProblem::file(
            "period_locked",
            format!(
                "報告期間「{period_label_text}」は{why}のため、取組進捗状況などの報告は取り込めません（内容の異なる報告が{locked_reports}件あります）。報告の列を書き出したときのままにするか、別の報告期間のファイルを取り込んでください。"
            ),
        ));
    }
    changes.extend(report_changes_list);

    let rows_not_in_file = existing
        .rows
        .iter()
        .filter(|r| !seen_rows.contains(&r.id))
        .map(|r| {
            let m = existing.measures.values().find(|m| m.id == r.measure_id);
            match m {
                Some(m) => format!("{}{} {}", m.kind.label_ja(), m.number, r.name),
                None => r.name.clone(),
            }
        })
        .collect();

    problems.sort_by_key(|p| (p.row.unwrap_or(0), p.column.clone()));
    let preview = TablePreview {
        format,
        plan: plan_change,
        period: period_change,
        departments_created,
        groups_created,
        counts,
        changes,
        rows_not_in_file,
    };
    Ok(Analysis { preview, problems, existing })
}

/// Compares `doc` with the database and tells what an import would change and what is wrong;
/// writes nothing. `target` is the plan to import into (required for CSV); without it the plan
/// the file names is used, or created.
pub async fn preview_table(
    conn: &mut AsyncPgConnection,
    doc: &TableDocument,
    target: Option<i64>,
) -> Result<(TablePreview, Vec<ImportProblem>), ImportError> {
    let a = analyze(conn, doc, target).await?;
    Ok((a.preview, a.problems))
}

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
