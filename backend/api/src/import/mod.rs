//! Reading a 施策別事業進行管理表 back from the files the exports write (`docs/table-layout.md`):
//! Excel (.xlsx) and CSV, into one [`TableDocument`] that `shinko_db::import` compares with the
//! database (preview) and applies (commit).
//!
//! Every problem is collected with its row (1-based, as Excel numbers rows), column and a Japanese
//! message, so the secretariat can fix the whole file at once. A file that cannot be read at all
//! (not an .xlsx, not UTF-8, far too many rows, thousands of empty rows) ends with one clear problem
//! instead. Work is bounded whatever the file: the body is at most 20 MB, an .xlsx archive at most
//! [`MAX_UNPACKED_BYTES`] unpacked, and reading stops at [`MAX_DATA_ROWS`] rows or
//! [`MAX_EMPTY_RUN`] empty rows in a row.

pub mod command;
pub mod csv;
pub mod xlsx;

use std::collections::HashSet;

use chrono::NaiveDate;
use shinko_db::enums::{FutureDirection, ImplementationStatus};
use shinko_db::import::{DocumentRow, ImportProblem, TableColumn, TableDocument, TableFormat};
use shinko_db::reports::ReportContent;

/// Largest file accepted (the request body); larger ones are refused with 413 before reading.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Most rows of the table (事業) a file may hold.
pub const MAX_DATA_ROWS: usize = 5_000;
/// Most empty rows in a row before reading stops.
pub const MAX_EMPTY_RUN: u32 = 1_000;
/// Most bytes an .xlsx archive may unpack to (all its parts together).
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;
/// Most problems reported; the rest are counted in one last problem.
pub const MAX_PROBLEMS: usize = 500;

/// The content type of .xlsx files.
pub const XLSX_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What kind of file was sent, by its content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Csv,
}

impl FileKind {
    /// `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` or `text/csv` (any
    /// parameters; the bytes decide the encoding).
    pub fn from_content_type(value: &str) -> Option<Self> {
        let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        match essence.as_str() {
            XLSX_CONTENT_TYPE => Some(Self::Xlsx),
            "text/csv" | "application/csv" => Some(Self::Csv),
            _ => None,
        }
    }

    /// By the file name's extension (for the command line).
    pub fn from_file_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xlsx") {
            Some(Self::Xlsx)
        } else if lower.ends_with(".csv") {
            Some(Self::Csv)
        } else {
            None
        }
    }
}

/// What reading a file gave: the document (None when the file could not be read far enough to
/// give one) and every problem found.
#[derive(Debug, Default)]
pub struct Parsed {
    pub doc: Option<TableDocument>,
    pub problems: Vec<ImportProblem>,
}

impl Parsed {
    fn fatal(problem: ImportProblem) -> Self {
        Self { doc: None, problems: vec![problem] }
    }
}

/// Reads `bytes` as a file of `kind`.
pub fn parse(kind: FileKind, bytes: &[u8]) -> Parsed {
    let mut parsed = match kind {
        FileKind::Xlsx => xlsx::parse(bytes),
        FileKind::Csv => csv::parse(bytes),
    };
    sort_problems(&mut parsed.problems);
    parsed
}

/// Orders problems by row (file-level ones first) and column, and keeps at most
/// [`MAX_PROBLEMS`].
pub fn sort_problems(problems: &mut Vec<ImportProblem>) {
    problems.sort_by(|a, b| {
        (a.row.unwrap_or(0), column_index(a.column.as_deref()))
            .cmp(&(b.row.unwrap_or(0), column_index(b.column.as_deref())))
    });
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS + 1;
        problems.truncate(MAX_PROBLEMS - 1);
        problems.push(ImportProblem::file(
            "too_many_problems",
            format!("ほかにも{more}件の問題があります。上の問題を直してから、もう一度確認してください。"),
        ));
    }
}

fn column_index(letter: Option<&str>) -> usize {
    letter.map_or(0, |l| l.bytes().fold(0usize, |n, b| n * 26 + usize::from(b.saturating_sub(b'A')) + 1))
}

