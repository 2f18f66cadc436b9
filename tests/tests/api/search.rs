//! Search across the rows and the report texts of all periods, checked against the seed file.

use reqwest::StatusCode;
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_tests::cycle::{days_from_today, first_half_id, open_full_year, plan_id, reports_of, save};
use shinko_tests::*;

/// A row of the seed that mentions a word: (kind, measure number, row name, the fields that do).
type Expected = (String, i64, String, Vec<String>);

/// The seed's rows that mention `word`, in table order, with where they mention it.
fn seed_rows_mentioning(word: &str) -> Vec<Expected> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/plan-r7-h1.json");
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut measures: Vec<&Value> = plan["measures"].as_array().unwrap().iter().collect();
    // Table order: 基本施策 1.., then 重点施策 1...
    measures.sort_by_key(|m| (m["kind"] != "basic", m["number"].as_i64()));
    let mut out = Vec::new();
    for m in measures {
        for direction in m["directions"].as_array().unwrap() {
            for row in direction["initiatives"].as_array().unwrap() {
                let fields: Vec<String> = ["name", "content", "progress"]
                    .iter()
                    .filter(|f| row[**f].as_str().unwrap().contains(word))
                    .map(|f| (*f).to_owned())
                    .collect();
                if !fields.is_empty() {
                    out.push((
                        m["kind"].as_str().unwrap().to_owned(),
                        m["number"].as_i64().unwrap(),
                        row["name"].as_str().unwrap().to_owned(),
                        fields,
                    ));
                }
            }
        }
    }
    out
}

fn found(page: &Value) -> Vec<Expected> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| {
            let fields =
                hit["matches"].as_array().unwrap().iter().map(|m| m["field"].as_str().unwrap().to_owned()).collect();
            (
                hit["measure"]["kind"].as_str().unwrap().to_owned(),
                hit["measure"]["number"].as_i64().unwrap(),
                hit["name"].as_str().unwrap().to_owned(),
                fields,
            )
        })
        .collect()
}

async fn search(app: &TestApp, token: &str, plan: i64, query: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/api/v1/plans/{plan}/search")))
        .query(&[("q", query)])
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// Each match's highlighted part of its snippet.
fn highlighted(m: &Value) -> String {
    let snippet = m["snippet"].as_str().unwrap();
    snippet
        .chars()
        .skip(m["highlight_start"].as_u64().unwrap() as usize)
        .take(m["highlight_length"].as_u64().unwrap() as usize)
        .collect()
}

#[tokio::test]
async fn searching_gatekeeper_finds_the_rows_that_mention_it_in_table_order() {
    let app = TestApp::spawn().await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let plan = plan_id(&app, &viewer).await;
    let period = first_half_id(&app, &viewer).await;
    let page = assert_json(search(&app, &viewer, plan, "ゲートキーパー").await, StatusCode::OK).await;
    let expected = seed_rows_mentioning("ゲートキーパー");
    assert_eq!(found(&page), expected);
    assert_eq!(page["total"], expected.len());
    // Among them every row of 基本施策2 and 重点施策4 that mentions it.
    for (kind, number) in [("basic", 2), ("priority", 4)] {
        let wanted: Vec<&Expected> = expected.iter().filter(|e| e.0 == kind && e.1 == number).collect();
        assert!(!wanted.is_empty());
        let got = found(&page);
        assert!(wanted.iter().all(|w| got.contains(w)), "{kind} {number}");
    }

    let hits = page["items"].as_array().unwrap();
    let course = hits.iter().find(|h| h["name"] == "ゲートキーパー養成講座").unwrap();
    assert_eq!(course["measure"]["heading"].as_str().unwrap().split(' ').next(), Some("基本施策2"));
    assert_eq!(course["direction"]["number"], 3);
    assert!(course["direction"]["label"].as_str().unwrap().starts_with('③'));
    assert!(!course["departments"].as_array().unwrap().is_empty());
    assert!(course["row_id"].is_i64());
    let youth = hits.iter().find(|h| h["name"] == "若い世代への周知").unwrap();
    assert!(youth["direction"].is_null(), "重点施策 rows have no direction");
    for hit in hits {
        for m in hit["matches"].as_array().unwrap() {
            assert_eq!(highlighted(m), "ゲートキーパー", "{m}");
            assert!(m["snippet"].as_str().unwrap().chars().count() <= 40 + 7 + 40 + 2);
            if m["field"] == "progress" {
                assert_eq!(m["period_id"], period);
                assert_eq!(m["period_label"], "令和7年度 9月末");
                assert!(m["report_id"].is_i64());
            } else {
                assert!(m["period_id"].is_null());
            }
        }
    }

    // Pages count rows and continue in table order.
    let names: Vec<String> = expected.iter().map(|e| e.2.clone()).collect();
    let res = app
        .client
        .get(app.url(&format!("/api/v1/plans/{plan}/search")))
        .query(&[("q", "ゲートキーパー"), ("page", "2"), ("per_page", "3")])
        .bearer_auth(&viewer)
        .send()
        .await
        .unwrap();
    let second = assert_json(res, StatusCode::OK).await;
    assert_eq!(second["total"], expected.len());
    let got: Vec<String> =
        second["items"].as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap().to_owned()).collect();
    assert_eq!(got, names[3..6]);
}

