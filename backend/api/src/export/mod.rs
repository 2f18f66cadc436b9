//! Exports of the compiled 施策別事業進行管理表: Excel, CSV and a printable HTML page.
//!
//! All three keep the layout of `docs/table-layout.md` (the contract with the importer): the
//! seed's order, per measure its heading, description and header row, the direction rows ①②③,
//! and the eight columns below. They are pure functions of a [`CompiledTable`], so the same table
//! always gives the same bytes (and the same ETag).

pub mod csv;
pub mod print;
pub mod xlsx;

use shinko_db::table::{CompiledTable, TableMeasure, TableRow};

/// 担当課, 内容, then the columns after the progress text; the first column's header is the
/// measure's `item_label` and the fourth the period's `progress_header`.
pub const DEPARTMENTS_HEADER: &str = "担当課";
pub const CONTENT_HEADER: &str = "内容";
pub const STATUS_HEADER: &str = "実施状況";
pub const EVALUATION_HEADER: &str = "評価";
pub const FUTURE_HEADER: &str = "今後の方向性";
pub const REMARKS_HEADER: &str = "備考";

/// The eight column headers of a measure's table (A:H).
pub fn headers<'a>(table: &'a CompiledTable, measure: &'a TableMeasure) -> [&'a str; 8] {
    [
        measure.item_label.as_str(),
        DEPARTMENTS_HEADER,
        CONTENT_HEADER,
        table.period.progress_header.as_str(),
        STATUS_HEADER,
        EVALUATION_HEADER,
        FUTURE_HEADER,
        REMARKS_HEADER,
    ]
}

/// The eight cells of a row (A:H) as the table prints them: departments joined with ／, the
/// Japanese labels of 実施状況 and 今後の方向性, empty strings for what is not set.
pub fn cells(row: &TableRow) -> [&str; 8] {
    [
        row.name.as_str(),
        row.departments_label.as_str(),
        row.content.as_str(),
        row.progress.as_str(),
        row.implementation_status.map(|s| s.label_ja()).unwrap_or(""),
        row.evaluation.as_deref().unwrap_or(""),
        row.future_direction.map(|d| d.label_ja()).unwrap_or(""),
        row.remarks.as_str(),
    ]
}

/// The measure's own title: its heading (`基本施策1 地域におけるネットワークの強化`) without the
/// kind-and-number prefix.
pub fn measure_title(measure: &TableMeasure) -> &str {
    measure.heading.split_once(' ').map(|(_, title)| title).unwrap_or(&measure.heading)
}

/// The `表中の施策名：…` line, when the table names the measure differently from its heading.
pub fn table_title_line(measure: &TableMeasure) -> Option<String> {
    (measure.table_title != measure_title(measure)).then(|| format!("表中の施策名：{}", measure.table_title))
}

/// `施策別事業進行管理表_令和7年度9月末.<ext>`: the table's name (its title up to the period in
/// brackets) and the period's label without spaces, with characters file systems refuse replaced.
pub fn file_name(table: &CompiledTable, ext: &str) -> String {
    let base = table.title.split('（').next().unwrap_or(&table.title);
    let label: String = table.period.label.chars().filter(|c| !c.is_whitespace()).collect();
    let name: String =
        format!("{base}_{label}")
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    format!("{name}.{ext}")
}

/// The ASCII fallback for clients that ignore `filename*`: `shinko-table-<period id>.<ext>`.
pub fn ascii_file_name(table: &CompiledTable, ext: &str) -> String {
    format!("shinko-table-{}.{ext}", table.period.id)
}

#[cfg(test)]
pub(crate) mod sample {
    //! A small table shaped like the seed's, for the exporters' unit tests.

    use chrono::NaiveDate;
    use shinko_db::enums::{FutureDirection, ImplementationStatus, MeasureKind, PeriodState, ReportState};
    use shinko_db::table::{CompiledTable, TableDirection, TableMeasure, TablePeriod, TableRow, TableSection};

    pub fn row(id: i64, name: &str, departments: &[&str], content: &str, progress: &str) -> TableRow {
        TableRow {
            row_id: id,
            report_id: Some(id),
            name: name.into(),
            departments: departments.iter().map(|d| (*d).to_owned()).collect(),
            departments_label: departments.join("／"),
            content: content.into(),
            progress: progress.into(),
            implementation_status: None,
            evaluation: None,
            future_direction: None,
            remarks: String::new(),
            state: Some(ReportState::Approved),
            related_row_ids: Vec::new(),
            compare_progress: None,
            changed: None,
        }
    }

