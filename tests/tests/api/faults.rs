//! A database restart under load: the API answers 503 problem+json with Retry-After while the
//! database is away (never a 500, never a hang), serves again within 5 seconds of its return, and
//! every write it acknowledged is in the database afterwards.
//!
//! The test runs its own PostgreSQL cluster (tests/src/pg_cluster.rs), so it can stop and start it
//! without disturbing the other tests' server.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use shinko_api::startup::Application;
use shinko_db::enums::UserRole;
use shinko_db::PoolSettings;
use shinko_tests::cycle::{self, days_from_today};
use shinko_tests::pg_cluster::PgCluster;
use shinko_tests::*;

/// How long the server may wait for a pooled connection before it answers 503.
const POOL_WAIT_MS: &str = "2000";
/// Upper bound of every request of the test: an answer later than this counts as a hang.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(20);
/// How long the database stays stopped.
const OUTAGE: Duration = Duration::from_secs(3);
/// The API must serve again within this time after the database accepts connections.
const RECOVERY_LIMIT: Duration = Duration::from_secs(5);

/// One answer the load got.
#[derive(Debug)]
struct Observation {
    what: &'static str,
    /// None: no answer within the client timeout, or the connection failed.
    status: Option<StatusCode>,
    problem_json: bool,
    retry_after: bool,
    latency: Duration,
    error: String,
}

impl Observation {
    fn acceptable(&self) -> bool {
        match self.status {
            Some(s) if s.is_success() => true,
            Some(StatusCode::SERVICE_UNAVAILABLE) => self.problem_json && self.retry_after,
            _ => false,
        }
    }
}

/// A write the API acknowledged with 200.
#[derive(Debug, Clone)]
struct Ack {
    report: i64,
    version: i64,
    progress: String,
}

#[derive(Default)]
struct Log {
    observations: Vec<Observation>,
    acks: Vec<Ack>,
}

async fn observe(
    what: &'static str,
    req: reqwest::RequestBuilder,
    log: &Mutex<Log>,
) -> Option<(StatusCode, reqwest::header::HeaderMap, String)> {
    let started = Instant::now();
    let result = req.send().await;
    let (status, headers, body, error) = match result {
        Ok(res) => {
            let status = res.status();
            let headers = res.headers().clone();
            match res.text().await {
                Ok(body) => (Some(status), headers, body, String::new()),
                Err(e) => (None, headers, String::new(), e.to_string()),
            }
        }
        Err(e) => (None, Default::default(), String::new(), e.to_string()),
    };
    let problem_json = headers.get("content-type").is_some_and(|v| v == "application/problem+json");
    let retry_after = headers.contains_key("retry-after");
    let error = if status.is_some_and(|s| !s.is_success()) { body.chars().take(200).collect() } else { error };
    log.lock().unwrap().observations.push(Observation {
        what,
        status,
        problem_json,
        retry_after,
        latency: started.elapsed(),
        error,
    });
    status.map(|s| (s, headers, body))
}

