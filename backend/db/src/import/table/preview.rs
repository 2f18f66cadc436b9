//! What an import would do (a preview) or did (a commit).

use chrono::NaiveDate;
use serde::Serialize;

use super::document::{ImportProblem, TableFormat};
use crate::enums::PeriodState;

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

pub(super) fn field_change(field: &str, label: &str, from: Option<String>, to: Option<String>) -> FieldChange {
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
    pub(super) fn add(&mut self, action: ChangeAction) {
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
