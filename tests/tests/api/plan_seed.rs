//! The seed plan holds every fact of the customer's table (see DOMAIN.md).

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::Value;
use shinko_db::enums::UserRole;
use shinko_db::import::{import_plan, import_reports, PlanFile};
use shinko_tests::*;

/// The customer's file, read independently of the binary's built-in copy.
fn seed_file() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../seed/plan-r7-h1.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn all_rows(tree: &Value) -> Vec<&Value> {
    let mut rows = Vec::new();
    for m in tree["measures"].as_array().unwrap() {
        rows.extend(m["rows"].as_array().unwrap());
        for d in m["directions"].as_array().unwrap() {
            rows.extend(d["rows"].as_array().unwrap());
        }
    }
    rows
}

fn department_names(row: &Value) -> Vec<&str> {
    row["departments"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect()
}

async fn tree(app: &TestApp) -> Value {
    let token = app.token(UserRole::Viewer, None).await;
    let plans = assert_json(app.get("/api/v1/plans", Some(&token)).await, StatusCode::OK).await;
    assert_eq!(plans["total"], 1);
    let id = &plans["items"][0]["id"];
    assert_json(app.get(&format!("/api/v1/plans/{id}/tree"), Some(&token)).await, StatusCode::OK).await
}

#[tokio::test]
async fn the_plan_tree_holds_the_seed_table_in_order() {
    let app = TestApp::spawn().await;
    let tree = tree(&app).await;
    let measures = tree["measures"].as_array().unwrap();
    assert_eq!(tree["plan"]["name"], "第2次自殺対策推進計画");
    assert_eq!(tree["plan"]["table_title"], "施策別事業進行管理表");
    assert_eq!(measures.len(), 10);
    let kinds: Vec<(String, i64)> = measures
        .iter()
        .map(|m| (m["measure"]["kind"].as_str().unwrap().to_owned(), m["measure"]["number"].as_i64().unwrap()))
        .collect();
    let expected: Vec<(String, i64)> =
        (1..=6).map(|n| ("basic".to_owned(), n)).chain((1..=4).map(|n| ("priority".to_owned(), n))).collect();
    assert_eq!(kinds, expected);
    let directions: usize = measures.iter().map(|m| m["directions"].as_array().unwrap().len()).sum();
    assert_eq!(directions, 13);
    assert!(
        measures[6..].iter().all(|m| m["directions"].as_array().unwrap().is_empty()),
        "priority measures have no directions"
    );

    let rows = all_rows(&tree);
    assert_eq!(rows.len(), 70);
    let departments: BTreeSet<&str> = rows.iter().flat_map(|r| department_names(r)).collect();
    assert_eq!(departments.len(), 17);
    let links: usize = rows.iter().map(|r| r["departments"].as_array().unwrap().len()).sum();
    assert_eq!(links, 72);

    // Same names, contents and order as the customer's file.
    let seed = seed_file();
    let seed_rows: Vec<(&str, &str, Vec<&str>)> = seed["measures"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["directions"].as_array().unwrap())
        .flat_map(|d| d["initiatives"].as_array().unwrap())
        .map(|i| {
            (
                i["name"].as_str().unwrap(),
                i["content"].as_str().unwrap(),
                i["departments"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect(),
            )
        })
        .collect();
    let api_rows: Vec<(&str, &str, Vec<&str>)> = rows
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["content"].as_str().unwrap(), department_names(r)))
        .collect();
    assert_eq!(api_rows, seed_rows);

    // The heading and the table may title a measure differently.
    assert_eq!(measures[3]["measure"]["title"], "自殺未遂者への支援の充実");
    assert_eq!(measures[3]["measure"]["table_title"], "自殺未遂者等への支援の充実");
    assert_eq!(measures[0]["directions"][0]["direction"]["title"], "自殺対策に関するネットワークを強化する");
}

