//! Excel (.xlsx) files in the layout of the Excel export: title, plan, then per measure its
//! heading, description, `表中の施策名：…`, the header row, direction rows ①②③ and the rows.
//!
//! The archive is measured before anything else opens it (a small file may unpack to gigabytes),
//! and the sheet is streamed cell by cell: a sparse sheet with one cell in XFD1048576 costs
//! nothing, where a dense range of it would not fit in memory.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};
use shinko_db::enums::MeasureKind;
use shinko_db::import::{
    DocumentDirection, DocumentMeasure, DocumentPeriod, DocumentPlan, DocumentSection, ImportProblem, TableColumn,
    TableDocument, TableFormat,
};

use super::{
    check_len, limits, narrow, parse_progress_header, parse_title, read_row, too_many_rows, Line, LineCollector,
    NamesSeen, Parsed, RowCells, MAX_DATA_ROWS, MAX_UNPACKED_BYTES,
};

/// The worksheet the export writes; another name is accepted when the workbook has only that sheet.
pub const SHEET_NAME: &str = "進行管理表";
/// Columns A:H.
const WIDTH: usize = 8;
/// Columns read: A:L, so a header row with inserted columns can be told apart from one with
/// missing columns.
const READ_WIDTH: usize = 12;
/// Most cells read from the sheet (whatever their column), a bound on the work per file.
const MAX_CELLS: usize = 2_000_000;
/// Most parts in the archive.
const MAX_ENTRIES: usize = 10_000;

const FORMAT: TableFormat = TableFormat::Xlsx;
const HEADERS: [&str; 8] =
    ["取組項目", "担当課", "内容", "取組進捗状況（…まで）", "実施状況", "評価", "今後の方向性", "備考"];
const LETTERS: [&str; 8] = ["A", "B", "C", "D", "E", "F", "G", "H"];

fn unreadable() -> ImportProblem {
    ImportProblem::file("unreadable", "Excelファイル（.xlsx）として読み込めません。ファイルが壊れていないか、Excelで開いて「Excel ブック（*.xlsx）」として保存し直したものか確かめてください。")
}

/// Reads an .xlsx file.
pub fn parse(bytes: &[u8]) -> Parsed {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Parsed::fatal(ImportProblem::file(
            "unsupported_format",
            "Excel 97-2003 形式（.xls）のファイルや、パスワードの付いたファイルは読み込めません。パスワードを外し、「Excel ブック（*.xlsx）」として保存し直してください。",
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Parsed::fatal(unreadable());
    }
    if let Err(p) = check_archive(bytes) {
        return Parsed::fatal(p);
    }
    match read_lines(bytes) {
        Ok(lines) => layout(&lines),
        Err(p) => Parsed::fatal(p),
    }
}

/// Unpacks every part of the archive into nothing, counting, and refuses an archive that unpacks
/// to more than [`MAX_UNPACKED_BYTES`] (a zip bomb) before calamine reads any of it. The sizes the
/// archive declares are not trusted: the bytes are counted as they come out.
fn check_archive(bytes: &[u8]) -> Result<(), ImportProblem> {
    let too_big = || {
        ImportProblem::file(
            "too_large",
            format!(
                "ファイルの中身が大きすぎます（展開すると{}MBを超えます）。進行管理表だけのファイルにしてください。",
                MAX_UNPACKED_BYTES / (1024 * 1024)
            ),
        )
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    if zip.len() > MAX_ENTRIES {
        return Err(too_big());
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| unreadable())?;
        let left = MAX_UNPACKED_BYTES - total;
        if part.size() > left {
            return Err(too_big());
        }
        let n = std::io::copy(&mut (&mut part).take(left + 1), &mut std::io::sink()).map_err(|_| unreadable())?;
        total += n;
        if total > MAX_UNPACKED_BYTES {
            return Err(too_big());
        }
    }
    Ok(())
}

fn text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// The sheet's non-empty rows, columns A:L.
fn read_lines(bytes: &[u8]) -> Result<Vec<Line>, ImportProblem> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let names = workbook.sheet_names();
    let name = match names.iter().find(|n| *n == SHEET_NAME) {
        Some(n) => n.clone(),
        None if names.len() == 1 => names[0].clone(),
        None => {
            return Err(ImportProblem::file(
                "missing_sheet",
                format!("シート「{SHEET_NAME}」がありません。書き出したときのシート名のまま取り込んでください。"),
            ));
        }
    };
    let mut reader = workbook.worksheet_cells_reader(&name).map_err(|_| unreadable())?;
    let mut collector = LineCollector::new(READ_WIDTH);
    let mut current: Option<u32> = None;
    let mut cells = vec![String::new(); READ_WIDTH];
    let mut last_row = 0u32;
    let mut read = 0usize;
    while let Some(cell) = reader.next_cell().map_err(|_| unreadable())? {
        read += 1;
        if read > MAX_CELLS {
            return Err(too_many_rows(current.unwrap_or(0)));
        }
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            // A formatted cell without a value.
            continue;
        }
        let (r, c) = cell.get_position();
        let row = r.saturating_add(1);
        if current != Some(row) {
            if let Some(prev) = current {
                collector.push(prev, std::mem::replace(&mut cells, vec![String::new(); READ_WIDTH]))?;
            }
            collector.saw(row)?;
            current = Some(row);
        }
        if let Some(slot) = cells.get_mut(c as usize) {
            *slot = text(value);
        }
        last_row = last_row.max(row);
    }
    if let Some(prev) = current {
        collector.push(prev, cells)?;
    }
    collector.finish(last_row + 1)
}

