//! A city's plans over the years: several plans side by side, their structure kept up (added,
//! moved, reordered, retired rows), and nothing of an earlier period lost on the way.

use reqwest::StatusCode;
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_tests::cycle::{self, days_from_today, first_half_id};
use shinko_tests::*;

/// The tree of a plan.
async fn tree(app: &TestApp, token: &str, plan: i64) -> Value {
    assert_json(app.get(&format!("/api/v1/plans/{plan}/tree"), Some(token)).await, StatusCode::OK).await
}

/// The names of every row of a compiled table, in order.
async fn table_rows(app: &TestApp, token: &str, period: i64) -> Vec<String> {
    let table =
        assert_json(app.get(&format!("/api/v1/periods/{period}/table"), Some(token)).await, StatusCode::OK).await;
    let mut names = Vec::new();
    for m in table["measures"].as_array().unwrap() {
        for s in m["sections"].as_array().unwrap() {
            for r in s["rows"].as_array().unwrap() {
                names.push(r["name"].as_str().unwrap().to_owned());
            }
        }
    }
    names
}

/// Creates a second plan, 健康増進計画, with two measures and three rows; the first row is owned
/// by 健康課. Returns the plan and its row ids.
async fn health_promotion_plan(app: &TestApp, admin: &str) -> (i64, Vec<i64>) {
    let plan = assert_json(
        app.post(
            "/api/v1/plans",
            Some(admin),
            &json!({ "municipality": "あきる野市", "name": "健康増進計画", "first_fiscal_year": 2024, "last_fiscal_year": 2028 }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!((plan["first_fiscal_year"].as_i64(), plan["last_fiscal_year"].as_i64()), (Some(2024), Some(2028)));
    let plan = plan["id"].as_i64().unwrap();
    let mut measures = Vec::new();
    for (number, title) in [(1, "生活習慣病の予防"), (2, "こころの健康")] {
        let m = assert_json(
            app.post(
                &format!("/api/v1/plans/{plan}/measures"),
                Some(admin),
                &json!({ "kind": "basic", "number": number, "title": title }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        measures.push(m["id"].as_i64().unwrap());
    }
    let health = app.department_id("健康課").await;
    let sports = app.department_id("生涯学習推進課").await;
    let mut rows = Vec::new();
    for (measure, name, department) in [
        (measures[0], "特定健康診査", health),
        (measures[0], "スポーツ教室", sports),
        (measures[1], "こころの相談", sports),
    ] {
        let r = assert_json(
            app.post(
                &format!("/api/v1/plans/{plan}/rows"),
                Some(admin),
                &json!({ "measure_id": measure, "name": name, "department_ids": [department] }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        rows.push(r["id"].as_i64().unwrap());
    }
    (plan, rows)
}

#[tokio::test]
async fn a_department_sees_its_open_reports_of_every_plan_and_remembers_the_plan_it_works_on() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let seed_plan = cycle::plan_id(&app, &admin).await;
    cycle::open_full_year(&app, &admin, days_from_today(30)).await;
    let (plan, _) = health_promotion_plan(&app, &admin).await;
    let body = json!({ "fiscal_year": 2025, "kind": "full_year", "opens_on": cycle::today(), "deadline": days_from_today(30) });
    let period =
        assert_json(app.post(&format!("/api/v1/plans/{plan}/periods"), Some(&admin), &body).await, StatusCode::CREATED)
            .await["id"]
            .as_i64()
            .unwrap();
    assert_json(app.post(&format!("/api/v1/periods/{period}/open"), Some(&admin), &json!({})).await, StatusCode::OK)
        .await;

    let open = assert_json(app.get("/api/v1/me/open-reports", Some(&editor)).await, StatusCode::OK).await;
    let open = open.as_array().unwrap();
    let of_plan = |p: i64| open.iter().filter(|r| r["plan_id"] == p).count();
    assert!(of_plan(seed_plan) > 0, "the seed plan's 年間 reports of 健康課");
    assert_eq!(of_plan(plan), 1, "健康増進計画: only 特定健康診査 is 健康課's");
    assert!(open.iter().all(|r| r["period_label"] == "令和7年度 3月末"));

    assert_eq!(
        assert_json(app.get("/api/v1/me", Some(&editor)).await, StatusCode::OK).await["current_plan_id"],
        Value::Null
    );
    let res = app.put("/api/v1/me/plan", Some(&editor), &json!({ "plan_id": plan })).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(assert_json(app.get("/api/v1/me", Some(&editor)).await, StatusCode::OK).await["current_plan_id"], plan);
    let problem = assert_problem(
        app.put("/api/v1/me/plan", Some(&editor), &json!({ "plan_id": 987654 })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&problem), ["plan_id"]);

    // Archiving keeps the plan whole but takes it off the department's list of work.
    let archived = assert_json(
        app.patch(&format!("/api/v1/plans/{plan}"), Some(&admin), &json!({ "archived": true })).await,
        StatusCode::OK,
    )
    .await;
    assert!(archived["archived_at"].is_string());
    let open = assert_json(app.get("/api/v1/me/open-reports", Some(&editor)).await, StatusCode::OK).await;
    assert!(open.as_array().unwrap().iter().all(|r| r["plan_id"] == seed_plan));
    tree(&app, &editor, plan).await;
}

#[tokio::test]
async fn an_api_token_limited_to_one_plan_does_not_see_the_others() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let seed_plan = cycle::plan_id(&app, &admin).await;
    let first_half = first_half_id(&app, &admin).await;
    let (plan, rows) = health_promotion_plan(&app, &admin).await;
    let created = assert_json(
        app.post(
            "/api/v1/api-tokens",
            Some(&admin),
            &json!({ "name": "健康増進の連携", "expires_in_days": 30, "plan_id": plan }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["token"]["plan_id"], plan);
    let token = created["secret"].as_str().unwrap().to_owned();

    let plans = assert_json(app.get("/api/v1/plans", Some(&token)).await, StatusCode::OK).await;
    assert_eq!(plans["total"], 1);
    assert_eq!(plans["items"][0]["id"], plan);
    tree(&app, &token, plan).await;
    assert_json(app.get(&format!("/api/v1/rows/{}", rows[0]), Some(&token)).await, StatusCode::OK).await;
    let seed_row = tree(&app, &admin, seed_plan).await["measures"][0]["directions"][0]["rows"][0]["id"].clone();
    for path in [
        format!("/api/v1/plans/{seed_plan}"),
        format!("/api/v1/plans/{seed_plan}/tree"),
        format!("/api/v1/plans/{seed_plan}/periods"),
        format!("/api/v1/plans/{seed_plan}/search?q=相談"),
        format!("/api/v1/periods/{first_half}"),
        format!("/api/v1/periods/{first_half}/table"),
        format!("/api/v1/periods/{first_half}/table.csv"),
        format!("/api/v1/periods/{first_half}/reports"),
        format!("/api/v1/rows/{seed_row}"),
        format!("/api/v1/rows/{seed_row}/reports"),
    ] {
        assert_problem(app.get(&path, Some(&token)).await, StatusCode::NOT_FOUND).await;
    }
    let problem = assert_problem(
        app.post("/api/v1/api-tokens", Some(&admin), &json!({ "name": "x", "expires_in_days": 1, "plan_id": 987654 }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&problem), ["plan_id"]);
}

#[tokio::test]
async fn a_retired_row_stays_in_earlier_periods_and_is_left_out_of_periods_opened_later() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let plan = cycle::plan_id(&app, &admin).await;
    let first_half = first_half_id(&app, &admin).await;
    let seed = tree(&app, &admin, plan).await;
    let row = &seed["measures"][0]["directions"][0]["rows"][0];
    let (row_id, name) = (row["id"].as_i64().unwrap(), row["name"].as_str().unwrap().to_owned());
    let before = app.get(&format!("/api/v1/periods/{first_half}/table"), Some(&admin)).await.text().await.unwrap();

    // Deleting it is refused, and the answer says to retire it instead.
    let problem =
        assert_problem(app.delete(&format!("/api/v1/rows/{row_id}"), Some(&admin)).await, StatusCode::CONFLICT).await;
    assert!(problem["detail"].as_str().unwrap().contains("廃止"), "{problem}");
    // It cannot be retired from a date its reports still need.
    let problem = assert_problem(
        app.patch(&format!("/api/v1/rows/{row_id}"), Some(&admin), &json!({ "retired_from": "2025-09-30" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&problem), ["retired_from"]);
    let retired = assert_json(
        app.patch(&format!("/api/v1/rows/{row_id}"), Some(&admin), &json!({ "retired_from": "2025-10-01" })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(retired["retired_from"], "2025-10-01");

    // The 上半期 table is byte for byte what it was; the 年間 period opened now leaves the row out.
    let after = app.get(&format!("/api/v1/periods/{first_half}/table"), Some(&admin)).await.text().await.unwrap();
    assert_eq!(after, before);
    let year = cycle::open_full_year(&app, &admin, days_from_today(30)).await;
    let names = table_rows(&app, &admin, year).await;
    assert_eq!(names.len(), 69);
    assert!(!names.contains(&name) || seed.to_string().matches(&format!("\"name\":\"{name}\"")).count() > 1);
    let history =
        assert_json(app.get(&format!("/api/v1/rows/{row_id}/reports"), Some(&admin)).await, StatusCode::OK).await;
    assert_eq!(history.as_array().unwrap().len(), 1, "its 上半期 report is kept, and it has none in 年間");
    assert_eq!(history[0]["period_id"], first_half);
}

#[tokio::test]
async fn a_row_added_mid_plan_joins_the_running_period_only_when_the_secretariat_adds_it() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let plan = cycle::plan_id(&app, &admin).await;
    let year = cycle::open_full_year(&app, &admin, days_from_today(30)).await;
    let seed = tree(&app, &admin, plan).await;
    let measure = seed["measures"][6]["measure"]["id"].as_i64().unwrap();
    let health = app.department_id("健康課").await;
    let row = assert_json(
        app.post(
            &format!("/api/v1/plans/{plan}/rows"),
            Some(&admin),
            &json!({ "measure_id": measure, "name": "高齢者見守り訪問", "department_ids": [health] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    assert!(!table_rows(&app, &admin, year).await.contains(&"高齢者見守り訪問".to_owned()));
    let path = format!("/api/v1/periods/{year}/rows/{row}/report");
    assert_problem(app.post(&path, Some(&editor), &json!({})).await, StatusCode::FORBIDDEN).await;
    let report = assert_json(app.post(&path, Some(&admin), &json!({})).await, StatusCode::CREATED).await;
    assert_eq!((report["state"].as_str(), report["row"]["id"].as_i64()), (Some("draft"), Some(row)));
    assert!(table_rows(&app, &admin, year).await.contains(&"高齢者見守り訪問".to_owned()));
    assert_problem(app.post(&path, Some(&admin), &json!({})).await, StatusCode::CONFLICT).await;
    // A period that is not running (here one in preparation) takes no rows this way.
    let body = json!({ "fiscal_year": 2026, "kind": "first_half", "opens_on": cycle::today(), "deadline": days_from_today(30) });
    let preparing =
        assert_json(app.post(&format!("/api/v1/plans/{plan}/periods"), Some(&admin), &body).await, StatusCode::CREATED)
            .await["id"]
            .as_i64()
            .unwrap();
    assert_problem(
        app.post(&format!("/api/v1/periods/{preparing}/rows/{row}/report"), Some(&admin), &json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
}

#[tokio::test]
async fn rows_move_between_measures_and_measures_and_directions_are_renumbered_in_a_new_order() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let (plan, rows) = health_promotion_plan(&app, &admin).await;
    let before = tree(&app, &admin, plan).await;
    let m1 = before["measures"][0]["measure"]["id"].as_i64().unwrap();
    let m2 = before["measures"][1]["measure"]["id"].as_i64().unwrap();

    let moved = assert_json(
        app.patch(&format!("/api/v1/rows/{}", rows[0]), Some(&admin), &json!({ "measure_id": m2 })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(moved["measure_id"], m2);
    let res = app
        .put(
            &format!("/api/v1/plans/{plan}/measure-order"),
            Some(&admin),
            &json!({ "kind": "basic", "measure_ids": [m2, m1] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let after = tree(&app, &admin, plan).await;
    assert_eq!(after["measures"][0]["measure"]["title"], "こころの健康");
    assert_eq!(after["measures"][0]["measure"]["number"], 1);
    let first_rows: Vec<&str> =
        after["measures"][0]["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(first_rows, ["こころの相談", "特定健康診査"], "the moved row goes to the end of its new measure");
    let problem = assert_problem(
        app.put(
            &format!("/api/v1/plans/{plan}/measure-order"),
            Some(&admin),
            &json!({ "kind": "basic", "measure_ids": [m2] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&problem), ["measure_ids"]);

    let mut directions = Vec::new();
    for (number, title) in [(1, "早期発見"), (2, "重症化予防")] {
        let d = assert_json(
            app.post(
                &format!("/api/v1/measures/{m1}/directions"),
                Some(&admin),
                &json!({ "number": number, "title": title }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        directions.push(d["id"].as_i64().unwrap());
    }
    let res = app
        .put(
            &format!("/api/v1/measures/{m1}/direction-order"),
            Some(&admin),
            &json!({ "direction_ids": [directions[1], directions[0]] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let listed =
        assert_json(app.get(&format!("/api/v1/measures/{m1}/directions"), Some(&admin)).await, StatusCode::OK).await;
    assert_eq!(listed[0]["title"], "重症化予防");
    assert_eq!(listed[0]["number"], 1);
}
