//! API tokens: other city systems read with them and can never write.

use reqwest::{Method, StatusCode};
use serde_json::json;
use shinko_db::enums::UserRole;
use shinko_tests::*;

async fn create_token(app: &TestApp, admin: &str) -> (i64, String) {
    let created = assert_json(
        app.post("/api/v1/api-tokens", Some(admin), &json!({ "name": "庁内ポータル連携", "expires_in_days": 30 }))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("shk_") && secret.len() > 40);
    assert!(secret.starts_with(created["token"]["prefix"].as_str().unwrap()));
    (created["token"]["id"].as_i64().unwrap(), secret)
}

#[tokio::test]
async fn an_api_token_reads_the_plan_and_the_table_but_writes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (_, token) = create_token(&app, &admin).await;

    let plans = assert_json(app.get("/api/v1/plans", Some(&token)).await, StatusCode::OK).await;
    let plan = plans["items"][0]["id"].as_i64().unwrap();
    assert_json(app.get(&format!("/api/v1/plans/{plan}/tree"), Some(&token)).await, StatusCode::OK).await;
    let periods =
        assert_json(app.get(&format!("/api/v1/plans/{plan}/periods"), Some(&token)).await, StatusCode::OK).await;
    let period = periods[0]["id"].as_i64().unwrap();
    let table =
        assert_json(app.get(&format!("/api/v1/periods/{period}/table"), Some(&token)).await, StatusCode::OK).await;
    assert_eq!(table["title"], "施策別事業進行管理表（令和7年度9月末まで）");
    assert_json(app.get("/api/v1/departments", Some(&token)).await, StatusCode::OK).await;

    let writes = [
        (Method::POST, "/api/v1/departments".to_owned(), json!({ "name": "連携課" })),
        (Method::POST, "/api/v1/plans".to_owned(), json!({ "municipality": "あきる野市", "name": "別計画" })),
        (Method::PATCH, format!("/api/v1/plans/{plan}"), json!({ "name": "改名" })),
        (Method::POST, format!("/api/v1/periods/{period}/reopen"), json!({})),
        (Method::POST, "/api/v1/api-tokens".to_owned(), json!({ "name": "増殖", "expires_in_days": 1 })),
        (
            Method::PUT,
            "/api/v1/me/password".to_owned(),
            json!({ "current_password": "x", "new_password": "yyyyyyyyyyyy" }),
        ),
    ];
    for (method, path, body) in writes {
        assert_problem(app.request(method.clone(), &path, Some(&token), Some(&body)).await, StatusCode::FORBIDDEN)
            .await;
    }
    // Personal and admin-only reads are not for tokens either.
    for path in ["/api/v1/me", "/api/v1/users", "/api/v1/api-tokens"] {
        assert_problem(app.get(path, Some(&token)).await, StatusCode::FORBIDDEN).await;
    }
    let after = assert_json(app.get("/api/v1/plans", Some(&token)).await, StatusCode::OK).await;
    assert_eq!(after["items"][0]["name"], "第2次自殺対策推進計画");
}