/// `基本施策1 地域における…` (or `重点施策 2 …`): kind, number and title.
fn heading(a: &str) -> Option<(MeasureKind, Result<i32, String>, String)> {
    let a = a.trim();
    let (kind, rest) = if let Some(rest) = a.strip_prefix("基本施策") {
        (MeasureKind::Basic, rest)
    } else if let Some(rest) = a.strip_prefix("重点施策") {
        (MeasureKind::Priority, rest)
    } else {
        return None;
    };
    let rest = narrow(rest);
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let title = rest[digits.len()..].trim().to_owned();
    let number = digits.parse::<i32>().ok().filter(|n| (1..=99).contains(n)).ok_or(digits);
    Some((kind, number, title))
}

/// `①自殺対策に関するネットワークを強化する`: number and title.
fn direction(a: &str) -> Option<(i32, String)> {
    let a = a.trim();
    let first = a.chars().next()?;
    let number = match first {
        '①'..='⑳' => first as i32 - '①' as i32 + 1,
        _ => return None,
    };
    Some((number, a[first.len_utf8()..].trim().to_owned()))
}

const TABLE_TITLE_PREFIXES: [&str; 2] = ["表中の施策名：", "表中の施策名:"];

#[derive(PartialEq)]
enum State {
    BeforeMeasure,
    BeforeHeader,
    InTable { header_ok: bool },
}

