//! Login, tokens and sessions.

use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::json;
use shinko_db::enums::UserRole;
use shinko_tests::*;

fn forge(claims: serde_json::Value, secret: &str, alg: Algorithm) -> String {
    encode(&Header::new(alg), &claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap()
}

async fn session_id_of(token: &str) -> String {
    // The sid claim of a token the server issued (payload is the JWT's second part).
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    claims["sid"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_user_logs_in_and_sees_themselves() {
    let app = TestApp::spawn().await;
    let user = app.editor("障がい者支援課").await;
    let tokens = app.login(&user).await;
    let me = assert_json(app.get("/api/v1/me", Some(&tokens.access)).await, StatusCode::OK).await;
    assert_eq!(me["login_id"], user.login_id.as_str());
    assert_eq!(me["role"], "editor");
    assert_eq!(me["department"]["name"], "障がい者支援課");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let user = app.viewer().await;
    let wrong_password =
        assert_problem(app.post_login(&user.login_id, "not the password").await, StatusCode::UNAUTHORIZED).await;
    let unknown_user =
        assert_problem(app.post_login("nobody-here", "not the password").await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(wrong_password, unknown_user);
    assert_eq!(wrong_password["code"], "invalid_credentials");
}

#[tokio::test]
async fn a_disabled_user_cannot_log_in_and_their_sessions_end() {
    let app = TestApp::spawn().await;
    let admin = app.login(&app.admin().await).await;
    let user = app.editor("健康課").await;
    let tokens = app.login(&user).await;
    let res = app.patch(&format!("/api/v1/users/{}", user.id), Some(&admin.access), &json!({ "active": false })).await;
    assert_json(res, StatusCode::OK).await;
    assert_problem(app.get("/api/v1/me", Some(&tokens.access)).await, StatusCode::UNAUTHORIZED).await;
    let refresh = app.post("/api/v1/sessions/refresh", None, &json!({ "refresh_token": tokens.refresh })).await;
    assert_problem(refresh, StatusCode::UNAUTHORIZED).await;
    let login = assert_problem(app.post_login(&user.login_id, &user.password).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(login["code"], "invalid_credentials");
}

#[tokio::test]
async fn requests_without_a_valid_token_get_401() {
    let app = TestApp::spawn().await;
    let user = app.admin().await;
    let good = app.login(&user).await.access;
    let sid = session_id_of(&good).await;
    let now = chrono::Utc::now().timestamp();
    let claims = |iss: &str, aud: &str, exp: i64| json!({ "sub": user.id.to_string(), "sid": sid, "iss": iss, "aud": aud, "iat": now, "exp": exp });

    // The genuine token works, so each failure below is due to the one thing changed.
    assert_json(app.get("/api/v1/me", Some(&good)).await, StatusCode::OK).await;

    let expired = forge(claims(JWT_ISSUER, JWT_AUDIENCE, now - 120), JWT_SECRET, Algorithm::HS256);
    let wrong_signature =
        forge(claims(JWT_ISSUER, JWT_AUDIENCE, now + 600), "another-secret-that-is-32-bytes-long!!", Algorithm::HS256);
    let wrong_issuer = forge(claims("someone-else", JWT_AUDIENCE, now + 600), JWT_SECRET, Algorithm::HS256);
    let wrong_audience = forge(claims(JWT_ISSUER, "another-api", now + 600), JWT_SECRET, Algorithm::HS256);
    let other_alg = forge(claims(JWT_ISSUER, JWT_AUDIENCE, now + 600), JWT_SECRET, Algorithm::HS512);
    let alg_none = {
        use base64::Engine;
        let b64 = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        format!("{}.{}.", b64(json!({ "alg": "none", "typ": "JWT" })), b64(claims(JWT_ISSUER, JWT_AUDIENCE, now + 600)))
    };
    let missing_sub = forge(
        json!({ "sid": sid, "iss": JWT_ISSUER, "aud": JWT_AUDIENCE, "exp": now + 600 }),
        JWT_SECRET,
        Algorithm::HS256,
    );

    for (what, token) in [
        ("expired", expired.as_str()),
        ("wrong signature", &wrong_signature),
        ("wrong issuer", &wrong_issuer),
        ("wrong audience", &wrong_audience),
        ("HS512 instead of HS256", &other_alg),
        ("alg none", &alg_none),
        ("no sub claim", &missing_sub),
        ("garbage", "not-a-jwt"),
    ] {
        let res = app.get("/api/v1/me", Some(token)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{what}");
        assert_eq!(res.headers()["www-authenticate"], "Bearer", "{what}");
    }
    assert_problem(app.get("/api/v1/me", None).await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn a_refresh_token_works_once_and_its_reuse_ends_the_session() {
    let app = TestApp::spawn().await;
    let user = app.viewer().await;
    let first = app.login(&user).await;

    let second = assert_json(
        app.post("/api/v1/sessions/refresh", None, &json!({ "refresh_token": first.refresh })).await,
        StatusCode::OK,
    )
    .await;
    let second_refresh = second["refresh_token"].as_str().unwrap().to_owned();
    let second_access = second["access_token"].as_str().unwrap().to_owned();
    assert_ne!(second_refresh, first.refresh);
    assert_json(app.get("/api/v1/me", Some(&second_access)).await, StatusCode::OK).await;

    // The first token again: someone replayed it, so the whole session is revoked...
    assert_problem(
        app.post("/api/v1/sessions/refresh", None, &json!({ "refresh_token": first.refresh })).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // ...including the legitimate newer tokens.
    assert_problem(
        app.post("/api/v1/sessions/refresh", None, &json!({ "refresh_token": second_refresh })).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_problem(app.get("/api/v1/me", Some(&second_access)).await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn logout_ends_the_session_at_once() {
    let app = TestApp::spawn().await;
    let tokens = app.login(&app.viewer().await).await;
    let res = app.delete("/api/v1/sessions/current", Some(&tokens.access)).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_problem(app.get("/api/v1/me", Some(&tokens.access)).await, StatusCode::UNAUTHORIZED).await;
    assert_problem(
        app.post("/api/v1/sessions/refresh", None, &json!({ "refresh_token": tokens.refresh })).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn after_a_password_change_the_old_tokens_fail_and_the_new_password_works() {
    let app = TestApp::spawn().await;
    let user = app.editor("福祉総務課").await;
    let other_device = app.login(&user).await;
    let tokens = app.login(&user).await;

    let body = json!({ "current_password": user.password, "new_password": "a much better password" });
    let fresh = assert_json(app.put("/api/v1/me/password", Some(&tokens.access), &body).await, StatusCode::OK).await;

    for old in [&tokens, &other_device] {
        assert_problem(
            app.post("/api/v1/sessions/refresh", None, &json!({ "refresh_token": old.refresh })).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        assert_problem(app.get("/api/v1/me", Some(&old.access)).await, StatusCode::UNAUTHORIZED).await;
    }
    assert_json(app.get("/api/v1/me", Some(fresh["access_token"].as_str().unwrap())).await, StatusCode::OK).await;
    assert_problem(app.post_login(&user.login_id, &user.password).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(app.post_login(&user.login_id, "a much better password").await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_password_change_needs_the_current_password_and_a_long_new_one() {
    let app = TestApp::spawn().await;
    let user = app.viewer().await;
    let tokens = app.login(&user).await;
    let wrong = json!({ "current_password": "wrong wrong wrong", "new_password": "a much better password" });
    let p = assert_problem(
        app.put("/api/v1/me/password", Some(&tokens.access), &wrong).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["current_password"]);
    let short = json!({ "current_password": user.password, "new_password": "short" });
    let p = assert_problem(
        app.put("/api/v1/me/password", Some(&tokens.access), &short).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["new_password"]);
    // Nothing changed: the session and the old password still work.
    assert_json(app.get("/api/v1/me", Some(&tokens.access)).await, StatusCode::OK).await;
    assert_eq!(app.post_login(&user.login_id, &user.password).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn changing_a_users_role_or_department_ends_their_sessions() {
    let app = TestApp::spawn().await;
    let admin = app.login(&app.admin().await).await;
    for change in [json!({ "role": "viewer" }), json!({ "department_id": app.department_id("市民課").await })] {
        let user = app.editor("健康課").await;
        let tokens = app.login(&user).await;
        assert_json(
            app.patch(&format!("/api/v1/users/{}", user.id), Some(&admin.access), &change).await,
            StatusCode::OK,
        )
        .await;
        assert_problem(app.get("/api/v1/me", Some(&tokens.access)).await, StatusCode::UNAUTHORIZED).await;
    }
    // A change of display name alone does not log anyone out.
    let user = app.editor("健康課").await;
    let tokens = app.login(&user).await;
    assert_json(
        app.patch(&format!("/api/v1/users/{}", user.id), Some(&admin.access), &json!({ "display_name": "新しい名前" }))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_json(app.get("/api/v1/me", Some(&tokens.access)).await, StatusCode::OK).await;
}

#[tokio::test]
async fn common_passwords_and_passwords_with_the_login_id_are_refused_with_a_japanese_reason() {
    let app = TestApp::spawn().await;
    let user = app.create_user(UserRole::Editor, Some("健康課")).await;
    let token = app.login(&user).await.access;
    let with_login_id = format!("{}-secure-2025", user.login_id);
    for (new_password, code) in
        [("password123", "too_common"), ("qwertyuiop", "too_common"), (with_login_id.as_str(), "contains_login_id")]
    {
        let body = json!({ "current_password": user.password, "new_password": new_password });
        let problem =
            assert_problem(app.put("/api/v1/me/password", Some(&token), &body).await, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        assert_eq!(problem["errors"][0]["field"], "new_password", "{new_password}");
        assert_eq!(problem["errors"][0]["code"], code, "{new_password}");
        let message = problem["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("パスワード") && message.contains("使えません"), "{message}");
    }
    // A new account's initial password follows the same rules.
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let body = json!({ "login_id": "sato.ichiro", "display_name": "佐藤 一郎", "role": "viewer", "password": "sato.ichiro2025" });
    let problem =
        assert_problem(app.post("/api/v1/users", Some(&admin), &body).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_fields(&problem), ["password"]);
}

#[tokio::test]
async fn a_signed_token_that_claims_a_longer_life_than_the_server_gives_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.admin().await;
    let good = app.login(&user).await.access;
    let sid = session_id_of(&good).await;
    let now = chrono::Utc::now().timestamp();
    let claims = |lifetime: i64| json!({ "sub": user.id.to_string(), "sid": sid, "iss": JWT_ISSUER, "aud": JWT_AUDIENCE, "iat": now, "exp": now + lifetime });
    let as_issued = forge(claims(900), JWT_SECRET, Algorithm::HS256);
    assert_json(app.get("/api/v1/me", Some(&as_issued)).await, StatusCode::OK).await;
    let long_lived = forge(claims(7 * 24 * 3600), JWT_SECRET, Algorithm::HS256);
    assert_problem(app.get("/api/v1/me", Some(&long_lived)).await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn a_user_sees_their_sessions_ends_the_others_and_an_idle_session_ends_by_itself() {
    use diesel::sql_query;
    use diesel_async::RunQueryDsl;
    let app = TestApp::spawn().await;
    let user = app.editor("健康課").await;
    let laptop = app.login(&user).await;
    let phone = app.login(&user).await;
    let sessions = assert_json(app.get("/api/v1/me/sessions", Some(&laptop.access)).await, StatusCode::OK).await;
    let sessions = sessions.as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);

    let ended =
        assert_json(app.post("/api/v1/me/sessions/end-others", Some(&laptop.access), &json!({})).await, StatusCode::OK)
            .await;
    assert_eq!(ended["ended"], 1);
    assert_problem(app.get("/api/v1/me", Some(&phone.access)).await, StatusCode::UNAUTHORIZED).await;
    assert_json(app.get("/api/v1/me", Some(&laptop.access)).await, StatusCode::OK).await;

    // Eight hours without a request end a session (the default idle timeout); so does its refresh.
    sql_query(format!(
        "UPDATE sessions SET last_seen_at = now() - interval '8 hours 1 minute' WHERE id = '{}'",
        session_id_of(&laptop.access).await
    ))
    .execute(&mut app.conn().await)
    .await
    .unwrap();
    assert_problem(app.get("/api/v1/me", Some(&laptop.access)).await, StatusCode::UNAUTHORIZED).await;
    let refresh = app.post("/api/v1/sessions/refresh", None, &json!({ "refresh_token": laptop.refresh })).await;
    assert_problem(refresh, StatusCode::UNAUTHORIZED).await;
}
