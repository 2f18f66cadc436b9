//! The table's downloads (Excel, CSV, JSON, print page) keep the customer's table: read back with
//! other libraries than the ones that wrote them, they hold the seed's rows in the seed's order.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_tests::*;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const TITLE: &str = "施策別事業進行管理表（令和7年度9月末まで）";
const PROGRESS_HEADER: &str = "取組進捗状況（令和7年9月末まで）";

/// One row of the seed as the table prints it: name, 担当課 joined with ／, 内容, 取組進捗状況.
#[derive(Debug, Clone, PartialEq)]
struct SeedRow {
    name: String,
    departments: String,
    content: String,
    progress: String,
}

struct Seed {
    rows: Vec<SeedRow>,
    /// ①自殺対策に関するネットワークを強化する, … in order.
    directions: Vec<String>,
}

fn seed() -> Seed {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/plan-r7-h1.json");
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let circled = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"];
    let (mut rows, mut directions) = (Vec::new(), Vec::new());
    for measure in plan["measures"].as_array().unwrap() {
        for direction in measure["directions"].as_array().unwrap() {
            if let Some(n) = direction["number"].as_u64() {
                directions.push(format!("{}{}", circled[n as usize - 1], direction["title"].as_str().unwrap()));
            }
            for row in direction["initiatives"].as_array().unwrap() {
                let departments: Vec<&str> =
                    row["departments"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
                rows.push(SeedRow {
                    name: row["name"].as_str().unwrap().into(),
                    departments: departments.join("／"),
                    content: row["content"].as_str().unwrap().into(),
                    progress: row["progress"].as_str().unwrap().into(),
                });
            }
        }
    }
    Seed { rows, directions }
}

/// The id of the seeded 令和7年度 上半期.
async fn first_half(app: &TestApp, token: &str) -> i64 {
    let plans = assert_json(app.get("/api/v1/plans", Some(token)).await, StatusCode::OK).await;
    let plan = plans["items"][0]["id"].as_i64().unwrap();
    let periods =
        assert_json(app.get(&format!("/api/v1/plans/{plan}/periods"), Some(token)).await, StatusCode::OK).await;
    periods.as_array().unwrap().iter().find(|p| p["kind"] == "first_half").unwrap()["id"].as_i64().unwrap()
}

fn header(res: &Response, name: &str) -> String {
    res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Asserts a download of `content_type` named in Japanese and in ASCII, and returns its body.
async fn download(res: Response, content_type: &str, period: i64, ext: &str) -> Vec<u8> {
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "content-type"), content_type);
    assert!(!header(&res, "etag").is_empty(), "an ETag");
    let disposition = header(&res, "content-disposition");
    // The print page opens in the browser; the files download.
    let expected = if ext == "html" { "inline;" } else { "attachment;" };
    assert!(disposition.starts_with(expected), "{disposition}");
    assert!(disposition.contains(&format!("filename=\"shinko-table-{period}.{ext}\"")), "{disposition}");
    let encoded = disposition.split("filename*=UTF-8''").nth(1).unwrap_or_else(|| panic!("filename* in {disposition}"));
    let encoded = encoded.split(';').next().unwrap().trim();
    assert!(encoded.is_ascii(), "{encoded}");
    assert_eq!(percent_decode(encoded), format!("施策別事業進行管理表_令和7年度9月末.{ext}"));
    res.bytes().await.unwrap().to_vec()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[tokio::test]
async fn the_xlsx_export_of_the_first_half_holds_the_seeds_70_rows_directions_and_headers_in_order() {
    let app = TestApp::spawn().await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let period = first_half(&app, &viewer).await;
    let body =
        download(app.get(&format!("/api/v1/periods/{period}/table.xlsx"), Some(&viewer)).await, XLSX, period, "xlsx")
            .await;

    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(body)).expect("calamine reads the workbook");
    assert_eq!(book.sheet_names(), vec!["進行管理表".to_owned()]);
    let print_titles =
        book.defined_names().iter().find(|(name, _)| name == "_xlnm.Print_Titles").map(|(_, v)| v.clone());
    assert_eq!(print_titles.as_deref(), Some("進行管理表!$1:$2"), "rows 1–2 repeat on every page");
    let range = book.worksheet_range("進行管理表").unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 8), "eight columns A:H");

    assert_eq!(rows[0][0], TITLE);
    assert_eq!(rows[1][0], "あきる野市 第2次自殺対策推進計画");
    assert_eq!(rows[2][0], "基本施策1 地域におけるネットワークの強化");
    assert!(rows[3][0].starts_with("保健・福祉・医療・労働・教育等"), "the description follows the heading");
    assert_eq!(rows[4], ["会議名", "担当課", "内容", PROGRESS_HEADER, "実施状況", "評価", "今後の方向性", "備考"]);

    let rest_empty = |r: &Vec<String>| r[1..].iter().all(String::is_empty);
    let headings: Vec<&str> = rows
        .iter()
        .filter(|r| rest_empty(r) && (r[0].starts_with("基本施策") || r[0].starts_with("重点施策")))
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(headings.len(), 10, "{headings:?}");
    assert_eq!(headings[3], "基本施策4 自殺未遂者への支援の充実");
    assert_eq!(headings[9], "重点施策4 子ども・若者の自殺対策の推進");
    let header_rows: Vec<&Vec<String>> = rows.iter().filter(|r| r[1] == "担当課").collect();
    assert_eq!(header_rows.len(), 10);
    assert!(header_rows.iter().all(|r| r[3] == PROGRESS_HEADER));
    assert_eq!(
        header_rows.iter().filter(|r| r[0] == "会議名").count(),
        1,
        "only 基本施策1 names its first column 会議名"
    );
    let table_titles: Vec<&str> =
        rows.iter().filter(|r| r[0].starts_with("表中の施策名：")).map(|r| r[0].as_str()).collect();
    assert_eq!(table_titles, ["表中の施策名：自殺未遂者等への支援の充実", "表中の施策名：遺された人々への支援の充実"]);

    let seed = seed();
    let directions: Vec<String> =
        rows.iter().filter(|r| rest_empty(r) && r[0].starts_with(['①', '②', '③'])).map(|r| r[0].clone()).collect();
    assert_eq!(directions.len(), 13);
    assert_eq!(directions, seed.directions);
    let data: Vec<SeedRow> = rows
        .iter()
        .filter(|r| !r[1].is_empty() && r[1] != "担当課")
        .map(|r| SeedRow {
            name: r[0].clone(),
            departments: r[1].clone(),
            content: r[2].clone(),
            progress: r[3].clone(),
        })
        .collect();
    assert_eq!(data.len(), 70);
    for (i, (got, want)) in data.iter().zip(&seed.rows).enumerate() {
        assert_eq!(got, want, "row {}", i + 1);
    }
    assert!(data.iter().any(|r| r.departments == "健康課／福祉総務課"), "co-owned rows name both departments");

    let merged = book.merge_cells_by_sheet_name("進行管理表").unwrap();
    let spans_a_to_h = |row: usize| merged.iter().any(|d| d.start == (row as u32, 0) && d.end == (row as u32, 7));
    assert!(spans_a_to_h(0) && spans_a_to_h(1), "the title rows span A:H");
    for (i, r) in rows.iter().enumerate() {
        if rest_empty(r) && !r[0].is_empty() {
            assert!(spans_a_to_h(i), "row {} ({}) spans A:H", i + 1, r[0]);
        }
    }
}

