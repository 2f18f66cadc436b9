//! Steps of the reporting cycle through the API, for tests that need a period or a report in a
//! given state: open the 年間 period, find reports, save, submit, return and approve with If-Match.

use chrono::{Days, NaiveDate};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::{assert_json, TestApp};

/// Today in Japan, the calendar the deadlines are in.
pub fn today() -> NaiveDate {
    shinko_api::reporting::today_in_japan(chrono::Utc::now())
}

/// `today` plus (or, negative, minus) `days`.
pub fn days_from_today(days: i64) -> NaiveDate {
    if days >= 0 {
        today() + Days::new(days as u64)
    } else {
        today() - Days::new(days.unsigned_abs())
    }
}

/// The id of the seeded plan.
pub async fn plan_id(app: &TestApp, token: &str) -> i64 {
    let plans = assert_json(app.get("/api/v1/plans", Some(token)).await, StatusCode::OK).await;
    plans["items"][0]["id"].as_i64().expect("the seed plan")
}

/// The seeded 令和7年度 上半期 period (closed, every report approved).
pub async fn first_half_id(app: &TestApp, token: &str) -> i64 {
    let plan = plan_id(app, token).await;
    let periods =
        assert_json(app.get(&format!("/api/v1/plans/{plan}/periods"), Some(token)).await, StatusCode::OK).await;
    periods.as_array().unwrap().iter().find(|p| p["kind"] == "first_half").expect("the seeded 上半期")["id"]
        .as_i64()
        .unwrap()
}

/// Creates the 令和7年度 年間 period with this deadline and opens it (every row gets a draft).
pub async fn open_full_year(app: &TestApp, admin: &str, deadline: NaiveDate) -> i64 {
    let plan = plan_id(app, admin).await;
    let opens_on = deadline.min(today());
    let body = json!({ "fiscal_year": 2025, "kind": "full_year", "opens_on": opens_on, "deadline": deadline });
    let period =
        assert_json(app.post(&format!("/api/v1/plans/{plan}/periods"), Some(admin), &body).await, StatusCode::CREATED)
            .await;
    let id = period["id"].as_i64().unwrap();
    assert_json(app.post(&format!("/api/v1/periods/{id}/open"), Some(admin), &json!({})).await, StatusCode::OK).await;
    id
}

/// The reports of a department's rows in a period (all of them, table order).
pub async fn reports_of(app: &TestApp, token: &str, period: i64, department_id: i64) -> Vec<Value> {
    let page = assert_json(
        app.get(&format!("/api/v1/periods/{period}/reports?department_id={department_id}&per_page=100"), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    page["items"].as_array().unwrap().clone()
}

/// The current ETag of a report.
pub async fn etag(app: &TestApp, token: &str, report: i64) -> String {
    let res = app.get(&format!("/api/v1/reports/{report}"), Some(token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.headers().get("etag").expect("an ETag").to_str().unwrap().to_owned()
}

/// A workflow request with the report's current ETag in If-Match.
async fn send(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: String,
    report: i64,
    body: Value,
) -> reqwest::Response {
    let tag = etag(app, token, report).await;
    app.client
        .request(method, app.url(&path))
        .bearer_auth(token)
        .header("If-Match", tag)
        .json(&body)
        .send()
        .await
        .expect("request sent")
}

/// Saves `progress` as the report's text.
pub async fn save(app: &TestApp, token: &str, report: i64, progress: &str) -> Value {
    let body = json!({ "progress": progress, "implementation_status": null, "evaluation": null, "future_direction": null, "remarks": "" });
    assert_json(
        send(app, token, reqwest::Method::PUT, format!("/api/v1/reports/{report}"), report, body).await,
        StatusCode::OK,
    )
    .await
}

/// Submits the report (提出).
pub async fn submit(app: &TestApp, token: &str, report: i64) -> Value {
    assert_json(
        send(app, token, reqwest::Method::POST, format!("/api/v1/reports/{report}/submit"), report, json!({})).await,
        StatusCode::OK,
    )
    .await
}

/// Returns the report with a comment (差戻し).
pub async fn return_report(app: &TestApp, token: &str, report: i64, comment: &str) -> Value {
    let body = json!({ "comment": comment });
    assert_json(
        send(app, token, reqwest::Method::POST, format!("/api/v1/reports/{report}/return"), report, body).await,
        StatusCode::OK,
    )
    .await
}

/// Approves the report (承認).
pub async fn approve(app: &TestApp, token: &str, report: i64) -> Value {
    assert_json(
        send(app, token, reqwest::Method::POST, format!("/api/v1/reports/{report}/approve"), report, json!({})).await,
        StatusCode::OK,
    )
    .await
}

/// The signed-in user's notifications (first page).
pub async fn notifications(app: &TestApp, token: &str) -> Value {
    assert_json(app.get("/api/v1/notifications", Some(token)).await, StatusCode::OK).await
}
