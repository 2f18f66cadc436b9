//! `/users`: accounts are managed by admins only.

use reqwest::StatusCode;
use serde_json::json;
use shinko_db::enums::UserRole;
use shinko_tests::*;

#[tokio::test]
async fn an_admin_creates_an_editor_who_must_then_choose_a_password() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let dept = app.department_id("障がい者支援課").await;
    let body =
        json!({ "login_id": "shogai.taro", "display_name": "障害 太郎", "department_id": dept, "role": "editor" });
    let created = assert_json(app.post("/api/v1/users", Some(&admin), &body).await, StatusCode::CREATED).await;
    let password = created["initial_password"].as_str().unwrap();
    assert_eq!(created["user"]["must_change_password"], true);
    assert!(created["user"].get("password_hash").is_none());

    let login = assert_json(app.post_login("shogai.taro", password).await, StatusCode::CREATED).await;
    assert_eq!(login["user"]["must_change_password"], true);
    assert_eq!(login["user"]["department"]["name"], "障がい者支援課");

    let again =
        assert_problem(app.post("/api/v1/users", Some(&admin), &body).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_fields(&again), ["login_id"]);
}

#[tokio::test]
async fn an_editor_needs_a_department_and_a_valid_login_id() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let p = assert_problem(
        app.post("/api/v1/users", Some(&admin), &json!({ "login_id": "x1", "display_name": "x", "role": "editor" }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["department_id"]);
    let p = assert_problem(
        app.post(
            "/api/v1/users",
            Some(&admin),
            &json!({ "login_id": "Bad Id!", "display_name": "x", "role": "viewer" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["login_id"]);
    let p = assert_problem(
        app.post("/api/v1/users", Some(&admin), &json!({ "login_id": "ok.id", "display_name": "x", "role": "boss" }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["role"]);
}

#[tokio::test]
async fn only_admins_read_or_manage_users() {
    let app = TestApp::spawn().await;
    let editor_user = app.editor("健康課").await;
    let editor = app.login(&editor_user).await.access;
    let viewer = app.token(UserRole::Viewer, None).await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let user_path = format!("/api/v1/users/{}", editor_user.id);
    for token in [&editor, &viewer] {
        assert_problem(app.get("/api/v1/users", Some(token)).await, StatusCode::FORBIDDEN).await;
        assert_problem(app.get(&user_path, Some(token)).await, StatusCode::FORBIDDEN).await;
        assert_problem(app.patch(&user_path, Some(token), &json!({ "role": "admin" })).await, StatusCode::FORBIDDEN)
            .await;
        assert_problem(
            app.post(&format!("{user_path}/password-reset"), Some(token), &json!({})).await,
            StatusCode::FORBIDDEN,
        )
        .await;
        assert_problem(
            app.post(
                "/api/v1/users",
                Some(token),
                &json!({ "login_id": "sneaky", "display_name": "x", "role": "admin" }),
            )
            .await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    assert_problem(app.get("/api/v1/users", None).await, StatusCode::UNAUTHORIZED).await;
    let list = assert_json(app.get("/api/v1/users?role=editor", Some(&admin)).await, StatusCode::OK).await;
    assert_eq!(list["total"], 1);
    // The editor is still an editor: the forbidden PATCH changed nothing.
    assert_eq!(assert_json(app.get(&user_path, Some(&admin)).await, StatusCode::OK).await["role"], "editor");
}

#[tokio::test]
async fn a_password_reset_gives_a_temporary_password_and_ends_sessions() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let user = app.editor("指導室").await;
    let tokens = app.login(&user).await;
    let reset = assert_json(
        app.post(&format!("/api/v1/users/{}/password-reset", user.id), Some(&admin), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_problem(app.get("/api/v1/me", Some(&tokens.access)).await, StatusCode::UNAUTHORIZED).await;
    assert_problem(app.post_login(&user.login_id, &user.password).await, StatusCode::UNAUTHORIZED).await;
    let login = assert_json(
        app.post_login(&user.login_id, reset["temporary_password"].as_str().unwrap()).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(login["user"]["must_change_password"], true);
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_demoted_or_disabled() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let token = app.login(&admin).await.access;
    let path = format!("/api/v1/users/{}", admin.id);
    assert_problem(app.patch(&path, Some(&token), &json!({ "role": "viewer" })).await, StatusCode::CONFLICT).await;
    assert_problem(app.patch(&path, Some(&token), &json!({ "active": false })).await, StatusCode::CONFLICT).await;
    assert_json(app.get("/api/v1/me", Some(&token)).await, StatusCode::OK).await;
}

#[tokio::test]
async fn a_temporary_password_opens_only_the_password_change_and_expires_after_72_hours() {
    use diesel::sql_query;
    use diesel_async::RunQueryDsl;
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let dept = app.department_id("健康課").await;
    let body = json!({ "login_id": "kari.hanako", "display_name": "仮 花子", "department_id": dept, "role": "editor" });
    let created = assert_json(app.post("/api/v1/users", Some(&admin), &body).await, StatusCode::CREATED).await;
    let password = created["initial_password"].as_str().unwrap().to_owned();
    let login = assert_json(app.post_login("kari.hanako", &password).await, StatusCode::CREATED).await;
    let token = login["access_token"].as_str().unwrap().to_owned();

    // Everything but who-am-I, the password change and logging out waits for a new password.
    let plans = assert_json(app.get("/api/v1/plans", Some(&admin)).await, StatusCode::OK).await;
    let periods = assert_json(
        app.get(&format!("/api/v1/plans/{}/periods", plans["items"][0]["id"]), Some(&admin)).await,
        StatusCode::OK,
    )
    .await;
    let table = format!("/api/v1/periods/{}/table", periods[0]["id"]);
    let refused = assert_problem(app.get(&table, Some(&token)).await, StatusCode::FORBIDDEN).await;
    assert_eq!(refused["code"], "password_change_required");
    assert_json(app.get("/api/v1/me", Some(&token)).await, StatusCode::OK).await;
    let changed = assert_json(
        app.put(
            "/api/v1/me/password",
            Some(&token),
            &json!({ "current_password": password, "new_password": "a brand new correct horse" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let token = changed["access_token"].as_str().unwrap();
    assert_json(app.get(&table, Some(token)).await, StatusCode::OK).await;

    // A temporary password set by an admin works for 72 hours.
    let user_id = created["user"]["id"].as_i64().unwrap();
    let reset = assert_json(
        app.post(&format!("/api/v1/users/{user_id}/password-reset"), Some(&admin), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    let temporary = reset["temporary_password"].as_str().unwrap();
    let mut conn = app.conn().await;
    sql_query(format!("UPDATE users SET password_set_at = now() - interval '73 hours' WHERE id = {user_id}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let expired = assert_problem(app.post_login("kari.hanako", temporary).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(expired["code"], "temporary_password_expired");
}
