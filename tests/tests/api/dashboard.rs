//! `/periods/{id}/dashboard` and `/periods/{id}/reminders`: the secretariat sees how far a period
//! is, who is late, and which rows each department still owes; departments see their own.

use reqwest::StatusCode;
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_tests::cycle::*;
use shinko_tests::*;

async fn dashboard(app: &TestApp, token: &str, period: i64) -> Value {
    assert_json(app.get(&format!("/api/v1/periods/{period}/dashboard"), Some(token)).await, StatusCode::OK).await
}

fn sum(items: &Value, f: impl Fn(&Value) -> i64) -> i64 {
    items.as_array().unwrap().iter().map(f).sum()
}

#[tokio::test]
async fn the_seeded_first_half_shows_every_report_approved() {
    let app = TestApp::spawn().await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let period = first_half_id(&app, &viewer).await;
    let d = dashboard(&app, &viewer, period).await;

    assert_eq!(d["period"]["label"], "令和7年度 9月末");
    assert_eq!(
        d["totals"],
        json!({ "rows": 70, "draft": 0, "submitted": 0, "returned": 0, "approved": 70, "submitted_late": 0 })
    );
    assert_eq!(d["completion"], json!({ "submitted_percent": 100.0, "approved_percent": 100.0 }));
    assert_eq!(d["departments"].as_array().unwrap().len(), 17);
    // Two rows are co-owned and count for both owners.
    assert_eq!(sum(&d["departments"], |x| x["counts"]["rows"].as_i64().unwrap()), 72);
    assert!(d["departments"].as_array().unwrap().iter().all(|x| x["late"] == false && x["unsubmitted"] == 0));
    assert_eq!(d["late_departments"], json!([]));

    let measures = d["measures"].as_array().unwrap();
    assert_eq!(measures.len(), 10);
    assert_eq!((measures[0]["kind"].as_str(), measures[0]["number"].as_i64()), (Some("basic"), Some(1)));
    assert_eq!((measures[9]["kind"].as_str(), measures[9]["number"].as_i64()), (Some("priority"), Some(4)));
    assert_eq!(sum(&d["measures"], |m| m["rows"].as_i64().unwrap()), 70);
    for m in measures {
        let rows = m["rows"].as_i64().unwrap();
        let i = &m["implementation"];
        let by_status = ["not_started", "in_progress", "done", "planned", "unset"]
            .iter()
            .map(|k| i[k].as_i64().unwrap())
            .sum::<i64>();
        assert_eq!(by_status, rows, "every row has one 実施状況 (or none) in {}", m["title"]);
        let grades = m["evaluations"].as_array().unwrap();
        // The plan's scale F S A B C X Y Z, then 未評価.
        assert_eq!(grades.len(), 9);
        assert_eq!((grades[0]["code"].as_str(), grades[0]["label"].as_str()), (Some("F"), Some("完了")));
        assert_eq!((grades[8]["code"].clone(), grades[8]["label"].as_str()), (Value::Null, Some("未評価")));
        assert_eq!(grades.iter().map(|g| g["count"].as_i64().unwrap()).sum::<i64>(), rows);
    }

    assert_problem(app.get(&format!("/api/v1/periods/{period}/dashboard"), None).await, StatusCode::UNAUTHORIZED).await;
    assert_problem(app.get("/api/v1/periods/987654/dashboard", Some(&viewer)).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn an_opened_full_year_period_starts_with_every_row_owed() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let period = open_full_year(&app, &admin, days_from_today(14)).await;

    let d = dashboard(&app, &admin, period).await;
    assert_eq!(
        d["totals"],
        json!({ "rows": 70, "draft": 70, "submitted": 0, "returned": 0, "approved": 0, "submitted_late": 0 })
    );
    assert_eq!(d["completion"], json!({ "submitted_percent": 0.0, "approved_percent": 0.0 }));
    assert_eq!(d["days_left"], 14);
    assert_eq!(d["deadline_passed"], false);
    assert_eq!(d["late_departments"], json!([]), "nobody is late before the deadline");
    assert_eq!(sum(&d["measures"], |m| m["implementation"]["unset"].as_i64().unwrap()), 70);

    let r =
        assert_json(app.get(&format!("/api/v1/periods/{period}/reminders"), Some(&admin)).await, StatusCode::OK).await;
    assert_eq!(r["days_left"], 14);
    assert_eq!(r["deadline"], d["period"]["deadline"]);
    let departments = r["departments"].as_array().unwrap();
    assert_eq!(departments.len(), 17, "every department owes its rows");
    assert_eq!(sum(&r["departments"], |x| x["rows"].as_array().unwrap().len() as i64), 72);
    let health = departments.iter().find(|x| x["department"]["name"] == "健康課").unwrap();
    let rows = health["rows"].as_array().unwrap();
    assert!(rows.iter().all(|row| row["state"] == "draft" && row["report_id"].is_i64() && row["row_id"].is_i64()));
    // The three 健康相談 rows are told apart by where they sit.
    let places: Vec<&str> =
        rows.iter().filter(|row| row["name"] == "健康相談").map(|row| row["measure_label"].as_str().unwrap()).collect();
    assert_eq!(places.len(), 3, "{places:?}");
    assert!(places.iter().all(|p| p.starts_with("基本施策") || p.starts_with("重点施策")));
    assert_eq!(places.iter().collect::<std::collections::HashSet<_>>().len(), 3);
}

#[tokio::test]
async fn a_department_with_unsubmitted_rows_after_the_deadline_is_late() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let period = open_full_year(&app, &admin, days_from_today(14)).await;

    // The smallest department submits everything, after the deadline has passed.
    let before = dashboard(&app, &admin, period).await;
    let smallest = before["departments"]
        .as_array()
        .unwrap()
        .iter()
        .min_by_key(|x| x["counts"]["rows"].as_i64().unwrap())
        .unwrap()
        .clone();
    let (dept_id, dept_name) =
        (smallest["department"]["id"].as_i64().unwrap(), smallest["department"]["name"].as_str().unwrap().to_owned());
    let body = json!({ "opens_on": days_from_today(-10), "deadline": days_from_today(-1) });
    assert_json(app.patch(&format!("/api/v1/periods/{period}"), Some(&admin), &body).await, StatusCode::OK).await;
    let editor = app.token(UserRole::Editor, Some(&dept_name)).await;
    let owned = reports_of(&app, &editor, period, dept_id).await;
    for report in &owned {
        submit(&app, &editor, report["id"].as_i64().unwrap()).await;
    }

    let d = dashboard(&app, &admin, period).await;
    assert_eq!(d["deadline_passed"], true);
    assert_eq!(d["days_left"], -1);
    let punctual = d["departments"].as_array().unwrap().iter().find(|x| x["department"]["id"] == dept_id).unwrap();
    assert_eq!(punctual["late"], false);
    assert_eq!(punctual["counts"]["submitted"], owned.len());
    assert_eq!(punctual["counts"]["submitted_late"], owned.len(), "submitted after the deadline");
    assert_eq!(punctual["completion"]["submitted_percent"], 100.0);

    let late = d["late_departments"].as_array().unwrap();
    assert_eq!(late.len(), 16, "every other department is late");
    assert!(late.iter().all(|x| x["department_id"] != dept_id && x["unsubmitted"].as_i64().unwrap() > 0));
    let health = late.iter().find(|x| x["name"] == "健康課").expect("健康課 is late");
    let health_rows =
        d["departments"].as_array().unwrap().iter().find(|x| x["department"]["name"] == "健康課").unwrap()["counts"]
            ["rows"]
            .clone();
    assert_eq!(health["unsubmitted"], health_rows);
    assert_eq!(d["totals"]["submitted"], owned.len());
    assert_eq!(d["totals"]["submitted_late"], owned.len());
}

