//! Two-factor authentication (TOTP) with recovery codes, required for admins when configured.

use reqwest::StatusCode;
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_tests::*;
use totp_rs::{Algorithm, Secret, TOTP};

fn code_for(secret: &str, login_id: &str, offset_steps: i64) -> String {
    let totp = TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        Secret::Encoded(secret.into()).to_bytes().unwrap(),
        Some("shinko".into()),
        login_id.into(),
    )
    .unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    totp.generate((now + offset_steps * 30) as u64)
}

/// Enrols `user` and returns the secret and the recovery codes.
async fn enrol(app: &TestApp, token: &str, user: &TestUser) -> (String, Vec<String>) {
    let enrolment =
        assert_json(app.post("/api/v1/me/mfa/enrolment", Some(token), &json!({})).await, StatusCode::OK).await;
    let secret = enrolment["secret"].as_str().unwrap().to_owned();
    assert!(enrolment["otpauth_uri"].as_str().unwrap().starts_with("otpauth://totp/shinko:"));
    assert!(enrolment["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let wrong = assert_problem(
        app.post("/api/v1/me/mfa/activation", Some(token), &json!({ "code": "000000" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&wrong), ["code"]);
    // The code of the previous step: the next login's current code must not be a replay.
    let codes = assert_json(
        app.post("/api/v1/me/mfa/activation", Some(token), &json!({ "code": code_for(&secret, &user.login_id, -1) }))
            .await,
        StatusCode::OK,
    )
    .await;
    let codes: Vec<String> =
        codes["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

async fn login_with(app: &TestApp, user: &TestUser, otp: Option<&str>) -> reqwest::Response {
    let mut body = json!({ "login_id": user.login_id, "password": user.password });
    if let Some(otp) = otp {
        body["otp"] = Value::from(otp);
    }
    app.post("/api/v1/sessions", None, &body).await
}

#[tokio::test]
async fn an_enrolled_account_needs_its_app_code_or_a_recovery_code_to_log_in() {
    let app = TestApp::spawn().await;
    let user = app.admin().await;
    let token = app.login(&user).await.access;
    let (secret, recovery) = enrol(&app, &token, &user).await;
    assert_eq!(assert_json(app.get("/api/v1/me", Some(&token)).await, StatusCode::OK).await["mfa_enabled"], true);

    let p = assert_problem(login_with(&app, &user, None).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(p["code"], "mfa_required");
    assert_problem(login_with(&app, &user, Some("123456")).await, StatusCode::UNAUTHORIZED).await;
    let code = code_for(&secret, &user.login_id, 0);
    assert_json(login_with(&app, &user, Some(&code)).await, StatusCode::CREATED).await;
    assert_problem(login_with(&app, &user, Some(&code)).await, StatusCode::UNAUTHORIZED).await;

    assert_json(login_with(&app, &user, Some(&recovery[0].to_uppercase())).await, StatusCode::CREATED).await;
    assert_problem(login_with(&app, &user, Some(&recovery[0])).await, StatusCode::UNAUTHORIZED).await;
    // A wrong password is still just wrong, with or without a code.
    let wrong = json!({ "login_id": user.login_id, "password": "not the password", "otp": recovery[1] });
    assert_eq!(
        assert_problem(app.post("/api/v1/sessions", None, &wrong).await, StatusCode::UNAUTHORIZED).await["code"],
        "invalid_credentials"
    );
}

#[tokio::test]
async fn when_required_an_admin_acts_as_admin_only_after_enrolling() {
    let app = TestApp::spawn_with(|key| (key == "REQUIRE_ADMIN_MFA").then(|| "true".into())).await;
    let user = app.admin().await;
    let token = app.login(&user).await.access;
    let p = assert_problem(
        app.post("/api/v1/departments", Some(&token), &json!({ "name": "二要素課" })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(p["code"], "mfa_enrolment_required");
    assert_json(app.get("/api/v1/plans", Some(&token)).await, StatusCode::OK).await;
    enrol(&app, &token, &user).await;
    assert_json(
        app.post("/api/v1/departments", Some(&token), &json!({ "name": "二要素課" })).await,
        StatusCode::CREATED,
    )
    .await;
    // Editors are not asked for a second factor.
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    assert_json(app.get("/api/v1/me", Some(&editor)).await, StatusCode::OK).await;
}

#[tokio::test]
async fn an_admin_resets_a_lost_factor_and_the_user_can_log_in_with_the_password_again() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let user = app.editor("市民課").await;
    let token = app.login(&user).await.access;
    enrol(&app, &token, &user).await;
    assert_problem(login_with(&app, &user, None).await, StatusCode::UNAUTHORIZED).await;
    let path = format!("/api/v1/users/{}/mfa-reset", user.id);
    assert_problem(app.post(&path, Some(&token), &json!({})).await, StatusCode::FORBIDDEN).await;
    assert_eq!(app.post(&path, Some(&admin), &json!({})).await.status(), StatusCode::NO_CONTENT);
    assert_problem(app.get("/api/v1/me", Some(&token)).await, StatusCode::UNAUTHORIZED).await;
    assert_json(login_with(&app, &user, None).await, StatusCode::CREATED).await;
}

#[tokio::test]
async fn the_totp_secret_never_reaches_the_audit_log() {
    use diesel_async::RunQueryDsl;
    let app = TestApp::spawn().await;
    let user = app.admin().await;
    let token = app.login(&user).await.access;
    let (secret, _) = enrol(&app, &token, &user).await;
    #[derive(diesel::QueryableByName)]
    struct Hit {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let hits: Hit =
        diesel::sql_query("SELECT count(*) AS n FROM audit_log WHERE before::text LIKE $1 OR after::text LIKE $1")
            .bind::<diesel::sql_types::Text, _>(format!("%{secret}%"))
            .get_result(&mut app.conn().await)
            .await
            .unwrap();
    assert_eq!(hits.n, 0);
}

#[tokio::test]
async fn the_totp_secret_is_stored_sealed_and_a_key_rotation_keeps_logins_working() {
    use diesel::sql_types::{BigInt, Text};
    use diesel_async::RunQueryDsl;
    use shinko_api::auth::secret_box::{SecretBox, SecretKey};
    #[derive(diesel::QueryableByName)]
    struct Stored {
        #[diesel(sql_type = Text)]
        totp_secret: String,
    }
    let old_key = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8M=";
    let new_key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    let app = TestApp::spawn_with(move |key| (key == "TOTP_SECRET_KEY").then(|| old_key.into())).await;
    let user = app.admin().await;
    let token = app.login(&user).await.access;
    let (secret, _) = enrol(&app, &token, &user).await;
    let user_id = user.id;
    let stored = move |conn| async move {
        let mut conn = conn;
        diesel::sql_query("SELECT totp_secret FROM users WHERE id = $1")
            .bind::<BigInt, _>(user_id)
            .get_result::<Stored>(&mut conn)
            .await
            .unwrap()
            .totp_secret
    };
    let sealed = stored(app.conn().await).await;
    assert!(sealed.starts_with("v1:") && !sealed.contains(&secret), "{sealed}");

    // Rotation: the new key seals, the old one still opens until the command has re-sealed all.
    let rotated = SecretBox::new(&SecretKey::from_base64(new_key).unwrap(), SecretKey::from_base64(old_key).as_ref());
    let mut conn = app.conn().await;
    assert_eq!(shinko_api::cli::reseal_totp_secrets(&mut conn, &rotated).await.unwrap(), (1, 0));
    assert_eq!(shinko_api::cli::reseal_totp_secrets(&mut conn, &rotated).await.unwrap(), (0, 1));
    let resealed = stored(app.conn().await).await;
    assert_ne!(resealed, sealed);
    let only_new = SecretBox::new(&SecretKey::from_base64(new_key).unwrap(), None);
    assert_eq!(only_new.open(user_id, &resealed).map(|(s, _)| s), Some(secret.clone()));

    // A server with the new key lets the user in with the app's code.
    let after = TestApp::spawn_on_with(app.db, move |key| (key == "TOTP_SECRET_KEY").then(|| new_key.into())).await;
    let code = code_for(&secret, &user.login_id, 0);
    assert_json(login_with(&after, &user, Some(&code)).await, StatusCode::CREATED).await;
}

#[tokio::test]
async fn every_check_of_a_secret_is_throttled_per_account() {
    let app = TestApp::spawn().await;
    let user = app.admin().await;
    let token = app.login(&user).await.access;
    let (_, _) = enrol(&app, &token, &user).await;

    // The code at login: after the failures of the window, even a right code must wait.
    let mut statuses = Vec::new();
    for _ in 0..20 {
        statuses.push(login_with(&app, &user, Some("000000")).await.status());
    }
    assert!(statuses[..10].iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
    let throttled = login_with(&app, &user, Some("000000")).await;
    assert!(throttled.headers().contains_key("retry-after"));
    assert_problem(throttled, StatusCode::TOO_MANY_REQUESTS).await;

    // Switching the factor off, and the current password of a password change.
    let other = app.create_user(shinko_db::enums::UserRole::Editor, Some("健康課")).await;
    let other_token = app.login(&other).await.access;
    enrol(&app, &other_token, &other).await;
    for _ in 0..10 {
        let wrong = app.post("/api/v1/me/mfa/disable", Some(&other_token), &json!({ "code": "000000" })).await;
        assert_problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let p = assert_problem(
        app.post("/api/v1/me/mfa/disable", Some(&other_token), &json!({ "code": "000000" })).await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("秒後"));

    let third = app.create_user(shinko_db::enums::UserRole::Viewer, None).await;
    let third_token = app.login(&third).await.access;
    let wrong = json!({ "current_password": "not my password at all", "new_password": "a brand new correct horse" });
    for _ in 0..10 {
        assert_problem(
            app.put("/api/v1/me/password", Some(&third_token), &wrong).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let right = json!({ "current_password": third.password, "new_password": "a brand new correct horse" });
    assert_problem(app.put("/api/v1/me/password", Some(&third_token), &right).await, StatusCode::TOO_MANY_REQUESTS)
        .await;
}
