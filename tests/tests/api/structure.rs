//! Writes to the plan's structure: admins only, and the database keeps it consistent.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_tests::*;

/// Ids of the seed plan that the write requests below refer to.
struct Seed {
    plan: i64,
    basic1: i64,
    priority1: i64,
    direction: i64,
    row: i64,
    department: i64,
}

async fn seed_ids(app: &TestApp, token: &str) -> Seed {
    let plans = assert_json(app.get("/api/v1/plans", Some(token)).await, StatusCode::OK).await;
    let plan = plans["items"][0]["id"].as_i64().unwrap();
    let tree = assert_json(app.get(&format!("/api/v1/plans/{plan}/tree"), Some(token)).await, StatusCode::OK).await;
    let measures = tree["measures"].as_array().unwrap();
    Seed {
        plan,
        basic1: measures[0]["measure"]["id"].as_i64().unwrap(),
        priority1: measures[6]["measure"]["id"].as_i64().unwrap(),
        direction: measures[0]["directions"][0]["direction"]["id"].as_i64().unwrap(),
        row: measures[0]["directions"][0]["rows"][0]["id"].as_i64().unwrap(),
        department: app.department_id("健康課").await,
    }
}

/// Every structure write, with a body an admin may send. Built fresh per caller, because a
/// successful create or delete changes what the next request meets.
fn writes(s: &Seed) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::POST, "/api/v1/plans".into(), Some(json!({ "municipality": "あきる野市", "name": "健康増進計画" }))),
        (Method::PATCH, format!("/api/v1/plans/{}", s.plan), Some(json!({ "table_title": "施策別事業進行管理表" }))),
        (
            Method::POST,
            format!("/api/v1/plans/{}/measures", s.plan),
            Some(json!({ "kind": "basic", "number": 7, "title": "新しい施策" })),
        ),
        (Method::PATCH, format!("/api/v1/measures/{}", s.basic1), Some(json!({ "description": "説明" }))),
        (
            Method::POST,
            format!("/api/v1/measures/{}/directions", s.basic1),
            Some(json!({ "number": 4, "title": "新しい方向" })),
        ),
        (
            Method::PATCH,
            format!("/api/v1/directions/{}", s.direction),
            Some(json!({ "title": "ネットワークを強化する" })),
        ),
        (
            Method::POST,
            format!("/api/v1/plans/{}/rows", s.plan),
            Some(json!({ "measure_id": s.priority1, "name": "新事業", "department_ids": [s.department] })),
        ),
        (Method::PATCH, format!("/api/v1/rows/{}", s.row), Some(json!({ "content": "新しい内容" }))),
        (Method::PUT, format!("/api/v1/rows/{}/departments", s.row), Some(json!({ "department_ids": [s.department] }))),
        (Method::POST, format!("/api/v1/plans/{}/groups", s.plan), Some(json!({ "name": "新しいグループ" }))),
        (Method::POST, "/api/v1/departments".into(), Some(json!({ "name": "新しい課" }))),
        (Method::PATCH, format!("/api/v1/departments/{}", s.department), Some(json!({ "name": "健康課" }))),
    ]
}

#[tokio::test]
async fn structure_writes_need_an_admin_token() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let seed = seed_ids(&app, &admin).await;
    let tree_before =
        assert_json(app.get(&format!("/api/v1/plans/{}/tree", seed.plan), Some(&admin)).await, StatusCode::OK).await;

    for (method, path, body) in writes(&seed) {
        let res = app.request(method.clone(), &path, None, body.as_ref()).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "anonymous {method} {path}");
        for (who, token) in [("editor", &editor), ("viewer", &viewer)] {
            let res = app.request(method.clone(), &path, Some(token), body.as_ref()).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} {method} {path}");
        }
    }
    let tree_after =
        assert_json(app.get(&format!("/api/v1/plans/{}/tree", seed.plan), Some(&admin)).await, StatusCode::OK).await;
    assert_eq!(tree_before, tree_after, "refused writes changed nothing");

    for (method, path, body) in writes(&seed) {
        let res = app.request(method.clone(), &path, Some(&admin), body.as_ref()).await;
        assert!(res.status().is_success(), "admin {method} {path}: {}", res.status());
    }
}

