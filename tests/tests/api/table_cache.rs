//! The compiled table is served from memory, yet never stale: a read after an acknowledged
//! write shows the write.

use reqwest::StatusCode;
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_tests::cycle::{days_from_today, open_full_year, reports_of, save};
use shinko_tests::*;

async fn table(app: &TestApp, token: &str, period: i64, etag: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(app.url(&format!("/api/v1/periods/{period}/table"))).bearer_auth(token);
    if let Some(tag) = etag {
        req = req.header("if-none-match", tag);
    }
    req.send().await.unwrap()
}

fn progress_of(table: &Value, row_id: i64) -> String {
    for m in table["measures"].as_array().unwrap() {
        for s in m["sections"].as_array().unwrap() {
            for r in s["rows"].as_array().unwrap() {
                if r["row_id"] == row_id {
                    return r["progress"].as_str().unwrap().to_owned();
                }
            }
        }
    }
    panic!("row {row_id} not in the table")
}

#[tokio::test]
async fn a_read_after_an_acknowledged_write_shows_it_and_the_old_etag_no_longer_matches() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let period = open_full_year(&app, &admin, days_from_today(14)).await;
    let report = reports_of(&app, &editor, period, app.department_id("健康課").await).await.remove(0);
    let (report_id, row_id) = (report["id"].as_i64().unwrap(), report["row"]["id"].as_i64().unwrap());

    let first = table(&app, &editor, period, None).await;
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(progress_of(&assert_json(first, StatusCode::OK).await, row_id), "");
    assert_eq!(table(&app, &editor, period, Some(&tag)).await.status(), StatusCode::NOT_MODIFIED);
    // Served again from memory: the same bytes.
    let again = table(&app, &editor, period, None).await;
    assert_eq!(again.headers()["etag"].to_str().unwrap(), tag);

    for n in 1..=5 {
        let text = format!("第{n}版の取組進捗状況");
        save(&app, &editor, report_id, &text).await;
        let after = table(&app, &editor, period, Some(&tag)).await;
        assert_eq!(after.status(), StatusCode::OK, "the old ETag no longer matches after write {n}");
        assert_ne!(after.headers()["etag"].to_str().unwrap(), tag);
        assert_eq!(progress_of(&assert_json(after, StatusCode::OK).await, row_id), text);
    }
}

#[tokio::test]
async fn renaming_a_department_shows_in_every_cached_table() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let plans = assert_json(app.get("/api/v1/plans", Some(&admin)).await, StatusCode::OK).await;
    let plan = plans["items"][0]["id"].as_i64().unwrap();
    let periods =
        assert_json(app.get(&format!("/api/v1/plans/{plan}/periods"), Some(&admin)).await, StatusCode::OK).await;
    let period = periods[0]["id"].as_i64().unwrap();
    let before = assert_json(table(&app, &admin, period, None).await, StatusCode::OK).await;
    assert!(before.to_string().contains("健康課／福祉総務課"));
    let welfare = app.department_id("福祉総務課").await;
    assert_json(
        app.patch(&format!("/api/v1/departments/{welfare}"), Some(&admin), &json!({ "name": "地域福祉課" })).await,
        StatusCode::OK,
    )
    .await;
    let after = assert_json(table(&app, &admin, period, None).await, StatusCode::OK).await;
    assert!(after.to_string().contains("健康課／地域福祉課"));
}

#[tokio::test]
async fn a_weak_etag_of_the_current_table_gets_304() {
    let app = TestApp::spawn().await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let plans = assert_json(app.get("/api/v1/plans", Some(&viewer)).await, StatusCode::OK).await;
    let plan = plans["items"][0]["id"].as_i64().unwrap();
    let periods =
        assert_json(app.get(&format!("/api/v1/plans/{plan}/periods"), Some(&viewer)).await, StatusCode::OK).await;
    let period = periods[0]["id"].as_i64().unwrap();
    let first = table(&app, &viewer, period, None).await;
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    let weak = format!("W/{tag}");
    assert_eq!(table(&app, &viewer, period, Some(&weak)).await.status(), StatusCode::NOT_MODIFIED);
    let listed = format!("\"older\", {weak}");
    assert_eq!(table(&app, &viewer, period, Some(&listed)).await.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(table(&app, &viewer, period, Some("W/\"older\"")).await.status(), StatusCode::OK);
}