#[tokio::test]
async fn the_health_consultation_rows_are_co_owned_and_related() {
    let app = TestApp::spawn().await;
    let tree = tree(&app).await;
    let measures = tree["measures"].as_array().unwrap();
    let rows = all_rows(&tree);
    let consultations: Vec<&&Value> = rows.iter().filter(|r| r["name"] == "健康相談").collect();
    assert_eq!(consultations.len(), 3);
    for number in [4, 5] {
        let m = measures.iter().find(|m| m["measure"]["kind"] == "basic" && m["measure"]["number"] == number).unwrap();
        let row = &m["directions"][0]["rows"][0];
        assert_eq!(row["name"], "健康相談");
        assert_eq!(department_names(row), ["健康課", "福祉総務課"], "基本施策{number}");
    }
    let ids: BTreeSet<i64> = consultations.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    for row in &consultations {
        let mut related: BTreeSet<i64> =
            row["related_row_ids"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
        related.insert(row["id"].as_i64().unwrap());
        assert_eq!(related, ids, "each 健康相談 row names the other two");
    }
    for name in ["地域イキイキ元気づくり事業", "めざせ健康あきる野21"] {
        let group: Vec<_> = rows.iter().filter(|r| r["name"] == name).collect();
        assert_eq!(group.len(), 2);
        assert_eq!(group[0]["related_row_ids"][0], group[1]["id"]);
    }
    let unrelated = rows.iter().find(|r| r["name"] == "ゲートキーパー養成講座").unwrap();
    assert!(unrelated["related_row_ids"].as_array().unwrap().is_empty());
    assert_eq!(tree["groups"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn importing_the_seed_twice_leaves_the_same_counts() {
    let app = TestApp::spawn().await;
    let before = tree(&app).await;
    let plan = PlanFile::from_json(shinko_api::cli::SEED_PLAN).unwrap();
    let audit_rows = || async {
        use diesel::dsl::count_star;
        use diesel::QueryDsl;
        use diesel_async::RunQueryDsl;
        shinko_db::schema::audit_log::table.select(count_star()).get_result::<i64>(&mut app.conn().await).await.unwrap()
    };
    let audited = audit_rows().await;
    let (summary, reports) = {
        let mut conn = app.conn().await;
        let summary = import_plan(&mut conn, &plan).await.unwrap();
        let reports = import_reports(&mut conn, summary.plan_id, &plan).await.unwrap();
        (summary, reports)
    };
    assert_eq!((summary.rows, summary.rows_created, summary.rows_updated), (70, 0, 0));
    assert_eq!((reports.reports, reports.reports_changed), (70, 0));
    assert_eq!(audit_rows().await, audited, "a repeated import writes nothing");
    let after = tree(&app).await;
    assert_eq!(all_rows(&after).len(), 70);
    assert_eq!(after["groups"].as_array().unwrap().len(), 3);
    let strip = |t: &Value| -> Vec<(i64, String)> {
        all_rows(t).iter().map(|r| (r["id"].as_i64().unwrap(), r["content"].as_str().unwrap().to_owned())).collect()
    };
    assert_eq!(strip(&before), strip(&after), "same rows with the same ids");
}

#[tokio::test]
async fn the_seed_imports_into_an_empty_database() {
    let db = TestDatabase::empty().await;
    shinko_db::run_migrations(&db.url).await.unwrap();
    let app = TestApp::spawn_on(db).await;
    let plan = PlanFile::from_json(shinko_api::cli::SEED_PLAN).unwrap();
    let mut conn = app.conn().await;
    let summary = import_plan(&mut conn, &plan).await.unwrap();
    assert_eq!(
        (summary.measures, summary.directions, summary.rows, summary.departments, summary.groups),
        (10, 13, 70, 17, 3)
    );
    assert_eq!(summary.rows_created, 70);
}

#[tokio::test]
async fn a_plan_file_with_a_row_without_department_is_refused_whole() {
    let mut file = seed_file();
    file["measures"][0]["directions"][0]["initiatives"][1]["departments"] = serde_json::json!([]);
    let err = PlanFile::from_json(file.to_string().as_bytes()).unwrap_err();
    assert!(err.to_string().contains("担当課"), "{err}");
}

#[tokio::test]
async fn reimporting_keeps_rows_the_file_does_not_have_after_the_files_rows() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let tree = tree(&app).await;
    let plan = tree["plan"]["id"].as_i64().unwrap();
    let priority1 = &tree["measures"][6]["measure"]["id"];
    let dept = app.department_id("健康課").await;
    let created = assert_json(
        app.post(
            &format!("/api/v1/plans/{plan}/rows"),
            Some(&admin),
            &serde_json::json!({ "measure_id": priority1, "name": "市独自の事業", "department_ids": [dept] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let mut order: Vec<i64> =
        tree["measures"][6]["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    order.insert(0, created["id"].as_i64().unwrap());
    assert_eq!(
        app.put(
            &format!("/api/v1/measures/{priority1}/row-order"),
            Some(&admin),
            &serde_json::json!({ "row_ids": order })
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );

    let file = PlanFile::from_json(shinko_api::cli::SEED_PLAN).unwrap();
    let mut conn = app.conn().await;
    import_plan(&mut conn, &file).await.expect("the import succeeds although positions collide");
    drop(conn);
    let after = tree_after(&app, plan).await;
    let names: Vec<&str> =
        after["measures"][6]["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 6);
    assert_eq!(names[0], "地域包括支援センター");
    assert_eq!(names[5], "市独自の事業");
}

async fn tree_after(app: &TestApp, plan: i64) -> Value {
    let token = app.token(UserRole::Viewer, None).await;
    assert_json(app.get(&format!("/api/v1/plans/{plan}/tree"), Some(&token)).await, StatusCode::OK).await
}
