//! Test support: the real application on port 0 against a fresh PostgreSQL database per test.
//!
//! Each test database is cloned from a template that is migrated and holds the seed plan, so a
//! test starts in milliseconds instead of re-running migrations. The template's name carries a
//! fingerprint of the migrations and the seed, so a change to either builds a new one.

use std::sync::OnceLock;

use reqwest::{Method, Response, StatusCode};
use serde_json::Value;
use shinko_api::auth::password::PasswordHasherPool;
use shinko_api::config::Config;
use shinko_api::startup::Application;
use shinko_db::enums::UserRole;
use shinko_db::users::{User, UserInsertForm};
use shinko_db::{DbConn, DbPool, PoolSettings};
use tokio_postgres::NoTls;

pub mod cycle;
pub mod pg_cluster;
pub mod smtp_sink;

/// The password every test user gets (long enough for the password rules).
pub const PASSWORD: &str = "correct horse battery";
/// The JWT secret of the test servers; tests use it to forge tokens.
pub const JWT_SECRET: &str = "test-secret-that-is-at-least-32-bytes-long!";
pub const JWT_ISSUER: &str = "shinko";
pub const JWT_AUDIENCE: &str = "shinko-api";

/// The server that hosts the test databases (a maintenance database URL of a role that may
/// CREATE DATABASE).
pub fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn database_url(name: &str) -> String {
    let base = admin_url();
    let (prefix, _) = base.rsplit_once('/').expect("TEST_DATABASE_URL ends with /<database>");
    format!("{prefix}/{name}")
}

/// The template's name: a fingerprint of the migrations and the seed taken when this binary was
/// compiled (see build.rs), so an outdated template is never reused.
fn template_name() -> &'static str {
    concat!("shinko_tpl_", env!("SHINKO_FIXTURE_HASH"))
}

async fn admin_client() -> tokio_postgres::Client {
    let (client, connection) =
        tokio_postgres::connect(&admin_url(), NoTls).await.expect("connect to TEST_DATABASE_URL");
    tokio::spawn(connection);
    client
}

/// Makes sure the template exists. Test processes run in parallel (nextest), so an advisory lock
/// on the server lets exactly one of them build it; it is built under a temporary name and renamed
/// when complete, so no one ever clones a half-built template.
/// Migrates the empty database at `url` and imports the seed plan with its approved 上半期 reports.
pub async fn migrate_and_seed(url: &str) {
    shinko_db::run_migrations(url).await.expect("migrations apply");
    let pool = shinko_db::build_pool(url, &PoolSettings::default()).unwrap();
    let mut conn = pool.get().await.unwrap();
    let plan = shinko_db::import::PlanFile::from_json(shinko_api::cli::SEED_PLAN).unwrap();
    let summary = shinko_db::import::import_plan(&mut conn, &plan).await.expect("seed imports");
    shinko_db::import::import_reports(&mut conn, summary.plan_id, &plan).await.expect("seed reports import");
}

async fn ensure_template() -> &'static str {
    let name = template_name();
    let client = admin_client().await;
    client.execute("SELECT pg_advisory_lock(738211)", &[]).await.unwrap();
    let exists = client.query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name]).await.unwrap().is_some();
    if !exists {
        let building = format!("{name}_building");
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")).await.unwrap();
        client.batch_execute(&format!("CREATE DATABASE {building} ENCODING 'UTF8' TEMPLATE template0")).await.unwrap();
        migrate_and_seed(&database_url(&building)).await;
        // Old templates of earlier migration sets only take space; the newest few stay, because
        // test runs of other checkouts on the same server may still be using theirs.
        for row in client.query("SELECT datname FROM pg_database WHERE datname LIKE 'shinko\\_tpl\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_building' ORDER BY oid DESC OFFSET 3", &[&name]).await.unwrap() {
            let old: String = row.get(0);
            client.batch_execute(&format!("DROP DATABASE IF EXISTS {old} WITH (FORCE)")).await.unwrap();
        }
        client.batch_execute(&format!("ALTER DATABASE {building} RENAME TO {name}")).await.unwrap();
    }
    client.execute("SELECT pg_advisory_unlock(738211)", &[]).await.unwrap();
    name
}

