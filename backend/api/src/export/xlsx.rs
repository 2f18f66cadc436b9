//! The Excel export: one worksheet `進行管理表` in the layout the city has always published (see
//! `docs/table-layout.md`), ready to print on A4 landscape.

use chrono::Datelike;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};
use shinko_db::table::{CompiledTable, TableMeasure};

use super::{cells, headers, table_title_line};

/// The worksheet's name.
pub const SHEET_NAME: &str = "進行管理表";

/// Column widths A:H in Excel's character units (a full-width character takes about two).
const WIDTHS: [f64; 8] = [24.0, 16.0, 40.0, 60.0, 10.0, 10.0, 10.0, 20.0];
const LAST_COL: u16 = 7;

/// The font Japanese offices have everywhere, with its Shift-JIS character set so Excel picks the
/// right glyphs, and the default row height (18 px = 13.5 pt) and column width (72 px) Excel uses
/// with it.
const FONT: &str = "ＭＳ Ｐゴシック";
const FONT_CHARSET: u8 = 128;
const FONT_SIZE: f64 = 11.0;
const LINE_HEIGHT_PT: f64 = 13.5;
const HEADER_FILL: u32 = 0xDDEBF7;
const DIRECTION_FILL: u32 = 0xF2F2F2;

struct Formats {
    title: Format,
    plan: Format,
    heading: Format,
    paragraph: Format,
    header: Format,
    direction: Format,
    cell: Format,
    centered: Format,
}

impl Formats {
    fn new() -> Self {
        let base = || {
            Format::new()
                .set_font_name(FONT)
                .set_font_charset(FONT_CHARSET)
                .set_font_size(FONT_SIZE)
                .set_align(FormatAlign::VerticalCenter)
        };
        let boxed = |f: Format| f.set_border(FormatBorder::Thin).set_text_wrap();
        Self {
            title: base().set_bold().set_font_size(14),
            plan: base(),
            heading: base().set_bold().set_font_size(12),
            paragraph: base().set_text_wrap().set_align(FormatAlign::Top),
            header: boxed(base()).set_bold().set_background_color(HEADER_FILL).set_align(FormatAlign::Center),
            direction: boxed(base()).set_bold().set_background_color(DIRECTION_FILL),
            cell: boxed(base()).set_align(FormatAlign::Top),
            centered: boxed(base()).set_align(FormatAlign::Top).set_align(FormatAlign::Center),
        }
    }
}

/// The workbook of `table` as xlsx bytes. The same table gives the same bytes: the document's
/// creation date is the period's as-of date, not the time of the export.
pub fn write(table: &CompiledTable) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let default = Format::new().set_font_name(FONT).set_font_charset(FONT_CHARSET).set_font_size(FONT_SIZE);
    workbook.set_default_format(&default, 18, 72)?;
    let as_of = table.period.as_of;
    let year =
        u16::try_from(as_of.year()).map_err(|_| XlsxError::DateTimeRangeError(format!("year {}", as_of.year())))?;
    // Month and day of a valid date always fit a u8.
    let created = ExcelDateTime::from_ymd(year, as_of.month() as u8, as_of.day() as u8)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&table.title)
            .set_subject(format!("{} {}", table.municipality, table.plan_name))
            .set_company(&table.municipality)
            .set_creation_datetime(&created),
    );

    let formats = Formats::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    page_setup(sheet, table)?;

    let mut row: RowNum = 0;
    merged(sheet, row, &table.title, &formats.title, 1)?;
    sheet.set_row_height(row, 21)?;
    row += 1;
    merged(sheet, row, &format!("{} {}", table.municipality, table.plan_name), &formats.plan, 1)?;
    row += 1;
    for measure in &table.measures {
        row = write_measure(sheet, &formats, table, measure, row)?;
    }
    workbook.save_to_buffer()
}

fn page_setup(sheet: &mut Worksheet, table: &CompiledTable) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0); // one page wide, as many pages tall as needed
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    // Header rows differ per measure, so the title rows are the ones repeated on every page.
    sheet.set_repeat_rows(0, 1)?;
    // `&` starts a code in Excel's header/footer language; a literal one is doubled. Excel allows
    // 255 characters in all.
    let title: String = table.title.replace('&', "&&").chars().take(200).collect();
    sheet.set_footer(format!("&L{title}&R&P / &N"));
    Ok(())
}

fn write_measure(
    sheet: &mut Worksheet,
    f: &Formats,
    table: &CompiledTable,
    measure: &TableMeasure,
    mut row: RowNum,
) -> Result<RowNum, XlsxError> {
    merged(sheet, row, &measure.heading, &f.heading, 1)?;
    sheet.set_row_height(row, 18)?;
    row += 1;
    if !measure.description.trim().is_empty() {
        merged(sheet, row, &measure.description, &f.paragraph, lines(&measure.description, total_width()))?;
        row += 1;
    }
    if let Some(line) = table_title_line(measure) {
        merged(sheet, row, &line, &f.plan, 1)?;
        row += 1;
    }
    for (col, header) in headers(table, measure).iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *header, &f.header)?;
    }
    row += 1;
    for section in &measure.sections {
        if let Some(direction) = &section.direction {
            merged(sheet, row, &direction.label, &f.direction, lines(&direction.label, total_width()))?;
            row += 1;
        }
        for r in &section.rows {
            for (col, text) in cells(r).iter().enumerate() {
                // 実施状況, 評価 and 今後の方向性 are short labels, centred.
                let format = if (4..=6).contains(&col) { &f.centered } else { &f.cell };
                if text.is_empty() {
                    sheet.write_blank(row, col as u16, format)?;
                } else {
                    sheet.write_string_with_format(row, col as u16, *text, format)?;
                }
            }
            // Excel fits the height of unmerged wrapped rows itself when it opens the file.
            row += 1;
        }
    }
    Ok(row + 1)
}

/// A row merged across A:H. Excel never fits the height of merged cells, so the row gets the
/// height of `line_count` lines.
fn merged(sheet: &mut Worksheet, row: RowNum, text: &str, format: &Format, line_count: u32) -> Result<(), XlsxError> {
    sheet.merge_range(row, 0, row, LAST_COL, text, format)?;
    if line_count > 1 {
        sheet.set_row_height(row, f64::from(line_count) * LINE_HEIGHT_PT + 4.0)?;
    }
    Ok(())
}

fn total_width() -> f64 {
    WIDTHS.iter().sum()
}

/// How many lines `text` takes in a cell `width` characters wide: full-width characters count
/// two, and a little room is left for the cell's padding.
fn lines(text: &str, width: f64) -> u32 {
    let usable = (width - 2.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if c.is_ascii() || ('\u{ff61}'..='\u{ff9f}').contains(&c) { 1.0 } else { 2.0 })
                .sum();
            ((units / usable).ceil() as u32).max(1)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;

    #[test]
    fn the_same_table_gives_the_same_bytes() {
        let table = sample::table();
        let a = write(&table).unwrap();
        let b = write(&table).unwrap();
        assert!(a.starts_with(b"PK"), "an xlsx is a zip file");
        assert_eq!(a, b);
    }

    #[test]
    fn merged_rows_get_room_for_their_lines() {
        assert_eq!(lines("短い", 190.0), 1);
        assert_eq!(lines(&"あ".repeat(100), 190.0), 2);
        assert_eq!(lines("一行目\n二行目", 190.0), 2);
        assert_eq!(lines("", 190.0), 1);
    }
}
