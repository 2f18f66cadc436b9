//! Importing the table from the files the exports write: the Excel export of 令和7年度 上半期 loads
//! an empty database into the same table; a file with problems is refused cell by cell with
//! nothing written; the CSV export round-trips a changed text; only admins import.

use std::io::Cursor;
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx};
use diesel::dsl::count_star;
use diesel::{ExpressionMethods, QueryDsl};
use diesel_async::RunQueryDsl;
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_db::schema::{audit_log, report_versions, reports};
use shinko_tests::*;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV: &str = "text/csv";

async fn upload(app: &TestApp, token: Option<&str>, path: &str, content_type: &str, body: Vec<u8>) -> Response {
    let mut req = app.client.post(app.url(path)).header("content-type", content_type).body(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

async fn preview(app: &TestApp, token: &str, query: &str, content_type: &str, body: Vec<u8>) -> Value {
    assert_json(
        upload(app, Some(token), &format!("/api/v1/imports/preview{query}"), content_type, body).await,
        StatusCode::OK,
    )
    .await
}

async fn commit(app: &TestApp, token: &str, query: &str, content_type: &str, body: Vec<u8>) -> Response {
    upload(app, Some(token), &format!("/api/v1/imports/commit{query}"), content_type, body).await
}

/// The seeded plan and its 令和7年度 上半期.
async fn first_half(app: &TestApp, token: &str) -> (i64, i64) {
    let plans = assert_json(app.get("/api/v1/plans", Some(token)).await, StatusCode::OK).await;
    let plan = plans["items"][0]["id"].as_i64().unwrap();
    let periods =
        assert_json(app.get(&format!("/api/v1/plans/{plan}/periods"), Some(token)).await, StatusCode::OK).await;
    let period =
        periods.as_array().unwrap().iter().find(|p| p["kind"] == "first_half").unwrap()["id"].as_i64().unwrap();
    (plan, period)
}

async fn download(app: &TestApp, token: &str, period: i64, ext: &str) -> Vec<u8> {
    let res = app.get(&format!("/api/v1/periods/{period}/table.{ext}"), Some(token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.bytes().await.unwrap().to_vec()
}

async fn table(app: &TestApp, token: &str, period: i64) -> Value {
    assert_json(app.get(&format!("/api/v1/periods/{period}/table"), Some(token)).await, StatusCode::OK).await
}

async fn audit_rows(app: &TestApp) -> i64 {
    audit_log::table.select(count_star()).get_result::<i64>(&mut app.conn().await).await.unwrap()
}

/// Everything a reader of the table sees, without ids: headings, descriptions, directions and
/// every row's texts and report fields, in table order.
fn texts(table: &Value) -> Value {
    let measures: Vec<Value> = table["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let sections: Vec<Value> = m["sections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let rows: Vec<Value> = s["rows"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| {
                            json!([
                                r["name"],
                                r["departments"],
                                r["departments_label"],
                                r["content"],
                                r["progress"],
                                r["implementation_status"],
                                r["evaluation"],
                                r["future_direction"],
                                r["remarks"],
                                r["state"],
                                r["related_row_ids"].as_array().unwrap().len()
                            ])
                        })
                        .collect();
                    json!({ "direction": s["direction"]["label"], "rows": rows })
                })
                .collect();
            json!({
                "kind": m["kind"], "number": m["number"], "heading": m["heading"], "table_title": m["table_title"],
                "description": m["description"], "item_label": m["item_label"], "sections": sections,
            })
        })
        .collect();
    json!({
        "title": table["title"], "plan_name": table["plan_name"], "municipality": table["municipality"],
        "period": [table["period"]["label"], table["period"]["as_of"], table["period"]["progress_header"], table["period"]["state"]],
        "measures": measures,
    })
}

fn all_rows(table: &Value) -> Vec<Value> {
    table["measures"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["sections"].as_array().unwrap().iter().flat_map(|s| s["rows"].as_array().unwrap().clone()))
        .collect()
}

/// The cells of the workbook's sheet, A:H, one vector per row from row 1.
fn cells(xlsx: &[u8]) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.to_vec())).unwrap();
    let range = book.worksheet_range("進行管理表").unwrap();
    let (top, left) = range.start().unwrap();
    let (bottom, _) = range.end().unwrap();
    let mut grid = vec![vec![String::new(); 8]; bottom as usize + 1];
    for (r, c, v) in range.cells() {
        let (row, col) = (r + top as usize, c + left as usize);
        if col < 8 && !matches!(v, Data::Empty) {
            grid[row][col] = v.to_string();
        }
    }
    grid
}

