//! Imports into a plan: the customer's JSON plan file ([`import_plan`], [`import_reports`]) and the
//! 施策別事業進行管理表 read from an Excel or CSV file ([`preview_table`], [`commit_table`]).

mod plan_file;
mod table;

pub use self::plan_file::{
    import_plan, import_reports, DirectionFile, ImportSummary, InitiativeFile, MeasureFile, PeriodInfo, PlanFile,
    ReportImportSummary,
};
pub use self::table::{
    commit_table, preview_table, ActionCounts, ChangeAction, CommitOutcome, DocumentDirection, DocumentMeasure,
    DocumentPeriod, DocumentPlan, DocumentRow, DocumentSection, FieldChange, ImportCounts, ImportEntity, ImportProblem,
    ItemChange, PeriodChange, PlanChange, TableColumn, TableDocument, TableFormat, TablePreview, DEFAULT_GRADE_CODES,
};

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
