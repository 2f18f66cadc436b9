//! Bad input of every kind is answered with a 4xx problem+json and changes nothing.

use reqwest::{Method, StatusCode};
use serde_json::json;
use shinko_db::enums::UserRole;
use shinko_tests::*;

async fn raw(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn department_count(app: &TestApp, token: &str) -> i64 {
    assert_json(app.get("/api/v1/departments", Some(token)).await, StatusCode::OK).await["total"].as_i64().unwrap()
}

#[tokio::test]
async fn malformed_json_is_a_400_problem() {
    let app = TestApp::spawn().await;
    let token = app.token(UserRole::Admin, Some("健康課")).await;
    let p = assert_problem(
        raw(&app, Method::POST, "/api/v1/departments", &token, "application/json", b"{\"name\": ".to_vec()).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(p["code"], "bad_request");
    let p = assert_problem(
        raw(
            &app,
            Method::POST,
            "/api/v1/departments",
            &token,
            "application/json",
            b"{\"name\": \"x\"} trailing".to_vec(),
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(p["code"], "bad_request");
    assert_eq!(department_count(&app, &token).await, 17);
}

#[tokio::test]
async fn wrong_types_unknown_and_missing_fields_are_named() {
    let app = TestApp::spawn().await;
    let token = app.token(UserRole::Admin, Some("健康課")).await;
    for (body, field, code) in [
        (json!({ "name": 5 }), "name", "invalid_type"),
        (json!({ "name": "新しい課", "colour": "red" }), "colour", "unknown_field"),
        (json!({}), "name", "required"),
        (json!({ "name": "   " }), "name", "required"),
        (json!({ "name": "課".repeat(101) }), "name", "too_long"),
        (json!({ "name": "健康課" }), "name", "duplicate"),
    ] {
        let p = assert_problem(
            app.post("/api/v1/departments", Some(&token), &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(p["errors"][0]["field"], field, "{body}");
        assert_eq!(p["errors"][0]["code"], code, "{body}");
        assert!(
            p["errors"][0]["message"].as_str().unwrap().chars().any(|c| c > '\u{3000}'),
            "a Japanese message for {body}"
        );
    }
    assert_eq!(department_count(&app, &token).await, 17);
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413_problem() {
    let app = TestApp::spawn().await;
    let token = app.token(UserRole::Admin, Some("健康課")).await;
    let five_mb = format!("{{\"name\": \"{}\"}}", "a".repeat(5 * 1024 * 1024)).into_bytes();
    assert_problem(
        raw(&app, Method::POST, "/api/v1/departments", &token, "application/json", five_mb).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    assert_eq!(department_count(&app, &token).await, 17);
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_415_problem() {
    let app = TestApp::spawn().await;
    let token = app.token(UserRole::Admin, Some("健康課")).await;
    assert_problem(
        raw(&app, Method::POST, "/api/v1/departments", &token, "text/plain", b"name=x".to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
}

#[tokio::test]
async fn bad_path_ids_unknown_routes_and_wrong_methods_are_problems() {
    let app = TestApp::spawn().await;
    let token = app.token(UserRole::Viewer, None).await;
    assert_problem(app.get("/api/v1/departments/abc", Some(&token)).await, StatusCode::NOT_FOUND).await;
    assert_problem(app.get("/api/v1/departments/99999999999999999999", Some(&token)).await, StatusCode::NOT_FOUND)
        .await;
    assert_problem(app.get("/api/v1/departments/987654", Some(&token)).await, StatusCode::NOT_FOUND).await;
    assert_problem(app.get("/api/v1/no-such-thing", Some(&token)).await, StatusCode::NOT_FOUND).await;
    assert_problem(app.get("/api/v2/departments", None).await, StatusCode::NOT_FOUND).await;
    let res = app.request(Method::PUT, "/api/v1/departments/1", Some(&token), Some(&json!({}))).await;
    assert_eq!(res.headers()["allow"], "GET, PATCH");
    assert_problem(res, StatusCode::METHOD_NOT_ALLOWED).await;
}

#[tokio::test]
async fn bad_query_parameters_are_problems() {
    let app = TestApp::spawn().await;
    let token = app.token(UserRole::Viewer, None).await;
    assert_problem(app.get("/api/v1/departments?page=abc", Some(&token)).await, StatusCode::BAD_REQUEST).await;
    assert_problem(app.get("/api/v1/departments?sort=name", Some(&token)).await, StatusCode::BAD_REQUEST).await;
    let p = assert_problem(
        app.get("/api/v1/departments?per_page=1000", Some(&token)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["per_page"]);
    let p = assert_problem(app.get("/api/v1/departments?page=0", Some(&token)).await, StatusCode::UNPROCESSABLE_ENTITY)
        .await;
    assert_eq!(error_fields(&p), ["page"]);
}

#[tokio::test]
async fn nul_characters_and_non_object_bodies_are_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let token = app.token(UserRole::Admin, Some("健康課")).await;
    let p = assert_problem(
        raw(&app, Method::POST, "/api/v1/departments", &token, "application/json", br#"{"name": "a\u0000b"}"#.to_vec())
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p["errors"][0]["code"], "invalid_character");
    let p = assert_problem(
        raw(&app, Method::POST, "/api/v1/departments", &token, "application/json", "[\"配列課\"]".as_bytes().to_vec())
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p["errors"][0]["code"], "not_an_object");
    let login = app
        .client
        .post(app.url("/api/v1/sessions"))
        .header("content-type", "application/json")
        .body(r#"{"login_id":"a\u0000b","password":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_problem(login, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_problem(app.get("/api/v1/departments?page=1%00", Some(&token)).await, StatusCode::BAD_REQUEST).await;
    // An escaped backslash before "u0000" is ordinary text.
    let ok = raw(
        &app,
        Method::POST,
        "/api/v1/departments",
        &token,
        "application/json",
        br#"{"name": "a\\u0000b"}"#.to_vec(),
    )
    .await;
    assert_eq!(ok.status(), StatusCode::CREATED);
    assert_eq!(department_count(&app, &token).await, 18);
}
