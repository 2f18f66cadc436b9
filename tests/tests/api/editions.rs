//! Published editions (公表版): publishing freezes the table; citizens read it without signing in;
//! corrections add editions and never change the ones before.

use diesel::sql_query;
use diesel_async::RunQueryDsl;
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use shinko_db::enums::UserRole;
use shinko_tests::cycle::{approve, etag, first_half_id, plan_id, save, submit};
use shinko_tests::*;

const FORMATS: [&str; 4] = ["table.json", "table.csv", "table.xlsx", "print"];
const CORRECTED: &str = "訂正後：消費生活相談の相談件数は令和7年9月末までで132件であった。";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn header(res: &Response, name: &str) -> String {
    res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

/// An admin, the seeded 上半期 and the app.
async fn setup() -> (TestApp, String, i64) {
    let app = TestApp::spawn().await;
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let period = first_half_id(&app, &admin).await;
    (app, admin, period)
}

async fn publish(app: &TestApp, admin: &str, period: i64) -> Value {
    assert_json(app.post(&format!("/api/v1/periods/{period}/publish"), Some(admin), &json!({})).await, StatusCode::OK)
        .await
}

/// The editions of a period as a signed-in user sees them (newest first).
async fn editions_of(app: &TestApp, token: &str, period: i64) -> Vec<Value> {
    assert_json(app.get(&format!("/api/v1/periods/{period}/editions"), Some(token)).await, StatusCode::OK)
        .await
        .as_array()
        .unwrap()
        .clone()
}

/// Every public download of an edition, without signing in, with its ETag checked.
async fn downloads(app: &TestApp, edition: &Value) -> Vec<Vec<u8>> {
    let id = &edition["id"];
    let mut out = Vec::new();
    for format in FORMATS {
        let res = app.get(&format!("/api/v1/public/editions/{id}/{format}"), None).await;
        assert_eq!(res.status(), StatusCode::OK, "{format} without signing in");
        assert_eq!(
            header(&res, "etag"),
            format!("\"{}\"", edition["sha256"].as_str().unwrap()),
            "{format}: the ETag is the edition's hash"
        );
        assert_eq!(header(&res, "cache-control"), "public, max-age=300");
        out.push(res.bytes().await.unwrap().to_vec());
    }
    assert_eq!(
        hex(&Sha256::digest(&out[0])),
        edition["sha256"].as_str().unwrap(),
        "table.json hashes to the published SHA-256"
    );
    out
}

/// The seeded 上半期 report of 消費生活相談.
async fn consumer_report(app: &TestApp, token: &str, period: i64) -> i64 {
    let page = assert_json(
        app.get(&format!("/api/v1/periods/{period}/reports?per_page=100"), Some(token)).await,
        StatusCode::OK,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"]["name"] == "消費生活相談")
        .expect("the 消費生活相談 report")["id"]
        .as_i64()
        .unwrap()
}

/// Reopens an approved report (承認の取消し) with its current ETag.
async fn reopen_report(app: &TestApp, admin: &str, report: i64) {
    let tag = etag(app, admin, report).await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/reports/{report}/reopen")))
        .bearer_auth(admin)
        .header("If-Match", tag)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_json(res, StatusCode::OK).await;
}

/// The full correction: 公表 → 締切 with a reason, the report reopened, edited, submitted and
/// approved again.
async fn correct_report(app: &TestApp, admin: &str, period: i64, reason: &str, text: &str) {
    let corrected = assert_json(
        app.post(&format!("/api/v1/periods/{period}/correct"), Some(admin), &json!({ "reason": reason })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(corrected["state"], "closed");
    let report = consumer_report(app, admin, period).await;
    reopen_report(app, admin, report).await;
    save(app, admin, report, text).await;
    submit(app, admin, report).await;
    assert_eq!(approve(app, admin, report).await["state"], "approved");
}

#[tokio::test]
async fn publishing_the_first_half_creates_edition_1_that_anyone_reads_without_signing_in() {
    let (app, admin, period) = setup().await;
    let published = publish(&app, &admin, period).await;
    assert_eq!(published["state"], "published");

    let editions = editions_of(&app, &admin, period).await;
    assert_eq!(editions.len(), 1);
    let edition = &editions[0];
    assert_eq!(edition["number"], 1);
    assert_eq!(edition["period_label"], "令和7年度 9月末");
    assert_eq!(edition["plan_name"], "第2次自殺対策推進計画");
    assert_eq!(edition["municipality"], "あきる野市");
    assert!(edition["note"].is_null());
    assert_eq!(edition["current_edition_id"], edition["id"]);
    assert_eq!(edition["sha256"].as_str().unwrap().len(), 64);
    assert!(edition["published_by"]["id"].is_i64(), "signed-in users see who published it: {edition}");

    let files = downloads(&app, edition).await;
    let table: Value = serde_json::from_slice(&files[0]).unwrap();
    assert_eq!(table["title"], "施策別事業進行管理表（令和7年度9月末まで）");
    assert_eq!(table["period"]["state"], "published", "the snapshot is taken once the period is 公表");
    let rows: usize = table["measures"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["sections"].as_array().unwrap())
        .map(|s| s["rows"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows, 70);
    let csv = String::from_utf8(files[1].clone()).unwrap();
    assert!(csv.starts_with('\u{feff}') && csv.contains("ゲートキーパー養成講座"));
    assert_eq!(&files[2][..2], b"PK", "an xlsx is a zip archive");
    let page = String::from_utf8(files[3].clone()).unwrap();
    assert!(page.contains("施策別事業進行管理表（令和7年度9月末まで）"));

    let id = edition["id"].as_i64().unwrap();
    let xlsx = app.get(&format!("/api/v1/public/editions/{id}/table.xlsx"), None).await;
    let disposition = header(&xlsx, "content-disposition");
    assert!(
        disposition.starts_with("attachment")
            && disposition.contains("shinko-edition-")
            && disposition.contains("%E7%AC%AC1%E7%89%88.xlsx"),
        "{disposition}"
    );
    assert!(header(&app.get(&format!("/api/v1/public/editions/{id}/print"), None).await, "content-disposition")
        .starts_with("inline"));

    // The stable public address: metadata and the table as published, without signing in.
    let detail = assert_json(app.get(&format!("/api/v1/public/editions/{id}"), None).await, StatusCode::OK).await;
    assert_eq!(detail["number"], 1);
    assert_eq!(detail["sha256"], edition["sha256"]);
    assert!(detail.get("published_by").is_none(), "the public does not see staff names");
    assert_eq!(detail["table"], table);

    // The same bytes every time, and 304 for a client that has them.
    assert_eq!(downloads(&app, edition).await, files);
    for format in FORMATS {
        let res = app
            .client
            .get(app.url(&format!("/api/v1/public/editions/{id}/{format}")))
            .header("If-None-Match", format!("\"{}\"", edition["sha256"].as_str().unwrap()))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "{format}");
        assert_eq!(header(&res, "cache-control"), "public, max-age=300");
    }

    let list = app.get("/api/v1/public/editions", None).await;
    assert_eq!(header(&list, "cache-control"), "public, max-age=60");
    let list = assert_json(list, StatusCode::OK).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], edition["id"]);
    assert!(list["items"][0].get("published_by").is_none());

    assert_problem(app.get("/api/v1/public/editions/987654", None).await, StatusCode::NOT_FOUND).await;
    assert_problem(app.get("/api/v1/public/editions/987654/table.csv", None).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn a_correction_publishes_edition_2_while_edition_1_keeps_its_bytes_and_hash() {
    let (app, admin, period) = setup().await;
    publish(&app, &admin, period).await;
    let first = editions_of(&app, &admin, period).await.remove(0);
    let before = downloads(&app, &first).await;
    let original: Value = serde_json::from_slice(&before[0]).unwrap();

    let reason = "基本施策3 消費生活相談の相談件数の誤りを訂正";
    correct_report(&app, &admin, period, reason, CORRECTED).await;
    // Reopened, edited and approved again: edition 1 has not moved.
    assert_eq!(editions_of(&app, &admin, period).await, vec![first.clone()]);
    assert_eq!(downloads(&app, &first).await, before);
    // The period's own table shows the correction already.
    let live =
        assert_json(app.get(&format!("/api/v1/periods/{period}/table"), Some(&admin)).await, StatusCode::OK).await;
    assert!(live.to_string().contains(CORRECTED));

    publish(&app, &admin, period).await;
    let editions = editions_of(&app, &admin, period).await;
    assert_eq!(editions.len(), 2, "{editions:?}");
    let (second, first_now) = (&editions[0], &editions[1]);
    assert_eq!(second["number"], 2);
    assert_eq!(second["note"], reason);
    assert_eq!(first_now["number"], 1);
    assert_ne!(second["sha256"], first_now["sha256"]);
    assert_eq!(first_now["sha256"], first["sha256"]);
    assert_eq!(first_now["published_at"], first["published_at"]);
    for e in &editions {
        assert!(e["published_at"].as_str().is_some_and(|d| d.starts_with("20")), "a date: {e}");
        assert_eq!(e["current_edition_id"], second["id"], "edition 1 points to its correction");
    }

    // Edition 1 still serves the old text and hash; edition 2 the new.
    assert_eq!(downloads(&app, &first).await, before);
    let after = downloads(&app, second).await;
    let old_json = String::from_utf8(before[0].clone()).unwrap();
    let new_json = String::from_utf8(after[0].clone()).unwrap();
    assert!(!old_json.contains(CORRECTED) && new_json.contains(CORRECTED));
    assert!(String::from_utf8(after[1].clone()).unwrap().contains(CORRECTED), "the CSV of edition 2 has the new text");
    assert!(!String::from_utf8(before[1].clone()).unwrap().contains(CORRECTED));
    let consumer = |table: &Value| -> String {
        table["measures"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| m["sections"].as_array().unwrap())
            .flat_map(|s| s["rows"].as_array().unwrap())
            .find(|r| r["name"] == "消費生活相談")
            .unwrap()["progress"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_ne!(consumer(&original), CORRECTED);
    assert_eq!(consumer(&serde_json::from_str(&new_json).unwrap()), CORRECTED);

    let public =
        assert_json(app.get(&format!("/api/v1/public/editions?period_id={period}"), None).await, StatusCode::OK).await;
    let listed: Vec<(i64, String)> = public["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["number"].as_i64().unwrap(), e["sha256"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        listed,
        [(2, second["sha256"].as_str().unwrap().to_owned()), (1, first["sha256"].as_str().unwrap().to_owned())],
        "newest first, with their hashes"
    );
    let old =
        assert_json(app.get(&format!("/api/v1/public/editions/{}", first["id"]), None).await, StatusCode::OK).await;
    assert_eq!(old["current_edition_id"], second["id"]);
    assert_eq!(old["table"], original);
}

#[tokio::test]
async fn editions_cannot_be_modified_in_the_database() {
    let (app, admin, period) = setup().await;
    publish(&app, &admin, period).await;
    let mut conn = app.conn().await;
    for (what, sql) in [
        ("an update of the content", "UPDATE editions SET content_text = '{}', content = '{}', content_sha256 = sha256('{}'::bytea)"),
        ("an update of the note", "UPDATE editions SET note = '書き換え'"),
        ("a delete", "DELETE FROM editions"),
        ("a truncate", "TRUNCATE editions CASCADE"),
        ("an edition whose hash is not its text's", "INSERT INTO editions (plan_id, period_id, number, content_text, content, content_sha256) SELECT plan_id, period_id, 9, content_text, content, sha256('x'::bytea) FROM editions"),
        ("a second edition 1", "INSERT INTO editions (plan_id, period_id, number, content_text, content, content_sha256) SELECT plan_id, period_id, 1, content_text, content, content_sha256 FROM editions"),
        ("deleting the published period", &format!("DELETE FROM reporting_periods WHERE id = {period}")),
    ] {
        assert!(sql_query(sql).execute(&mut conn).await.is_err(), "the database accepted {what}");
    }
    let editions = editions_of(&app, &admin, period).await;
    assert_eq!(editions.len(), 1);
    assert!(editions[0]["note"].is_null());
    downloads(&app, &editions[0]).await;
}

#[tokio::test]
async fn publishing_and_correcting_need_an_admin() {
    let (app, admin, period) = setup().await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let publish_path = format!("/api/v1/periods/{period}/publish");
    assert_problem(app.post(&publish_path, Some(&editor), &json!({})).await, StatusCode::FORBIDDEN).await;
    assert_problem(app.post(&publish_path, Some(&viewer), &json!({})).await, StatusCode::FORBIDDEN).await;
    assert_problem(app.post(&publish_path, None, &json!({})).await, StatusCode::UNAUTHORIZED).await;
    assert!(editions_of(&app, &editor, period).await.is_empty(), "nothing was published");
    assert_eq!(assert_json(app.get("/api/v1/public/editions", None).await, StatusCode::OK).await["total"], 0);

    publish(&app, &admin, period).await;
    let correct = format!("/api/v1/periods/{period}/correct");
    let new_edition = format!("/api/v1/periods/{period}/editions");
    for token in [Some(editor.as_str()), Some(viewer.as_str()), None] {
        let status = if token.is_some() { StatusCode::FORBIDDEN } else { StatusCode::UNAUTHORIZED };
        assert_problem(app.post(&correct, token, &json!({ "reason": "訂正" })).await, status).await;
        assert_problem(app.post(&new_edition, token, &json!({ "note": "再公表" })).await, status).await;
    }
    // Signed-in users read the period's editions; the anonymous public uses /public/editions.
    assert_eq!(editions_of(&app, &viewer, period).await.len(), 1);
    assert_problem(app.get(&format!("/api/v1/periods/{period}/editions"), None).await, StatusCode::UNAUTHORIZED).await;
    // An API token reads the list but publishes nothing.
    let created = assert_json(
        app.post("/api/v1/api-tokens", Some(&admin), &json!({ "name": "公開サイト連携", "expires_in_days": 30 })).await,
        StatusCode::CREATED,
    )
    .await;
    let token = created["secret"].as_str().unwrap();
    assert_eq!(editions_of(&app, token, period).await.len(), 1);
    assert_problem(app.post(&correct, Some(token), &json!({ "reason": "訂正" })).await, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn a_correction_needs_a_reason_and_a_published_period() {
    let (app, admin, period) = setup().await;
    let correct = format!("/api/v1/periods/{period}/correct");
    let p = assert_problem(app.post(&correct, Some(&admin), &json!({ "reason": "訂正" })).await, StatusCode::CONFLICT)
        .await;
    assert!(p["detail"].as_str().unwrap().contains("締切"), "{p}");
    publish(&app, &admin, period).await;
    for body in [json!({ "reason": "  " }), json!({}), json!({ "reason": "あ".repeat(2001) })] {
        let p = assert_problem(app.post(&correct, Some(&admin), &body).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error_fields(&p), ["reason"]);
    }
    // A correction without changes still publishes a new edition, with the reason as its note.
    assert_json(app.post(&correct, Some(&admin), &json!({ "reason": "一つ目の理由" })).await, StatusCode::OK).await;
    assert_problem(app.post(&correct, Some(&admin), &json!({ "reason": "二つ目" })).await, StatusCode::CONFLICT).await;
    publish(&app, &admin, period).await;
    // The next correction is noted on the edition after it, and publishing waits for approval.
    assert_json(app.post(&correct, Some(&admin), &json!({ "reason": "二つ目の理由" })).await, StatusCode::OK).await;
    let report = consumer_report(&app, &admin, period).await;
    reopen_report(&app, &admin, report).await;
    let p = assert_problem(
        app.post(&format!("/api/v1/periods/{period}/publish"), Some(&admin), &json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("1件"), "every report must be approved again: {p}");
    save(&app, &admin, report, CORRECTED).await;
    submit(&app, &admin, report).await;
    approve(&app, &admin, report).await;
    publish(&app, &admin, period).await;
    let notes: Vec<Value> = editions_of(&app, &admin, period).await.iter().map(|e| e["note"].clone()).collect();
    assert_eq!(notes, [json!("二つ目の理由"), json!("一つ目の理由"), Value::Null]);
}

#[tokio::test]
async fn a_changed_row_of_a_published_period_is_published_as_a_new_edition_with_a_note() {
    let (app, admin, period) = setup().await;
    let editions = format!("/api/v1/periods/{period}/editions");
    assert_problem(app.post(&editions, Some(&admin), &json!({ "note": "まだ公表前" })).await, StatusCode::CONFLICT)
        .await;
    publish(&app, &admin, period).await;
    let p = assert_problem(
        app.post(&editions, Some(&admin), &json!({ "note": "" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["note"]);
    let p =
        assert_problem(app.post(&editions, Some(&admin), &json!({ "note": "同じ内容" })).await, StatusCode::CONFLICT)
            .await;
    assert!(p["detail"].as_str().unwrap().contains("第1版"), "{p}");

    let plan = plan_id(&app, &admin).await;
    let rows =
        assert_json(app.get(&format!("/api/v1/plans/{plan}/rows?per_page=100"), Some(&admin)).await, StatusCode::OK)
            .await;
    let row = rows["items"].as_array().unwrap().iter().find(|r| r["name"] == "ゲートキーパー養成講座").unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_json(
        app.patch(&format!("/api/v1/rows/{row}"), Some(&admin), &json!({ "content": "内容を改めました。" })).await,
        StatusCode::OK,
    )
    .await;
    let res = app.post(&editions, Some(&admin), &json!({ "note": "ゲートキーパー養成講座の内容を更新" })).await;
    let location = header(&res, "location");
    let created = assert_json(res, StatusCode::CREATED).await;
    assert_eq!(created["number"], 2);
    assert_eq!(created["note"], "ゲートキーパー養成講座の内容を更新");
    assert_eq!(location, format!("/api/v1/public/editions/{}", created["id"]));
    let table =
        app.get(&format!("/api/v1/public/editions/{}/table.json", created["id"]), None).await.text().await.unwrap();
    assert!(table.contains("内容を改めました。"));
}
