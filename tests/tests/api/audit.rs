//! `/audit-log`: admins read who changed what, with the data before and after.

use reqwest::StatusCode;
use serde_json::json;
use shinko_db::enums::UserRole;
use shinko_tests::cycle::*;
use shinko_tests::*;

#[tokio::test]
async fn the_audit_log_is_for_admins_only() {
    let app = TestApp::spawn().await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let viewer = app.token(UserRole::Viewer, None).await;
    for token in [&editor, &viewer] {
        assert_problem(app.get("/api/v1/audit-log", Some(token)).await, StatusCode::FORBIDDEN).await;
    }
    assert_problem(app.get("/api/v1/audit-log", None).await, StatusCode::UNAUTHORIZED).await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let page = assert_json(app.get("/api/v1/audit-log?per_page=5", Some(&admin)).await, StatusCode::OK).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 5, "the seed import alone wrote plenty");
    let ids: Vec<i64> = page["items"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    assert_problem(app.get("/api/v1/audit-log?per_page=500", Some(&admin)).await, StatusCode::UNPROCESSABLE_ENTITY)
        .await;
    assert_problem(app.get("/api/v1/audit-log?actor_id=abc", Some(&admin)).await, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn a_saved_report_shows_in_the_log_with_its_author_before_and_after() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let period = open_full_year(&app, &admin, days_from_today(14)).await;
    let editor_user = app.editor("福祉総務課").await;
    let editor = app.login(&editor_user).await.access;
    let report = reports_of(&app, &editor, period, app.department_id("福祉総務課").await).await.remove(0);
    let id = report["id"].as_i64().unwrap();
    save(&app, &editor, id, "民生委員の研修を実施した。").await;

    let log = assert_json(
        app.get(&format!("/api/v1/audit-log?entity=reports&entity_id={id}"), Some(&admin)).await,
        StatusCode::OK,
    )
    .await;
    // The period's opening inserted the report; the save updated it.
    assert_eq!(log["total"], 2);
    let save = &log["items"][0];
    assert_eq!(save["action"], "update");
    assert_eq!(save["entity"], "reports");
    assert_eq!(save["entity_id"], id.to_string());
    assert_eq!(save["actor"], json!({ "id": editor_user.id, "display_name": "テスト利用者" }));
    assert_eq!(save["before"]["progress"], "");
    assert_eq!(save["after"]["progress"], "民生委員の研修を実施した。");
    assert_eq!((save["before"]["version"].as_i64(), save["after"]["version"].as_i64()), (Some(1), Some(2)));
    assert!(save["occurred_at"].is_string());
    let opened = &log["items"][1];
    assert_eq!(opened["action"], "insert");
    assert!(opened["before"].is_null());

    let by_editor = assert_json(
        app.get(&format!("/api/v1/audit-log?actor_id={}", editor_user.id), Some(&admin)).await,
        StatusCode::OK,
    )
    .await;
    let entities: Vec<&str> =
        by_editor["items"].as_array().unwrap().iter().map(|e| e["entity"].as_str().unwrap()).collect();
    assert!(entities.contains(&"reports"), "{entities:?}");
    assert!(by_editor["items"].as_array().unwrap().iter().all(|e| e["actor"]["id"] == editor_user.id));
    // Secrets never enter the log.
    let users =
        assert_json(app.get("/api/v1/audit-log?entity=users&per_page=100", Some(&admin)).await, StatusCode::OK).await;
    assert!(users["items"].as_array().unwrap().iter().all(|e| e["after"].get("password_hash").is_none()));
}

/// The actor the audit triggers would record for a write through `conn` (None: nobody).
async fn recorded_actor(conn: &mut shinko_db::AsyncPgConnection) -> Option<String> {
    use diesel::sql_types::{Nullable, Text};
    use diesel_async::RunQueryDsl;
    diesel::select(diesel::dsl::sql::<Nullable<Text>>("NULLIF(current_setting('shinko.actor_id', true), '')"))
        .get_result(conn)
        .await
        .unwrap()
}

/// Connections are handed out without a reset query, so attribution rests on the two pools: a
/// write connection names the user it is handed out for, whoever had the same connection before,
/// and a reading connection (through which API token bookkeeping and the deadline job write)
/// never names anyone.
#[tokio::test]
async fn a_pooled_connection_never_attributes_a_write_to_an_earlier_borrower() {
    let db = TestDatabase::seeded().await;
    // One connection per pool: every checkout hands out the same one again.
    let settings = shinko_db::PoolSettings { max_size: 1, ..Default::default() };
    let reads = shinko_db::build_pool(&db.url, &settings).unwrap();
    let writes = shinko_db::WritePool::build(&db.url, &settings).unwrap();
    for actor in [7_i64, 8, 7] {
        let mut conn = writes.get(actor).await.unwrap();
        assert_eq!(recorded_actor(&mut conn).await, Some(actor.to_string()));
        drop(conn);
        let mut conn = reads.get().await.unwrap();
        assert_eq!(recorded_actor(&mut conn).await, None, "a reading connection after a write on behalf of {actor}");
    }
}
