//! `/notifications`: departments hear of returns and approvals, of near deadlines (once), and each
//! user reads and marks only their own.

use chrono::Utc;
use reqwest::StatusCode;
use serde_json::{json, Value};
use shinko_api::mail::Mailer;
use shinko_api::notify::check_deadlines;
use shinko_db::enums::UserRole;
use shinko_tests::cycle::*;
use shinko_tests::*;

/// The 健康相談 row that 健康課 and 福祉総務課 own together, as a report of `period`.
async fn co_owned_health_consultation(app: &TestApp, token: &str, period: i64) -> Value {
    let welfare = app.department_id("福祉総務課").await;
    reports_of(app, token, period, welfare)
        .await
        .into_iter()
        .find(|r| r["row"]["name"] == "健康相談" && r["row"]["departments"].as_array().unwrap().len() == 2)
        .expect("the co-owned 健康相談 row")
}

#[tokio::test]
async fn returning_a_report_notifies_every_owning_department() {
    let app = TestApp::spawn().await;
    let admin_user = app.admin().await;
    let admin = app.login(&admin_user).await.access;
    let period = open_full_year(&app, &admin, days_from_today(14)).await;
    let health_user = app.editor("健康課").await;
    let health = app.login(&health_user).await.access;
    let welfare = app.token(UserRole::Editor, Some("福祉総務課")).await;
    let other = app.token(UserRole::Editor, Some("障がい者支援課")).await;

    let report = co_owned_health_consultation(&app, &health, period).await;
    let names: Vec<&str> =
        report["row"]["departments"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names.iter().copied().collect::<std::collections::BTreeSet<_>>(), ["健康課", "福祉総務課"].into());
    let id = report["id"].as_i64().unwrap();
    save(&app, &health, id, "健康相談を実施した。").await;
    submit(&app, &health, id).await;
    assert_eq!(notifications(&app, &health).await["total"], 0, "submitting notifies no one");
    let returned = return_report(&app, &admin, id, "相談件数を追記してください。").await;
    assert_eq!(returned["state"], "returned");

    for token in [&health, &welfare] {
        let list = notifications(&app, token).await;
        assert_eq!((list["total"].as_i64(), list["unread"].as_i64()), (Some(1), Some(1)), "{list}");
        let n = &list["items"][0];
        assert_eq!(n["kind"], "report_returned");
        assert_eq!(n["report_id"], id);
        assert_eq!(n["period_id"], period);
        assert_eq!(n["read_at"], Value::Null);
        let message = n["message"].as_str().unwrap();
        assert!(
            message.contains("健康相談")
                && message.contains("相談件数を追記してください。")
                && message.contains("差し戻"),
            "{message}"
        );
    }
    assert_eq!(notifications(&app, &other).await["total"], 0, "other departments hear nothing");
    assert_eq!(notifications(&app, &admin).await["total"], 0, "the secretariat member who returned it is not told");
}

#[tokio::test]
async fn approving_a_report_notifies_its_department_newest_first() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let period = open_full_year(&app, &admin, days_from_today(14)).await;
    let editor = app.token(UserRole::Editor, Some("指導室")).await;
    let report = reports_of(&app, &editor, period, app.department_id("指導室").await).await.remove(0);
    let id = report["id"].as_i64().unwrap();

    save(&app, &editor, id, "研修を2回実施した。").await;
    submit(&app, &editor, id).await;
    return_report(&app, &admin, id, "回数の内訳を書いてください。").await;
    save(&app, &editor, id, "研修を2回（4月・10月）実施した。").await;
    submit(&app, &editor, id).await;
    approve(&app, &admin, id).await;

    let list = notifications(&app, &editor).await;
    assert_eq!(list["total"], 2);
    let kinds: Vec<&str> = list["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["report_approved", "report_returned"], "newest first");
    let approved = list["items"][0]["message"].as_str().unwrap();
    assert!(approved.contains("承認") && approved.contains(report["row"]["name"].as_str().unwrap()), "{approved}");

    let unread_only =
        assert_json(app.get("/api/v1/notifications?unread_only=true&per_page=1", Some(&editor)).await, StatusCode::OK)
            .await;
    assert_eq!(
        (
            unread_only["total"].as_i64(),
            unread_only["items"].as_array().unwrap().len(),
            unread_only["per_page"].as_i64()
        ),
        (Some(2), 1, Some(1))
    );
    assert_problem(app.get("/api/v1/notifications?per_page=0", Some(&editor)).await, StatusCode::UNPROCESSABLE_ENTITY)
        .await;
}

