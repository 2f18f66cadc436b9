//! The table as a file holds it (a [`TableDocument`]) and the problems found in a file.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::enums::MeasureKind;
use crate::reports::ReportContent;

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

impl TableDocument {
    /// Every row with its measure and section, in file order.
    pub fn rows(&self) -> impl Iterator<Item = (&DocumentMeasure, &DocumentSection, &DocumentRow)> {
        self.measures.iter().flat_map(|m| m.sections.iter().flat_map(move |s| s.rows.iter().map(move |r| (m, s, r))))
    }

    pub(super) fn repeated_names(&self) -> Vec<&str> {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for (_, _, r) in self.rows() {
            *count.entry(r.name.as_str()).or_default() += 1;
        }
        let mut names: Vec<&str> = count.into_iter().filter(|(_, n)| *n > 1).map(|(name, _)| name).collect();
        names.sort_unstable();
        names
    }
}
