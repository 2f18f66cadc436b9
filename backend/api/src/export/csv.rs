//! The CSV export: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends,
//! RFC 4180 quoting, one header line and one line per row in table order.

use shinko_db::table::CompiledTable;

use super::{cells, measure_title};

const BOM: &str = "\u{feff}";

/// The CSV of `table`, columns as `docs/table-layout.md` lists them.
pub fn write(table: &CompiledTable) -> Vec<u8> {
    let mut out = String::from(BOM);
    let header = [
        "施策区分",
        "施策番号",
        "施策名",
        "取組の方向番号",
        "取組の方向",
        // Always 取組項目 in CSV: the per-measure 会議名 label is Excel-only.
        "取組項目",
        super::DEPARTMENTS_HEADER,
        super::CONTENT_HEADER,
        table.period.progress_header.as_str(),
        super::STATUS_HEADER,
        super::EVALUATION_HEADER,
        super::FUTURE_HEADER,
        super::REMARKS_HEADER,
    ];
    line(&mut out, header.iter().copied());
    for (measure, direction, row) in table.rows() {
        let number = measure.number.to_string();
        let direction_number = direction.map(|d| d.number.to_string()).unwrap_or_default();
        let mut fields = vec![
            measure.kind.label_ja(),
            number.as_str(),
            measure_title(measure),
            direction_number.as_str(),
            direction.map(|d| d.title.as_str()).unwrap_or(""),
        ];
        fields.extend(cells(row));
        line(&mut out, fields.into_iter());
    }
    out.into_bytes()
}

fn line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

/// Characters that make a spreadsheet read a cell as a formula: the ASCII ones, their full-width
/// forms (Japanese spreadsheets convert ＝ to = on entry), and white space, which spreadsheets
/// skip before looking for a formula.
pub const FORMULA_STARTS: [char; 12] = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '\t', '\r', ' ', '\u{3000}'];

/// A cell a spreadsheet would run as a formula gets a leading apostrophe, which Excel shows as
/// text (CSV injection); the importer removes it again ([`undo_defuse`]).
pub fn defuse(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(FORMULA_STARTS) {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

/// The cell as it was before [`defuse`]: an apostrophe that guards a formula start goes away,
/// any other apostrophe stays.
pub fn undo_defuse(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => field,
    }
}

/// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
fn push_field(out: &mut String, field: &str) {
    let field = &*defuse(field);
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;

    #[test]
    fn cells_that_look_like_formulas_are_written_as_text() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("-3件"), "'-3件");
        assert_eq!(defuse("・相談 3件"), "・相談 3件");
        for sneaky in ["＝HYPERLINK(\"x\")", "＋1", "－3件", "＠SUM(A1)", " =1+1", "\u{3000}=1"] {
            assert_eq!(defuse(sneaky), format!("'{sneaky}"), "{sneaky}");
        }
    }

    #[test]
    fn the_importer_gets_back_exactly_what_was_exported() {
        for text in ["=HYPERLINK(\"x\")", "－3件", " 先頭に空白", "'引用符で始まる", "・相談 3件", ""]
        {
            assert_eq!(undo_defuse(&defuse(text)), text, "{text}");
        }
    }

    #[test]
    fn the_csv_has_a_bom_crlf_lines_and_quotes_what_needs_quoting() {
        let text = String::from_utf8(write(&sample::table())).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 4, "header and three rows: {lines:?}");
        assert_eq!(lines[0], "施策区分,施策番号,施策名,取組の方向番号,取組の方向,取組項目,担当課,内容,取組進捗状況（令和7年9月末まで）,実施状況,評価,今後の方向性,備考");
        assert_eq!(lines[1], "基本施策,1,地域におけるネットワークの強化,1,ネットワークを強化する,あきる野市自殺対策推進協議会,健康課,協議会を設置します。,会議で報告した。,,,,");
        assert_eq!(
            lines[2],
            "基本施策,4,自殺未遂者への支援の充実,1,適切な支援につなげる,健康相談,健康課／福祉総務課,相談に応じます。,\"相談件数は31件であった。\n・再掲 <script>alert(1)</script> & \"\"引用\"\"\",実施済,A,継続,\"備考, カンマ入り\""
        );
        assert_eq!(lines[3], "重点施策,2,生活困窮者の自殺対策の推進,,,ケースワーカー活動,生活福祉課,訪問します。,,,,,");
    }
}
