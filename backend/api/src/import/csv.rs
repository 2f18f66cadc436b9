//! CSV files with the columns of the CSV export: UTF-8 (with or without a byte-order mark), one
//! header line, one line per row. The plan is not in the file; the caller names it. Problems name
//! rows as Excel numbers them when it opens the file.

use crate::export::csv::undo_defuse;
use shinko_db::enums::MeasureKind;
use shinko_db::import::{
    DocumentDirection, DocumentMeasure, DocumentPeriod, DocumentSection, ImportProblem, TableColumn, TableDocument,
    TableFormat,
};

use super::{
    check_len, column_letter, limits, narrow, parse_progress_header, read_row, too_many_rows, Line, LineCollector,
    NamesSeen, Parsed, RowCells, MAX_DATA_ROWS,
};

const FORMAT: TableFormat = TableFormat::Csv;
const HEADERS: [&str; 13] = [
    "施策区分",
    "施策番号",
    "施策名",
    "取組の方向番号",
    "取組の方向",
    "取組項目",
    "担当課",
    "内容",
    "取組進捗状況（…まで）",
    "実施状況",
    "評価",
    "今後の方向性",
    "備考",
];
const WIDTH: usize = HEADERS.len();
const PROGRESS: usize = 8;

/// Reads a CSV file.
pub fn parse(bytes: &[u8]) -> Parsed {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Parsed::fatal(ImportProblem::file(
            "unsupported_format",
            "CSVではなくExcelのファイルです。Excelファイル（.xlsx）として送信するか、CSV UTF-8 形式で保存し直してください。",
        ));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Parsed::fatal(ImportProblem::file(
            "encoding",
            "文字コードはUTF-8で保存してください（Shift_JIS などのファイルは読み込めません）。Excelでは「CSV UTF-8（コンマ区切り）」を選んで保存できます。",
        ));
    };
    match read_lines(text) {
        Ok(lines) => layout(&lines),
        Err(p) => Parsed::fatal(p),
    }
}

fn read_lines(text: &str) -> Result<Vec<Line>, ImportProblem> {
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    // Read wider than the table, so extra columns can be reported.
    let mut collector = LineCollector::new(WIDTH + 1);
    let mut record = ::csv::StringRecord::new();
    // Rows are numbered as Excel shows the file: a line break inside a quoted field does not start
    // a row (so lines of the file minus the breaks inside earlier fields); an empty line is a row.
    // Lines are counted here: the reader's own are one short after CRLF line ends.
    let (mut counted_to, mut line, mut inside) = (0usize, 1u32, 0u32);
    let mut line_of = |byte: usize| {
        let start =
            byte + text.as_bytes()[byte.min(text.len())..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        line += text.as_bytes()[counted_to..start].iter().filter(|b| **b == b'\n').count() as u32;
        counted_to = start;
        line
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let row = e.position().map_or(0, |p| p.line() as u32);
                return Err(ImportProblem::row(
                    row,
                    "unreadable",
                    "CSVとして読み込めません。引用符（\"）の対応が崩れていないか確かめてください。",
                ));
            }
        }
        let row = line_of(record.position().map_or(0, |p| p.byte() as usize)) - inside;
        inside += record.iter().map(|f| f.matches('\n').count() as u32).sum::<u32>();
        // The export guards formula-like cells with an apostrophe; they come back as they were.
        let mut cells: Vec<String> = record.iter().take(WIDTH).map(|f| undo_defuse(f).to_owned()).collect();
        let extra: String = record.iter().skip(WIDTH).collect::<Vec<_>>().concat();
        cells.resize(WIDTH, String::new());
        cells.push(extra);
        collector.push(row, cells)?;
    }
    let end = line_of(text.len()) + u32::from(!text.ends_with('\n')) - inside;
    collector.finish(end)
}

/// `基本施策` / `重点施策`.
fn kind(s: &str) -> Option<MeasureKind> {
    match s.trim() {
        "基本施策" => Some(MeasureKind::Basic),
        "重点施策" => Some(MeasureKind::Priority),
        _ => None,
    }
}