#[tokio::test]
async fn the_csv_export_has_a_bom_a_header_and_70_lines_that_parse_back_to_the_seeds_texts() {
    let app = TestApp::spawn().await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let period = first_half(&app, &viewer).await;
    let body = download(
        app.get(&format!("/api/v1/periods/{period}/table.csv"), Some(&viewer)).await,
        "text/csv; charset=utf-8",
        period,
        "csv",
    )
    .await;

    assert!(body.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark");
    let text = String::from_utf8(body[3..].to_vec()).unwrap();
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches("\r\n").count(), 71, "header + 70 lines, each ended by CRLF");
    assert_eq!(text.replace("\r\n", "").matches('\r').count(), 0, "no bare CR");

    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        headers,
        [
            "施策区分",
            "施策番号",
            "施策名",
            "取組の方向番号",
            "取組の方向",
            "取組項目",
            "担当課",
            "内容",
            PROGRESS_HEADER,
            "実施状況",
            "評価",
            "今後の方向性",
            "備考"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 70);
    let seed = seed();
    for (i, (record, want)) in records.iter().zip(&seed.rows).enumerate() {
        assert_eq!(record.len(), 13);
        let got = SeedRow {
            name: record[5].into(),
            departments: record[6].into(),
            content: record[7].into(),
            progress: record[8].into(),
        };
        assert_eq!(&got, want, "line {}", i + 2);
    }
    assert_eq!(
        &records[0].iter().take(5).collect::<Vec<_>>(),
        &["基本施策", "1", "地域におけるネットワークの強化", "1", "自殺対策に関するネットワークを強化する"]
    );
    let priority = records.iter().find(|r| &r[0] == "重点施策").unwrap();
    assert_eq!(
        (&priority[1], &priority[3], &priority[4]),
        ("1", "", ""),
        "rows directly under a 重点施策 have no direction"
    );
    let attempted = records.iter().find(|r| &r[0] == "基本施策" && &r[1] == "4").unwrap();
    assert_eq!(&attempted[2], "自殺未遂者への支援の充実");
}