/// A workbook with the sheet 進行管理表 holding `grid` (the export's layout without its formats).
fn workbook(grid: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("進行管理表").unwrap();
    for (r, row) in grid.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32, c as u16, value).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The 0-based index of the grid row whose column A is `name` (its first occurrence).
fn row_named(grid: &[Vec<String>], name: &str) -> usize {
    grid.iter().position(|r| r[0] == name && !r[1].is_empty()).unwrap_or_else(|| panic!("a row named {name}"))
}

/// A migrated database without any plan, and an admin who can sign in to it.
async fn empty_app() -> (TestApp, TestUser, String) {
    let db = TestDatabase::empty().await;
    shinko_db::run_migrations(&db.url).await.expect("migrations apply");
    let app = TestApp::spawn_on(db).await;
    let admin = app.create_user(UserRole::Admin, None).await;
    let token = app.login(&admin).await.access;
    (app, admin, token)
}

#[tokio::test]
async fn the_excel_export_imported_into_an_empty_database_compiles_to_the_same_table() {
    let seeded = TestApp::spawn().await;
    let viewer = seeded.token(UserRole::Viewer, None).await;
    let (_, period) = first_half(&seeded, &viewer).await;
    let xlsx = download(&seeded, &viewer, period, "xlsx").await;
    let original = table(&seeded, &viewer, period).await;

    let (app, admin, token) = empty_app().await;
    let audited = audit_rows(&app).await;
    let p = preview(&app, &token, "", XLSX, xlsx.clone()).await;
    assert_eq!(p["ok"], true, "{:#}", p["problems"]);
    assert_eq!(p["committed"], false);
    let summary = &p["preview"];
    assert_eq!(summary["format"], "xlsx");
    assert_eq!(summary["plan"]["action"], "create");
    assert_eq!(
        (summary["plan"]["municipality"].as_str(), summary["plan"]["name"].as_str()),
        (Some("あきる野市"), Some("第2次自殺対策推進計画"))
    );
    assert_eq!(summary["period"]["action"], "create");
    assert_eq!(summary["period"]["label"], "令和7年度 9月末");
    assert_eq!(summary["period"]["as_of"], "2025-09-30");
    assert_eq!(summary["departments_created"].as_array().unwrap().len(), 17);
    assert_eq!(summary["groups_created"].as_array().unwrap().len(), 3);
    assert_eq!(summary["counts"]["measures"], json!({ "create": 10, "update": 0, "unchanged": 0 }));
    assert_eq!(summary["counts"]["directions"], json!({ "create": 13, "update": 0, "unchanged": 0 }));
    assert_eq!(summary["counts"]["rows"], json!({ "create": 70, "update": 0, "unchanged": 0 }));
    assert_eq!(summary["counts"]["reports"], json!({ "create": 70, "update": 0, "unchanged": 0 }));
    assert_eq!(audit_rows(&app).await, audited, "the preview wrote nothing");

    let res = commit(&app, &token, "", XLSX, xlsx.clone()).await;
    let done = assert_json(res, StatusCode::OK).await;
    assert_eq!((done["ok"].as_bool(), done["committed"].as_bool()), (Some(true), Some(true)));
    let new_period = done["preview"]["period"]["id"].as_i64().unwrap();
    assert!(done["preview"]["plan"]["id"].as_i64().is_some());

    let imported = table(&app, &token, new_period).await;
    assert_eq!(texts(&imported), texts(&original), "the imported table is the exported one");
    let rows = all_rows(&imported);
    assert_eq!(rows.len(), 70);
    assert_eq!(
        rows.iter().map(|r| r["departments"].as_array().unwrap().len()).sum::<usize>(),
        72,
        "72 row–department links"
    );
    assert_eq!(rows.iter().filter(|r| r["name"] == "健康相談").count(), 3);
    assert!(rows.iter().all(|r| r["state"] == "approved"), "a closed period's imported reports are approved");
    let departments =
        assert_json(app.get("/api/v1/departments?per_page=100", Some(&token)).await, StatusCode::OK).await;
    assert_eq!(departments["total"], 17);

    // Every change is in the audit log under the admin's name, and every report keeps the empty
    // version it was created with and the imported one.
    let mut conn = app.conn().await;
    let actors: Vec<Option<i64>> = audit_log::table
        .order(audit_log::id)
        .select(audit_log::actor_id)
        .offset(audited)
        .load(&mut conn)
        .await
        .unwrap();
    assert!(actors.len() > 70 * 3, "rows, links and reports are audited ({})", actors.len());
    assert!(actors.iter().all(|a| *a == Some(admin.id)), "every write of the import names the admin as its author");
    let imported_versions: Vec<Option<i64>> = report_versions::table
        .filter(report_versions::action.eq("import"))
        .select(report_versions::actor_id)
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(imported_versions.len(), 70);
    assert!(imported_versions.iter().all(|a| *a == Some(admin.id)));
    drop(conn);

    // The same file again changes nothing.
    let again = preview(&app, &token, "", XLSX, xlsx).await;
    assert_eq!(again["ok"], true);
    assert_eq!(again["preview"]["plan"]["action"], "unchanged");
    assert_eq!(again["preview"]["period"]["action"], "unchanged");
    assert_eq!(again["preview"]["changes"], json!([]));
    assert_eq!(again["preview"]["counts"]["rows"], json!({ "create": 0, "update": 0, "unchanged": 70 }));
}