    pub fn table() -> CompiledTable {
        let mut done = row(
            3,
            "健康相談",
            &["健康課", "福祉総務課"],
            "相談に応じます。",
            "相談件数は31件であった。\n・再掲 <script>alert(1)</script> & \"引用\"",
        );
        done.implementation_status = Some(ImplementationStatus::Done);
        done.evaluation = Some("A".into());
        done.future_direction = Some(FutureDirection::Continue);
        done.remarks = "備考, カンマ入り".into();
        CompiledTable {
            plan_id: 1,
            plan_name: "第2次自殺対策推進計画".into(),
            municipality: "あきる野市".into(),
            period: TablePeriod {
                id: 7,
                label: "令和7年度 9月末".into(),
                as_of: NaiveDate::from_ymd_opt(2025, 9, 30).unwrap(),
                state: PeriodState::Published,
                progress_header: "取組進捗状況（令和7年9月末まで）".into(),
            },
            title: "施策別事業進行管理表（令和7年度9月末まで）".into(),
            compare: None,
            measures: vec![
                TableMeasure {
                    id: 1,
                    kind: MeasureKind::Basic,
                    number: 1,
                    heading: "基本施策1 地域におけるネットワークの強化".into(),
                    table_title: "地域におけるネットワークの強化".into(),
                    description: "関係機関との連携を強化します。".into(),
                    item_label: "会議名".into(),
                    sections: vec![TableSection {
                        direction: Some(TableDirection {
                            id: 1,
                            number: 1,
                            title: "ネットワークを強化する".into(),
                            label: "①ネットワークを強化する".into(),
                        }),
                        rows: vec![row(
                            1,
                            "あきる野市自殺対策推進協議会",
                            &["健康課"],
                            "協議会を設置します。",
                            "会議で報告した。",
                        )],
                    }],
                },
                TableMeasure {
                    id: 4,
                    kind: MeasureKind::Basic,
                    number: 4,
                    heading: "基本施策4 自殺未遂者への支援の充実".into(),
                    table_title: "自殺未遂者等への支援の充実".into(),
                    description: "自殺未遂は自殺の最大のリスク因子です。\n二行目。".into(),
                    item_label: "取組項目".into(),
                    sections: vec![TableSection {
                        direction: Some(TableDirection {
                            id: 2,
                            number: 1,
                            title: "適切な支援につなげる".into(),
                            label: "①適切な支援につなげる".into(),
                        }),
                        rows: vec![done],
                    }],
                },
                TableMeasure {
                    id: 7,
                    kind: MeasureKind::Priority,
                    number: 2,
                    heading: "重点施策2 生活困窮者の自殺対策の推進".into(),
                    table_title: "生活困窮者の自殺対策の推進".into(),
                    description: String::new(),
                    item_label: "取組項目".into(),
                    sections: vec![TableSection {
                        direction: None,
                        rows: vec![row(5, "ケースワーカー活動", &["生活福祉課"], "訪問します。", "")],
                    }],
                },
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_is_the_tables_name_and_the_period() {
        let table = sample::table();
        assert_eq!(file_name(&table, "xlsx"), "施策別事業進行管理表_令和7年度9月末.xlsx");
        assert_eq!(ascii_file_name(&table, "csv"), "shinko-table-7.csv");
    }

    #[test]
    fn the_table_title_line_appears_only_where_the_table_names_the_measure_differently() {
        let table = sample::table();
        assert_eq!(measure_title(&table.measures[1]), "自殺未遂者への支援の充実");
        assert_eq!(table_title_line(&table.measures[0]), None);
        assert_eq!(table_title_line(&table.measures[1]).as_deref(), Some("表中の施策名：自殺未遂者等への支援の充実"));
    }

    #[test]
    fn cells_use_the_japanese_labels() {
        let table = sample::table();
        let row = &table.measures[1].sections[0].rows[0];
        assert_eq!(cells(row)[1], "健康課／福祉総務課");
        assert_eq!(&cells(row)[4..7], &["実施済", "A", "継続"]);
        assert_eq!(&cells(&table.measures[0].sections[0].rows[0])[4..8], &["", "", "", ""]);
    }
}
