//! The reporting cycle: departments write and submit, the secretariat returns or approves, and
//! nothing typed is ever lost.

use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_tests::cycle;
use shinko_tests::*;

/// The seed plan's id and a freshly opened 令和7年度 年間 period.
struct Cycle {
    plan: i64,
    period: i64,
    admin: String,
}

async fn open_full_year(app: &TestApp, deadline: &str) -> Cycle {
    let admin = app.token(UserRole::Admin, Some("健康課")).await;
    let plan = cycle::plan_id(app, &admin).await;
    let period = cycle::open_full_year(app, &admin, deadline.parse().expect("a date")).await;
    Cycle { plan, period, admin }
}

/// The reports of `period` for rows named `name`, in table order.
async fn reports_named(app: &TestApp, token: &str, period: i64, name: &str) -> Vec<Value> {
    let mut found = Vec::new();
    for page in 1..=2 {
        let body = assert_json(
            app.get(&format!("/api/v1/periods/{period}/reports?per_page=50&page={page}"), Some(token)).await,
            StatusCode::OK,
        )
        .await;
        found.extend(body["items"].as_array().unwrap().iter().filter(|r| r["row"]["name"] == name).cloned());
    }
    found
}

async fn report_named(app: &TestApp, token: &str, period: i64, name: &str) -> Value {
    reports_named(app, token, period, name).await.remove(0)
}

/// GET a report and its ETag.
async fn fetch(app: &TestApp, token: &str, id: &Value) -> (Value, String) {
    let res = app.get(&format!("/api/v1/reports/{id}"), Some(token)).await;
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    (assert_json(res, StatusCode::OK).await, etag)
}