#[tokio::test]
async fn the_json_export_is_the_compiled_table_as_a_download() {
    let app = TestApp::spawn().await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let period = first_half(&app, &viewer).await;
    let body = download(
        app.get(&format!("/api/v1/periods/{period}/table.json"), Some(&viewer)).await,
        "application/json",
        period,
        "json",
    )
    .await;
    let exported: Value = serde_json::from_slice(&body).unwrap();
    let table =
        assert_json(app.get(&format!("/api/v1/periods/{period}/table"), Some(&viewer)).await, StatusCode::OK).await;
    assert_eq!(exported, table);
    assert_eq!(exported["title"], TITLE);
}

#[tokio::test]
async fn the_print_page_is_a_standalone_japanese_page_that_escapes_what_departments_write() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let plans = assert_json(app.get("/api/v1/plans", Some(&admin)).await, StatusCode::OK).await;
    let plan = plans["items"][0]["id"].as_i64().unwrap();
    let first = first_half(&app, &admin).await;

    let res = app.get(&format!("/api/v1/periods/{first}/table/print"), Some(&admin)).await;
    let body = download(res, "text/html; charset=utf-8", first, "html").await;
    let html = String::from_utf8(body).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(html.contains(TITLE));
    assert!(html.contains(PROGRESS_HEADER));
    assert!(!html.contains("http://") && !html.contains("https://"), "nothing from outside the closed network");
    assert!(!html.contains("<script"), "no scripts");
    assert!(html.contains("@page"));
    assert_eq!(html.matches("<tr class=\"direction\">").count(), 13);

    // A department writes markup into an open period: the page shows it as text.
    let body = json!({ "fiscal_year": 2025, "kind": "full_year", "opens_on": "2026-03-01", "deadline": "2099-04-15" });
    let period =
        assert_json(app.post(&format!("/api/v1/plans/{plan}/periods"), Some(&admin), &body).await, StatusCode::CREATED)
            .await;
    let period = period["id"].as_i64().unwrap();
    assert_json(app.post(&format!("/api/v1/periods/{period}/open"), Some(&admin), &json!({})).await, StatusCode::OK)
        .await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let reports = assert_json(
        app.get(&format!("/api/v1/periods/{period}/reports?per_page=100"), Some(&editor)).await,
        StatusCode::OK,
    )
    .await;
    let report = reports["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"]["name"] == "あきる野市自殺対策推進協議会")
        .unwrap()["id"]
        .clone();
    let res = app.get(&format!("/api/v1/reports/{report}"), Some(&editor)).await;
    let etag = header(&res, "etag");
    let progress = "<script>alert('x')</script> & <b>太字</b>";
    let content = json!({ "progress": progress, "implementation_status": "done", "evaluation": null, "future_direction": null, "remarks": "" });
    let saved = app
        .client
        .put(app.url(&format!("/api/v1/reports/{report}")))
        .bearer_auth(&editor)
        .header("if-match", etag)
        .json(&content)
        .send()
        .await
        .unwrap();
    assert_json(saved, StatusCode::OK).await;

    let html = app.get(&format!("/api/v1/periods/{period}/table/print"), Some(&editor)).await.text().await.unwrap();
    assert!(!html.contains("<script") && !html.contains("<b>"), "the text is not markup");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;太字&lt;/b&gt;"));
    assert!(html.contains("<td class=\"label\">実施済</td>"));
}