/// Reads the layout of the sheet.
fn layout(lines: &[Line]) -> Parsed {
    let mut problems = Vec::new();
    let mut lines = lines.iter().peekable();

    // Row 1: the title with the period; row 2: the municipality and the plan.
    let mut title_period = None;
    let mut table_title = None;
    match lines.next_if(|l| l.blank_from(1) && heading(l.cell(0)).is_none()) {
        Some(l) => match parse_title(l.cell(0)) {
            Some((name, fy, as_of)) => {
                check_len(&mut problems, FORMAT, l.row, TableColumn::Name, &name, limits::TABLE_TITLE);
                table_title = Some(name).filter(|n| !n.is_empty());
                title_period = Some((l.row, fy, as_of));
            }
            None => problems.push(ImportProblem::cell(
                l.row,
                "A",
                "表題",
                "invalid",
                "表題から報告期間が読み取れません。「施策別事業進行管理表（令和7年度9月末まで）」の形にしてください。",
            )),
        },
        None => problems.push(ImportProblem::cell(
            1,
            "A",
            "表題",
            "required",
            "1行目に表題「施策別事業進行管理表（令和7年度9月末まで）」がありません。",
        )),
    }
    let mut plan = None;
    match lines.next_if(|l| l.blank_from(1) && heading(l.cell(0)).is_none()) {
        Some(l) => {
            let text = l.cell(0).trim().replace('　', " ");
            match text.split_once(' ') {
                Some((municipality, name)) if !municipality.trim().is_empty() && !name.trim().is_empty() => {
                    let (municipality, name) = (municipality.trim().to_owned(), name.trim().to_owned());
                    if municipality.chars().count() > limits::MUNICIPALITY || name.chars().count() > limits::PLAN_NAME {
                        problems.push(ImportProblem::cell(l.row, "A", "計画名", "too_long", "自治体名は100文字、計画名は200文字以内にしてください。"));
                    }
                    plan = Some(DocumentPlan { municipality, name, table_title: table_title.clone() });
                }
                _ => problems.push(ImportProblem::cell(
                    l.row,
                    "A",
                    "計画名",
                    "invalid",
                    "2行目は「あきる野市 第2次自殺対策推進計画」のように、自治体名と計画名を空白で区切って書いてください。",
                )),
            }
        }
        None => problems.push(ImportProblem::cell(
            2,
            "A",
            "計画名",
            "required",
            "2行目に自治体名と計画名（例：あきる野市 第2次自殺対策推進計画）がありません。",
        )),
    }

    let mut measures: Vec<DocumentMeasure> = Vec::new();
    let mut state = State::BeforeMeasure;
    let mut header_period: Option<(u32, i32, chrono::NaiveDate)> = None;
    let mut names = NamesSeen::default();
    let mut reported: HashSet<String> = HashSet::new();
    let mut data_rows = 0usize;

    for l in lines {
        let a = l.cell(0).trim();
        let rest_blank = l.blank_from(1);
        if rest_blank {
            if let Some((kind, number, title)) = heading(a) {
                let number = match number {
                    Ok(n) => n,
                    Err(digits) => {
                        problems.push(ImportProblem::at(
                            FORMAT,
                            l.row,
                            TableColumn::MeasureNumber,
                            "out_of_range",
                            format!("施策の番号「{digits}」は1〜99にしてください。"),
                        ));
                        0
                    }
                };
                if title.is_empty() {
                    problems.push(ImportProblem::at(FORMAT, l.row, TableColumn::MeasureTitle, "required", "施策名がありません。「基本施策1 地域におけるネットワークの強化」のように番号の後に空白と施策名を書いてください。"));
                }
                check_len(&mut problems, FORMAT, l.row, TableColumn::MeasureTitle, &title, limits::MEASURE_TITLE);
                if let Some(first) = measures.iter().find(|m| m.kind == kind && m.number == number && number > 0) {
                    problems.push(ImportProblem::at(
                        FORMAT,
                        l.row,
                        TableColumn::MeasureTitle,
                        "duplicate",
                        format!("{}{}が2回あります（{}行目）。", kind.label_ja(), number, first.row),
                    ));
                }
                measures.push(DocumentMeasure {
                    row: l.row,
                    kind,
                    number,
                    table_title: Some(title.clone()),
                    title,
                    description: Some(String::new()),
                    item_label: None,
                    sections: vec![DocumentSection { direction: None, rows: Vec::new() }],
                });
                state = State::BeforeHeader;
                continue;
            }
        }
        let Some(measure) = measures.last_mut() else {
            problems.push(ImportProblem::row(
                l.row,
                "misplaced_row",
                "施策の見出し（「基本施策1 地域におけるネットワークの強化」のような行）より前に行があります。この行を削除するか、施策の見出しの下に移してください。",
            ));
            continue;
        };
        let is_header = is_header(l);
        match state {
            State::BeforeMeasure => unreachable!("a measure exists"),
            State::BeforeHeader if is_header => {
                let ok = header(l, measure, &mut header_period, &mut reported, &mut problems);
                state = State::InTable { header_ok: ok };
            }
            State::BeforeHeader if rest_blank => {
                let raw = l.cell(0);
                if let Some(tt) = TABLE_TITLE_PREFIXES.iter().find_map(|p| raw.trim().strip_prefix(p)) {
                    let tt = tt.trim().to_owned();
                    if tt.is_empty() {
                        problems.push(ImportProblem::cell(l.row, "A", "表中の施策名", "required", "「表中の施策名：」の後に施策名がありません。"));
                    }
                    check_len(&mut problems, FORMAT, l.row, TableColumn::MeasureTitle, &tt, limits::MEASURE_TITLE);
                    measure.table_title = Some(tt);
                } else {
                    let description = measure.description.get_or_insert_with(String::new);
                    if !description.is_empty() {
                        description.push('\n');
                    }
                    description.push_str(raw);
                    check_len(&mut problems, FORMAT, l.row, TableColumn::MeasureTitle, description, limits::DESCRIPTION);
                }
            }
            State::BeforeHeader => problems.push(ImportProblem::row(
                l.row,
                "misplaced_row",
                format!("{}{}の見出し行（取組項目・担当課・内容…の行）より前に、データの行があります。見出し行を書き出したときのまま残してください。", measure.kind.label_ja(), measure.number),
            )),
            State::InTable { .. } if is_header => {
                // A repeated header row (e.g. copied for printing) is checked like the first.
                let ok = header(l, measure, &mut header_period, &mut reported, &mut problems);
                state = State::InTable { header_ok: ok };
            }
            State::InTable { .. } if rest_blank && direction(a).is_some() => {
                let (number, title) = direction(a).unwrap_or_default();
                if title.is_empty() {
                    problems.push(ImportProblem::at(FORMAT, l.row, TableColumn::DirectionTitle, "required", "取組の方向の名前がありません。"));
                }
                check_len(&mut problems, FORMAT, l.row, TableColumn::DirectionTitle, &title, limits::DIRECTION_TITLE);
                if let Some(first) = measure.sections.iter().filter_map(|s| s.direction.as_ref()).find(|d| d.number == number) {
                    problems.push(ImportProblem::at(FORMAT, l.row, TableColumn::DirectionNumber, "duplicate", format!("取組の方向{}が2回あります（{}行目）。", shinko_db::table::circled(number), first.row)));
                }
                measure.sections.push(DocumentSection { direction: Some(DocumentDirection { row: l.row, number, title }), rows: Vec::new() });
            }
            State::InTable { header_ok } => {
                data_rows += 1;
                if data_rows > MAX_DATA_ROWS {
                    problems.push(too_many_rows(l.row));
                    return Parsed { doc: None, problems };
                }
                if !header_ok {
                    // The columns cannot be trusted; the header's problems say why.
                    continue;
                }
                let c = |i| l.cell(i);
                let row = read_row(
                    FORMAT,
                    l.row,
                    RowCells { name: c(0), departments: c(1), content: c(2), progress: c(3), status: c(4), evaluation: c(5), future: c(6), remarks: c(7) },
                    &mut problems,
                );
                let measure_index = measures.len() - 1;
                let Some(measure) = measures.last_mut() else { continue };
                let section_index = measure.sections.len() - 1;
                names.check(FORMAT, measure_index, section_index, &row, &mut problems);
                if let Some(section) = measure.sections.last_mut() {
                    section.rows.push(row);
                }
            }
        }
    }

    if measures.is_empty() && problems.is_empty() {
        problems.push(ImportProblem::file("empty", "施策の見出し（「基本施策1 …」の行）が1つもありません。書き出したExcelファイルの形のまま取り込んでください。"));
    }
    for m in &measures {
        if m.item_label.is_none() {
            problems.push(ImportProblem::cell(
                m.row,
                "A",
                "施策の見出し",
                "missing_header",
                format!("{}{}の表に見出し行（取組項目・担当課・内容…の行）がありません。", m.kind.label_ja(), m.number),
            ));
        }
    }

    // The period: from the title and the progress column, which must agree.
    let period = match (title_period, header_period) {
        (Some((_, fy, as_of)), Some((row, hfy, has_of))) => {
            if (fy, as_of) != (hfy, has_of) {
                problems.push(ImportProblem::cell(
                    row,
                    "D",
                    "取組進捗状況",
                    "period_mismatch",
                    "表題の報告期間と、取組進捗状況の列の見出しの期間が一致しません。どちらかを直してください。",
                ));
            }
            Some(DocumentPeriod { fiscal_year: fy, as_of })
        }
        (Some((_, fy, as_of)), None) | (None, Some((_, fy, as_of))) => Some(DocumentPeriod { fiscal_year: fy, as_of }),
        (None, None) => None,
    };
    let Some(period) = period.filter(|p| (2019..=2100).contains(&p.fiscal_year)) else {
        if period.is_some() {
            problems.push(ImportProblem::file("invalid", "報告期間の年度は令和元年度（2019年度）以降にしてください。"));
        } else if !problems.iter().any(|p| p.code == "invalid" && p.row == Some(1)) {
            problems.push(ImportProblem::file("missing_period", "報告期間が読み取れません。表題「施策別事業進行管理表（令和7年度9月末まで）」と、取組進捗状況の列の見出しを確かめてください。"));
        }
        return Parsed { doc: None, problems };
    };
    if plan.is_none() {
        return Parsed { doc: None, problems };
    }
    for m in &mut measures {
        // Rows directly under the measure come first; an empty first section is dropped.
        m.sections.retain(|s| s.direction.is_some() || !s.rows.is_empty());
    }
    Parsed { doc: Some(TableDocument { format: FORMAT, plan, period, measures }), problems }
}