fn content(progress: &str) -> Value {
    json!({ "progress": progress, "implementation_status": "done", "evaluation": "A", "future_direction": "continue", "remarks": "" })
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    etag: Option<&str>,
    body: Option<&Value>,
) -> Response {
    let mut req = app.client.request(method, app.url(path)).bearer_auth(token);
    if let Some(tag) = etag {
        req = req.header("if-match", tag);
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    req.send().await.unwrap()
}

async fn save(app: &TestApp, token: &str, id: &Value, etag: &str, progress: &str) -> Response {
    send(app, Method::PUT, &format!("/api/v1/reports/{id}"), token, Some(etag), Some(&content(progress))).await
}

async fn act(app: &TestApp, token: &str, id: &Value, etag: &str, action: &str, body: Option<&Value>) -> Response {
    send(app, Method::POST, &format!("/api/v1/reports/{id}/{action}"), token, Some(etag), body).await
}

fn etag_of(res: &Response) -> String {
    res.headers()["etag"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn opening_a_period_gives_every_row_a_draft_that_carries_last_periods_text() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2026-04-15").await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let mut total = 0;
    for page in 1..=2 {
        let body = assert_json(
            app.get(&format!("/api/v1/periods/{}/reports?per_page=50&page={page}", cycle.period), Some(&viewer)).await,
            StatusCode::OK,
        )
        .await;
        total = body["total"].as_i64().unwrap();
        for r in body["items"].as_array().unwrap() {
            assert_eq!(r["state"], "draft");
            assert_eq!(r["progress"], "");
            assert_eq!(r["previous"]["period_label"], "令和7年度 9月末");
            assert!(
                !r["previous"]["progress"].as_str().unwrap().is_empty(),
                "{} carries last period's text",
                r["row"]["name"]
            );
        }
    }
    assert_eq!(total, 70);
    let first = report_named(&app, &viewer, cycle.period, "あきる野市自殺対策推進協議会").await;
    assert!(first["previous"]["progress"].as_str().unwrap().starts_with("令和7年8月18日実施の会議において"));
    // The seeded 上半期 has the 70 approved reports of the customer's table.
    let periods =
        assert_json(app.get(&format!("/api/v1/plans/{}/periods", cycle.plan), Some(&viewer)).await, StatusCode::OK)
            .await;
    let first_half = periods.as_array().unwrap().iter().find(|p| p["kind"] == "first_half").unwrap();
    let approved = assert_json(
        app.get(&format!("/api/v1/periods/{}/reports?state=approved&per_page=1", first_half["id"]), Some(&viewer))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(approved["total"], 70);
}

#[tokio::test]
async fn an_editor_writes_and_submits_their_departments_row_but_not_another_departments() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let editor = app.token(UserRole::Editor, Some("障がい者支援課")).await;
    let own = report_named(&app, &editor, cycle.period, "障がい者虐待防止ネットワーク会議").await;
    let (_, etag) = fetch(&app, &editor, &own["id"]).await;
    let saved = save(&app, &editor, &own["id"], &etag, "令和8年2月の会議で自殺統計を報告した。").await;
    let etag = etag_of(&saved);
    let saved = assert_json(saved, StatusCode::OK).await;
    assert_eq!(saved["progress"], "令和8年2月の会議で自殺統計を報告した。");
    assert_eq!(saved["version"], 2);
    let submitted = assert_json(act(&app, &editor, &own["id"], &etag, "submit", None).await, StatusCode::OK).await;
    assert_eq!(submitted["state"], "submitted");
    assert_eq!(submitted["submitted_late"], false);

    let other = report_named(&app, &editor, cycle.period, "健康づくり推進協議会").await;
    let (_, etag) = fetch(&app, &editor, &other["id"]).await;
    assert_problem(save(&app, &editor, &other["id"], &etag, "書き換え").await, StatusCode::FORBIDDEN).await;
    for action in ["submit", "copy-previous", "no-change", "approve", "reopen"] {
        assert_problem(act(&app, &editor, &other["id"], &etag, action, None).await, StatusCode::FORBIDDEN).await;
    }
    let (unchanged, _) = fetch(&app, &editor, &other["id"]).await;
    assert_eq!((unchanged["progress"].as_str(), unchanged["version"].as_i64()), (Some(""), Some(1)));
}

#[tokio::test]
async fn both_owning_departments_write_the_co_owned_health_consultation_rows() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let health = app.token(UserRole::Editor, Some("健康課")).await;
    let welfare = app.token(UserRole::Editor, Some("福祉総務課")).await;
    let other = app.token(UserRole::Editor, Some("市民課")).await;
    let consultations = reports_named(&app, &health, cycle.period, "健康相談").await;
    assert_eq!(consultations.len(), 3);
    for r in consultations.iter().filter(|r| r["row"]["departments"].as_array().unwrap().len() == 2) {
        let (_, etag) = fetch(&app, &health, &r["id"]).await;
        let res = save(&app, &health, &r["id"], &etag, "健康課が記入").await;
        let etag = etag_of(&res);
        assert_json(res, StatusCode::OK).await;
        let res = save(&app, &welfare, &r["id"], &etag, "福祉総務課が追記").await;
        let etag = etag_of(&res);
        assert_eq!(assert_json(res, StatusCode::OK).await["updated_by"]["display_name"], "テスト利用者");
        assert_problem(save(&app, &other, &r["id"], &etag, "市民課").await, StatusCode::FORBIDDEN).await;
    }
    // The 健康相談 under 基本施策3 belongs to 健康課 alone.
    let single = consultations.iter().find(|r| r["row"]["departments"].as_array().unwrap().len() == 1).unwrap();
    let (_, etag) = fetch(&app, &welfare, &single["id"]).await;
    assert_problem(save(&app, &welfare, &single["id"], &etag, "福祉総務課").await, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn two_writes_with_the_same_etag_one_wins_and_the_other_sees_who_changed_it() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let alice = app.token(UserRole::Editor, Some("健康課")).await;
    let bob = app.token(UserRole::Editor, Some("福祉総務課")).await;
    let report = reports_named(&app, &alice, cycle.period, "健康相談").await.remove(1);
    let (_, etag) = fetch(&app, &alice, &report["id"]).await;

    let (a, b) = tokio::join!(
        save(&app, &alice, &report["id"], &etag, "アリスの文"),
        save(&app, &bob, &report["id"], &etag, "ボブの文")
    );
    let statuses = [a.status(), b.status()];
    assert!(statuses.contains(&StatusCode::OK) && statuses.contains(&StatusCode::PRECONDITION_FAILED), "{statuses:?}");
    let (winner, loser, losing_text) =
        if a.status() == StatusCode::OK { (a, b, "ボブの文") } else { (b, a, "アリスの文") };
    let winner = assert_json(winner, StatusCode::OK).await;
    assert_eq!(
        loser.headers()["etag"].to_str().unwrap(),
        format!("\"{}-2\"", report["id"]),
        "the 412 names the current version"
    );
    let conflict = assert_problem(loser, StatusCode::PRECONDITION_FAILED).await;
    assert_eq!(conflict["code"], "edit_conflict");
    assert_eq!(conflict["conflict"]["your_version"], 1);
    assert_eq!(conflict["conflict"]["current_version"], 2);
    assert_eq!(conflict["conflict"]["current"]["progress"], winner["progress"]);
    assert!(conflict["conflict"]["changed_by"]["display_name"].is_string());
    assert!(conflict["detail"].as_str().unwrap().contains("先に保存"));

    // The loser keeps their text, saves it on top of the current version, and history holds both.
    let current_tag = format!("\"{}-2\"", report["id"]);
    assert_json(save(&app, &alice, &report["id"], &current_tag, losing_text).await, StatusCode::OK).await;
    let versions =
        assert_json(app.get(&format!("/api/v1/reports/{}/versions", report["id"]), Some(&alice)).await, StatusCode::OK)
            .await;
    let texts: Vec<&str> = versions.as_array().unwrap().iter().map(|v| v["progress"].as_str().unwrap()).collect();
    assert_eq!(texts, ["", winner["progress"].as_str().unwrap(), losing_text]);
    let actions: Vec<&str> = versions.as_array().unwrap().iter().map(|v| v["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "save", "save"]);
    // Every reader of the history sees who wrote each version by name.
    assert_eq!(versions[1]["actor_name"], conflict["conflict"]["changed_by"]["display_name"]);
    assert!(versions[2]["actor_name"].is_string());
    assert!(versions[0]["actor_name"].is_string(), "the admin who opened the period made the empty first version");
}

#[tokio::test]
async fn a_write_without_if_match_is_refused_and_an_unchanged_autosave_stores_nothing() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let report = report_named(&app, &editor, cycle.period, "健康教育").await;
    let path = format!("/api/v1/reports/{}", report["id"]);
    let p = assert_problem(
        send(&app, Method::PUT, &path, &editor, None, Some(&content("x"))).await,
        StatusCode::PRECONDITION_REQUIRED,
    )
    .await;
    assert_eq!(p["code"], "precondition_required");
    let (_, etag) = fetch(&app, &editor, &report["id"]).await;
    let first = save(&app, &editor, &report["id"], &etag, "同じ文").await;
    let etag2 = etag_of(&first);
    assert_json(first, StatusCode::OK).await;
    for _ in 0..3 {
        let again = save(&app, &editor, &report["id"], &etag2, "同じ文").await;
        assert_eq!(etag_of(&again), etag2, "repeating an autosave keeps the version");
        assert_json(again, StatusCode::OK).await;
    }
    let versions = assert_json(app.get(&format!("{path}/versions"), Some(&editor)).await, StatusCode::OK).await;
    assert_eq!(versions.as_array().unwrap().len(), 2);
    assert_problem(
        send(&app, Method::PUT, &path, &editor, Some("\"999-1\""), Some(&content("x"))).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
}

#[tokio::test]
async fn the_secretariat_returns_with_a_comment_and_approves_after_the_fix() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let editor = app.token(UserRole::Editor, Some("障がい者支援課")).await;
    let admin = &cycle.admin;
    let report = report_named(&app, &editor, cycle.period, "障がい者相談支援").await;
    let id = &report["id"];
    let (_, etag) = fetch(&app, &editor, id).await;
    let res = save(&app, &editor, id, &etag, "相談を受けた。").await;
    let res = act(&app, &editor, id, &etag_of(&res), "submit", None).await;
    let etag = etag_of(&res);

    let p = assert_problem(
        act(&app, admin, id, &etag, "return", Some(&json!({ "comment": "  " }))).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["comment"]);
    assert_problem(
        act(&app, &editor, id, &etag, "return", Some(&json!({ "comment": "自分で差戻し" }))).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let returned =
        act(&app, admin, id, &etag, "return", Some(&json!({ "comment": "相談件数を追記してください。" }))).await;
    let etag = etag_of(&returned);
    let returned = assert_json(returned, StatusCode::OK).await;
    assert_eq!(
        (returned["state"].as_str(), returned["return_comment"].as_str()),
        (Some("returned"), Some("相談件数を追記してください。"))
    );

    let (seen, _) = fetch(&app, &editor, id).await;
    assert_eq!(seen["return_comment"], "相談件数を追記してください。");
    let res = save(&app, &editor, id, &etag, "相談を受けた。相談件数 131件。").await;
    let res = act(&app, &editor, id, &etag_of(&res), "submit", None).await;
    let etag = etag_of(&res);
    assert_problem(act(&app, &editor, id, &etag, "approve", None).await, StatusCode::FORBIDDEN).await;
    let approved = act(&app, admin, id, &etag, "approve", None).await;
    let etag = etag_of(&approved);
    let approved = assert_json(approved, StatusCode::OK).await;
    assert_eq!(approved["state"], "approved");
    assert!(approved["approved_at"].is_string());

    // Approved reports are not edited any more, unless the secretariat reopens them.
    assert_problem(save(&app, &editor, id, &etag, "承認後の変更").await, StatusCode::CONFLICT).await;
    let reopened = assert_json(act(&app, admin, id, &etag, "reopen", None).await, StatusCode::OK).await;
    assert_eq!(reopened["state"], "draft");

    let versions =
        assert_json(app.get(&format!("/api/v1/reports/{id}/versions"), Some(&editor)).await, StatusCode::OK).await;
    let actions: Vec<&str> = versions.as_array().unwrap().iter().map(|v| v["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "save", "submit", "return", "save", "submit", "approve", "reopen"]);
    let diff =
        assert_json(app.get(&format!("/api/v1/reports/{id}/diff?from=2&to=5"), Some(&editor)).await, StatusCode::OK)
            .await;
    let inserted: String = diff["progress"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["op"] == "insert")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(inserted, "相談件数 131件。");
}

#[tokio::test]
async fn after_closing_only_admins_write_and_the_editor_is_told_why() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let editor = app.token(UserRole::Editor, Some("市民課")).await;
    let report = report_named(&app, &editor, cycle.period, "市民相談事業").await;
    let (_, etag) = fetch(&app, &editor, &report["id"]).await;
    assert_problem(
        app.post(&format!("/api/v1/periods/{}/close", cycle.period), Some(&editor), &json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_json(
        app.post(&format!("/api/v1/periods/{}/close", cycle.period), Some(&cycle.admin), &json!({})).await,
        StatusCode::OK,
    )
    .await;

    let p = assert_problem(save(&app, &editor, &report["id"], &etag, "締切後").await, StatusCode::CONFLICT).await;
    assert!(p["detail"].as_str().unwrap().contains("締め切られました"), "{p}");
    assert_problem(act(&app, &editor, &report["id"], &etag, "submit", None).await, StatusCode::CONFLICT).await;
    let res = save(&app, &cycle.admin, &report["id"], &etag, "事務局が修正").await;
    let etag = etag_of(&res);
    assert_json(res, StatusCode::OK).await;

    assert_json(
        app.post(&format!("/api/v1/periods/{}/reopen", cycle.period), Some(&cycle.admin), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_json(save(&app, &editor, &report["id"], &etag, "再開後に記入").await, StatusCode::OK).await;
}

#[tokio::test]
async fn a_submission_after_the_deadline_is_marked_late() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2026-04-15").await;
    let editor = app.token(UserRole::Editor, Some("図書館")).await;
    let report = report_named(&app, &editor, cycle.period, "図書館での資料の展示及びリーフレット配布").await;
    let (_, etag) = fetch(&app, &editor, &report["id"]).await;
    let submitted = assert_json(act(&app, &editor, &report["id"], &etag, "submit", None).await, StatusCode::OK).await;
    assert_eq!(submitted["state"], "submitted");
    assert_eq!(submitted["submitted_late"], true);
}

#[tokio::test]
async fn invalid_status_or_evaluation_is_a_422_naming_the_field() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let report = report_named(&app, &editor, cycle.period, "広報活動").await;
    let (_, etag) = fetch(&app, &editor, &report["id"]).await;
    let path = format!("/api/v1/reports/{}", report["id"]);
    for (body, field) in [
        (
            json!({ "progress": "x", "implementation_status": "finished", "evaluation": null, "future_direction": null }),
            "implementation_status",
        ),
        (
            json!({ "progress": "x", "implementation_status": null, "evaluation": "Q", "future_direction": null }),
            "evaluation",
        ),
        (
            json!({ "progress": "x", "implementation_status": null, "evaluation": null, "future_direction": "forever" }),
            "future_direction",
        ),
        (
            json!({ "progress": "x".repeat(20_001), "implementation_status": null, "evaluation": null, "future_direction": null }),
            "progress",
        ),
        (
            json!({ "progress": 5, "implementation_status": null, "evaluation": null, "future_direction": null }),
            "progress",
        ),
    ] {
        let p = assert_problem(
            send(&app, Method::PUT, &path, &editor, Some(&etag), Some(&body)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(error_fields(&p), [field]);
    }
    let (unchanged, _) = fetch(&app, &editor, &report["id"]).await;
    assert_eq!(unchanged["version"], 1);
}

#[tokio::test]
async fn copy_previous_and_no_change_take_over_last_periods_report() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let editor = app.token(UserRole::Editor, Some("商工振興課")).await;
    let report = report_named(&app, &editor, cycle.period, "中小企業資金融資").await;
    let previous = report["previous"]["progress"].as_str().unwrap().to_owned();
    assert!(previous.contains("融資"));
    let (_, etag) = fetch(&app, &editor, &report["id"]).await;
    let copied = act(&app, &editor, &report["id"], &etag, "copy-previous", None).await;
    let etag = etag_of(&copied);
    assert_eq!(assert_json(copied, StatusCode::OK).await["progress"], previous.as_str());
    let same = assert_json(act(&app, &editor, &report["id"], &etag, "no-change", None).await, StatusCode::OK).await;
    assert_eq!(same["progress"], previous.as_str());
    let versions = assert_json(
        app.get(&format!("/api/v1/reports/{}/versions", report["id"]), Some(&editor)).await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = versions.as_array().unwrap().iter().map(|v| v["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "copy_previous"], "no-change on already copied text stores nothing new");

    // The first period has nothing before it.
    let periods =
        assert_json(app.get(&format!("/api/v1/plans/{}/periods", cycle.plan), Some(&editor)).await, StatusCode::OK)
            .await;
    let first_half =
        periods.as_array().unwrap().iter().find(|p| p["kind"] == "first_half").unwrap()["id"].as_i64().unwrap();
    assert_json(
        app.post(&format!("/api/v1/periods/{first_half}/reopen"), Some(&cycle.admin), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    let old = report_named(&app, &editor, first_half, "中小企業資金融資").await;
    let (_, etag) = fetch(&app, &cycle.admin, &old["id"]).await;
    let etag = etag_of(&act(&app, &cycle.admin, &old["id"], &etag, "reopen", None).await);
    let p =
        assert_problem(act(&app, &editor, &old["id"], &etag, "copy-previous", None).await, StatusCode::CONFLICT).await;
    assert!(p["detail"].as_str().unwrap().contains("前の報告期間"));
}

#[tokio::test]
async fn periods_are_managed_by_admins_and_published_only_when_all_is_approved() {
    let app = TestApp::spawn().await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let periods = format!("/api/v1/plans/{}/periods", cycle.plan);
    let custom = json!({ "fiscal_year": 2026, "kind": "custom", "as_of": "2026-12-31", "opens_on": "2026-12-01", "deadline": "2027-01-15" });
    assert_problem(app.post(&periods, Some(&editor), &custom).await, StatusCode::FORBIDDEN).await;
    assert_problem(app.post(&periods, None, &custom).await, StatusCode::UNAUTHORIZED).await;
    let created = assert_json(app.post(&periods, Some(&cycle.admin), &custom).await, StatusCode::CREATED).await;
    assert_eq!(created["label"], "令和8年度 12月末");
    let p = assert_problem(
        app.post(
            &periods,
            Some(&cycle.admin),
            &json!({ "fiscal_year": 2026, "kind": "custom", "opens_on": "2026-12-01", "deadline": "2026-11-01" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["as_of", "deadline"]);
    let p = assert_problem(
        app.post(
            &periods,
            Some(&cycle.admin),
            &json!({ "fiscal_year": 2025, "kind": "full_year", "opens_on": "2026-03-01", "deadline": "2026-04-15" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error_fields(&p), ["as_of"], "the 年間 period exists already");

    let id = cycle.period;
    assert_problem(
        app.post(&format!("/api/v1/periods/{id}/publish"), Some(&cycle.admin), &json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_json(app.post(&format!("/api/v1/periods/{id}/close"), Some(&cycle.admin), &json!({})).await, StatusCode::OK)
        .await;
    let p = assert_problem(
        app.post(&format!("/api/v1/periods/{id}/publish"), Some(&cycle.admin), &json!({})).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("70件"), "{p}");
    assert_problem(
        app.patch(&format!("/api/v1/periods/{id}"), Some(&editor), &json!({ "deadline": "2099-05-01" })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        assert_json(
            app.patch(&format!("/api/v1/periods/{id}"), Some(&cycle.admin), &json!({ "deadline": "2099-05-01" })).await,
            StatusCode::OK
        )
        .await["deadline"],
        "2099-05-01"
    );
}

#[tokio::test]
async fn viewers_and_anonymous_callers_cannot_write_reports() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let report = report_named(&app, &viewer, cycle.period, "健康教育").await;
    let (_, etag) = fetch(&app, &viewer, &report["id"]).await;
    assert_problem(save(&app, &viewer, &report["id"], &etag, "閲覧者").await, StatusCode::FORBIDDEN).await;
    for action in ["submit", "copy-previous", "no-change", "approve", "reopen"] {
        assert_problem(act(&app, &viewer, &report["id"], &etag, action, None).await, StatusCode::FORBIDDEN).await;
    }
    let anonymous = app
        .client
        .put(app.url(&format!("/api/v1/reports/{}", report["id"])))
        .header("if-match", &etag)
        .json(&content("x"))
        .send()
        .await
        .unwrap();
    assert_problem(anonymous, StatusCode::UNAUTHORIZED).await;
    for path in [
        format!("/api/v1/reports/{}", report["id"]),
        format!("/api/v1/periods/{}/reports", cycle.period),
        format!("/api/v1/reports/{}/versions", report["id"]),
    ] {
        assert_problem(app.get(&path, None).await, StatusCode::UNAUTHORIZED).await;
    }
}

#[tokio::test]
async fn every_report_write_leaves_its_audit_row() {
    use diesel::dsl::count_star;
    use diesel::{ExpressionMethods, QueryDsl};
    use diesel_async::RunQueryDsl;
    use shinko_db::schema::{audit_log, report_versions};

    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let report = report_named(&app, &editor, cycle.period, "健康教育").await;
    let id = report["id"].as_i64().unwrap();
    let audited = || async {
        audit_log::table
            .filter(audit_log::entity.eq("reports"))
            .filter(audit_log::entity_id.eq(id.to_string()))
            .filter(audit_log::action.eq("update"))
            .select(count_star())
            .get_result::<i64>(&mut app.conn().await)
            .await
            .unwrap()
    };
    let (_, etag) = fetch(&app, &editor, &report["id"]).await;
    let res = save(&app, &editor, &report["id"], &etag, "一回目").await;
    let res = save(&app, &editor, &report["id"], &etag_of(&res), "二回目").await;
    let res = act(&app, &editor, &report["id"], &etag_of(&res), "submit", None).await;
    let res =
        act(&app, &cycle.admin, &report["id"], &etag_of(&res), "return", Some(&json!({ "comment": "直してください" })))
            .await;
    assert_json(res, StatusCode::OK).await;
    let writes = report_versions::table
        .filter(report_versions::report_id.eq(id))
        .filter(report_versions::action.ne("create"))
        .select(count_star())
        .get_result::<i64>(&mut app.conn().await)
        .await
        .unwrap();
    assert_eq!(writes, 4);
    assert_eq!(audited().await, 4, "one audit row per write");
}

#[tokio::test]
async fn a_report_tells_each_reader_what_they_may_do_with_it() {
    let app = TestApp::spawn().await;
    let cycle = open_full_year(&app, "2099-04-15").await;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let other = app.token(UserRole::Editor, Some("障がい者支援課")).await;
    let viewer = app.token(UserRole::Viewer, None).await;
    let report = report_named(&app, &editor, cycle.period, "健康教育").await;
    let actions =
        |r: &Value| r["allowed_actions"].as_array().unwrap().iter().map(|a| a.to_string()).collect::<Vec<_>>();

    let (own, etag) = fetch(&app, &editor, &report["id"]).await;
    assert_eq!(actions(&own), ["\"save\"", "\"copy_previous\"", "\"no_change\"", "\"submit\""]);
    assert_eq!(own["read_only_reason"], Value::Null);
    for (token, reason) in [(&other, "not_owner"), (&viewer, "viewer")] {
        let (seen, _) = fetch(&app, token, &report["id"]).await;
        assert!(actions(&seen).is_empty(), "{reason}");
        assert_eq!(seen["read_only_reason"], reason);
    }
    let (as_admin, _) = fetch(&app, &cycle.admin, &report["id"]).await;
    assert!(!actions(&as_admin).contains(&"\"approve\"".to_owned()), "a draft is not approved");

    // After submitting, the answer of the write says the department waits and the secretariat reviews.
    let submitted = assert_json(act(&app, &editor, &report["id"], &etag, "submit", None).await, StatusCode::OK).await;
    assert!(actions(&submitted).is_empty());
    assert_eq!(submitted["read_only_reason"], "submitted");
    let (review, _) = fetch(&app, &cycle.admin, &report["id"]).await;
    assert_eq!(actions(&review), ["\"save\"", "\"copy_previous\"", "\"no_change\"", "\"return\"", "\"approve\""]);
}
