//! Notifications also go out by mail to users with an address, through the SMTP relay of the
//! settings (here a sink the test starts); without a relay no mail is attempted.

use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use serde_json::json;
use shinko_api::config::{SmtpSettings, SmtpTls};
use shinko_api::mail::Mailer;
use shinko_api::notify::check_deadlines;
use shinko_db::enums::UserRole;
use shinko_tests::cycle::*;
use shinko_tests::smtp_sink::{SmtpSink, SINK_FROM};
use shinko_tests::*;

/// How long the tests wait for a mail the server sends in the background.
const MAIL_WAIT: Duration = Duration::from_secs(10);

/// Gives `user` an address through the users API.
async fn set_email(app: &TestApp, admin: &str, user: &TestUser, email: &str) {
    let updated = assert_json(
        app.patch(&format!("/api/v1/users/{}", user.id), Some(admin), &json!({ "email": email })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["email"], email);
}

#[tokio::test]
async fn returning_a_report_mails_the_comment_to_each_owner_with_an_address() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with(sink.settings()).await;
    let admin = app.token(UserRole::Admin, None).await;
    let period = open_full_year(&app, &admin, days_from_today(14)).await;
    let health_user = app.editor("健康課").await;
    let health = app.login(&health_user).await.access;
    let welfare_user = app.editor("福祉総務課").await;
    let no_address = app.editor("福祉総務課").await;
    set_email(&app, &admin, &health_user, "kenko@city.example.jp").await;
    set_email(&app, &admin, &welfare_user, "fukushi@city.example.jp").await;

    let welfare_id = app.department_id("福祉総務課").await;
    let report = reports_of(&app, &health, period, welfare_id)
        .await
        .into_iter()
        .find(|r| r["row"]["name"] == "健康相談" && r["row"]["departments"].as_array().unwrap().len() == 2)
        .unwrap();
    let id = report["id"].as_i64().unwrap();
    submit(&app, &health, id).await;
    assert!(sink.mails().is_empty(), "a submission mails no one");
    return_report(&app, &admin, id, "相談件数（延べ人数）を追記してください。").await;

    let mails = sink.wait_for(2, MAIL_WAIT).await;
    let mut recipients: Vec<String> = mails.iter().flat_map(|m| m.recipients.clone()).collect();
    recipients.sort();
    assert_eq!(recipients, ["fukushi@city.example.jp", "kenko@city.example.jp"], "one mail per user with an address");
    for mail in &mails {
        assert_eq!(mail.from, "shinko@city.example.jp");
        assert!(mail.header("From").unwrap().contains("shinko@city.example.jp"));
        assert!(mail.subject().contains("差戻し"), "subject {:?}", mail.subject());
        let body = mail.body_text();
        assert!(body.contains("相談件数（延べ人数）を追記してください。"), "{body}");
        assert!(body.contains("健康相談") && body.contains("テスト利用者 様"), "{body}");
        assert!(mail.header("Content-Type").unwrap().starts_with("text/plain"));
    }
    assert_eq!(notifications(&app, &app.login(&no_address).await.access).await["total"], 1, "in the app all the same");
}