#[tokio::test]
async fn deletes_and_reorders_need_an_admin_and_never_take_rows_along() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let s = seed_ids(&app, &admin).await;

    for path in [
        format!("/api/v1/plans/{}", s.plan),
        format!("/api/v1/measures/{}", s.basic1),
        format!("/api/v1/directions/{}", s.direction),
        format!("/api/v1/rows/{}", s.row),
    ] {
        assert_problem(app.delete(&path, None).await, StatusCode::UNAUTHORIZED).await;
        assert_problem(app.delete(&path, Some(&editor)).await, StatusCode::FORBIDDEN).await;
    }
    // Containers with rows are refused, so a click never loses rows.
    for path in [
        format!("/api/v1/plans/{}", s.plan),
        format!("/api/v1/measures/{}", s.basic1),
        format!("/api/v1/directions/{}", s.direction),
    ] {
        let p = assert_problem(app.delete(&path, Some(&admin)).await, StatusCode::CONFLICT).await;
        assert_eq!(p["code"], "conflict", "{path}");
    }
    let rows = assert_json(
        app.get(&format!("/api/v1/plans/{}/rows?per_page=100", s.plan), Some(&admin)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(rows["total"], 70);

    // An empty direction can go.
    let d = assert_json(
        app.post(
            &format!("/api/v1/measures/{}/directions", s.basic1),
            Some(&admin),
            &json!({ "number": 9, "title": "空の方向" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        app.delete(&format!("/api/v1/directions/{}", d["id"]), Some(&admin)).await.status(),
        StatusCode::NO_CONTENT
    );

    // Reordering: editors may not, admins may; the list must be the measure's rows exactly.
    let m = assert_json(
        app.get(&format!("/api/v1/plans/{}/rows?measure_id={}", s.plan, s.priority1), Some(&admin)).await,
        StatusCode::OK,
    )
    .await;
    let mut ids: Vec<i64> = m["items"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    ids.reverse();
    let order = format!("/api/v1/measures/{}/row-order", s.priority1);
    assert_problem(app.put(&order, Some(&editor), &json!({ "row_ids": ids })).await, StatusCode::FORBIDDEN).await;
    let p = assert_problem(
        app.put(&order, Some(&admin), &json!({ "row_ids": &ids[1..] })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["row_ids"]);
    assert_eq!(app.put(&order, Some(&admin), &json!({ "row_ids": ids })).await.status(), StatusCode::NO_CONTENT);
    let m = assert_json(
        app.get(&format!("/api/v1/plans/{}/rows?measure_id={}", s.plan, s.priority1), Some(&admin)).await,
        StatusCode::OK,
    )
    .await;
    let now: Vec<i64> = m["items"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(now, ids);
    assert_eq!(m["items"][0]["name"], "めざせ健康あきる野21");
}

#[tokio::test]
async fn a_row_needs_a_department_and_a_direction_of_its_own_measure() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let s = seed_ids(&app, &admin).await;
    let rows = format!("/api/v1/plans/{}/rows", s.plan);
    let p = assert_problem(
        app.post(
            &rows,
            Some(&admin),
            &json!({ "measure_id": s.basic1, "direction_id": s.direction, "name": "x", "department_ids": [] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["department_ids"]);
    let p = assert_problem(app.post(&rows, Some(&admin), &json!({ "measure_id": s.priority1, "direction_id": s.direction, "name": "x", "department_ids": [s.department] })).await, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_fields(&p), ["direction_id"]);
    let p = assert_problem(
        app.put(&format!("/api/v1/rows/{}/departments", s.row), Some(&admin), &json!({ "department_ids": [] })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["department_ids"]);
    let row = assert_json(app.get(&format!("/api/v1/rows/{}", s.row), Some(&admin)).await, StatusCode::OK).await;
    assert_eq!(row["departments"][0]["name"], "健康課", "the refused change kept the owner");
}

#[tokio::test]
async fn co_owners_are_kept_in_the_order_given() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let s = seed_ids(&app, &admin).await;
    let welfare = app.department_id("福祉総務課").await;
    let row = assert_json(
        app.put(
            &format!("/api/v1/rows/{}/departments", s.row),
            Some(&admin),
            &json!({ "department_ids": [welfare, s.department] }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let names: Vec<&str> = row["departments"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["福祉総務課", "健康課"]);
}

#[tokio::test]
async fn every_write_leaves_an_audit_row_naming_its_author() {
    let app = TestApp::spawn().await;
    let admin_user = app.admin().await;
    let admin = app.login(&admin_user).await.access;
    let s = seed_ids(&app, &admin).await;
    let count = |entity: &'static str| {
        let pool = app.pool.clone();
        async move {
            use diesel_async::RunQueryDsl;
            let mut conn = pool.get().await.unwrap();
            diesel::sql_query("SELECT count(*) AS n FROM audit_log WHERE entity = $1 AND actor_id IS NOT NULL")
                .bind::<diesel::sql_types::Text, _>(entity)
                .get_result::<Count>(&mut conn)
                .await
                .unwrap()
                .n
        }
    };
    assert_eq!(count("initiatives").await, 0);
    assert_json(
        app.patch(&format!("/api/v1/rows/{}", s.row), Some(&admin), &json!({ "content": "変更後の内容" })).await,
        StatusCode::OK,
    )
    .await;
    assert_json(
        app.post("/api/v1/departments", Some(&admin), &json!({ "name": "監査テスト課" })).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(count("initiatives").await, 1);
    assert_eq!(count("departments").await, 1);

    use diesel_async::RunQueryDsl;
    let mut conn = app.conn().await;
    let (actor, before, after): (Option<i64>, Option<serde_json::Value>, Option<serde_json::Value>) =
        shinko_db_audit_row(&mut conn, "initiatives").await;
    assert_eq!(actor, Some(admin_user.id));
    assert_ne!(before.unwrap()["content"], "変更後の内容");
    assert_eq!(after.unwrap()["content"], "変更後の内容");
    // The log cannot be rewritten.
    assert!(diesel::sql_query("DELETE FROM audit_log").execute(&mut conn).await.is_err());
    assert!(diesel::sql_query("UPDATE audit_log SET actor_id = NULL").execute(&mut conn).await.is_err());
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(diesel::QueryableByName)]
struct AuditRow {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    actor_id: Option<i64>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Jsonb>)]
    before: Option<serde_json::Value>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Jsonb>)]
    after: Option<serde_json::Value>,
}

async fn shinko_db_audit_row(
    conn: &mut shinko_db::AsyncPgConnection,
    entity: &str,
) -> (Option<i64>, Option<serde_json::Value>, Option<serde_json::Value>) {
    use diesel_async::RunQueryDsl;
    let row: AuditRow = diesel::sql_query("SELECT actor_id, before, after FROM audit_log WHERE entity = $1 AND actor_id IS NOT NULL ORDER BY id DESC LIMIT 1")
        .bind::<diesel::sql_types::Text, _>(entity)
        .get_result(conn)
        .await
        .unwrap();
    (row.actor_id, row.before, row.after)
}
