//! The comparison of a document with the database: what an import would change, and what is wrong.

use diesel_async::AsyncPgConnection;

use super::changes::{
    imported_state, is_empty_report, measure_changes, measure_label, new_measure_fields, report_changes, row_label,
};
use super::document::{ImportProblem, TableColumn, TableDocument};
use super::existing::{resolve_plan, Existing};
use super::preview::{
    field_change, ChangeAction, ImportCounts, ImportEntity, ItemChange, PeriodChange, PlanChange, TablePreview,
};
use crate::enums::{PeriodState, ReportState};
use crate::import::ImportError;
use crate::reports::ReportContent;

/// Everything the analysis found: the preview, the problems, and the database it compared with.
pub(super) struct Analysis {
    pub(super) preview: TablePreview,
    pub(super) problems: Vec<ImportProblem>,
    pub(super) existing: Existing,
}

/// Compares `doc` with the database without writing anything.
pub(super) async fn analyze(
    conn: &mut AsyncPgConnection,
    doc: &TableDocument,
    target: Option<i64>,
) -> Result<Analysis, ImportError> {
    use crate::periods::period_label;

    let mut problems = Vec::new();
    let plan = resolve_plan(conn, doc, target, &mut problems).await?;
    let existing = Existing::load(conn, plan, doc).await?;
    let format = doc.format;
    let new_plan = existing.plan.is_none();

    // The plan.
    let plan_change = match &existing.plan {
        Some(p) => {
            let mut fields = Vec::new();
            if let Some(tt) = doc.plan.as_ref().and_then(|d| d.table_title.as_ref()) {
                if *tt != p.table_title {
                    fields.push(field_change("table_title", "表の名前", Some(p.table_title.clone()), Some(tt.clone())));
                }
            }
            let action = if fields.is_empty() { ChangeAction::Unchanged } else { ChangeAction::Update };
            PlanChange { id: Some(p.id), municipality: p.municipality.clone(), name: p.name.clone(), action, fields }
        }
        None => {
            let p = doc.plan.as_ref().ok_or_else(|| ImportError::Invalid("no plan".into()))?;
            let fields = vec![field_change(
                "table_title",
                "表の名前",
                None,
                Some(p.table_title.clone().unwrap_or_else(|| "施策別事業進行管理表".into())),
            )];
            PlanChange {
                id: None,
                municipality: p.municipality.clone(),
                name: p.name.clone(),
                action: ChangeAction::Create,
                fields,
            }
        }
    };

    // The period.
    let period_state = existing.period.as_ref().map_or(PeriodState::Closed, |p| p.state);
    let period_label_text = existing
        .period
        .as_ref()
        .map_or_else(|| period_label(doc.period.fiscal_year, doc.period.as_of), |p| p.label.clone());
    if let Some(p) = &existing.period {
        if p.fiscal_year != doc.period.fiscal_year {
            problems.push(ImportProblem::file(
                "period_mismatch",
                format!(
                    "ファイルの年度（{}年度）が、同じ基準日の報告期間「{}」の年度と異なります。",
                    doc.period.fiscal_year, p.label
                ),
            ));
        }
    }
    let note = match (existing.period.is_some(), period_state) {
        (false, _) => "この報告期間は新しく作られ（締切）、取り込んだ報告は承認済になります。".to_owned(),
        (true, PeriodState::Closed) => "締切の報告期間です。取り込んだ報告は承認済になります。".to_owned(),
        (true, PeriodState::Open) => "受付中の報告期間です。報告の内容だけを更新し、下書き・提出済などの状態は変えません。承認済の報告は変更できません。".to_owned(),
        (true, PeriodState::Preparing) => "準備中の報告期間です。報告はまだないため、取組進捗状況は取り込めません。".to_owned(),
        (true, PeriodState::Published) => "公表済の報告期間です。報告は変更できません。".to_owned(),
    };
    let period_change = PeriodChange {
        id: existing.period.as_ref().map(|p| p.id),
        label: period_label_text.clone(),
        fiscal_year: doc.period.fiscal_year,
        as_of: doc.period.as_of,
        state: period_state,
        action: if existing.period.is_some() { ChangeAction::Unchanged } else { ChangeAction::Create },
        note,
    };

    // Departments: known ones, or new ones when the plan itself is new.
    let mut departments_created: Vec<String> = Vec::new();
    for (_, _, r) in doc.rows() {
        for name in &r.departments {
            match existing.departments.get(name) {
                Some(_) => {}
                None if new_plan => {
                    if !departments_created.contains(name) {
                        departments_created.push(name.clone());
                    }
                }
                None => problems.push(ImportProblem::at(
                    format,
                    r.row,
                    TableColumn::Departments,
                    "unknown_department",
                    format!("担当課「{name}」は登録されていません。担当課の名前を確かめるか、先に担当課を登録してください。"),
                )),
            }
        }
    }

    // Groups of related rows.
    let repeated = doc.repeated_names();
    let groups_created: Vec<String> =
        repeated.iter().filter(|n| !existing.groups.contains_key(**n)).map(|n| (*n).to_owned()).collect();

    let mut counts = ImportCounts::default();
    let mut changes = Vec::new();
    let mut report_changes_list = Vec::new();
    let mut seen_rows: Vec<i64> = Vec::new();
    let mut locked_reports = 0usize;

    for m in &doc.measures {
        let stored = existing.measures.get(&(m.kind, m.number));
        match stored {
            Some(e) => {
                let fields = measure_changes(e, m);
                let action = if fields.is_empty() { ChangeAction::Unchanged } else { ChangeAction::Update };
                counts.measures.add(action);
                if action != ChangeAction::Unchanged {
                    changes.push(ItemChange {
                        entity: ImportEntity::Measure,
                        action,
                        row: Some(m.row),
                        id: Some(e.id),
                        label: measure_label(m),
                        fields,
                    });
                }
            }
            None => {
                counts.measures.add(ChangeAction::Create);
                changes.push(ItemChange {
                    entity: ImportEntity::Measure,
                    action: ChangeAction::Create,
                    row: Some(m.row),
                    id: None,
                    label: measure_label(m),
                    fields: new_measure_fields(m),
                });
            }
        }
        let mut position = 0i32;
        for s in &m.sections {
            if let Some(d) = &s.direction {
                let label = format!("{}{} {}{}", m.kind.label_ja(), m.number, crate::table::circled(d.number), d.title);
                match stored.and_then(|e| existing.directions.get(&(e.id, d.number))) {
                    Some(e) if e.title == d.title => counts.directions.add(ChangeAction::Unchanged),
                    Some(e) => {
                        counts.directions.add(ChangeAction::Update);
                        let fields =
                            vec![field_change("title", "取組の方向", Some(e.title.clone()), Some(d.title.clone()))];
                        changes.push(ItemChange {
                            entity: ImportEntity::Direction,
                            action: ChangeAction::Update,
                            row: Some(d.row),
                            id: Some(e.id),
                            label,
                            fields,
                        });
                    }
                    None => {
                        counts.directions.add(ChangeAction::Create);
                        let fields = vec![field_change("title", "取組の方向", None, Some(d.title.clone()))];
                        changes.push(ItemChange {
                            entity: ImportEntity::Direction,
                            action: ChangeAction::Create,
                            row: Some(d.row),
                            id: None,
                            label,
                            fields,
                        });
                    }
                }
            }
            for r in &s.rows {
                let label = row_label(m, s, r);
                let stored_row = existing.row(m, s, r);
                let joined = r.departments.join("／");
                let repeated_name = repeated.contains(&r.name.as_str());
                match stored_row {
                    Some(e) => {
                        seen_rows.push(e.id);
                        let mut fields = Vec::new();
                        if e.content != r.content {
                            fields.push(field_change(
                                "content",
                                "内容",
                                Some(e.content.clone()),
                                Some(r.content.clone()),
                            ));
                        }
                        let now: Vec<&str> = e.departments.iter().map(|d| d.name.as_str()).collect();
                        if now != r.departments.iter().map(String::as_str).collect::<Vec<_>>() {
                            fields.push(field_change(
                                "departments",
                                "担当課",
                                Some(now.join("／")),
                                Some(joined.clone()),
                            ));
                            for name in &r.departments {
                                if existing.departments.get(name).is_some_and(|d| !d.active)
                                    && !now.contains(&name.as_str())
                                {
                                    problems.push(ImportProblem::at(
                                        format,
                                        r.row,
                                        TableColumn::Departments,
                                        "inactive_department",
                                        format!("担当課「{name}」は使用停止になっているため、事業の担当にできません。"),
                                    ));
                                }
                            }
                        }
                        if e.position != position {
                            fields.push(field_change(
                                "position",
                                "並び順",
                                Some((e.position + 1).to_string()),
                                Some((position + 1).to_string()),
                            ));
                        }
                        if repeated_name && e.group_id.is_none() {
                            fields.push(field_change("group", "関連する事業", None, Some(r.name.clone())));
                        }
                        let action = if fields.is_empty() { ChangeAction::Unchanged } else { ChangeAction::Update };
                        counts.rows.add(action);
                        if action != ChangeAction::Unchanged {
                            changes.push(ItemChange {
                                entity: ImportEntity::Row,
                                action,
                                row: Some(r.row),
                                id: Some(e.id),
                                label: label.clone(),
                                fields,
                            });
                        }
                    }
                    None => {
                        counts.rows.add(ChangeAction::Create);
                        for name in &r.departments {
                            if existing.departments.get(name).is_some_and(|d| !d.active) {
                                problems.push(ImportProblem::at(
                                    format,
                                    r.row,
                                    TableColumn::Departments,
                                    "inactive_department",
                                    format!("担当課「{name}」は使用停止になっているため、事業の担当にできません。"),
                                ));
                            }
                        }
                        let mut fields = vec![
                            field_change("departments", "担当課", None, Some(joined.clone())),
                            field_change("content", "内容", None, Some(r.content.clone())),
                        ];
                        if repeated_name || existing.groups.contains_key(&r.name) {
                            fields.push(field_change("group", "関連する事業", None, Some(r.name.clone())));
                        }
                        changes.push(ItemChange {
                            entity: ImportEntity::Row,
                            action: ChangeAction::Create,
                            row: Some(r.row),
                            id: None,
                            label: label.clone(),
                            fields,
                        });
                    }
                }
                position += 1;

                // The row's report in the period.
                if let Some(code) = &r.report.evaluation {
                    if !existing.grade_codes.contains(code) {
                        problems.push(ImportProblem::at(
                            format,
                            r.row,
                            TableColumn::Evaluation,
                            "invalid_evaluation",
                            format!(
                                "評価「{code}」はこの計画の評価区分にありません。{} のいずれかにしてください。",
                                existing.grade_codes.join("・")
                            ),
                        ));
                    }
                }
                let stored_report = stored_row.and_then(|e| existing.reports.get(&e.id));
                match (stored_report, period_state) {
                    (Some(rep), state) => {
                        let mut fields = report_changes(&rep.content(), &r.report);
                        let new_state = imported_state(state, rep.state);
                        let content_changes = !fields.is_empty();
                        match state {
                            PeriodState::Open if content_changes && rep.state == ReportState::Approved => problems.push(ImportProblem::at(
                                format,
                                r.row,
                                TableColumn::Progress,
                                "report_approved",
                                "この報告は承認済のため変更できません。報告を再開（承認の取り消し）してから取り込んでください。",
                            )),
                            PeriodState::Published | PeriodState::Preparing if content_changes => locked_reports += 1,
                            _ => {}
                        }
                        if new_state != rep.state && matches!(state, PeriodState::Closed) {
                            fields.push(field_change(
                                "state",
                                "状態",
                                Some(rep.state.label_ja().to_owned()),
                                Some(new_state.label_ja().to_owned()),
                            ));
                        }
                        let action = if fields.is_empty() { ChangeAction::Unchanged } else { ChangeAction::Update };
                        counts.reports.add(action);
                        if action != ChangeAction::Unchanged {
                            report_changes_list.push(ItemChange {
                                entity: ImportEntity::Report,
                                action,
                                row: Some(r.row),
                                id: Some(rep.id),
                                label,
                                fields,
                            });
                        }
                    }
                    (None, PeriodState::Preparing | PeriodState::Published) if existing.period.is_some() => {
                        if !is_empty_report(&r.report) {
                            locked_reports += 1;
                        }
                    }
                    (None, state) => {
                        let mut fields = report_changes(&ReportContent::default(), &r.report);
                        let initial = imported_state(state, ReportState::Draft);
                        fields.push(field_change("state", "状態", None, Some(initial.label_ja().to_owned())));
                        counts.reports.add(ChangeAction::Create);
                        report_changes_list.push(ItemChange {
                            entity: ImportEntity::Report,
                            action: ChangeAction::Create,
                            row: Some(r.row),
                            id: None,
                            label,
                            fields,
                        });
                    }
                }
            }
        }
    }
    if locked_reports > 0 {
        let why = if period_state == PeriodState::Published { "公表済" } else { "準備中" };
        problems.push(ImportProblem::file(
            "period_locked",
            format!(
                "報告期間「{period_label_text}」は{why}のため、取組進捗状況などの報告は取り込めません（内容の異なる報告が{locked_reports}件あります）。報告の列を書き出したときのままにするか、別の報告期間のファイルを取り込んでください。"
            ),
        ));
    }
    changes.extend(report_changes_list);

    let rows_not_in_file = existing
        .rows
        .iter()
        .filter(|r| !seen_rows.contains(&r.id))
        .map(|r| {
            let m = existing.measures.values().find(|m| m.id == r.measure_id);
            match m {
                Some(m) => format!("{}{} {}", m.kind.label_ja(), m.number, r.name),
                None => r.name.clone(),
            }
        })
        .collect();

    problems.sort_by_key(|p| (p.row.unwrap_or(0), p.column.clone()));
    let preview = TablePreview {
        format,
        plan: plan_change,
        period: period_change,
        departments_created,
        groups_created,
        counts,
        changes,
        rows_not_in_file,
    };
    Ok(Analysis { preview, problems, existing })
}

/// Compares `doc` with the database and tells what an import would change and what is wrong;
/// writes nothing. `target` is the plan to import into (required for CSV); without it the plan
/// the file names is used, or created.
pub async fn preview_table(
    conn: &mut AsyncPgConnection,
    doc: &TableDocument,
    target: Option<i64>,
) -> Result<(TablePreview, Vec<ImportProblem>), ImportError> {
    let a = analyze(conn, doc, target).await?;
    Ok((a.preview, a.problems))
}