/// `A` for 0, `B` for 1, …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// One non-empty row of a sheet: its 1-based number and its cells (padded to the sheet's width).
#[derive(Debug, Clone)]
pub struct Line {
    pub row: u32,
    pub cells: Vec<String>,
}

impl Line {
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", String::as_str)
    }

    /// Whether every cell from `from` on is blank.
    pub fn blank_from(&self, from: usize) -> bool {
        self.cells.iter().skip(from).all(|c| c.trim().is_empty())
    }
}

/// Collects the non-empty rows of a sheet and stops at the limits: more than [`MAX_EMPTY_RUN`]
/// empty rows in a row, or far more rows than a table can have.
pub struct LineCollector {
    width: usize,
    lines: Vec<Line>,
    last_content: u32,
    max_lines: usize,
}

impl LineCollector {
    pub fn new(width: usize) -> Self {
        // Headings, descriptions, header and direction rows come on top of the data rows.
        Self { width, lines: Vec::new(), last_content: 0, max_lines: MAX_DATA_ROWS * 2 + 1_000 }
    }

    /// Notes that row `row` exists (with or without content) and fails when it ends too long a run
    /// of empty rows.
    pub fn saw(&self, row: u32) -> Result<(), ImportProblem> {
        if row > self.last_content && row - self.last_content - 1 > MAX_EMPTY_RUN {
            let from = self.last_content + 1;
            return Err(ImportProblem::row(
                from,
                "too_many_empty_rows",
                format!("{from}行目から空の行が{MAX_EMPTY_RUN}行を超えて続いています。表の途中や末尾にある不要な空行（空白だけのセルを含む）を削除してから、もう一度取り込んでください。"),
            ));
        }
        Ok(())
    }

    /// Adds a row; blank rows are only counted.
    pub fn push(&mut self, row: u32, mut cells: Vec<String>) -> Result<(), ImportProblem> {
        self.saw(row)?;
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        cells.resize(self.width, String::new());
        self.last_content = self.last_content.max(row);
        self.lines.push(Line { row, cells });
        if self.lines.len() > self.max_lines {
            return Err(too_many_rows(row));
        }
        Ok(())
    }

    /// The rows collected; `end` is the row after the last one the file has.
    pub fn finish(self, end: u32) -> Result<Vec<Line>, ImportProblem> {
        self.saw(end)?;
        Ok(self.lines)
    }
}

pub fn too_many_rows(row: u32) -> ImportProblem {
    ImportProblem::row(
        row,
        "too_many_rows",
        format!("行が多すぎます（事業は{MAX_DATA_ROWS}行まで取り込めます）。{row}行目で読み込みを止めました。ファイルを分けるか、不要な行を削除してください。"),
    )
}

/// Turns full-width digits, letters and spaces into their ASCII forms (people type ７ or Ａ).
pub fn narrow(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '　' => ' ',
            _ => c,
        })
        .collect()
}

/// Reads `令和7年度9月末まで` (fiscal = true) or `令和7年9月末まで` (fiscal = false) at the start
/// of `s`: the fiscal year and the as-of date. 令和N年 = 2018 + N; 元年 = 1.
pub fn parse_reiwa(s: &str, fiscal: bool) -> Option<(i32, NaiveDate)> {
    let s = narrow(s);
    let rest = s.trim().strip_prefix("令和")?;
    let (era_year, rest) = rest.split_once('年')?;
    let era_year: i32 = match era_year.trim() {
        "元" => 1,
        n => n.parse().ok()?,
    };
    let rest = if fiscal { rest.strip_prefix('度')? } else { rest };
    let (month, rest) = rest.split_once('月')?;
    let month: u32 = month.trim().parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let year = 2018 + era_year;
    // The calendar year of the date: a fiscal year's January to March fall in the next year.
    let calendar_year = if fiscal && month < 4 { year + 1 } else { year };
    let fiscal_year = if fiscal {
        year
    } else if month < 4 {
        year - 1
    } else {
        year
    };
    let rest = rest.trim_start();
    let date = if let Some(after) = rest.strip_prefix('末') {
        let first = NaiveDate::from_ymd_opt(calendar_year, month, 1)?;
        let last = first.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
        (after, last)
    } else {
        let (day, after) = rest.split_once('日')?;
        (after, NaiveDate::from_ymd_opt(calendar_year, month, day.trim().parse().ok()?)?)
    };
    let (after, as_of) = date;
    if !after.trim().is_empty() && !after.trim().starts_with("まで") {
        return None;
    }
    Some((fiscal_year, as_of))
}