/// A fresh database for one test, dropped when the value is dropped.
pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    /// A clone of the template: migrated, with the seed plan and its 上半期 reports (approved),
    /// without users.
    pub async fn seeded() -> Self {
        let template = ensure_template().await;
        Self::create(&format!("TEMPLATE {template}")).await
    }

    /// An empty database without any migration.
    pub async fn empty() -> Self {
        Self::create("TEMPLATE template0 ENCODING 'UTF8'").await
    }

    async fn create(clause: &str) -> Self {
        let name = format!("shinko_test_{}", uuid::Uuid::new_v4().simple());
        admin_client()
            .await
            .batch_execute(&format!("CREATE DATABASE {name} {clause}"))
            .await
            .expect("create test database");
        let url = database_url(&name);
        Self { name, url }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Drop runs inside the test's runtime, which cannot be blocked on; a helper thread with a
        // runtime of its own does the clean-up.
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                if let Ok((client, conn)) = tokio_postgres::connect(&admin_url(), NoTls).await {
                    tokio::spawn(conn);
                    let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                }
            });
        })
        .join();
    }
}

/// A user created directly in the database for a test.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: i64,
    pub login_id: String,
    pub password: String,
    pub role: UserRole,
    pub department_id: Option<i64>,
}

/// A session's tokens as the login answered them.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

/// The running application and its database.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub pool: DbPool,
    // Last field: dropped after the pool, so its connections are gone when the database is dropped.
    pub db: TestDatabase,
}

pub fn config_for(url: &str) -> Config {
    config_with(url, |_| None)
}

/// The test configuration with `overrides` (None for the keys they leave alone) taking precedence.
pub fn config_with(url: &str, overrides: impl Fn(&str) -> Option<String>) -> Config {
    let url = url.to_owned();
    Config::from_lookup(move |key| {
        overrides(key).or_else(|| match key {
            "DATABASE_URL" => Some(url.clone()),
            "JWT_SECRET" => Some(JWT_SECRET.into()),
            "BIND_ADDR" => Some("127.0.0.1:0".into()),
            "HTTP_WORKERS" => Some("1".into()),
            "DB_POOL_SIZE" => Some("4".into()),
            // Tests log in far more often than people; the throttling test sets its own limits.
            "LOGIN_LIMIT_PER_ADDRESS" => Some("10000".into()),
            _ => None,
        })
    })
    .expect("test configuration is valid")
}

impl TestApp {
    /// The app on a fresh copy of the seeded database.
    pub async fn spawn() -> Self {
        Self::spawn_on(TestDatabase::seeded().await).await
    }

    /// The app on a fresh copy of the seeded database, with settings of `overrides` (e.g. the
    /// SMTP settings of a [`smtp_sink::SmtpSink`]).
    pub async fn spawn_with(overrides: impl Fn(&str) -> Option<String>) -> Self {
        let db = TestDatabase::seeded().await;
        let config = config_with(&db.url, overrides);
        Self::start(db, &config)
    }

    pub async fn spawn_on(db: TestDatabase) -> Self {
        let config = config_for(&db.url);
        Self::start(db, &config)
    }

    /// A (further) server on `db`, with settings of `overrides`.
    pub async fn spawn_on_with(db: TestDatabase, overrides: impl Fn(&str) -> Option<String>) -> Self {
        let config = config_with(&db.url, overrides);
        Self::start(db, &config)
    }