#[tokio::test]
async fn downloads_need_a_signed_in_user() {
    let app = TestApp::spawn().await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let period = first_half(&app, &viewer).await;
    for path in ["table.xlsx", "table.csv", "table.json", "table/print"] {
        assert_problem(app.get(&format!("/api/v1/periods/{period}/{path}"), None).await, StatusCode::UNAUTHORIZED)
            .await;
        assert_problem(
            app.get(&format!("/api/v1/periods/{period}/{path}"), Some("not-a-token")).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        assert_problem(app.get(&format!("/api/v1/periods/999999/{path}"), Some(&viewer)).await, StatusCode::NOT_FOUND)
            .await;
    }
}

#[tokio::test]
async fn if_none_match_with_the_etag_of_a_download_gives_304() {
    let app = TestApp::spawn().await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let period = first_half(&app, &viewer).await;
    for path in ["table.xlsx", "table.csv", "table.json", "table/print"] {
        let url = app.url(&format!("/api/v1/periods/{period}/{path}"));
        let first = app.client.get(&url).bearer_auth(&viewer).send().await.unwrap();
        assert_eq!(first.status(), StatusCode::OK);
        let etag = header(&first, "etag");
        let again = app.client.get(&url).bearer_auth(&viewer).send().await.unwrap();
        assert_eq!(header(&again, "etag"), etag, "{path}: the same table gives the same bytes");
        let cached = app.client.get(&url).bearer_auth(&viewer).header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(cached.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert!(cached.bytes().await.unwrap().is_empty());
        let stale = app
            .client
            .get(&url)
            .bearer_auth(&viewer)
            .header("if-none-match", "\"something-else\"")
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn a_department_filter_exports_only_that_departments_rows() {
    let app = TestApp::spawn().await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let period = first_half(&app, &viewer).await;
    let department = app.department_id("福祉総務課").await;
    let want: Vec<SeedRow> =
        seed().rows.into_iter().filter(|r| r.departments.split('／').any(|d| d == "福祉総務課")).collect();
    assert!(
        want.len() >= 2 && want.iter().any(|r| r.departments.contains('／')),
        "the filter also keeps co-owned rows"
    );

    let res = app.get(&format!("/api/v1/periods/{period}/table.csv?department_id={department}"), Some(&viewer)).await;
    let body = download(res, "text/csv; charset=utf-8", period, "csv").await;
    let mut reader = csv::Reader::from_reader(&body[3..]);
    let got: Vec<SeedRow> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            SeedRow { name: r[5].into(), departments: r[6].into(), content: r[7].into(), progress: r[8].into() }
        })
        .collect();
    assert_eq!(got, want);

    let res = app.get(&format!("/api/v1/periods/{period}/table.xlsx?department_id={department}"), Some(&viewer)).await;
    let body = download(res, XLSX, period, "xlsx").await;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(body)).unwrap();
    let range = book.worksheet_range("進行管理表").unwrap();
    let names: Vec<String> =
        range.rows().filter(|r| !text(&r[1]).is_empty() && text(&r[1]) != "担当課").map(|r| text(&r[0])).collect();
    assert_eq!(names, want.iter().map(|r| r.name.clone()).collect::<Vec<_>>());

    let html = app
        .get(&format!("/api/v1/periods/{period}/table/print?department_id={department}"), Some(&viewer))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("あきる野市自殺対策推進協議会"), "健康課's rows are left out");
    assert!(want.iter().all(|r| html.contains(&r.name)));

    let bad = app.get(&format!("/api/v1/periods/{period}/table.csv?department=1"), Some(&viewer)).await;
    assert!(
        matches!(bad.status(), StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY),
        "unknown filters are refused: {}",
        bad.status()
    );
}