/// The text inside the last brackets of `s` (（…） or (…)) and what comes before them.
fn bracketed(s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    let body = s.strip_suffix('）').or_else(|| s.strip_suffix(')'))?;
    let open = body.rfind(['（', '('])?;
    let open_len = body[open..].chars().next()?.len_utf8();
    Some((&body[..open], &body[open + open_len..]))
}

/// The title `施策別事業進行管理表（令和7年度9月末まで）`: the table's name, fiscal year, as-of date.
pub fn parse_title(s: &str) -> Option<(String, i32, NaiveDate)> {
    let (name, inner) = bracketed(s)?;
    let (fy, as_of) = parse_reiwa(inner, true)?;
    Some((name.trim().to_owned(), fy, as_of))
}

/// The progress column's header `取組進捗状況（令和7年9月末まで）`: fiscal year and as-of date.
pub fn parse_progress_header(s: &str) -> Option<(i32, NaiveDate)> {
    let (name, inner) = bracketed(s)?;
    if name.trim() != "取組進捗状況" {
        return None;
    }
    parse_reiwa(inner, false)
}

const FUTURE_DIRECTIONS: [FutureDirection; 6] = [
    FutureDirection::Expand,
    FutureDirection::Continue,
    FutureDirection::Review,
    FutureDirection::Reduce,
    FutureDirection::Abolish,
    FutureDirection::Complete,
];

/// Limits of the database (the migrations' CHECK constraints), in characters.
pub mod limits {
    pub const MUNICIPALITY: usize = 100;
    pub const PLAN_NAME: usize = 200;
    pub const TABLE_TITLE: usize = 200;
    pub const MEASURE_TITLE: usize = 200;
    pub const DESCRIPTION: usize = 5_000;
    pub const ITEM_LABEL: usize = 50;
    pub const DIRECTION_TITLE: usize = 200;
    pub const NAME: usize = 200;
    pub const DEPARTMENT: usize = 100;
    pub const CONTENT: usize = 5_000;
    pub const PROGRESS: usize = 20_000;
    pub const REMARKS: usize = 5_000;
}

/// Checks a text against its limit; a problem at `column` when it is longer.
pub fn check_len(
    problems: &mut Vec<ImportProblem>,
    format: TableFormat,
    row: u32,
    column: TableColumn,
    value: &str,
    max: usize,
) {
    let len = value.chars().count();
    if len > max {
        problems.push(ImportProblem::at(
            format,
            row,
            column,
            "too_long",
            format!("{max}文字以内にしてください（{len}文字あります）。"),
        ));
    }
}

/// The cells of a table row, in the order of the Excel columns A:H.
pub struct RowCells<'a> {
    pub name: &'a str,
    pub departments: &'a str,
    pub content: &'a str,
    pub progress: &'a str,
    pub status: &'a str,
    pub evaluation: &'a str,
    pub future: &'a str,
    pub remarks: &'a str,
}

