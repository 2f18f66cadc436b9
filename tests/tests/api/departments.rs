//! `/departments`: everyone signed in reads, only admins write.

use reqwest::StatusCode;
use serde_json::json;
use shinko_db::enums::UserRole;
use shinko_tests::*;

#[tokio::test]
async fn every_signed_in_role_lists_the_seventeen_departments() {
    let app = TestApp::spawn().await;
    for (role, dept) in
        [(UserRole::Admin, Some("健康課")), (UserRole::Editor, Some("市民課")), (UserRole::Viewer, None)]
    {
        let token = app.token(role, dept).await;
        let page = assert_json(app.get("/api/v1/departments?per_page=100", Some(&token)).await, StatusCode::OK).await;
        assert_eq!(page["total"], 17, "{role:?}");
        assert_eq!(page["items"].as_array().unwrap().len(), 17);
    }
    assert_problem(app.get("/api/v1/departments", None).await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn lists_are_paginated() {
    let app = TestApp::spawn().await;
    let token = app.token(UserRole::Viewer, None).await;
    let first = assert_json(app.get("/api/v1/departments?per_page=5", Some(&token)).await, StatusCode::OK).await;
    let last = assert_json(app.get("/api/v1/departments?per_page=5&page=4", Some(&token)).await, StatusCode::OK).await;
    assert_eq!(first["items"].as_array().unwrap().len(), 5);
    assert_eq!(last["items"].as_array().unwrap().len(), 2);
    assert_eq!(last["page"], 4);
    assert_eq!(first["items"][0]["name"], "健康課");
}

#[tokio::test]
async fn department_writes_need_an_admin() {
    let app = TestApp::spawn().await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let body = json!({ "name": "危機管理課" });

    assert_problem(app.post("/api/v1/departments", None, &body).await, StatusCode::UNAUTHORIZED).await;
    assert_problem(app.post("/api/v1/departments", Some(&editor), &body).await, StatusCode::FORBIDDEN).await;
    assert_problem(app.post("/api/v1/departments", Some(&viewer), &body).await, StatusCode::FORBIDDEN).await;
    let created = assert_json(app.post("/api/v1/departments", Some(&admin), &body).await, StatusCode::CREATED).await;
    let path = format!("/api/v1/departments/{}", created["id"]);

    assert_problem(app.patch(&path, Some(&editor), &json!({ "active": false })).await, StatusCode::FORBIDDEN).await;
    let updated = assert_json(app.patch(&path, Some(&admin), &json!({ "active": false })).await, StatusCode::OK).await;
    assert_eq!(updated["active"], false);
    assert_eq!(updated["name"], "危機管理課");
}
