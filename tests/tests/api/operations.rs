//! What operations rely on: health checks, request ids, security headers, CORS, login throttling.

use reqwest::StatusCode;
use serde_json::json;
use shinko_db::enums::UserRole;
use shinko_tests::*;

#[tokio::test]
async fn health_and_readiness_answer_without_login() {
    let app = TestApp::spawn().await;
    assert_eq!(assert_json(app.get("/healthz", None).await, StatusCode::OK).await["status"], "ok");
    assert_eq!(assert_json(app.get("/readyz", None).await, StatusCode::OK).await["status"], "ok");
}

#[tokio::test]
async fn readiness_fails_fast_with_503_when_the_database_is_gone() {
    let db = TestDatabase::seeded().await;
    let url = db.url.clone();
    // A pool pointing at a port where nothing listens: the database is "down".
    let app = TestApp::spawn_with(move |key| match key {
        "DATABASE_URL" => Some(url.replace(":5432/", ":1/").replace("127.0.0.1/", "127.0.0.1:1/")),
        "DB_POOL_WAIT_MS" => Some("500".into()),
        _ => None,
    })
    .await;
    drop(db);
    let started = std::time::Instant::now();
    let res = app.get("/readyz", None).await;
    assert_eq!(res.headers()["retry-after"], "5");
    let p = assert_problem(res, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(p["code"], "service_unavailable");
    assert!(!p["detail"].as_str().unwrap().contains("connect"), "nothing internal in the body");
    let login = app.post_login("someone", "whatever-password").await;
    assert_problem(login, StatusCode::SERVICE_UNAVAILABLE).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "fails fast, took {:?}", started.elapsed());
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/api/v1/plans", "/healthz", "/docs/", "/api/v1/no-such-thing"] {
        let res = app.get(path, None).await;
        let h = res.headers();
        assert!(h.get("x-request-id").is_some_and(|v| v.len() >= 16), "{path} has a request id");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
    }
    let a = app.get("/healthz", None).await.headers()["x-request-id"].clone();
    let b = app.get("/healthz", None).await.headers()["x-request-id"].clone();
    assert_ne!(a, b);
    assert!(
        app.get("/healthz", None).await.headers().get("strict-transport-security").is_none(),
        "no HSTS without TLS"
    );
}

#[tokio::test]
async fn no_cache_keeps_what_carries_tokens_or_personal_data_and_hsts_comes_with_tls() {
    let app = TestApp::spawn_with(|key| (key == "BEHIND_TLS").then(|| "true".into())).await;
    let admin = app.admin().await;
    let login = app.post_login(&admin.login_id, &admin.password).await;
    assert_eq!(login.headers()["cache-control"], "no-store", "the tokens");
    let token = app.login(&admin).await.access;
    for path in ["/api/v1/me", "/api/v1/users", "/api/v1/audit-log", "/api/v1/plans"] {
        let res = app.get(path, Some(&token)).await;
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
        assert_eq!(res.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains", "{path}");
    }
    // The public editions say themselves how long they may be kept.
    assert_eq!(app.get("/api/v1/public/editions", None).await.headers()["cache-control"], "public, max-age=60");
}

#[tokio::test]
async fn cross_origin_requests_are_allowed_only_from_configured_origins() {
    let app =
        TestApp::spawn_with(|key| (key == "CORS_ALLOWED_ORIGINS").then(|| "https://portal.city.example".into())).await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/plans"))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
    };
    let allowed = preflight("https://portal.city.example").await.unwrap();
    assert_eq!(allowed.headers()["access-control-allow-origin"], "https://portal.city.example");
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(refused.headers().get("access-control-allow-origin").is_none());
    let plain = TestApp::spawn().await;
    let res =
        plain.client.get(plain.url("/healthz")).header("origin", "https://portal.city.example").send().await.unwrap();
    assert!(res.headers().get("access-control-allow-origin").is_none(), "no origin is allowed by default");
}