#[tokio::test]
async fn a_preview_of_the_exported_file_against_the_seeded_database_reports_no_changes() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (plan, period) = first_half(&app, &admin).await;
    let audited = audit_rows(&app).await;
    for (ext, content_type, query) in [("xlsx", XLSX, String::new()), ("csv", CSV, format!("?plan_id={plan}"))] {
        let file = download(&app, &admin, period, ext).await;
        let p = preview(&app, &admin, &query, content_type, file).await;
        assert_eq!(p["ok"], true, "{ext}: {:#}", p["problems"]);
        let summary = &p["preview"];
        assert_eq!(
            summary["plan"],
            json!({ "id": plan, "municipality": "あきる野市", "name": "第2次自殺対策推進計画", "action": "unchanged", "fields": [] }),
            "{ext}"
        );
        assert_eq!(summary["period"]["id"], period);
        assert_eq!(summary["period"]["action"], "unchanged");
        assert_eq!(summary["period"]["state"], "closed");
        assert_eq!(summary["changes"], json!([]), "{ext}");
        assert_eq!(summary["departments_created"], json!([]));
        assert_eq!(summary["rows_not_in_file"], json!([]));
        assert_eq!(summary["counts"]["measures"], json!({ "create": 0, "update": 0, "unchanged": 10 }));
        assert_eq!(summary["counts"]["directions"], json!({ "create": 0, "update": 0, "unchanged": 13 }));
        assert_eq!(summary["counts"]["rows"], json!({ "create": 0, "update": 0, "unchanged": 70 }));
        assert_eq!(summary["counts"]["reports"], json!({ "create": 0, "update": 0, "unchanged": 70 }));
    }
    assert_eq!(audit_rows(&app).await, audited, "a preview writes nothing");
    let file = download(&app, &admin, period, "xlsx").await;
    let done = assert_json(commit(&app, &admin, "", XLSX, file).await, StatusCode::OK).await;
    assert_eq!(done["committed"], true);
    assert_eq!(audit_rows(&app).await, audited, "committing what is already stored writes nothing");
}