#[tokio::test]
async fn a_user_cannot_read_or_mark_another_users_notification() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("障がい者支援課")).await;
    let period = open_full_year(&app, &admin, days_from_today(14)).await;
    let health = app.token(UserRole::Editor, Some("健康課")).await;
    let welfare = app.token(UserRole::Editor, Some("福祉総務課")).await;
    let id = co_owned_health_consultation(&app, &health, period).await["id"].as_i64().unwrap();
    submit(&app, &health, id).await;
    approve(&app, &admin, id).await;

    let theirs = notifications(&app, &welfare).await["items"][0]["id"].as_i64().unwrap();
    let mine = notifications(&app, &health).await["items"][0]["id"].as_i64().unwrap();
    assert_ne!(theirs, mine);

    assert_problem(
        app.post(&format!("/api/v1/notifications/{theirs}/read"), Some(&health), &json!({})).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert!(notifications(&app, &welfare).await["items"][0]["read_at"].is_null(), "still unread for its owner");
    assert_problem(
        app.post("/api/v1/notifications/987654/read", Some(&health), &json!({})).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_problem(app.get("/api/v1/notifications", None).await, StatusCode::UNAUTHORIZED).await;

    let read = assert_json(
        app.post(&format!("/api/v1/notifications/{mine}/read"), Some(&health), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    let first_read = read["read_at"].as_str().expect("a reading time").to_owned();
    let again = assert_json(
        app.post(&format!("/api/v1/notifications/{mine}/read"), Some(&health), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(again["read_at"], first_read, "the first reading time is kept");
    assert_eq!(notifications(&app, &health).await["unread"], 0);

    // Marking all read touches only the caller's own.
    let all =
        assert_json(app.post("/api/v1/notifications/read-all", Some(&health), &json!({})).await, StatusCode::OK).await;
    assert_eq!(all["marked"], 0);
    assert_eq!(notifications(&app, &welfare).await["unread"], 1);
    let all =
        assert_json(app.post("/api/v1/notifications/read-all", Some(&welfare), &json!({})).await, StatusCode::OK).await;
    assert_eq!(all["marked"], 1);
    assert_eq!(notifications(&app, &welfare).await["unread"], 0);
}

#[tokio::test]
async fn the_deadline_check_notifies_each_user_of_an_owing_department_once() {
    let app = TestApp::spawn().await;
    let admin_user = app.create_user(UserRole::Admin, None).await;
    let admin = app.login(&admin_user).await.access;
    let period = open_full_year(&app, &admin, days_from_today(10)).await;
    let owing = app.token(UserRole::Editor, Some("福祉総務課")).await;
    let colleague = app.token(UserRole::Editor, Some("福祉総務課")).await;
    let finished = app.token(UserRole::Editor, Some("指導室")).await;
    for report in reports_of(&app, &finished, period, app.department_id("指導室").await).await {
        submit(&app, &finished, report["id"].as_i64().unwrap()).await;
    }
    let mailer = Mailer::disabled();

    let (created, _) = check_deadlines(&app.pool, &mailer, Utc::now(), 3).await.unwrap();
    assert_eq!(created, 0, "ten days ahead is not near");

    let body = json!({ "deadline": days_from_today(2) });
    assert_json(app.patch(&format!("/api/v1/periods/{period}"), Some(&admin), &body).await, StatusCode::OK).await;
    let (created, _) = check_deadlines(&app.pool, &mailer, Utc::now(), 3).await.unwrap();
    assert_eq!(created, 2, "the two 福祉総務課 editors; the admin has no department and 指導室 owes nothing");
    let (again, _) = check_deadlines(&app.pool, &mailer, Utc::now(), 3).await.unwrap();
    assert_eq!(again, 0, "the check is idempotent");

    for token in [&owing, &colleague] {
        let list = notifications(&app, token).await;
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["kind"], "deadline_near");
        assert_eq!(list["items"][0]["period_id"], period);
        let message = list["items"][0]["message"].as_str().unwrap();
        assert!(message.contains("あと2日") && message.contains("令和7年度 3月末"), "{message}");
    }
    assert_eq!(notifications(&app, &finished).await["total"], 0);
    assert_eq!(notifications(&app, &admin).await["total"], 0);

    // A closed period is not checked, however near its deadline.
    assert_json(app.post(&format!("/api/v1/periods/{period}/close"), Some(&admin), &json!({})).await, StatusCode::OK)
        .await;
    let late_joiner = app.token(UserRole::Editor, Some("福祉総務課")).await;
    let (created, _) = check_deadlines(&app.pool, &mailer, Utc::now(), 3).await.unwrap();
    assert_eq!(created, 0);
    assert_eq!(notifications(&app, &late_joiner).await["total"], 0);
}