/// Whether a row is a header row: it names at least two of the columns B:H.
fn is_header(l: &Line) -> bool {
    (1..READ_WIDTH).filter(|&i| matches_any(l.cell(i).trim())).count() >= 2
}

fn matches_any(cell: &str) -> bool {
    (1..WIDTH).any(|i| matches(i, cell))
}

fn matches(i: usize, cell: &str) -> bool {
    if i == 3 {
        cell.starts_with("取組進捗状況")
    } else {
        cell == HEADERS[i]
    }
}

/// Checks a header row and takes the measure's first-column label and the period from it.
/// Returns whether the columns are where they belong. A problem already reported for an earlier
/// header row is not repeated.
fn header(
    l: &Line,
    measure: &mut DocumentMeasure,
    period: &mut Option<(u32, i32, chrono::NaiveDate)>,
    reported: &mut HashSet<String>,
    problems: &mut Vec<ImportProblem>,
) -> bool {
    let cells: Vec<String> = (0..READ_WIDTH).map(|i| l.cell(i).trim().to_owned()).collect();
    let mut ok = true;
    let mut report = |p: ImportProblem, problems: &mut Vec<ImportProblem>| {
        if reported.insert(format!("{:?}{}", p.column, p.message)) {
            problems.push(p);
        }
    };
    let item_label = cells[0].clone();
    if item_label.is_empty() {
        report(
            ImportProblem::cell(
                l.row,
                "A",
                "取組項目",
                "missing_column",
                "A列の見出し（取組項目 または 会議名）がありません。",
            ),
            problems,
        );
        ok = false;
    } else if item_label.chars().count() > limits::ITEM_LABEL {
        report(
            ImportProblem::cell(
                l.row,
                "A",
                "取組項目",
                "too_long",
                format!("A列の見出しは{}文字以内にしてください。", limits::ITEM_LABEL),
            ),
            problems,
        );
    }
    measure.item_label = Some(item_label);

    // Where each column is: missing ones are reported first (a deleted column shifts the others,
    // which says nothing more); otherwise moved or inserted columns.
    let positions: Vec<Option<usize>> =
        (0..WIDTH).map(|i| if i == 0 { Some(0) } else { (1..READ_WIDTH).find(|&j| matches(i, &cells[j])) }).collect();
    let missing: Vec<usize> = (1..WIDTH).filter(|&i| positions[i].is_none()).collect();
    for &i in &missing {
        let message = format!("「{}」の列がありません（{}列にあるはずです）。列を削除したり見出しを変えたりせず、書き出したときの列のまま取り込んでください。", HEADERS[i], LETTERS[i]);
        report(ImportProblem::cell(l.row, LETTERS[i], HEADERS[i], "missing_column", message), problems);
        ok = false;
    }
    if missing.is_empty() {
        for i in 1..WIDTH {
            if let Some(j) = positions[i].filter(|&j| j != i) {
                let message = format!("「{}」の列が{}列ではなく{}列にあります。列を追加・並べ替えせず、書き出したときの列のまま取り込んでください。", HEADERS[i], LETTERS[i], super::column_letter(j));
                report(ImportProblem::cell(l.row, LETTERS[i], HEADERS[i], "header_mismatch", message), problems);
                ok = false;
            }
        }
    }

    if let Some(j) = positions[3] {
        match parse_progress_header(&cells[j]) {
            Some((fy, as_of)) => match period {
                Some((first_row, pfy, pas_of)) if (*pfy, *pas_of) != (fy, as_of) => {
                    let message = format!("取組進捗状況の期間が{first_row}行目の見出しと異なります。1つのファイルには1つの報告期間だけを書いてください。");
                    report(ImportProblem::cell(l.row, "D", "取組進捗状況", "period_mismatch", message), problems);
                    ok = false;
                }
                Some(_) => {}
                None => *period = Some((l.row, fy, as_of)),
            },
            None => {
                let message = format!("取組進捗状況の見出し「{}」から期間が読み取れません。「取組進捗状況（令和7年9月末まで）」の形にしてください。", cells[j]);
                report(ImportProblem::cell(l.row, "D", "取組進捗状況", "invalid", message), problems);
                ok = false;
            }
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_directions_are_recognised() {
        assert_eq!(
            heading("基本施策1 地域におけるネットワークの強化"),
            Some((MeasureKind::Basic, Ok(1), "地域におけるネットワークの強化".into()))
        );
        assert_eq!(
            heading("重点施策 ２ 生活困窮者の自殺対策の推進"),
            Some((MeasureKind::Priority, Ok(2), "生活困窮者の自殺対策の推進".into()))
        );
        assert_eq!(heading("基本施策について"), None);
        assert_eq!(direction("③地域団体との連携を強化する"), Some((3, "地域団体との連携を強化する".into())));
        assert_eq!(direction("⑳二十"), Some((20, "二十".into())));
        assert_eq!(direction("健康相談"), None);
    }

    /// A workbook written part by part: the parts calamine needs, and `sheet` as its only sheet.
    fn workbook(sheet: &[u8], extra: Option<(&str, u64)>) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let parts: [(&str, &[u8]); 4] = [
            (
                "[Content_Types].xml",
                br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"進行管理表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".as_bytes(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
        ];
        for (name, data) in parts {
            zip.start_file(name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        zip.write_all(sheet).unwrap();
        if let Some((name, size)) = extra {
            zip.start_file(name, options).unwrap();
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..size.div_ceil(chunk.len() as u64) {
                zip.write_all(&chunk).unwrap();
            }
        }
        zip.finish().unwrap().into_inner()
    }

    fn sheet(cells: &str) -> Vec<u8> {
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#).into_bytes()
    }

    fn inline(cell: &str, text: &str) -> String {
        format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    #[test]
    fn a_hand_made_workbook_is_read() {
        let rows = [
            (1, "A", "施策別事業進行管理表（令和7年度9月末まで）"),
            (2, "A", "あきる野市 第2次自殺対策推進計画"),
            (3, "A", "重点施策1 高齢者の自殺対策の推進"),
        ];
        let mut xml: String =
            rows.iter().map(|(r, c, t)| format!(r#"<row r="{r}">{}</row>"#, inline(&format!("{c}{r}"), t))).collect();
        let header = [
            "取組項目",
            "担当課",
            "内容",
            "取組進捗状況（令和7年9月末まで）",
            "実施状況",
            "評価",
            "今後の方向性",
            "備考",
        ];
        xml += &format!(
            r#"<row r="4">{}</row>"#,
            header.iter().enumerate().map(|(i, t)| inline(&format!("{}4", LETTERS[i]), t)).collect::<String>()
        );
        xml += &format!(r#"<row r="5">{}{}</row>"#, inline("A5", "地域包括支援センター"), inline("B5", "高齢者支援課"));
        let parsed = parse(&workbook(&sheet(&xml), None));
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let doc = parsed.doc.unwrap();
        assert_eq!(doc.plan.unwrap().name, "第2次自殺対策推進計画");
        assert_eq!(doc.measures[0].sections[0].rows[0].departments, vec!["高齢者支援課"]);
    }

    fn rows_xml(rows: &[(u32, &[&str])]) -> String {
        rows.iter()
            .map(|(r, cells)| {
                format!(
                    r#"<row r="{r}">{}</row>"#,
                    cells
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| !t.is_empty())
                        .map(|(i, t)| inline(&format!("{}{r}", LETTERS[i]), t))
                        .collect::<String>()
                )
            })
            .collect()
    }

    #[test]
    fn misplaced_and_duplicate_rows_are_reported_with_their_rows() {
        let header: &[&str] = &[
            "取組項目",
            "担当課",
            "内容",
            "取組進捗状況（令和7年9月末まで）",
            "実施状況",
            "評価",
            "今後の方向性",
            "備考",
        ];
        let xml = rows_xml(&[
            (1, &["施策別事業進行管理表（令和7年度9月末まで）"]),
            (2, &["あきる野市 第2次自殺対策推進計画"]),
            (3, &["迷子の事業", "健康課"]),
            (4, &["基本施策3 市民への周知と啓発"]),
            (5, &["説明の一行目"]),
            (6, &["説明の二行目"]),
            (7, header),
            (8, &["①こころの健康等に関する周知・啓発を実施する"]),
            (9, &["健康教育", "健康課", "内容"]),
            (10, &["健康教育", "健康課", "別の内容"]),
            (11, &["②市民が必要な時に相談できるようにする"]),
            (12, &["健康教育", "健康課", "同じ名前でも別の方向"]),
        ]);
        let parsed = parse(&workbook(&sheet(&xml), None));
        let found: Vec<(Option<u32>, Option<&str>, &str)> =
            parsed.problems.iter().map(|p| (p.row, p.column.as_deref(), p.code.as_str())).collect();
        assert_eq!(found, vec![(Some(3), None, "misplaced_row"), (Some(10), Some("A"), "duplicate")]);
        assert!(parsed.problems[1].message.contains("9行目"));
        let doc = parsed.doc.unwrap();
        let m = &doc.measures[0];
        assert_eq!(m.description.as_deref(), Some("説明の一行目\n説明の二行目"));
        assert_eq!(m.item_label.as_deref(), Some("取組項目"));
        assert_eq!(m.sections.len(), 2, "no empty section for rows directly under the measure");
        assert_eq!(m.sections[1].rows[0].content, "同じ名前でも別の方向");
    }

    #[test]
    fn an_archive_that_unpacks_to_more_than_the_limit_is_refused_before_it_is_read() {
        let bomb = workbook(&sheet(""), Some(("xl/sharedStrings.xml", MAX_UNPACKED_BYTES + 1)));
        assert!(bomb.len() < 1024 * 1024, "a small file ({} bytes)", bomb.len());
        let parsed = parse(&bomb);
        assert!(parsed.doc.is_none());
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].code, "too_large");
    }

    #[test]
    fn a_cell_far_away_costs_nothing_and_is_reported_as_empty_rows() {
        let xml = format!(
            r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
            inline("A1", "施策別事業進行管理表（令和7年度9月末まで）"),
            inline("XFD1048576", "x")
        );
        let parsed = parse(&workbook(&sheet(&xml), None));
        assert!(parsed.doc.is_none());
        assert_eq!(parsed.problems[0].code, "too_many_empty_rows");
        assert_eq!(parsed.problems[0].row, Some(2));
    }

    #[test]
    fn text_that_is_not_an_xlsx_file_is_refused_with_one_problem() {
        let parsed = parse(b"not a workbook");
        assert!(parsed.doc.is_none());
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].code, "unreadable");
    }
}