#[tokio::test]
async fn a_row_added_to_the_csv_file_is_created_in_its_place_with_its_report() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (plan, period) = first_half(&app, &admin).await;
    let csv = String::from_utf8(download(&app, &admin, period, "csv").await).unwrap();
    let added = "重点施策,1,高齢者の自殺対策の推進,,,高齢者の見守り訪問,高齢者支援課／健康課,ひとり暮らしの高齢者を訪問します。,9月末時点で延べ40件訪問した。,実施中,A,拡充,新規\r\n";
    let csv = format!("{csv}{added}");

    let p = preview(&app, &admin, &format!("?plan_id={plan}"), CSV, csv.clone().into_bytes()).await;
    assert_eq!(p["ok"], true, "{:#}", p["problems"]);
    assert_eq!(p["preview"]["counts"]["rows"], json!({ "create": 1, "update": 0, "unchanged": 70 }));
    assert_eq!(p["preview"]["counts"]["reports"], json!({ "create": 1, "update": 0, "unchanged": 70 }));
    let created: Vec<&Value> = p["preview"]["changes"].as_array().unwrap().iter().collect();
    assert_eq!(created.len(), 2);
    assert_eq!((created[0]["entity"].as_str(), created[0]["row"].as_u64()), (Some("row"), Some(72)));
    assert_eq!(created[1]["entity"], "report");

    assert_json(commit(&app, &admin, &format!("?plan_id={plan}"), CSV, csv.into_bytes()).await, StatusCode::OK).await;
    let t = table(&app, &admin, period).await;
    let priority =
        t["measures"].as_array().unwrap().iter().find(|m| m["heading"] == "重点施策1 高齢者の自殺対策の推進").unwrap();
    let rows = priority["sections"][0]["rows"].as_array().unwrap();
    let last = rows.last().unwrap();
    assert_eq!(last["name"], "高齢者の見守り訪問");
    assert_eq!(last["departments_label"], "高齢者支援課／健康課");
    assert_eq!(last["progress"], "9月末時点で延べ40件訪問した。");
    assert_eq!(
        (last["implementation_status"].as_str(), last["evaluation"].as_str(), last["future_direction"].as_str()),
        (Some("in_progress"), Some("A"), Some("expand"))
    );
    assert_eq!((last["remarks"].as_str(), last["state"].as_str()), (Some("新規"), Some("approved")));
    assert_eq!(all_rows(&t).len(), 71);
}

/// Asserts a refused commit: 422 problem+json whose problems include one at `column` of sheet row
/// `row` with `code`, and returns the problems.
async fn assert_refused(res: Response, row: Option<u64>, column: Option<&str>, code: &str) -> Vec<Value> {
    let body = assert_problem(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["code"], "import_refused");
    let problems = body["problems"].as_array().unwrap().clone();
    assert!(
        problems.iter().any(|p| p["row"].as_u64() == row && p["column"].as_str() == column && p["code"] == code),
        "a {code} problem at {column:?}{row:?}: {problems:#?}"
    );
    assert!(
        problems.iter().all(|p| p["message"].as_str().unwrap().chars().any(|c| c > '\u{3000}')),
        "Japanese messages"
    );
    assert_eq!(body["errors"].as_array().unwrap().len(), problems.len(), "each problem is also a field error");
    problems
}