#[tokio::test]
async fn a_revoked_or_expired_token_gets_401() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (id, token) = create_token(&app, &admin).await;
    assert_json(app.get("/api/v1/plans", Some(&token)).await, StatusCode::OK).await;
    let revoked = assert_json(
        app.post(&format!("/api/v1/api-tokens/{id}/revoke"), Some(&admin), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert!(revoked["revoked_at"].is_string());
    assert_problem(app.get("/api/v1/plans", Some(&token)).await, StatusCode::UNAUTHORIZED).await;

    let (id, token) = create_token(&app, &admin).await;
    {
        use diesel::{ExpressionMethods, QueryDsl};
        use diesel_async::RunQueryDsl;
        use shinko_db::schema::api_tokens;
        diesel::update(api_tokens::table.find(id))
            .set(api_tokens::expires_at.eq(chrono::Utc::now() - chrono::Duration::seconds(1)))
            .execute(&mut app.conn().await)
            .await
            .unwrap();
    }
    assert_problem(app.get("/api/v1/plans", Some(&token)).await, StatusCode::UNAUTHORIZED).await;
    assert_problem(app.get("/api/v1/plans", Some("shk_not-a-real-token")).await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn only_admins_manage_tokens_and_no_list_shows_a_secret() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let (id, token) = create_token(&app, &admin).await;
    assert_json(app.get("/api/v1/plans", Some(&token)).await, StatusCode::OK).await;

    assert_problem(
        app.post("/api/v1/api-tokens", Some(&editor), &json!({ "name": "x", "expires_in_days": 1 })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_problem(
        app.post("/api/v1/api-tokens", None, &json!({ "name": "x", "expires_in_days": 1 })).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_problem(app.get("/api/v1/api-tokens", Some(&editor)).await, StatusCode::FORBIDDEN).await;
    assert_problem(
        app.post(&format!("/api/v1/api-tokens/{id}/revoke"), Some(&editor), &json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let p = assert_problem(
        app.post("/api/v1/api-tokens", Some(&admin), &json!({ "name": "", "expires_in_days": 1000 })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["name", "expires_in_days"]);

    let audit = app.get("/api/v1/audit-log?entity=api_tokens", Some(&admin)).await.text().await.unwrap();
    assert!(audit.contains("庁内ポータル連携"), "token creation is audited");
    assert!(!audit.contains("token_hash"), "the audit log holds no token hash");
    let list = app.get("/api/v1/api-tokens", Some(&admin)).await.text().await.unwrap();
    assert!(!list.contains(&token), "the secret is never listed");
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0]["last_used_at"].is_string(), "use is recorded");
}

#[tokio::test]
async fn a_default_token_reads_no_draft_text_anywhere_and_a_drafts_token_does() {
    use shinko_tests::cycle;
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let plan = cycle::plan_id(&app, &admin).await;
    let year = cycle::open_full_year(&app, &admin, cycle::days_from_today(30)).await;
    let health = app.department_id("健康課").await;
    let draft = cycle::reports_of(&app, &editor, year, health).await[0]["id"].as_i64().unwrap();
    cycle::save(&app, &editor, draft, "まだ下書きの非公開メモ").await;
    let token = |include_drafts: bool| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let body = json!({ "name": "連携", "expires_in_days": 30, "include_drafts": include_drafts });
            let created =
                assert_json(app.post("/api/v1/api-tokens", Some(&admin), &body).await, StatusCode::CREATED).await;
            assert_eq!(created["token"]["scope"], if include_drafts { "read_drafts" } else { "read" });
            created["secret"].as_str().unwrap().to_owned()
        }
    };
    let (published_only, with_drafts) = (token(false).await, token(true).await);
    let text = async |token: &str, path: String| app.get(&path, Some(token)).await.text().await.unwrap();
    for path in [
        format!("/api/v1/periods/{year}/table"),
        format!("/api/v1/periods/{year}/table.csv"),
        format!("/api/v1/periods/{year}/reports?per_page=100"),
        format!("/api/v1/plans/{plan}/search?q=非公開メモ"),
    ] {
        assert!(!text(&published_only, path.clone()).await.contains("非公開メモ"), "{path} without the scope");
        assert!(text(&with_drafts, path.clone()).await.contains("非公開メモ"), "{path} with the scope");
    }
    assert_problem(app.get(&format!("/api/v1/reports/{draft}"), Some(&published_only)).await, StatusCode::NOT_FOUND)
        .await;
    for path in [format!("/api/v1/reports/{draft}/versions"), format!("/api/v1/reports/{draft}/diff?from=1&to=2")] {
        assert_problem(app.get(&path, Some(&published_only)).await, StatusCode::FORBIDDEN).await;
        assert_eq!(app.get(&path, Some(&with_drafts)).await.status(), StatusCode::OK, "{path}");
    }
    // Approved content is what the default token is for.
    let first_half = cycle::first_half_id(&app, &admin).await;
    let approved = text(&published_only, format!("/api/v1/periods/{first_half}/table")).await;
    assert!(approved.contains("相談件数"), "the approved 上半期 table is readable");
}