#[tokio::test]
async fn reminders_are_mailed_and_counted_only_when_a_relay_is_configured() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with(sink.settings()).await;
    let admin = app.token(UserRole::Admin, None).await;
    let period = open_full_year(&app, &admin, days_from_today(4)).await;
    let editor = app.editor("指導室").await;
    set_email(&app, &admin, &editor, "shido@city.example.jp").await;

    let sent = assert_json(
        app.post(&format!("/api/v1/periods/{period}/reminders"), Some(&admin), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(sent["users"], 1);
    assert_eq!(sent["emails"], 1);
    let mails = sink.wait_for(1, MAIL_WAIT).await;
    assert_eq!(mails[0].recipients, ["shido@city.example.jp"]);
    assert!(mails[0].subject().contains("督促"));
    assert!(mails[0].body_text().contains("未提出") && mails[0].body_text().contains("あと4日"));

    // The same with no relay configured: the notification, no mail.
    let plain = TestApp::spawn().await;
    let admin = plain.token(UserRole::Admin, None).await;
    let period = open_full_year(&plain, &admin, days_from_today(4)).await;
    let editor = plain.editor("指導室").await;
    set_email(&plain, &admin, &editor, "shido@city.example.jp").await;
    let sent = assert_json(
        plain.post(&format!("/api/v1/periods/{period}/reminders"), Some(&admin), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((sent["users"].as_i64(), sent["emails"].as_i64()), (Some(1), Some(0)));
    assert_eq!(notifications(&plain, &plain.login(&editor).await.access).await["items"][0]["kind"], "reminder");
}

#[tokio::test]
async fn the_deadline_check_mails_users_with_an_address() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, None).await;
    open_full_year(&app, &admin, days_from_today(1)).await;
    let editor = app.editor("指導室").await;
    set_email(&app, &admin, &editor, "shido@city.example.jp").await;
    app.editor("指導室").await;

    let settings = SmtpSettings {
        host: "127.0.0.1".into(),
        port: sink.addr.port(),
        from: SINK_FROM.into(),
        username: None,
        password: None,
        tls: SmtpTls::None,
    };
    let mailer = Mailer::from_settings(Some(&settings)).unwrap();
    let (created, sending) = check_deadlines(&app.pool, &mailer, Utc::now(), 3).await.unwrap();
    assert_eq!(created, 2);
    let mut sent = 0;
    for handle in sending {
        sent += handle.await.unwrap();
    }
    assert_eq!(sent, 1, "only the user with an address gets a mail");
    let mails = sink.mails();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject().contains("締切"), "{:?} / {:?}", mails[0].subject(), mails[0].header("Subject"));
    assert!(mails[0].body_text().contains("あと1日"));
}

#[tokio::test]
async fn an_address_must_look_like_one_and_can_be_removed() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, None).await;
    let body = json!({ "login_id": "mail.taro", "display_name": "メール 太郎", "role": "viewer", "email": " taro@city.example.jp " });
    let created = assert_json(app.post("/api/v1/users", Some(&admin), &body).await, StatusCode::CREATED).await;
    assert_eq!(created["user"]["email"], "taro@city.example.jp");
    let id = created["user"]["id"].as_i64().unwrap();

    for bad in
        ["taro", "@city.example.jp", "taro@", "ta ro@city.example.jp", &format!("{}@example.jp", "a".repeat(250))]
    {
        let p = assert_problem(
            app.patch(&format!("/api/v1/users/{id}"), Some(&admin), &json!({ "email": bad })).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(error_fields(&p), ["email"], "{bad}");
    }
    let p = assert_problem(
        app.post(
            "/api/v1/users",
            Some(&admin),
            &json!({ "login_id": "mail.jiro", "display_name": "x", "role": "viewer", "email": "jiro" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["email"]);

    let me = assert_json(
        app.post_login("mail.taro", created["initial_password"].as_str().unwrap()).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(me["user"]["email"], "taro@city.example.jp");
    let cleared = assert_json(
        app.patch(&format!("/api/v1/users/{id}"), Some(&admin), &json!({ "email": null })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(cleared["email"], serde_json::Value::Null);
    let kept = assert_json(
        app.patch(&format!("/api/v1/users/{id}"), Some(&admin), &json!({ "display_name": "メール 太郎2" })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(kept["email"], serde_json::Value::Null);
    let set = assert_json(
        app.patch(&format!("/api/v1/users/{id}"), Some(&admin), &json!({ "email": "t@x.jp" })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(set["email"], "t@x.jp");
    // An empty string is no address (the document says `format: email`); `null` removes it.
    let blank = assert_problem(
        app.patch(&format!("/api/v1/users/{id}"), Some(&admin), &json!({ "email": "" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&blank), ["email"]);
}