#[tokio::test]
async fn a_file_with_a_missing_column_is_refused_cell_by_cell_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (_, period) = first_half(&app, &admin).await;
    let mut grid = cells(&download(&app, &admin, period, "xlsx").await);
    // A changed text that would be written if the file were accepted, and column E deleted.
    let edited = row_named(&grid, "健康教育");
    grid[edited][3] = "書き換えた進捗".into();
    for row in &mut grid {
        row.remove(4);
        row.push(String::new());
    }
    let first_header = grid.iter().position(|r| r[1] == "担当課").unwrap() as u64 + 1;
    let before = table(&app, &admin, period).await;
    let audited = audit_rows(&app).await;

    let p = preview(&app, &admin, "", XLSX, workbook(&grid)).await;
    assert_eq!(p["ok"], false);
    let res = commit(&app, &admin, "", XLSX, workbook(&grid)).await;
    let problems = assert_refused(res, Some(first_header), Some("E"), "missing_column").await;
    let missing = problems.iter().find(|p| p["code"] == "missing_column").unwrap();
    assert_eq!(missing["column_name"], "実施状況");
    assert!(missing["message"].as_str().unwrap().contains("「実施状況」の列がありません"), "{missing}");
    assert_eq!(problems.len(), 1, "the missing column is reported once, not for every measure or row: {problems:#?}");
    assert_eq!(p["problems"].as_array().unwrap().len(), problems.len(), "preview and commit report the same");

    assert_eq!(table(&app, &admin, period).await, before, "nothing was written");
    assert_eq!(audit_rows(&app).await, audited);
}

#[tokio::test]
async fn an_unknown_department_and_bad_cells_are_named_with_their_row_and_column() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (_, period) = first_half(&app, &admin).await;
    let mut grid = cells(&download(&app, &admin, period, "xlsx").await);
    let edited = row_named(&grid, "健康教育");
    grid[edited][3] = "書き換えた進捗".into();
    let unknown = row_named(&grid, "広報活動");
    grid[unknown][1] = "健康課／未来創造課".into();
    let bad = row_named(&grid, "公民館事業");
    grid[bad][4] = "完了した".into();
    grid[bad][5] = "Q".into();
    let missing = row_named(&grid, "図書館での資料の展示及びリーフレット配布");
    grid[missing][1] = "   ".into();
    grid[missing][2] = "内容だけ".into();
    let long = row_named(&grid, "市民相談事業");
    grid[long][0] = "長".repeat(201);
    let before = table(&app, &admin, period).await;
    let audited = audit_rows(&app).await;

    let res = commit(&app, &admin, "", XLSX, workbook(&grid)).await;
    let row = |i: usize| Some(i as u64 + 1);
    let problems = assert_refused(res, row(unknown), Some("B"), "unknown_department").await;
    let find = |code: &str, r: usize, col: &str| {
        problems
            .iter()
            .find(|p| p["code"] == code && p["row"].as_u64() == row(r) && p["column"] == col)
            .unwrap_or_else(|| panic!("{code} at {col}{}: {problems:#?}", r + 1))
            .clone()
    };
    assert!(find("unknown_department", unknown, "B")["message"].as_str().unwrap().contains("未来創造課"));
    assert!(find("unknown_label", bad, "E")["message"].as_str().unwrap().contains("未着手・実施中・実施済・予定"));
    assert!(find("invalid_evaluation", bad, "F")["message"].as_str().unwrap().contains("F・S・A・B・C・X・Y・Z"));
    assert_eq!(find("required", missing, "B")["column_name"], "担当課");
    assert!(find("too_long", long, "A")["message"].as_str().unwrap().contains("200文字以内"));
    assert_eq!(problems.len(), 5, "{problems:#?}");
    let rows: Vec<u64> = problems.iter().map(|p| p["row"].as_u64().unwrap()).collect();
    assert!(rows.windows(2).all(|w| w[0] <= w[1]), "problems in file order");

    assert_eq!(table(&app, &admin, period).await, before, "nothing was written");
    assert_eq!(audit_rows(&app).await, audited);
}