fn number(s: &str, max: i32) -> Option<i32> {
    narrow(s.trim()).parse::<i32>().ok().filter(|n| (1..=max).contains(n))
}

fn layout(lines: &[Line]) -> Parsed {
    let mut problems = Vec::new();
    let Some((head, rows)) = lines.split_first() else {
        return Parsed::fatal(ImportProblem::file("empty", "ファイルが空です。"));
    };

    // The header line.
    let mut header_ok = true;
    for (i, expected) in HEADERS.iter().enumerate() {
        let cell = head.cell(i).trim();
        let ok = if i == PROGRESS { cell.starts_with("取組進捗状況") } else { cell == *expected };
        if !ok {
            header_ok = false;
            let message = match HEADERS.iter().position(|h| if i == PROGRESS { false } else { *h == cell }) {
                _ if cell.is_empty() => format!("「{expected}」の列がありません（{}列）。列を削除せず、書き出したときの列のまま取り込んでください。", column_letter(i)),
                Some(j) => format!("{}列の見出しが「{cell}」になっています。「{expected}」の列にしてください（「{cell}」は{}列です）。列を並べ替えたり削除したりしないでください。", column_letter(i), column_letter(j)),
                None => format!("{}列の見出しが「{cell}」になっています。「{expected}」の列にしてください。", column_letter(i)),
            };
            let code = if cell.is_empty() || !HEADERS.contains(&cell) { "missing_column" } else { "header_mismatch" };
            problems.push(ImportProblem::cell(head.row, &column_letter(i), expected, code, message));
        }
    }
    if !head.cell(WIDTH).trim().is_empty() {
        header_ok = false;
        problems.push(ImportProblem::cell(
            head.row,
            &column_letter(WIDTH),
            "",
            "header_mismatch",
            "備考（M列）より右に列があります。列を追加せず、書き出したときの列のまま取り込んでください。",
        ));
    }
    let period = parse_progress_header(head.cell(PROGRESS).trim());
    if head.cell(PROGRESS).trim().starts_with("取組進捗状況") && period.is_none() {
        header_ok = false;
        problems.push(ImportProblem::cell(
            head.row,
            "I",
            "取組進捗状況",
            "invalid",
            format!("取組進捗状況の見出し「{}」から期間が読み取れません。「取組進捗状況（令和7年9月末まで）」の形にしてください。", head.cell(PROGRESS).trim()),
        ));
    }
    if !header_ok {
        return Parsed { doc: None, problems };
    }
    let Some((fiscal_year, as_of)) = period.filter(|(fy, _)| (2019..=2100).contains(fy)) else {
        problems.push(ImportProblem::cell(
            head.row,
            "I",
            "取組進捗状況",
            "invalid",
            "報告期間の年度は令和元年度（2019年度）以降にしてください。",
        ));
        return Parsed { doc: None, problems };
    };
    if rows.len() > MAX_DATA_ROWS {
        return Parsed::fatal(too_many_rows(rows[MAX_DATA_ROWS].row));
    }

    let mut measures: Vec<DocumentMeasure> = Vec::new();
    let mut names = NamesSeen::default();
    for l in rows {
        let c = |i: usize| l.cell(i);
        if !c(WIDTH).trim().is_empty() {
            problems.push(ImportProblem::row(
                l.row,
                "invalid",
                "備考（M列）より右にデータがあります。列の数を書き出したときのままにしてください。",
            ));
        }
        let Some(kind) = kind(c(0)) else {
            problems.push(ImportProblem::at(
                FORMAT,
                l.row,
                TableColumn::MeasureKind,
                "invalid",
                format!("施策区分「{}」は「基本施策」か「重点施策」にしてください。", c(0).trim()),
            ));
            continue;
        };
        let Some(measure_number) = number(c(1), 99) else {
            problems.push(ImportProblem::at(
                FORMAT,
                l.row,
                TableColumn::MeasureNumber,
                "invalid",
                format!("施策番号「{}」は1〜99の数字にしてください。", c(1).trim()),
            ));
            continue;
        };
        let title = c(2).trim().to_owned();
        let measure_index = match measures.iter().position(|m| m.kind == kind && m.number == measure_number) {
            Some(i) => {
                if measures[i].title != title {
                    problems.push(ImportProblem::at(
                        FORMAT,
                        l.row,
                        TableColumn::MeasureTitle,
                        "invalid",
                        format!(
                            "{}{}の施策名が{}行目（「{}」）と異なります。",
                            kind.label_ja(),
                            measure_number,
                            measures[i].row,
                            measures[i].title
                        ),
                    ));
                }
                i
            }
            None => {
                if title.is_empty() {
                    problems.push(ImportProblem::at(
                        FORMAT,
                        l.row,
                        TableColumn::MeasureTitle,
                        "required",
                        "施策名が空です。",
                    ));
                }
                check_len(&mut problems, FORMAT, l.row, TableColumn::MeasureTitle, &title, limits::MEASURE_TITLE);
                measures.push(DocumentMeasure {
                    row: l.row,
                    kind,
                    number: measure_number,
                    title,
                    table_title: None,
                    description: None,
                    item_label: None,
                    sections: vec![DocumentSection { direction: None, rows: Vec::new() }],
                });
                measures.len() - 1
            }
        };
        let measure = &mut measures[measure_index];

        let direction_title = c(4).trim().to_owned();
        let section_index = if c(3).trim().is_empty() {
            if !direction_title.is_empty() {
                problems.push(ImportProblem::at(
                    FORMAT,
                    l.row,
                    TableColumn::DirectionNumber,
                    "required",
                    "取組の方向に名前があるのに番号がありません。",
                ));
            }
            0
        } else {
            let Some(n) = number(c(3), 50) else {
                problems.push(ImportProblem::at(
                    FORMAT,
                    l.row,
                    TableColumn::DirectionNumber,
                    "invalid",
                    format!("取組の方向番号「{}」は1〜50の数字にしてください。", c(3).trim()),
                ));
                continue;
            };
            match measure.sections.iter().position(|s| s.direction.as_ref().is_some_and(|d| d.number == n)) {
                Some(i) => {
                    let d =
                        measure.sections[i].direction.as_ref().map(|d| (d.row, d.title.clone())).unwrap_or_default();
                    if d.1 != direction_title {
                        problems.push(ImportProblem::at(
                            FORMAT,
                            l.row,
                            TableColumn::DirectionTitle,
                            "invalid",
                            format!("取組の方向{n}の名前が{}行目（「{}」）と異なります。", d.0, d.1),
                        ));
                    }
                    i
                }
                None => {
                    if direction_title.is_empty() {
                        problems.push(ImportProblem::at(
                            FORMAT,
                            l.row,
                            TableColumn::DirectionTitle,
                            "required",
                            "取組の方向の名前が空です。",
                        ));
                    }
                    check_len(
                        &mut problems,
                        FORMAT,
                        l.row,
                        TableColumn::DirectionTitle,
                        &direction_title,
                        limits::DIRECTION_TITLE,
                    );
                    measure.sections.push(DocumentSection {
                        direction: Some(DocumentDirection { row: l.row, number: n, title: direction_title }),
                        rows: Vec::new(),
                    });
                    measure.sections.len() - 1
                }
            }
        };

        let row = read_row(
            FORMAT,
            l.row,
            RowCells {
                name: c(5),
                departments: c(6),
                content: c(7),
                progress: c(8),
                status: c(9),
                evaluation: c(10),
                future: c(11),
                remarks: c(12),
            },
            &mut problems,
        );
        names.check(FORMAT, measure_index, section_index, &row, &mut problems);
        measure.sections[section_index].rows.push(row);
    }
    if measures.is_empty() && problems.is_empty() {
        problems.push(ImportProblem::file("empty", "見出しの行のほかに、事業の行がありません。"));
    }
    for m in &mut measures {
        m.sections.retain(|s| s.direction.is_some() || !s.rows.is_empty());
    }
    Parsed {
        doc: Some(TableDocument {
            format: FORMAT,
            plan: None,
            period: DocumentPeriod { fiscal_year, as_of },
            measures,
        }),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "施策区分,施策番号,施策名,取組の方向番号,取組の方向,取組項目,担当課,内容,取組進捗状況（令和7年9月末まで）,実施状況,評価,今後の方向性,備考\r\n";

    #[test]
    fn a_csv_with_a_bom_is_read_into_measures_directions_and_rows() {
        let csv = format!(
            "\u{feff}{HEADER}基本施策,1,地域におけるネットワークの強化,1,ネットワークを強化する,協議会,健康課,\"設置し、\"\"検討\"\"します。\",\"会議で報告した。\r\n二行目\",実施済,A,継続,\r\n重点施策,2,生活困窮者の自殺対策の推進,,,相談,生活福祉課／福祉総務課,内容,,,,,\r\n"
        );
        let parsed = parse(csv.as_bytes());
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let doc = parsed.doc.unwrap();
        assert_eq!(doc.period.as_of, chrono::NaiveDate::from_ymd_opt(2025, 9, 30).unwrap());
        assert_eq!(doc.measures.len(), 2);
        let row = &doc.measures[0].sections[0].rows[0];
        assert_eq!(doc.measures[0].sections[0].direction.as_ref().unwrap().title, "ネットワークを強化する");
        assert_eq!(row.content, "設置し、\"検討\"します。");
        assert_eq!(row.report.progress, "会議で報告した。\r\n二行目");
        assert_eq!(row.row, 2);
        assert_eq!(doc.measures[1].sections[0].rows[0].departments, vec!["生活福祉課", "福祉総務課"]);
        assert_eq!(
            doc.measures[1].sections[0].rows[0].row, 3,
            "rows as Excel shows them: the quoted line break starts none"
        );
    }

    #[test]
    fn shift_jis_bytes_are_refused_with_a_clear_message() {
        // 「施策」 in Shift_JIS.
        let parsed = parse(&[0x8E, 0x7B, 0x8D, 0xF4, b',', b'1']);
        assert!(parsed.doc.is_none());
        assert_eq!(parsed.problems[0].code, "encoding");
        assert!(parsed.problems[0].message.contains("文字コードはUTF-8で保存してください"));
    }

    #[test]
    fn a_renamed_column_is_named_by_letter() {
        let csv = HEADER.replace("担当課", "担当");
        let parsed = parse(csv.as_bytes());
        assert!(parsed.doc.is_none());
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].column.as_deref(), Some("G"));
        assert_eq!(parsed.problems[0].column_name.as_deref(), Some("担当課"));
    }

    #[test]
    fn more_than_5000_rows_are_refused_with_one_problem() {
        let line = |i: usize| format!("基本施策,1,施策,,,事業{i},健康課,,,,,,\r\n");
        let ok = format!("{HEADER}{}", (0..MAX_DATA_ROWS).map(line).collect::<String>());
        assert!(parse(ok.as_bytes()).problems.is_empty());
        let over = format!("{HEADER}{}", (0..=MAX_DATA_ROWS).map(line).collect::<String>());
        let parsed = parse(over.as_bytes());
        assert!(parsed.doc.is_none());
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].code, "too_many_rows");
        assert_eq!(parsed.problems[0].row, Some(MAX_DATA_ROWS as u32 + 2));
    }

    #[test]
    fn ten_thousand_blank_lines_stop_the_reading_with_one_problem() {
        let csv = format!("{HEADER}{}基本施策,1,施策,,,事業,健康課,,,,,,\r\n", ",,,,,,,,,,,,\r\n".repeat(10_000));
        let parsed = parse(csv.as_bytes());
        assert!(parsed.doc.is_none());
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].code, "too_many_empty_rows");
        assert_eq!(parsed.problems[0].row, Some(2));
    }
}
