//! The fields a file changes, compared one by one with what is stored, and how the preview names
//! things.

use super::document::{DocumentMeasure, DocumentRow, DocumentSection};
use super::preview::{field_change, FieldChange};
use crate::enums::{FutureDirection, ImplementationStatus, PeriodState, ReportState};
use crate::measures::Measure;
use crate::reports::ReportContent;

pub(super) fn measure_label(m: &DocumentMeasure) -> String {
    format!("{}{} {}", m.kind.label_ja(), m.number, m.title)
}

pub(super) fn row_label(m: &DocumentMeasure, s: &DocumentSection, r: &DocumentRow) -> String {
    match &s.direction {
        Some(d) => format!("{}{} {} {}", m.kind.label_ja(), m.number, crate::table::circled(d.number), r.name),
        None => format!("{}{} {}", m.kind.label_ja(), m.number, r.name),
    }
}

pub(super) fn effective_table_title(title: &str, table_title: &str) -> Option<String> {
    (table_title != title).then(|| table_title.to_owned())
}

/// The fields of a stored measure that the file changes.
pub(super) fn measure_changes(e: &Measure, m: &DocumentMeasure) -> Vec<FieldChange> {
    let mut out = Vec::new();
    if e.title != m.title {
        out.push(field_change("title", "施策名", Some(e.title.clone()), Some(m.title.clone())));
    }
    if let Some(tt) = &m.table_title {
        let now = e.table_title.clone().unwrap_or_else(|| e.title.clone());
        if &now != tt {
            out.push(field_change("table_title", "表中の施策名", Some(now), Some(tt.clone())));
        }
    }
    if let Some(d) = &m.description {
        if &e.description != d {
            out.push(field_change("description", "説明", Some(e.description.clone()), Some(d.clone())));
        }
    }
    if let Some(l) = &m.item_label {
        if &e.item_label != l {
            out.push(field_change("item_label", "1列目の見出し", Some(e.item_label.clone()), Some(l.clone())));
        }
    }
    out
}

pub(super) fn new_measure_fields(m: &DocumentMeasure) -> Vec<FieldChange> {
    let mut out = vec![field_change("title", "施策名", None, Some(m.title.clone()))];
    if let Some(tt) = m.table_title.as_ref().filter(|tt| **tt != m.title) {
        out.push(field_change("table_title", "表中の施策名", None, Some(tt.clone())));
    }
    if let Some(d) = m.description.as_ref().filter(|d| !d.is_empty()) {
        out.push(field_change("description", "説明", None, Some(d.clone())));
    }
    out.push(field_change(
        "item_label",
        "1列目の見出し",
        None,
        Some(m.item_label.clone().unwrap_or_else(|| "取組項目".into())),
    ));
    out
}

fn opt_label(s: Option<&'static str>) -> Option<String> {
    s.map(str::to_owned)
}

/// The report fields that differ between `now` and `to`.
pub(super) fn report_changes(now: &ReportContent, to: &ReportContent) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    if now.progress != to.progress {
        out.push(field_change("progress", "取組進捗状況", text(&now.progress), text(&to.progress)));
    }
    if now.implementation_status != to.implementation_status {
        out.push(field_change(
            "implementation_status",
            "実施状況",
            opt_label(now.implementation_status.map(ImplementationStatus::label_ja)),
            opt_label(to.implementation_status.map(ImplementationStatus::label_ja)),
        ));
    }
    if now.evaluation != to.evaluation {
        out.push(field_change("evaluation", "評価", now.evaluation.clone(), to.evaluation.clone()));
    }
    if now.future_direction != to.future_direction {
        out.push(field_change(
            "future_direction",
            "今後の方向性",
            opt_label(now.future_direction.map(FutureDirection::label_ja)),
            opt_label(to.future_direction.map(FutureDirection::label_ja)),
        ));
    }
    if now.remarks != to.remarks {
        out.push(field_change("remarks", "備考", text(&now.remarks), text(&to.remarks)));
    }
    out
}

pub(super) fn is_empty_report(c: &ReportContent) -> bool {
    *c == ReportContent::default()
}

/// The state an imported report gets in a period of `state`, from its current state.
pub(super) fn imported_state(period: PeriodState, current: ReportState) -> ReportState {
    match period {
        PeriodState::Closed => ReportState::Approved,
        _ => current,
    }
}