/// Reads the compiled table until told to stop.
async fn reader(app: Arc<TestApp>, token: String, period: i64, stop: Arc<AtomicBool>, log: Arc<Mutex<Log>>) {
    for _ in 0..5_000 {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let req = app.client.get(app.url(&format!("/api/v1/periods/{period}/table"))).bearer_auth(&token);
        if observe("GET /periods/{id}/table", req, &log).await.is_none_or(|(s, ..)| !s.is_success()) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Saves one report again and again (read its ETag, write with If-Match), remembering every save
/// the API acknowledged.
async fn writer(app: Arc<TestApp>, token: String, report: i64, n: usize, stop: Arc<AtomicBool>, log: Arc<Mutex<Log>>) {
    for seq in 0..5_000 {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let req = app.client.get(app.url(&format!("/api/v1/reports/{report}"))).bearer_auth(&token);
        let Some((StatusCode::OK, headers, _)) = observe("GET /reports/{id}", req, &log).await else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        let etag = headers.get("etag").expect("an ETag").to_str().unwrap().to_owned();
        let progress = format!("障害試験 書き手{n} 第{seq}回：相談件数 {seq}件");
        let body = json!({ "progress": progress, "implementation_status": "in_progress", "evaluation": null, "future_direction": null, "remarks": "" });
        let req = app
            .client
            .put(app.url(&format!("/api/v1/reports/{report}")))
            .bearer_auth(&token)
            .header("If-Match", etag)
            .json(&body);
        match observe("PUT /reports/{id}", req, &log).await {
            Some((StatusCode::OK, _, body)) => {
                let saved: Value = serde_json::from_str(&body).expect("the saved report");
                assert_eq!(saved["progress"], progress.as_str());
                log.lock().unwrap().acks.push(Ack { report, version: saved["version"].as_i64().unwrap(), progress });
            }
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Runs a blocking call (pg_ctl) off the async workers, so the load keeps going meanwhile.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_answers_503_during_a_database_restart_and_keeps_every_acknowledged_write() {
    let cluster = Arc::new(blocking(PgCluster::start).await);
    let url = cluster.url("shinko");
    {
        let (client, connection) =
            tokio_postgres::connect(&cluster.url("postgres"), tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(connection);
        client.batch_execute("CREATE DATABASE shinko ENCODING 'UTF8' TEMPLATE template0").await.unwrap();
    }
    migrate_and_seed(&url).await;
    let pool = shinko_db::build_pool(&url, &PoolSettings::default()).unwrap();

    let config = config_with(&url, |key| match key {
        "DB_POOL_WAIT_MS" => Some(POOL_WAIT_MS.into()),
        "HTTP_WORKERS" => Some("2".into()),
        _ => None,
    });
    let server = Application::build(&config).expect("the app builds");
    let address = format!("http://127.0.0.1:{}", server.port());
    tokio::spawn(server.run_until_stopped());
    let app = Arc::new(TestApp {
        address,
        client: reqwest::Client::builder().timeout(CLIENT_TIMEOUT).build().unwrap(),
        pool,
        // The database lives in the private cluster, which is deleted as a whole; this name exists
        // nowhere else, so the clean-up of TestDatabase on the shared server finds nothing to drop.
        db: TestDatabase { name: format!("shinko_fault_{}", uuid::Uuid::new_v4().simple()), url: url.clone() },
    });

    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let health = app.department_id("健康課").await;
    let year = cycle::open_full_year(&app, &admin, days_from_today(30)).await;
    let reports = cycle::reports_of(&app, &editor, year, health).await;

    let stop = Arc::new(AtomicBool::new(false));
    let log = Arc::new(Mutex::new(Log::default()));
    let mut load = Vec::new();
    for _ in 0..2 {
        load.push(tokio::spawn(reader(app.clone(), editor.clone(), year, stop.clone(), log.clone())));
    }
    for (n, report) in reports.iter().take(2).enumerate() {
        load.push(tokio::spawn(writer(
            app.clone(),
            editor.clone(),
            report["id"].as_i64().unwrap(),
            n + 1,
            stop.clone(),
            log.clone(),
        )));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let acks_before = log.lock().unwrap().acks.len();

    // The outage: a fast shutdown (open sessions are ended), a pause, a start.
    let down_at = Instant::now();
    let c = cluster.clone();
    blocking(move || c.stop_server()).await;
    tokio::time::sleep(OUTAGE).await;
    let c = cluster.clone();
    blocking(move || c.start_server()).await;
    let back_at = Instant::now();
    let outage = back_at - down_at;

    // Recovery: the first successful request sent after the database is back.
    let recovered_at = loop {
        let sent = Instant::now();
        let res = app.client.get(app.url(&format!("/api/v1/periods/{year}/table"))).bearer_auth(&editor).send().await;
        if res.is_ok_and(|r| r.status().is_success()) {
            break sent;
        }
        assert!(
            back_at.elapsed() < RECOVERY_LIMIT + Duration::from_secs(10),
            "no successful request within {:?} of the database's return",
            back_at.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let recovery = recovered_at.saturating_duration_since(back_at);

    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, Ordering::Relaxed);
    for task in load {
        task.await.expect("a load task panicked");
    }

    let log = std::mem::take(&mut *log.lock().unwrap());
    let unavailable = log.observations.iter().filter(|o| o.status == Some(StatusCode::SERVICE_UNAVAILABLE)).count();
    let successes = log.observations.iter().filter(|o| o.status.is_some_and(|s| s.is_success())).count();
    let slowest = log.observations.iter().map(|o| o.latency).max().unwrap_or_default();
    println!(
        "faults: database down for {:.1} s (stop -m fast, {} s pause, start); API serving again {} ms after the database; {} requests ({} successes, {} answered 503), slowest {:.2} s; {} writes acknowledged ({} before the outage)",
        outage.as_secs_f64(),
        OUTAGE.as_secs(),
        recovery.as_millis(),
        log.observations.len(),
        successes,
        unavailable,
        slowest.as_secs_f64(),
        log.acks.len(),
        acks_before
    );

    let wrong: Vec<String> = log
        .observations
        .iter()
        .filter(|o| !o.acceptable())
        .map(|o| {
            format!(
                "{}: {:?} after {:.2} s (problem+json {}, Retry-After {}): {}",
                o.what,
                o.status,
                o.latency.as_secs_f64(),
                o.problem_json,
                o.retry_after,
                o.error
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} requests got neither a success nor 503 problem+json with Retry-After:\n  {}",
        wrong.len(),
        log.observations.len(),
        wrong.join("\n  ")
    );
    assert!(unavailable > 0, "the load never met the outage (no 503): the test proved nothing");
    assert!(
        recovery <= RECOVERY_LIMIT,
        "the API served again only {recovery:?} after the database was back (limit {RECOVERY_LIMIT:?})"
    );
    assert!(acks_before > 0 && log.acks.len() > acks_before, "writes were acknowledged before and after the outage");

    // Every acknowledged write is in the report's history, with the text the API confirmed.
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    for ack in &log.acks {
        let row = client
            .query_opt(
                "SELECT progress FROM report_versions WHERE report_id = $1 AND version = $2",
                &[&ack.report, &(ack.version as i32)],
            )
            .await
            .unwrap();
        let stored: Option<String> = row.map(|r| r.get(0));
        assert_eq!(
            stored.as_deref(),
            Some(ack.progress.as_str()),
            "acknowledged write of report {} version {}",
            ack.report,
            ack.version
        );
    }
}