/// Reads one row of the table, collecting its problems. Names are trimmed; long texts are kept
/// exactly as written.
pub fn read_row(format: TableFormat, row: u32, cells: RowCells<'_>, problems: &mut Vec<ImportProblem>) -> DocumentRow {
    let name = cells.name.trim().to_owned();
    if name.is_empty() {
        problems.push(ImportProblem::at(format, row, TableColumn::Name, "required", "事業名（取組項目）が空です。"));
    }
    check_len(problems, format, row, TableColumn::Name, &name, limits::NAME);

    let mut departments: Vec<String> = Vec::new();
    for part in cells.departments.split(['／', '/']) {
        let d = part.trim();
        if d.is_empty() {
            continue;
        }
        if departments.iter().any(|x| x == d) {
            problems.push(ImportProblem::at(
                format,
                row,
                TableColumn::Departments,
                "duplicate",
                format!("担当課「{d}」が2回書かれています。"),
            ));
            continue;
        }
        check_len(problems, format, row, TableColumn::Departments, d, limits::DEPARTMENT);
        departments.push(d.to_owned());
    }
    if departments.is_empty() {
        problems.push(ImportProblem::at(
            format,
            row,
            TableColumn::Departments,
            "required",
            "担当課がありません。担当する課を書いてください（2つの課は「健康課／福祉総務課」のように／で区切ります）。",
        ));
    }

    check_len(problems, format, row, TableColumn::Content, cells.content, limits::CONTENT);
    check_len(problems, format, row, TableColumn::Progress, cells.progress, limits::PROGRESS);
    check_len(problems, format, row, TableColumn::Remarks, cells.remarks, limits::REMARKS);

    let status = cells.status.trim();
    let implementation_status = if status.is_empty() {
        None
    } else {
        let found = ImplementationStatus::ALL.into_iter().find(|s| s.label_ja() == status);
        if found.is_none() {
            let labels: Vec<&str> = ImplementationStatus::ALL.iter().map(|s| s.label_ja()).collect();
            problems.push(ImportProblem::at(
                format,
                row,
                TableColumn::Status,
                "unknown_label",
                format!(
                    "実施状況「{status}」は使えません。{}のいずれかにするか、空欄にしてください。",
                    labels.join("・")
                ),
            ));
        }
        found
    };

    let future = cells.future.trim();
    let future_direction = if future.is_empty() {
        None
    } else {
        let found = FUTURE_DIRECTIONS.into_iter().find(|d| d.label_ja() == future);
        if found.is_none() {
            let labels: Vec<&str> = FUTURE_DIRECTIONS.iter().map(|d| d.label_ja()).collect();
            problems.push(ImportProblem::at(
                format,
                row,
                TableColumn::Future,
                "unknown_label",
                format!(
                    "今後の方向性「{future}」は使えません。{}のいずれかにするか、空欄にしてください。",
                    labels.join("・")
                ),
            ));
        }
        found
    };

    let code = narrow(cells.evaluation.trim()).to_ascii_uppercase();
    let evaluation = if code.is_empty() {
        None
    } else if (1..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        Some(code)
    } else {
        problems.push(ImportProblem::at(
            format,
            row,
            TableColumn::Evaluation,
            "invalid_evaluation",
            format!("評価「{}」は評価区分の記号（F・S・A など）ではありません。", cells.evaluation.trim()),
        ));
        None
    };

    DocumentRow {
        row,
        name,
        departments,
        content: cells.content.to_owned(),
        report: ReportContent {
            progress: cells.progress.to_owned(),
            implementation_status,
            evaluation,
            future_direction,
            remarks: cells.remarks.to_owned(),
        },
    }
}

/// Remembers the row names of one direction (or of the rows directly under a measure), so a
/// name written twice there is reported: the importer could not tell the two rows apart.
#[derive(Default)]
pub struct NamesSeen {
    names: HashSet<(usize, usize, String)>,
    rows: std::collections::HashMap<(usize, usize, String), u32>,
}