#[tokio::test]
async fn an_editor_sees_only_their_own_departments_reminders_and_viewers_none() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let period = open_full_year(&app, &admin, days_from_today(7)).await;
    let editor = app.token(UserRole::Editor, Some("福祉総務課")).await;
    let path = format!("/api/v1/periods/{period}/reminders");

    let own = assert_json(app.get(&path, Some(&editor)).await, StatusCode::OK).await;
    let departments = own["departments"].as_array().unwrap();
    assert_eq!(departments.len(), 1);
    assert_eq!(departments[0]["department"]["name"], "福祉総務課");
    let welfare = app.department_id("福祉総務課").await;
    assert_eq!(
        departments[0]["rows"].as_array().unwrap().len(),
        reports_of(&app, &editor, period, welfare).await.len()
    );

    // A submitted row is no longer owed.
    let first = departments[0]["rows"][0]["report_id"].as_i64().unwrap();
    submit(&app, &editor, first).await;
    let after = assert_json(app.get(&path, Some(&editor)).await, StatusCode::OK).await;
    assert_eq!(
        after["departments"][0]["rows"].as_array().unwrap().len(),
        departments[0]["rows"].as_array().unwrap().len() - 1
    );
    assert!(after["departments"][0]["rows"].as_array().unwrap().iter().all(|r| r["report_id"] != first));

    let viewer = app.token(UserRole::Viewer, None).await;
    assert_problem(app.get(&path, Some(&viewer)).await, StatusCode::FORBIDDEN).await;
    assert_problem(app.get(&path, None).await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn an_admin_reminds_every_user_of_the_departments_that_still_owe_reports() {
    let app = TestApp::spawn().await;
    let admin_user = app.admin().await;
    let admin = app.login(&admin_user).await.access;
    let period = open_full_year(&app, &admin, days_from_today(5)).await;

    // 指導室 submits everything; 福祉総務課 does not.
    let done_user = app.editor("指導室").await;
    let done = app.login(&done_user).await.access;
    for report in reports_of(&app, &done, period, app.department_id("指導室").await).await {
        submit(&app, &done, report["id"].as_i64().unwrap()).await;
    }
    let owing_user = app.editor("福祉総務課").await;
    let owing = app.login(&owing_user).await.access;
    let disabled = app.editor("福祉総務課").await;
    assert_json(
        app.patch(&format!("/api/v1/users/{}", disabled.id), Some(&admin), &json!({ "active": false })).await,
        StatusCode::OK,
    )
    .await;

    let path = format!("/api/v1/periods/{period}/reminders");
    assert_problem(app.post(&path, Some(&owing), &json!({})).await, StatusCode::FORBIDDEN).await;
    let sent = assert_json(app.post(&path, Some(&admin), &json!({})).await, StatusCode::OK).await;
    // 16 departments owe rows; their active users are the 福祉総務課 editor and the admin (健康課).
    assert_eq!(sent, json!({ "departments": 16, "users": 2, "emails": 0 }));

    let mine = notifications(&app, &owing).await;
    assert_eq!(mine["unread"], 1);
    let n = &mine["items"][0];
    assert_eq!(n["kind"], "reminder");
    assert_eq!(n["period_id"], period);
    let owed = reports_of(&app, &owing, period, app.department_id("福祉総務課").await).await.len();
    let message = n["message"].as_str().unwrap();
    assert!(message.contains(&format!("{owed}件未提出")) && message.contains("あと5日"), "{message}");
    assert_eq!(notifications(&app, &done).await["total"], 0, "a department that owes nothing is not reminded");

    let closed = first_half_id(&app, &admin).await;
    assert_problem(
        app.post(&format!("/api/v1/periods/{closed}/reminders"), Some(&admin), &json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
}
