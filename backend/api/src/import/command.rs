//! `shinko import <file> [--plan-id N] [--commit]`: the import from the command line, for a server
//! without any account yet (e.g. loading last year's table into an empty database). Prints the
//! preview; with `--commit` applies it in one transaction. Writes through the command line have no
//! actor in the audit log, as the seed's.

use std::path::Path;

use shinko_db::import::{commit_table, preview_table, ChangeAction, CommitOutcome, ImportProblem, TablePreview};

use super::{parse, sort_problems, FileKind, Parsed, MAX_FILE_BYTES};

/// Most changes listed one by one; the rest are counted.
const MAX_LISTED: usize = 300;

fn action_ja(action: ChangeAction) -> &'static str {
    match action {
        ChangeAction::Create => "新規作成",
        ChangeAction::Update => "更新",
        ChangeAction::Unchanged => "既存（変更なし）",
    }
}

fn print_preview(p: &TablePreview) {
    let plan_id = p.plan.id.map(|id| format!(" (id {id})")).unwrap_or_default();
    println!("計画: {} {}{} — {}", p.plan.municipality, p.plan.name, plan_id, action_ja(p.plan.action));
    let period_id = p.period.id.map(|id| format!(" (id {id})")).unwrap_or_default();
    println!(
        "報告期間: {} 基準日 {}{} — {}、{}",
        p.period.label,
        p.period.as_of,
        period_id,
        action_ja(p.period.action),
        p.period.state.label_ja()
    );
    println!("  {}", p.period.note);
    if !p.departments_created.is_empty() {
        println!("新しく作る担当課: {}件（{}）", p.departments_created.len(), p.departments_created.join("、"));
    }
    if !p.groups_created.is_empty() {
        println!("新しく作る関連事業のグループ: {}件（{}）", p.groups_created.len(), p.groups_created.join("、"));
    }
    for (name, c) in [
        ("施策", p.counts.measures),
        ("取組の方向", p.counts.directions),
        ("事業", p.counts.rows),
        ("報告", p.counts.reports),
    ] {
        println!("{name}: 作成 {}、更新 {}、変更なし {}", c.create, c.update, c.unchanged);
    }
    if !p.changes.is_empty() {
        println!("変更点:");
        for c in p.changes.iter().take(MAX_LISTED) {
            let mark = if c.action == ChangeAction::Create { "+" } else { "~" };
            let fields: Vec<&str> = c.fields.iter().map(|f| f.label.as_str()).collect();
            let row = c.row.map(|r| format!("{r}行目 ")).unwrap_or_default();
            println!("  {mark} {row}{}: {}", c.label, fields.join("・"));
        }
        if p.changes.len() > MAX_LISTED {
            println!("  …ほか{}件", p.changes.len() - MAX_LISTED);
        }
    }
    if !p.rows_not_in_file.is_empty() {
        println!("ファイルにない事業（そのまま残ります）: {}", p.rows_not_in_file.join("、"));
    }
}

fn print_problems(problems: &[ImportProblem]) {
    println!("問題: {}件", problems.len());
    for p in problems {
        let column = p.column_name.as_deref().filter(|c| !c.is_empty()).map(|c| format!(" {c}")).unwrap_or_default();
        println!("  {}{}: {}", p.location(), column, p.message);
    }
}

/// Runs the command on `conn`.
pub async fn run(
    conn: &mut shinko_db::AsyncPgConnection,
    file: &Path,
    plan_id: Option<i64>,
    commit: bool,
) -> anyhow::Result<()> {
    let name = file.to_string_lossy();
    let kind = FileKind::from_file_name(&name)
        .ok_or_else(|| anyhow::anyhow!("{name}: .xlsx か .csv のファイルを指定してください"))?;
    if kind == FileKind::Csv && plan_id.is_none() {
        anyhow::bail!("CSVファイルを取り込むときは --plan-id で取り込み先の計画を指定してください");
    }
    let size = std::fs::metadata(file)?.len();
    if size > MAX_FILE_BYTES as u64 {
        anyhow::bail!("{name}: ファイルが大きすぎます（{}MBまで）", MAX_FILE_BYTES / (1024 * 1024));
    }
    let bytes = std::fs::read(file)?;
    let Parsed { doc, mut problems } = tokio::task::spawn_blocking(move || parse(kind, &bytes)).await?;
    println!("ファイル: {name}（{}）", if kind == FileKind::Xlsx { "Excel" } else { "CSV" });
    let Some(doc) = doc else {
        print_problems(&problems);
        anyhow::bail!("ファイルを読み込めませんでした。何も取り込んでいません");
    };
    let (preview, found) = preview_table(conn, &doc, plan_id).await?;
    problems.extend(found);
    sort_problems(&mut problems);
    print_preview(&preview);
    if !problems.is_empty() {
        print_problems(&problems);
        anyhow::bail!("問題があるため、何も取り込んでいません");
    }
    if !commit {
        println!("問題はありません。取り込むには --commit を付けて実行してください。");
        return Ok(());
    }
    match commit_table(conn, &doc, plan_id, None).await? {
        CommitOutcome::Written(p) => {
            println!(
                "取り込みました: 計画 id {}、報告期間 id {}",
                p.plan.id.map_or_else(|| "?".into(), |id| id.to_string()),
                p.period.id.map_or_else(|| "?".into(), |id| id.to_string())
            );
            Ok(())
        }
        CommitOutcome::Refused(_, problems) => {
            print_problems(&problems);
            anyhow::bail!("問題があるため、何も取り込んでいません");
        }
    }
}