#[tokio::test]
async fn searching_consultation_counts_finds_the_report_texts_of_every_period() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let plan = plan_id(&app, &admin).await;
    let first_half = first_half_id(&app, &admin).await;
    let page = assert_json(search(&app, &admin, plan, "相談件数").await, StatusCode::OK).await;
    let expected = seed_rows_mentioning("相談件数");
    assert!(expected.iter().all(|e| e.3 == ["progress"]), "the seed mentions 相談件数 in report texts only");
    assert_eq!(found(&page), expected);
    let consumer = page["items"].as_array().unwrap().iter().find(|h| h["name"] == "消費生活相談").unwrap();
    let m = &consumer["matches"][0];
    assert_eq!(m["period_id"], first_half);
    assert_eq!(highlighted(m), "相談件数");

    // A report of the next period that mentions it is found too, newest period first.
    let full_year = open_full_year(&app, &admin, days_from_today(30)).await;
    let department = app.department_id("健康課").await;
    let report = reports_of(&app, &admin, full_year, department)
        .await
        .into_iter()
        .find(|r| r["row"]["name"] == "健康教育")
        .unwrap();
    save(&app, &admin, report["id"].as_i64().unwrap(), "健康教育の相談件数は年度末までに45件となった。").await;
    let page = assert_json(search(&app, &admin, plan, "相談件数").await, StatusCode::OK).await;
    assert_eq!(page["total"], expected.len() + 1);
    let education = page["items"].as_array().unwrap().iter().find(|h| h["name"] == "健康教育").unwrap();
    assert_eq!(education["matches"].as_array().unwrap().len(), 1);
    assert_eq!(education["matches"][0]["period_id"], full_year);
    assert_eq!(education["matches"][0]["period_label"], "令和7年度 3月末");
    assert_eq!(education["matches"][0]["report_id"], report["id"]);
    assert_eq!(education["matches"][0]["report_state"], "draft");
}

#[tokio::test]
async fn a_query_must_have_two_to_a_hundred_characters_and_wildcards_match_themselves() {
    let app = TestApp::spawn().await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let plan = plan_id(&app, &editor).await;
    for q in ["相", " 相 ", &"あ".repeat(101)] {
        let p = assert_problem(search(&app, &editor, plan, q).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error_fields(&p), ["q"], "{q:?}");
    }
    let missing =
        app.client.get(app.url(&format!("/api/v1/plans/{plan}/search"))).bearer_auth(&editor).send().await.unwrap();
    assert_eq!(error_fields(&assert_problem(missing, StatusCode::UNPROCESSABLE_ENTITY).await), ["q"]);
    // Two characters work (by scanning), as does surrounding space.
    let two = assert_json(search(&app, &editor, plan, " 研修 ").await, StatusCode::OK).await;
    assert_eq!(found(&two), seed_rows_mentioning("研修"));
    // % and _ are not wildcards.
    for q in ["%%", "__", "\\%"] {
        assert_eq!(assert_json(search(&app, &editor, plan, q).await, StatusCode::OK).await["total"], 0, "{q}");
    }
    assert_problem(search(&app, &editor, 987654, "相談").await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn search_needs_sign_in_or_an_api_token() {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let plan = plan_id(&app, &admin).await;
    let anonymous = app
        .client
        .get(app.url(&format!("/api/v1/plans/{plan}/search")))
        .query(&[("q", "相談件数")])
        .send()
        .await
        .unwrap();
    assert_problem(anonymous, StatusCode::UNAUTHORIZED).await;
    let created = assert_json(
        app.post("/api/v1/api-tokens", Some(&admin), &json!({ "name": "検索連携", "expires_in_days": 30 })).await,
        StatusCode::CREATED,
    )
    .await;
    let token = created["secret"].as_str().unwrap();
    let page = assert_json(search(&app, token, plan, "相談件数").await, StatusCode::OK).await;
    assert_eq!(found(&page), seed_rows_mentioning("相談件数"));
}