#[tokio::test]
async fn ten_thousand_blank_rows_get_one_clear_problem_quickly() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (plan, period) = first_half(&app, &admin).await;
    let mut grid = cells(&download(&app, &admin, period, "xlsx").await);
    let at = row_named(&grid, "健康教育");
    grid[at][3] = "書き換えた進捗".into();
    // Cells with a space look empty in Excel; ten thousand of them before the last measure.
    let blank: Vec<Vec<String>> = (0..10_000).map(|_| vec![" ".to_owned(); 8]).collect();
    grid.splice(at + 1..at + 1, blank);
    let xlsx = workbook(&grid);
    let audited = audit_rows(&app).await;
    let before = table(&app, &admin, period).await;

    let started = Instant::now();
    let p = preview(&app, &admin, "", XLSX, xlsx.clone()).await;
    assert!(started.elapsed() < Duration::from_secs(10), "answered in {:?}", started.elapsed());
    assert_eq!(p["ok"], false);
    assert_eq!(p["preview"], Value::Null);
    let problems = p["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["code"], "too_many_empty_rows");
    assert_eq!(problems[0]["row"], at as u64 + 2, "the first empty row");
    assert!(problems[0]["message"].as_str().unwrap().contains("空の行が1000行を超えて"), "{}", problems[0]["message"]);
    assert_refused(commit(&app, &admin, "", XLSX, xlsx).await, Some(at as u64 + 2), None, "too_many_empty_rows").await;

    // The same in a CSV file.
    let csv = String::from_utf8(download(&app, &admin, period, "csv").await).unwrap();
    let (head, rest) = csv.split_once("\r\n").unwrap();
    let csv = format!("{head}\r\n{}{rest}", ",,,,,,,,,,,,\r\n".repeat(10_000));
    let started = Instant::now();
    let p = preview(&app, &admin, &format!("?plan_id={plan}"), CSV, csv.into_bytes()).await;
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(p["problems"][0]["code"], "too_many_empty_rows");
    assert_eq!(p["problems"][0]["row"], 2);

    assert_eq!(table(&app, &admin, period).await, before);
    assert_eq!(audit_rows(&app).await, audited);
}

#[tokio::test]
async fn a_file_over_20_mb_is_refused_with_413_before_it_is_read() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (plan, _) = first_half(&app, &admin).await;
    let audited = audit_rows(&app).await;
    let thirty_mb = vec![b'a'; 30 * 1024 * 1024];
    for (path, content_type) in
        [("/api/v1/imports/preview", XLSX), ("/api/v1/imports/commit", XLSX), ("/api/v1/imports/commit", CSV)]
    {
        let res = upload(&app, Some(&admin), &format!("{path}?plan_id={plan}"), content_type, thirty_mb.clone()).await;
        let p = assert_problem(res, StatusCode::PAYLOAD_TOO_LARGE).await;
        assert_eq!(p["code"], "payload_too_large");
        assert!(p["detail"].as_str().unwrap().contains("20MB"), "{}", p["detail"]);
    }
    assert_eq!(audit_rows(&app).await, audited);
}