#[tokio::test]
async fn repeated_failed_logins_are_throttled_without_locking_out_for_long() {
    let app = TestApp::spawn_with(|key| match key {
        "LOGIN_LIMIT_FAILURES_PER_ACCOUNT" => Some("3".into()),
        "LOGIN_LIMIT_ACCOUNT_WINDOW_SECONDS" => Some("2".into()),
        "LOGIN_LIMIT_PER_ADDRESS" => Some("1000".into()),
        _ => None,
    })
    .await;
    let user = app.create_user(UserRole::Editor, Some("健康課")).await;
    for _ in 0..3 {
        assert_problem(app.post_login(&user.login_id, "wrong password!").await, StatusCode::UNAUTHORIZED).await;
    }
    let throttled = app.post_login(&user.login_id, &user.password).await;
    let retry: u64 = throttled.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry), "Retry-After {retry}");
    let p = assert_problem(throttled, StatusCode::TOO_MANY_REQUESTS).await;
    assert!(p["detail"].as_str().unwrap().contains("秒後"));
    // Other accounts are not affected, and the account is free again after the short window.
    let other = app.create_user(UserRole::Viewer, None).await;
    assert_eq!(app.post_login(&other.login_id, &other.password).await.status(), StatusCode::CREATED);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(app.post_login(&user.login_id, &user.password).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn one_client_address_is_limited_in_its_attempts() {
    let app = TestApp::spawn_with(|key| (key == "LOGIN_LIMIT_PER_ADDRESS").then(|| "5".into())).await;
    for i in 0..5 {
        assert_problem(app.post_login(&format!("nobody{i}"), "wrong password!").await, StatusCode::UNAUTHORIZED).await;
    }
    assert_problem(app.post_login("nobody9", "wrong password!").await, StatusCode::TOO_MANY_REQUESTS).await;
}

#[tokio::test]
async fn production_mode_refuses_demo_accounts_and_placeholder_secrets() {
    let app = TestApp::spawn().await;
    let production = |secret: &'static str| {
        let url = app.db.url.clone();
        config_with(&url, move |key| match key {
            "APP_ENV" => Some("production".into()),
            "JWT_SECRET" => Some(secret.into()),
            "TOTP_SECRET_KEY" => Some("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8M=".into()),
            _ => None,
        })
    };
    let strong = "9f2c1e7a4b8d0f3e6a5c2b1d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f";
    // Without its own key for the two-factor secrets it does not start either.
    let without_key = config_with(&app.db.url, |key| match key {
        "APP_ENV" => Some("production".into()),
        "JWT_SECRET" => Some(strong.into()),
        _ => None,
    });
    let refused = shinko_api::production::check(&without_key, &app.pool).await.unwrap_err().to_string();
    assert!(refused.contains("TOTP_SECRET_KEY"), "{refused}");
    // Without demo accounts a strong secret passes.
    shinko_api::production::check(&production(strong), &app.pool).await.unwrap();
    let weak = shinko_api::production::check(&production("change-me-change-me-change-me-change-me"), &app.pool)
        .await
        .unwrap_err();
    assert!(weak.to_string().contains("JWT_SECRET"), "{weak}");

    let mut conn = app.conn().await;
    shinko_api::demo::ensure_demo_users(&mut conn, &shinko_api::auth::password::PasswordHasherPool::new(2))
        .await
        .unwrap();
    let refused = shinko_api::production::check(&production(strong), &app.pool).await.unwrap_err().to_string();
    assert!(refused.contains("admin") && refused.contains("editor01"), "{refused}");
    assert!(production(strong).require_admin_mfa, "production requires a second factor for admins by default");
}

#[tokio::test]
async fn guesses_from_another_client_do_not_lock_out_a_browser_that_signed_in_before() {
    let app = TestApp::spawn_with(|key| match key {
        "TRUST_FORWARDED_FOR" => Some("true".into()),
        "LOGIN_LIMIT_PER_ADDRESS" => Some("1000".into()),
        _ => None,
    })
    .await;
    let admin = app.admin().await;
    let login_from = |address: &'static str, password: String, cookie: Option<String>| {
        let mut req = app
            .client
            .post(app.url("/api/v1/sessions"))
            .header("x-forwarded-for", address)
            .json(&json!({ "login_id": admin.login_id, "password": password }));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };
    // The real user signs in from their browser, which keeps the device cookie.
    let first = login_from("192.0.2.10", admin.password.clone(), None).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let set_cookie = first.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"), "{set_cookie}");
    assert!(set_cookie.contains("Path=/api/v1/sessions"), "{set_cookie}");
    let device = set_cookie.split(';').next().unwrap().to_owned();

    // An attacker elsewhere guesses 50 times: the account is closed to unknown clients…
    for _ in 0..50 {
        let res = login_from("198.51.100.7", "guessing-password".into(), None).await.unwrap();
        assert!(matches!(res.status(), StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS), "{}", res.status());
    }
    let stranger = login_from("203.0.113.5", admin.password.clone(), None).await.unwrap();
    assert_eq!(stranger.status(), StatusCode::TOO_MANY_REQUESTS);
    // …but not to the browser that signed in before.
    let known = login_from("192.0.2.10", admin.password.clone(), Some(device.clone())).await.unwrap();
    assert_eq!(known.status(), StatusCode::CREATED);
    // Login ids past 100 characters are refused before they cost memory or a hash.
    let long_id = json!({ "login_id": "x".repeat(101), "password": "whatever-password" });
    let problem =
        assert_problem(app.post("/api/v1/sessions", None, &long_id).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_fields(&problem), ["login_id"]);
}