    fn start(db: TestDatabase, config: &Config) -> Self {
        let app = Application::build(config).expect("the app builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        let pool = shinko_db::build_pool(&db.url, &PoolSettings::default()).unwrap();
        Self { address, client: reqwest::Client::new(), pool, db }
    }

    pub async fn conn(&self) -> DbConn {
        self.pool.get().await.expect("database connection")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Any request, with an optional bearer token and JSON body.
    pub async fn request(&self, method: Method, path: &str, token: Option<&str>, body: Option<&Value>) -> Response {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        req.send().await.expect("request sent")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.request(Method::PATCH, path, token, Some(body)).await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.request(Method::PUT, path, token, Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::DELETE, path, token, None).await
    }

    /// The id of a department of the seed, by name.
    pub async fn department_id(&self, name: &str) -> i64 {
        let mut conn = self.conn().await;
        shinko_db::departments::Department::find_by_name(&mut conn, name)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("department {name}"))
            .id
    }

    /// Creates a user straight in the database.
    pub async fn create_user(&self, role: UserRole, department: Option<&str>) -> TestUser {
        let department_id = match department {
            Some(name) => Some(self.department_id(name).await),
            None => None,
        };
        let login_id = format!("u{}", &uuid::Uuid::new_v4().simple().to_string()[..10]);
        let hash = hasher().hash(PASSWORD.to_owned()).await.unwrap();
        let mut conn = self.conn().await;
        let form = UserInsertForm {
            login_id: &login_id,
            display_name: "テスト利用者",
            department_id,
            role,
            password_hash: &hash,
            must_change_password: false,
            email: None,
        };
        let user = User::create(&mut conn, &form).await.unwrap();
        TestUser { id: user.id, login_id, password: PASSWORD.into(), role, department_id }
    }

    pub async fn admin(&self) -> TestUser {
        self.create_user(UserRole::Admin, Some("健康課")).await
    }

    pub async fn editor(&self, department: &str) -> TestUser {
        self.create_user(UserRole::Editor, Some(department)).await
    }

    pub async fn viewer(&self) -> TestUser {
        self.create_user(UserRole::Viewer, None).await
    }

    pub async fn post_login(&self, login_id: &str, password: &str) -> Response {
        self.post("/api/v1/sessions", None, &serde_json::json!({ "login_id": login_id, "password": password })).await
    }

    /// Logs `user` in and returns the session's tokens.
    pub async fn login(&self, user: &TestUser) -> Tokens {
        let res = self.post_login(&user.login_id, &user.password).await;
        assert_eq!(res.status(), StatusCode::CREATED, "login of {}", user.login_id);
        let body: Value = res.json().await.unwrap();
        Tokens {
            access: body["access_token"].as_str().unwrap().into(),
            refresh: body["refresh_token"].as_str().unwrap().into(),
        }
    }

    /// Creates a user of `role` and logs in; returns the access token.
    pub async fn token(&self, role: UserRole, department: Option<&str>) -> String {
        let user = self.create_user(role, department).await;
        self.login(&user).await.access
    }
}

fn hasher() -> &'static PasswordHasherPool {
    static HASHER: OnceLock<PasswordHasherPool> = OnceLock::new();
    HASHER.get_or_init(|| PasswordHasherPool::new(2))
}

/// Asserts a problem+json answer with `status`, and returns its body.
pub async fn assert_problem(res: Response, status: StatusCode) -> Value {
    let got = res.status();
    let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let body = res.text().await.unwrap();
    assert_eq!(got, status, "status; body: {body}");
    assert_eq!(content_type, "application/problem+json", "content type; body: {body}");
    let json: Value = serde_json::from_str(&body).expect("problem body is JSON");
    assert_eq!(json["status"], status.as_u16(), "status member");
    assert!(json["detail"].as_str().is_some_and(|d| !d.is_empty()), "detail present");
    json
}

/// Asserts `status` and returns the JSON body.
pub async fn assert_json(res: Response, status: StatusCode) -> Value {
    let got = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(got, status, "status; body: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("the body is not JSON ({e}): {body:?}"))
}

/// The field names of a validation problem.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| a.iter().map(|e| e["field"].as_str().unwrap_or_default().to_owned()).collect())
        .unwrap_or_default()
}