#[tokio::test]
async fn files_that_are_not_a_table_get_a_clear_answer() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (plan, period) = first_half(&app, &admin).await;

    let p = assert_problem(
        upload(&app, Some(&admin), "/api/v1/imports/preview", "application/pdf", b"%PDF".to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("text/csv"));
    let csv = download(&app, &admin, period, "csv").await;
    let p = assert_problem(
        upload(&app, Some(&admin), "/api/v1/imports/preview", CSV, csv.clone()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["plan_id"]);
    assert_problem(
        upload(&app, Some(&admin), "/api/v1/imports/preview?plan_id=999999", CSV, csv).await,
        StatusCode::NOT_FOUND,
    )
    .await;

    // 「施策区分」 in Shift_JIS, as Excel saves a plain CSV on a Japanese PC.
    let sjis = vec![0x8E, 0x7B, 0x8D, 0xF4, 0x8B, 0xE6, 0x95, 0xAA, b'\r', b'\n'];
    let p = preview(&app, &admin, &format!("?plan_id={plan}"), CSV, sjis).await;
    assert_eq!(p["ok"], false);
    assert_eq!(p["problems"][0]["code"], "encoding");
    assert!(p["problems"][0]["message"].as_str().unwrap().contains("文字コードはUTF-8で保存してください"));

    let p = preview(&app, &admin, "", XLSX, b"PK\x03\x04 not really a zip".to_vec()).await;
    assert_eq!(p["problems"][0]["code"], "unreadable");
}

#[tokio::test]
async fn a_csv_round_trip_updates_a_progress_text_of_the_existing_plan() {
    let app = TestApp::spawn().await;
    let admin_user = app.admin().await;
    let admin = app.login(&admin_user).await.access;
    let (plan, period) = first_half(&app, &admin).await;
    let csv = download(&app, &admin, period, "csv").await;

    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut old = String::new();
    for record in reader.records() {
        let mut record: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        if record[5] == "健康教育" {
            old = record[8].clone();
            record[8] = "健康づくり活動の中で、相談窓口のリーフレットを配布した。\n（9月末時点で延べ120人）".into();
        }
        writer.write_record(&record).unwrap();
    }
    let edited = writer.into_inner().unwrap();
    assert!(!old.is_empty());

    let p = preview(&app, &admin, &format!("?plan_id={plan}"), CSV, edited.clone()).await;
    assert_eq!(p["ok"], true, "{:#}", p["problems"]);
    let changes = p["preview"]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["entity"], "report");
    assert_eq!(changes[0]["action"], "update");
    assert_eq!(changes[0]["label"], "基本施策3 ① 健康教育");
    assert_eq!(
        changes[0]["fields"],
        json!([{ "field": "progress", "label": "取組進捗状況", "from": old, "to": "健康づくり活動の中で、相談窓口のリーフレットを配布した。\n（9月末時点で延べ120人）" }])
    );
    assert_eq!(p["preview"]["counts"]["reports"], json!({ "create": 0, "update": 1, "unchanged": 69 }));

    let last_audit_id: i64 = audit_log::table
        .select(diesel::dsl::max(audit_log::id))
        .first::<Option<i64>>(&mut app.conn().await)
        .await
        .unwrap()
        .unwrap_or(0);
    let done = assert_json(commit(&app, &admin, &format!("?plan_id={plan}"), CSV, edited).await, StatusCode::OK).await;
    assert_eq!(done["committed"], true);
    let rows = all_rows(&table(&app, &admin, period).await);
    let row = rows.iter().find(|r| r["name"] == "健康教育").unwrap();
    assert_eq!(row["progress"], "健康づくり活動の中で、相談窓口のリーフレットを配布した。\n（9月末時点で延べ120人）");
    assert_eq!(row["state"], "approved");

    // The history keeps the seed's text and the imported one, with the admin as its author.
    let versions = assert_json(
        app.get(&format!("/api/v1/reports/{}/versions", row["report_id"]), Some(&admin)).await,
        StatusCode::OK,
    )
    .await;
    let versions = versions.as_array().unwrap();
    let last = versions.last().unwrap();
    assert_eq!(last["action"], "import");
    assert_eq!(last["actor_id"], admin_user.id);
    assert_eq!(versions[versions.len() - 2]["progress"], old);
    let written: Vec<Option<i64>> = audit_log::table
        .filter(audit_log::entity.eq("reports"))
        .filter(audit_log::entity_id.eq(row["report_id"].to_string()))
        .filter(audit_log::action.eq("update"))
        .filter(audit_log::id.gt(last_audit_id))
        .select(audit_log::actor_id)
        .load(&mut app.conn().await)
        .await
        .unwrap();
    assert_eq!(written, [Some(admin_user.id)], "one audited write, by the admin");
}