impl NamesSeen {
    pub fn check(
        &mut self,
        format: TableFormat,
        measure: usize,
        section: usize,
        row: &DocumentRow,
        problems: &mut Vec<ImportProblem>,
    ) {
        if row.name.is_empty() {
            return;
        }
        let key = (measure, section, row.name.clone());
        if !self.names.insert(key.clone()) {
            let first = self.rows.get(&key).copied().unwrap_or(0);
            problems.push(ImportProblem::at(
                format,
                row.row,
                TableColumn::Name,
                "duplicate",
                format!("同じ取組の方向に同じ名前の事業「{}」があります（{first}行目）。名前を変えるか、どちらかの行を削除してください。", row.name),
            ));
        } else {
            self.rows.insert(key, row.row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_are_read_from_the_title_and_the_progress_header() {
        assert_eq!(
            parse_title("施策別事業進行管理表（令和7年度9月末まで）"),
            Some(("施策別事業進行管理表".into(), 2025, d(2025, 9, 30)))
        );
        assert_eq!(
            parse_title("施策別事業進行管理表（令和7年度3月末まで）"),
            Some(("施策別事業進行管理表".into(), 2025, d(2026, 3, 31)))
        );
        assert_eq!(
            parse_title("施策別事業進行管理表（令和元年度12月15日まで）"),
            Some(("施策別事業進行管理表".into(), 2019, d(2019, 12, 15)))
        );
        assert_eq!(
            parse_title("施策別事業進行管理表(令和８年度２月末まで)"),
            Some(("施策別事業進行管理表".into(), 2026, d(2027, 2, 28)))
        );
        assert_eq!(parse_progress_header("取組進捗状況（令和7年9月末まで）"), Some((2025, d(2025, 9, 30))));
        assert_eq!(parse_progress_header("取組進捗状況（令和8年3月末まで）"), Some((2025, d(2026, 3, 31))));
        assert_eq!(parse_progress_header("取組進捗状況（令和2年2月末まで）"), Some((2019, d(2020, 2, 29))));
        assert_eq!(parse_progress_header("進捗（令和7年9月末まで）"), None);
        assert_eq!(parse_progress_header("取組進捗状況（令和7年13月末まで）"), None);
        assert_eq!(parse_title("施策別事業進行管理表"), None);
    }

    #[test]
    fn content_types_and_columns() {
        assert_eq!(FileKind::from_content_type("text/csv; charset=utf-8"), Some(FileKind::Csv));
        assert_eq!(FileKind::from_content_type(XLSX_CONTENT_TYPE), Some(FileKind::Xlsx));
        assert_eq!(FileKind::from_content_type("application/json"), None);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(12), "M");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(narrow("Ａ７　"), "A7 ");
    }

    #[test]
    fn a_row_reports_every_problem_of_its_cells() {
        let mut problems = Vec::new();
        let row = read_row(
            TableFormat::Xlsx,
            9,
            RowCells {
                name: " 健康相談 ",
                departments: "健康課／／福祉総務課／健康課",
                content: "相談",
                progress: "",
                status: "済み",
                evaluation: "ａ",
                future: "継続",
                remarks: "",
            },
            &mut problems,
        );
        assert_eq!(row.name, "健康相談");
        assert_eq!(row.departments, vec!["健康課", "福祉総務課"]);
        assert_eq!(row.report.evaluation.as_deref(), Some("A"));
        assert_eq!(row.report.future_direction, Some(FutureDirection::Continue));
        let codes: Vec<(&str, &str)> =
            problems.iter().map(|p| (p.column.as_deref().unwrap(), p.code.as_str())).collect();
        assert_eq!(codes, vec![("B", "duplicate"), ("E", "unknown_label")]);
        assert!(problems[1].message.contains("未着手・実施中・実施済・予定"));
    }

    #[test]
    fn long_runs_of_empty_rows_stop_the_reading() {
        let mut c = LineCollector::new(2);
        c.push(1, vec!["a".into()]).unwrap();
        c.push(1001, vec!["b".into()]).unwrap();
        let err = c.push(2003, vec!["c".into()]).unwrap_err();
        assert_eq!(err.code, "too_many_empty_rows");
        assert_eq!(err.row, Some(1002));
        let c = LineCollector::new(2);
        assert!(c.finish(1002).is_err());
    }
}
