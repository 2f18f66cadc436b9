//! The 施策別事業進行管理表 read from an Excel or CSV file (docs/table-layout.md): compared with the
//! database as a dry run, or applied in one transaction.
//!
//! - [`document`]: the table as read from a file, and the problems found in it;
//! - [`preview`]: what an import would do or did;
//! - [`existing`]: the database the file is compared with;
//! - [`changes`]: the field-by-field comparison and the labels of things;
//! - [`analysis`]: the comparison itself ([`preview_table`]);
//! - [`apply`]: the writes ([`commit_table`]).

mod analysis;
mod apply;
mod changes;
mod document;
mod existing;
mod preview;

pub use self::analysis::preview_table;
pub use self::apply::commit_table;
pub use self::document::{
    DocumentDirection, DocumentMeasure, DocumentPeriod, DocumentPlan, DocumentRow, DocumentSection, ImportProblem,
    TableColumn, TableDocument, TableFormat,
};
pub use self::existing::DEFAULT_GRADE_CODES;
pub use self::preview::{
    ActionCounts, ChangeAction, CommitOutcome, FieldChange, ImportCounts, ImportEntity, ItemChange, PeriodChange,
    PlanChange, TablePreview,
};