#[tokio::test]
async fn importing_into_an_open_period_keeps_each_reports_state_and_refuses_approved_ones() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (plan, _) = first_half(&app, &admin).await;
    let body = json!({ "fiscal_year": 2025, "kind": "full_year", "opens_on": "2026-03-01", "deadline": "2099-04-15" });
    let period =
        assert_json(app.post(&format!("/api/v1/plans/{plan}/periods"), Some(&admin), &body).await, StatusCode::CREATED)
            .await["id"]
            .as_i64()
            .unwrap();
    assert_json(app.post(&format!("/api/v1/periods/{period}/open"), Some(&admin), &json!({})).await, StatusCode::OK)
        .await;

    let mut grid = cells(&download(&app, &admin, period, "xlsx").await);
    assert_eq!(grid[0][0], "施策別事業進行管理表（令和7年度3月末まで）");
    let draft = row_named(&grid, "健康教育");
    grid[draft][3] = "年間の報告".into();
    grid[draft][4] = "実施済".into();
    grid[draft][5] = "A".into();
    grid[draft][6] = "継続".into();
    let p = preview(&app, &admin, "", XLSX, workbook(&grid)).await;
    assert_eq!(p["ok"], true, "{:#}", p["problems"]);
    assert_eq!(p["preview"]["period"]["state"], "open");
    assert_eq!(p["preview"]["counts"]["reports"], json!({ "create": 0, "update": 1, "unchanged": 69 }));
    let fields: Vec<&str> =
        p["preview"]["changes"][0]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        ["progress", "implementation_status", "evaluation", "future_direction"],
        "no state change in an open period"
    );
    assert_json(commit(&app, &admin, "", XLSX, workbook(&grid)).await, StatusCode::OK).await;
    let rows = all_rows(&table(&app, &admin, period).await);
    let row = rows.iter().find(|r| r["name"] == "健康教育").unwrap();
    assert_eq!((row["progress"].as_str(), row["state"].as_str()), (Some("年間の報告"), Some("draft")));
    assert_eq!(
        (row["implementation_status"].as_str(), row["evaluation"].as_str(), row["future_direction"].as_str()),
        (Some("done"), Some("A"), Some("continue"))
    );

    // An approved report is not overwritten: the secretariat reopens it first.
    let approved = rows.iter().find(|r| r["name"] == "広報活動").unwrap()["report_id"].as_i64().unwrap();
    diesel::update(reports::table.find(approved))
        .set(reports::state.eq(shinko_db::enums::ReportState::Approved))
        .execute(&mut app.conn().await)
        .await
        .unwrap();
    let target = row_named(&grid, "広報活動");
    grid[target][3] = "承認済みを上書き".into();
    let before = table(&app, &admin, period).await;
    assert_refused(
        commit(&app, &admin, "", XLSX, workbook(&grid)).await,
        Some(target as u64 + 1),
        Some("D"),
        "report_approved",
    )
    .await;
    assert_eq!(table(&app, &admin, period).await, before);
}

#[tokio::test]
async fn only_admins_may_import() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (_, period) = first_half(&app, &admin).await;
    let xlsx = download(&app, &admin, period, "xlsx").await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let viewer = app.token(UserRole::Viewer, None).await;
    for path in ["/api/v1/imports/preview", "/api/v1/imports/commit"] {
        assert_problem(upload(&app, Some(&editor), path, XLSX, xlsx.clone()).await, StatusCode::FORBIDDEN).await;
        assert_problem(upload(&app, Some(&viewer), path, XLSX, xlsx.clone()).await, StatusCode::FORBIDDEN).await;
        assert_problem(upload(&app, None, path, XLSX, xlsx.clone()).await, StatusCode::UNAUTHORIZED).await;
    }
}
