//! The authorization matrix (`tests/authz-matrix.md`): who may call each operation of the API.
//!
//! One test checks the table against the OpenAPI document: every operation has exactly one row, every
//! row names an operation, every cell is decided, and the rows agree with the "Who may call" text of
//! the operations. Then one test per kind of caller calls every operation on a fresh copy of the seed
//! database, with real ids and a minimal valid request, and checks the outcome against its column; an
//! unexpected success fails like any other surprise.
//!
//! The document is the one the code generates (and the server serves); `openapi::the_committed_
//! openapi_document_is_up_to_date` keeps `openapi/openapi.json` equal to it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use shinko_db::enums::UserRole;
use shinko_db::notifications::{NewNotification, Notification, NotificationKind};
use shinko_tests::cycle::{self, days_from_today, today};
use shinko_tests::*;

// --- The table ------------------------------------------------------------------------------------------------

/// The kinds of caller, in the order of the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Viewer,
    OwnEditor,
    OtherEditor,
    Admin,
    ApiToken,
}

const CALLERS: [Caller; 6] =
    [Caller::Anonymous, Caller::Viewer, Caller::OwnEditor, Caller::OtherEditor, Caller::Admin, Caller::ApiToken];
const HEADER: [&str; 8] =
    ["method", "path", "anonymous", "viewer", "editor (own)", "editor (other)", "admin", "API token"];

impl Caller {
    fn column(self) -> usize {
        CALLERS.iter().position(|c| *c == self).unwrap()
    }

    fn label(self) -> &'static str {
        HEADER[2 + self.column()]
    }
}

/// What a caller gets: any 2xx, or one of some error statuses.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Success,
    Statuses(Vec<u16>),
    /// `?`: nobody decided yet (rows added by UPDATE_AUTHZ_MATRIX).
    Undecided,
}

impl Outcome {
    fn parse(cell: &str) -> Result<Self, String> {
        match cell {
            "2xx" => Ok(Self::Success),
            "?" => Ok(Self::Undecided),
            _ => cell
                .split('/')
                .map(|s| match s.parse::<u16>() {
                    Ok(n) if (400..500).contains(&n) => Ok(n),
                    _ => Err(format!("unknown outcome {cell:?} (use 2xx, 401, 403, 404 or 403/404)")),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Self::Statuses),
        }
    }

    fn admits(&self, status: StatusCode) -> bool {
        match self {
            Self::Success => status.is_success(),
            Self::Statuses(list) => list.contains(&status.as_u16()),
            Self::Undecided => false,
        }
    }

    fn text(&self) -> String {
        match self {
            Self::Success => "2xx".into(),
            Self::Statuses(list) => list.iter().map(u16::to_string).collect::<Vec<_>>().join("/"),
            Self::Undecided => "?".into(),
        }
    }
}

#[derive(Debug, Clone)]
struct Row {
    method: String,
    path: String,
    outcomes: Vec<Outcome>,
}

impl Row {
    fn key(&self) -> (String, String) {
        (self.method.clone(), self.path.clone())
    }

    fn outcome(&self, caller: Caller) -> &Outcome {
        &self.outcomes[caller.column()]
    }
}

fn matrix_path() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("authz-matrix.md")
}

/// The text before the table, and the table's rows.
fn read_matrix() -> (String, Vec<Row>) {
    let text = std::fs::read_to_string(matrix_path()).expect("tests/authz-matrix.md is readable");
    let mut intro = String::new();
    let mut rows = Vec::new();
    let mut in_table = false;
    for (n, line) in text.lines().enumerate() {
        if !line.starts_with('|') {
            assert!(
                !in_table || line.trim().is_empty(),
                "authz-matrix.md line {}: nothing may follow the table",
                n + 1
            );
            if !in_table {
                intro.push_str(line);
                intro.push('\n');
            }
            continue;
        }
        in_table = true;
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells[0] == "method" || cells[0].starts_with('-') {
            continue;
        }
        assert_eq!(cells.len(), HEADER.len(), "authz-matrix.md line {}: {} cells", n + 1, HEADER.len());
        let outcomes = cells[2..]
            .iter()
            .map(|c| Outcome::parse(c).unwrap_or_else(|e| panic!("authz-matrix.md line {}: {e}", n + 1)))
            .collect();
        rows.push(Row { method: cells[0].to_owned(), path: cells[1].to_owned(), outcomes });
    }
    (intro, rows)
}

fn write_matrix(intro: &str, rows: &[Row]) {
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| [r.method.clone(), r.path.clone()].into_iter().chain(r.outcomes.iter().map(Outcome::text)).collect())
        .collect();
    let widths: Vec<usize> = (0..HEADER.len())
        .map(|i| lines.iter().map(|l| l[i].chars().count()).chain([HEADER[i].chars().count()]).max().unwrap())
        .collect();
    let format = |cells: Vec<String>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}", w = *w)).collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = intro.trim_end().to_owned() + "\n\n";
    out += &format(HEADER.iter().map(|h| h.to_string()).collect());
    out += &format!("|{}|\n", widths.iter().map(|w| "-".repeat(w + 2)).collect::<Vec<_>>().join("|"));
    for l in lines {
        out += &format(l);
    }
    std::fs::write(matrix_path(), out).unwrap();
}

/// One operation of the OpenAPI document.
struct Operation {
    method: String,
    path: String,
    /// The text after "Who may call:".
    who: String,
    secured: bool,
}

fn document_operations() -> Vec<Operation> {
    let doc = serde_json::to_value(shinko_api::startup::api_doc()).unwrap();
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "put", "post", "delete", "patch", "head", "options", "trace"].contains(&method.as_str()) {
                continue;
            }
            let description = op["description"].as_str().unwrap_or_default();
            let who = description
                .split_once("Who may call:")
                .map(|(_, w)| w.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default();
            ops.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                who,
                secured: op["security"].as_array().is_some_and(|s| !s.is_empty()),
            });
        }
    }
    ops
}

#[test]
fn authz_matrix_has_one_decided_row_per_operation_of_the_openapi_document() {
    let (intro, rows) = read_matrix();
    let ops = document_operations();
    let documented: BTreeSet<(String, String)> = ops.iter().map(|o| (o.method.clone(), o.path.clone())).collect();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for row in &rows {
        if !seen.insert(row.key()) {
            problems.push(format!("{} {}: two rows", row.method, row.path));
        }
        if !documented.contains(&row.key()) {
            problems.push(format!("{} {}: a row, but no such operation in the OpenAPI document", row.method, row.path));
        }
    }
    let by_key: BTreeMap<(String, String), &Row> = rows.iter().map(|r| (r.key(), r)).collect();
    for op in &ops {
        let Some(row) = by_key.get(&(op.method.clone(), op.path.clone())) else {
            problems.push(format!("{} {}: no row: decide who may call it", op.method, op.path));
            continue;
        };
        let label = format!("{} {}", op.method, op.path);
        for caller in CALLERS {
            if *row.outcome(caller) == Outcome::Undecided {
                problems.push(format!("{label}: {} is not decided (?)", caller.label()));
            }
        }
        // The row must say what the operation's description says.
        let cell = |c: Caller| row.outcome(c).clone();
        let anyone = op.who.starts_with("anyone");
        if anyone == op.secured {
            problems
                .push(format!("{label}: \"Who may call: anyone\" exactly when the operation needs no bearer token"));
        }
        if anyone && CALLERS.iter().any(|c| cell(*c) != Outcome::Success) {
            problems.push(format!("{label}: the document says anyone, the row does not"));
        }
        if !anyone && cell(Caller::Anonymous) != Outcome::Statuses(vec![401]) {
            problems.push(format!("{label}: needs a bearer token, so anonymous gets 401"));
        }
        let tokens_read = op.who.contains("API tokens may read");
        if !anyone && tokens_read != (cell(Caller::ApiToken) == Outcome::Success) {
            problems.push(format!(
                "{label}: the document {} that API tokens may read; the row says {}",
                if tokens_read { "says" } else { "does not say" },
                cell(Caller::ApiToken).text()
            ));
        }
        if op.who.starts_with("admins") && !op.who.contains("editors") {
            for c in [Caller::Viewer, Caller::OwnEditor, Caller::OtherEditor, Caller::ApiToken] {
                if cell(c).admits(StatusCode::OK) {
                    problems.push(format!("{label}: admins only, yet {} succeeds", c.label()));
                }
            }
        }
        if op.secured && !cell(Caller::Admin).admits(StatusCode::OK) {
            problems.push(format!("{label}: admins may call every operation; the row refuses them"));
        }
    }
    if !problems.is_empty() {
        if std::env::var("UPDATE_AUTHZ_MATRIX").is_ok() {
            let updated: Vec<Row> = ops
                .iter()
                .map(|op| match by_key.get(&(op.method.clone(), op.path.clone())) {
                    Some(row) => (*row).clone(),
                    None => Row {
                        method: op.method.clone(),
                        path: op.path.clone(),
                        outcomes: vec![Outcome::Undecided; CALLERS.len()],
                    },
                })
                .collect();
            write_matrix(&intro, &updated);
        }
        panic!("tests/authz-matrix.md does not match the OpenAPI document:\n  {}\n(UPDATE_AUTHZ_MATRIX=1 adds rows for new operations with ? to decide, and drops rows of removed ones)", problems.join("\n  "));
    }
    println!(
        "authz matrix: {} operations x {} callers = {} checked calls",
        rows.len(),
        CALLERS.len(),
        rows.len() * CALLERS.len()
    );
}

// --- The calls ------------------------------------------------------------------------------------------------

/// Everything the requests refer to, made by an admin of the setup on a fresh copy of the seed.
/// Operations that change or delete something get a target of their own, so that the order of the
/// calls does not matter.
struct Fixtures {
    admin: String,
    plan: i64,
    first_half: i64,
    year: i64,
    health: i64,
    other_department: i64,
    measure: i64,
    row: i64,
    /// Reports of rows owned by 健康課 alone, in the open 年間 period.
    draft_to_save: i64,
    draft_to_copy: i64,
    draft_to_keep: i64,
    draft_to_submit: i64,
    submitted_to_return: i64,
    submitted_to_approve: i64,
    approved_to_reopen: i64,
    /// An approved 上半期 report with its first and last version.
    history: (i64, i32, i32),
    /// A plan of their own for the structure's writes: measures (to edit, to reorder, to delete),
    /// directions (to edit, to delete), rows (to edit, to delete, to reorder) and a group.
    structure_plan: i64,
    measure_to_edit: i64,
    measure_to_reorder: i64,
    reorder: Vec<i64>,
    measure_to_delete: i64,
    direction_to_edit: i64,
    direction_to_delete: i64,
    row_to_edit: i64,
    row_to_delete: i64,
    group_to_delete: i64,
    group_to_rename: i64,
    /// A plan without rows for the periods' life cycle and the grades.
    period_plan: i64,
    preparing: i64,
    open: i64,
    closed_to_reopen: i64,
    closed_to_publish: i64,
    /// Published periods: one whose table changed since its edition 1, one to correct.
    published_changed: i64,
    published_to_correct: i64,
    edition: i64,
    /// A row of the period plan added after its periods were opened: in none of them yet.
    row_for_period: i64,
    plan_to_delete: i64,
    department_to_edit: i64,
    user: i64,
    login_id: String,
    refresh_token: String,
    api_token_to_revoke: i64,
    csv: Vec<u8>,
    /// A notification of the setup's admin (for callers who have none of their own).
    notification: i64,
}

async fn created_id(app: &TestApp, token: &str, path: &str, body: Value) -> i64 {
    let res = app.post(path, Some(token), &body).await;
    assert_json(res, StatusCode::CREATED).await["id"].as_i64().unwrap_or_else(|| panic!("POST {path} answers an id"))
}

async fn transition(app: &TestApp, admin: &str, period: i64, step: &str) {
    assert_json(
        app.request(Method::POST, &format!("/api/v1/periods/{period}/{step}"), Some(admin), None).await,
        StatusCode::OK,
    )
    .await;
}

async fn notify(app: &TestApp, user_id: i64, period: i64) -> i64 {
    let mut conn = app.conn().await;
    let new = NewNotification {
        user_id,
        kind: NotificationKind::Reminder,
        message: "報告の督促です。".into(),
        report_id: None,
        period_id: Some(period),
    };
    Notification::create_many(&mut conn, &[new]).await.unwrap()[0].id
}

impl Fixtures {
    async fn build(app: &TestApp) -> Self {
        let setup_admin = app.admin().await;
        let a = app.login(&setup_admin).await.access;
        let plan = cycle::plan_id(app, &a).await;
        let first_half = cycle::first_half_id(app, &a).await;
        let health = app.department_id("健康課").await;
        let other_department = app.department_id("障がい者支援課").await;
        let year = cycle::open_full_year(app, &a, days_from_today(30)).await;

        // Reports of rows 健康課 owns alone: the other editor's department owns none of them.
        let own: Vec<Value> = cycle::reports_of(app, &a, year, health)
            .await
            .into_iter()
            .filter(|r| r["row"]["departments"].as_array().unwrap().len() == 1)
            .collect();
        assert!(own.len() >= 7, "健康課 owns at least 7 rows alone");
        let report = |i: usize| own[i]["id"].as_i64().unwrap();
        let row = own[0]["row"]["id"].as_i64().unwrap();
        for r in [report(4), report(5), report(6)] {
            cycle::submit(app, &a, r).await;
        }
        cycle::approve(app, &a, report(6)).await;
        let history_report = cycle::reports_of(app, &a, first_half, health).await[0]["id"].as_i64().unwrap();
        let versions =
            assert_json(app.get(&format!("/api/v1/reports/{history_report}/versions"), Some(&a)).await, StatusCode::OK)
                .await;
        let versions: Vec<i32> =
            versions.as_array().unwrap().iter().map(|v| v["version"].as_i64().unwrap() as i32).collect();

        let measures =
            assert_json(app.get(&format!("/api/v1/plans/{plan}/measures"), Some(&a)).await, StatusCode::OK).await;
        let mut seed_measure = None;
        for m in measures.as_array().unwrap().iter().filter(|m| m["kind"] == "basic") {
            let id = m["id"].as_i64().unwrap();
            let directions =
                assert_json(app.get(&format!("/api/v1/measures/{id}/directions"), Some(&a)).await, StatusCode::OK)
                    .await;
            if let Some(d) = directions.as_array().unwrap().first() {
                seed_measure = Some((id, d["id"].as_i64().unwrap()));
                break;
            }
        }
        let (measure, _) = seed_measure.expect("a basic measure with directions");

        let structure_plan =
            created_id(app, &a, "/api/v1/plans", json!({ "municipality": "あきる野市", "name": "権限確認用の計画" }))
                .await;
        let measures_path = format!("/api/v1/plans/{structure_plan}/measures");
        let measure_to_edit =
            created_id(app, &a, &measures_path, json!({ "kind": "basic", "number": 1, "title": "確認用の施策1" }))
                .await;
        let measure_to_reorder =
            created_id(app, &a, &measures_path, json!({ "kind": "basic", "number": 2, "title": "確認用の施策2" }))
                .await;
        let measure_to_delete =
            created_id(app, &a, &measures_path, json!({ "kind": "basic", "number": 3, "title": "確認用の施策3" }))
                .await;
        let directions_path = format!("/api/v1/measures/{measure_to_edit}/directions");
        let direction_to_edit =
            created_id(app, &a, &directions_path, json!({ "number": 1, "title": "確認用の方向1" })).await;
        let direction_to_delete =
            created_id(app, &a, &directions_path, json!({ "number": 2, "title": "確認用の方向2" })).await;
        let rows_path = format!("/api/v1/plans/{structure_plan}/rows");
        let new_row =
            |measure: i64, name: &str| json!({ "measure_id": measure, "name": name, "department_ids": [health] });
        let row_to_edit = created_id(app, &a, &rows_path, new_row(measure_to_edit, "確認用の事業A")).await;
        let row_to_delete = created_id(app, &a, &rows_path, new_row(measure_to_edit, "確認用の事業B")).await;
        let first = created_id(app, &a, &rows_path, new_row(measure_to_reorder, "確認用の事業C")).await;
        let second = created_id(app, &a, &rows_path, new_row(measure_to_reorder, "確認用の事業D")).await;
        let group_to_delete = created_id(
            app,
            &a,
            &format!("/api/v1/plans/{structure_plan}/groups"),
            json!({ "name": "確認用のグループ" }),
        )
        .await;

        let group_to_rename = created_id(
            app,
            &a,
            &format!("/api/v1/plans/{structure_plan}/groups"),
            json!({ "name": "改称するグループ" }),
        )
        .await;

        let period_plan = created_id(
            app,
            &a,
            "/api/v1/plans",
            json!({ "municipality": "あきる野市", "name": "権限確認用の期間の計画" }),
        )
        .await;
        let periods_path = format!("/api/v1/plans/{period_plan}/periods");
        let period = |fiscal_year: i32, kind: &str| json!({ "fiscal_year": fiscal_year, "kind": kind, "opens_on": today(), "deadline": days_from_today(30) });
        let preparing = created_id(app, &a, &periods_path, period(2025, "first_half")).await;
        let open = created_id(app, &a, &periods_path, period(2025, "full_year")).await;
        let closed_to_reopen = created_id(app, &a, &periods_path, period(2024, "first_half")).await;
        let closed_to_publish = created_id(app, &a, &periods_path, period(2024, "full_year")).await;
        let published_changed = created_id(app, &a, &periods_path, period(2023, "first_half")).await;
        let published_to_correct = created_id(app, &a, &periods_path, period(2023, "full_year")).await;
        for id in [open, closed_to_reopen, closed_to_publish, published_changed, published_to_correct] {
            transition(app, &a, id, "open").await;
        }
        for id in [closed_to_reopen, closed_to_publish, published_changed, published_to_correct] {
            transition(app, &a, id, "close").await;
        }
        for id in [published_changed, published_to_correct] {
            transition(app, &a, id, "publish").await;
        }
        let editions = assert_json(
            app.get(&format!("/api/v1/periods/{published_changed}/editions"), Some(&a)).await,
            StatusCode::OK,
        )
        .await;
        let edition = editions[0]["id"].as_i64().expect("publishing made edition 1");
        // A change of the table after publishing, for a new edition.
        assert_json(
            app.patch(
                &format!("/api/v1/plans/{period_plan}"),
                Some(&a),
                &json!({ "table_title": "施策別事業進行管理表（権限確認）" }),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        let period_measure = created_id(
            app,
            &a,
            &format!("/api/v1/plans/{period_plan}/measures"),
            json!({ "kind": "basic", "number": 1, "title": "確認用の期間の施策" }),
        )
        .await;
        let row_for_period = created_id(
            app,
            &a,
            &format!("/api/v1/plans/{period_plan}/rows"),
            json!({ "measure_id": period_measure, "name": "期間に追加する事業", "department_ids": [health] }),
        )
        .await;
        let plan_to_delete =
            created_id(app, &a, "/api/v1/plans", json!({ "municipality": "あきる野市", "name": "削除する計画" })).await;
        let department_to_edit = created_id(app, &a, "/api/v1/departments", json!({ "name": "権限確認課" })).await;

        let user = app.create_user(UserRole::Viewer, None).await.id;
        let login_user = app.create_user(UserRole::Viewer, None).await;
        let refresh_token = app.login(&login_user).await.refresh;
        let created = assert_json(
            app.post("/api/v1/api-tokens", Some(&a), &json!({ "name": "失効させる連携", "expires_in_days": 30 })).await,
            StatusCode::CREATED,
        )
        .await;
        let api_token_to_revoke = created["token"]["id"].as_i64().unwrap();
        let csv = app.get(&format!("/api/v1/periods/{first_half}/table.csv"), Some(&a)).await;
        assert_eq!(csv.status(), StatusCode::OK);
        let csv = csv.bytes().await.unwrap().to_vec();
        let notification = notify(app, setup_admin.id, year).await;

        Self {
            admin: a,
            plan,
            first_half,
            year,
            health,
            other_department,
            measure,
            row,
            draft_to_save: report(0),
            draft_to_copy: report(1),
            draft_to_keep: report(2),
            draft_to_submit: report(3),
            submitted_to_return: report(4),
            submitted_to_approve: report(5),
            approved_to_reopen: report(6),
            history: (history_report, versions[0], *versions.last().unwrap()),
            structure_plan,
            measure_to_edit,
            measure_to_reorder,
            reorder: vec![second, first],
            measure_to_delete,
            direction_to_edit,
            direction_to_delete,
            row_to_edit,
            row_to_delete,
            group_to_delete,
            group_to_rename,
            period_plan,
            preparing,
            open,
            closed_to_reopen,
            closed_to_publish,
            published_changed,
            published_to_correct,
            edition,
            row_for_period,
            plan_to_delete,
            department_to_edit,
            user,
            login_id: login_user.login_id,
            refresh_token,
            api_token_to_revoke,
            csv,
            notification,
        }
    }
}

/// The caller's credentials.
struct Credentials {
    /// The bearer token of every call (None: anonymous).
    token: Option<String>,
    /// A second session of the same user, for logging out (the first one keeps working).
    other_session: Option<String>,
    /// A notification of the caller's own (the setup admin's for anonymous and API tokens).
    notification: i64,
    /// The caller's login ID (users only).
    login_id: Option<String>,
}

/// What earlier calls of the same caller answered and later ones need: the two-factor secret of
/// the enrolment (for the activation's code) and a recovery code of the activation (to disable).
#[derive(Default)]
struct Captured {
    mfa_secret: Option<String>,
    recovery_code: Option<String>,
}

impl Captured {
    fn remember(&mut self, path: &str, body: &str) {
        let Ok(body) = serde_json::from_str::<Value>(body) else { return };
        match path {
            "/api/v1/me/mfa/enrolment" => self.mfa_secret = body["secret"].as_str().map(str::to_owned),
            "/api/v1/me/mfa/activation" => self.recovery_code = body["codes"][0].as_str().map(str::to_owned),
            _ => {}
        }
    }

    /// The authenticator app's current code for the enrolled secret.
    fn totp_code(&self, login_id: Option<&str>) -> String {
        let (Some(secret), Some(account)) = (&self.mfa_secret, login_id) else { return "000000".into() };
        let bytes = totp_rs::Secret::Encoded(secret.clone()).to_bytes().unwrap();
        let totp =
            totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes, Some("shinko".into()), account.to_owned())
                .unwrap();
        totp.generate_current().unwrap()
    }
}

impl Credentials {
    async fn of(app: &TestApp, fx: &Fixtures, caller: Caller) -> Self {
        let user = match caller {
            Caller::Anonymous => {
                return Self { token: None, other_session: None, notification: fx.notification, login_id: None }
            }
            Caller::ApiToken => {
                let created = assert_json(
                    app.post(
                        "/api/v1/api-tokens",
                        Some(&fx.admin),
                        &json!({ "name": "庁内ポータル連携", "expires_in_days": 30 }),
                    )
                    .await,
                    StatusCode::CREATED,
                )
                .await;
                let secret = created["secret"].as_str().unwrap().to_owned();
                return Self {
                    token: Some(secret.clone()),
                    other_session: Some(secret),
                    notification: fx.notification,
                    login_id: None,
                };
            }
            Caller::Viewer => app.viewer().await,
            Caller::OwnEditor => app.editor("健康課").await,
            Caller::OtherEditor => app.editor("障がい者支援課").await,
            Caller::Admin => app.admin().await,
        };
        let token = app.login(&user).await.access;
        let other_session = app.login(&user).await.access;
        let notification = notify(app, user.id, fx.year).await;
        Self { token: Some(token), other_session: Some(other_session), notification, login_id: Some(user.login_id) }
    }
}

enum Body {
    None,
    Json(Value),
    Csv(Vec<u8>),
}

/// One request of the matrix.
struct Call {
    path: String,
    body: Body,
    /// Send the current ETag of this report in If-Match.
    if_match: Option<i64>,
    /// Use the caller's second session (logout).
    other_session: bool,
}

fn call(path: impl Into<String>) -> Call {
    Call { path: path.into(), body: Body::None, if_match: None, other_session: false }
}

impl Call {
    fn json(mut self, body: Value) -> Self {
        self.body = Body::Json(body);
        self
    }

    fn if_match(mut self, report: i64) -> Self {
        self.if_match = Some(report);
        self
    }
}

/// The request that exercises an operation: real ids, and the smallest body that is valid. None
/// for an operation this test does not know yet.
fn recipe(fx: &Fixtures, creds: &Credentials, captured: &Captured, method: &str, path: &str) -> Option<Call> {
    let api = |p: String| format!("/api/v1{p}");
    let report_body = json!({ "progress": "相談件数 131件。引き続き実施する。", "implementation_status": "in_progress", "evaluation": null, "future_direction": "continue", "remarks": "" });
    let Some(rest) = path.strip_prefix("/api/v1") else {
        return matches!((method, path), ("GET", "/healthz") | ("GET", "/readyz")).then(|| call(path));
    };
    Some(match (method, rest) {
        ("POST", "/sessions") => call(api("/sessions".into())).json(json!({ "login_id": fx.login_id, "password": PASSWORD })),
        ("POST", "/sessions/refresh") => call(api("/sessions/refresh".into())).json(json!({ "refresh_token": fx.refresh_token })),
        ("DELETE", "/sessions/current") => Call { other_session: true, ..call(api("/sessions/current".into())) },
        ("GET", "/me") => call(api("/me".into())),
        ("POST", "/me/mfa/enrolment") => call(api("/me/mfa/enrolment".into())),
        ("POST", "/me/mfa/activation") => call(api("/me/mfa/activation".into())).json(json!({ "code": captured.totp_code(creds.login_id.as_deref()) })),
        ("POST", "/me/mfa/disable") => call(api("/me/mfa/disable".into())).json(json!({ "code": captured.recovery_code.as_deref().unwrap_or("abcd-efgh-jkmn") })),
        ("PUT", "/me/plan") => call(api("/me/plan".into())).json(json!({ "plan_id": fx.plan })),
        ("GET", "/me/open-reports") => call(api("/me/open-reports".into())),
        ("GET", "/me/sessions") => call(api("/me/sessions".into())),
        ("POST", "/me/sessions/end-others") => call(api("/me/sessions/end-others".into())),
        ("PUT", "/me/password") => call(api("/me/password".into())).json(json!({ "current_password": PASSWORD, "new_password": "a brand new correct horse" })),

        ("GET", "/users") => call(api("/users".into())),
        ("POST", "/users") => call(api("/users".into())).json(json!({ "login_id": "authz-new-user", "display_name": "新しい利用者", "role": "viewer" })),
        ("GET", "/users/{id}") => call(api(format!("/users/{}", fx.user))),
        ("PATCH", "/users/{id}") => call(api(format!("/users/{}", fx.user))).json(json!({ "display_name": "名前を変えた利用者" })),
        ("POST", "/users/{id}/password-reset") => call(api(format!("/users/{}/password-reset", fx.user))),
        ("POST", "/users/{id}/mfa-reset") => call(api(format!("/users/{}/mfa-reset", fx.user))),

        ("GET", "/departments") => call(api("/departments".into())),
        ("POST", "/departments") => call(api("/departments".into())).json(json!({ "name": "新設課" })),
        ("GET", "/departments/{id}") => call(api(format!("/departments/{}", fx.health))),
        ("PATCH", "/departments/{id}") => call(api(format!("/departments/{}", fx.department_to_edit))).json(json!({ "name": "権限確認課（改称）" })),

        ("GET", "/plans") => call(api("/plans".into())),
        ("POST", "/plans") => call(api("/plans".into())).json(json!({ "municipality": "あきる野市", "name": "新しい計画" })),
        ("GET", "/plans/{id}") => call(api(format!("/plans/{}", fx.plan))),
        ("PATCH", "/plans/{id}") => call(api(format!("/plans/{}", fx.structure_plan))).json(json!({ "name": "権限確認用の計画（改称）" })),
        ("DELETE", "/plans/{id}") => call(api(format!("/plans/{}", fx.plan_to_delete))),
        ("GET", "/plans/{id}/tree") => call(api(format!("/plans/{}/tree", fx.plan))),

        ("GET", "/plans/{plan_id}/measures") => call(api(format!("/plans/{}/measures", fx.plan))),
        ("POST", "/plans/{plan_id}/measures") => call(api(format!("/plans/{}/measures", fx.structure_plan))).json(json!({ "kind": "basic", "number": 9, "title": "新しい施策" })),
        ("GET", "/measures/{id}") => call(api(format!("/measures/{}", fx.measure))),
        ("PATCH", "/measures/{id}") => call(api(format!("/measures/{}", fx.measure_to_edit))).json(json!({ "title": "確認用の施策1（改題）" })),
        ("DELETE", "/measures/{id}") => call(api(format!("/measures/{}", fx.measure_to_delete))),
        // Plans and measures with nothing of that kind to order: the calls need no fixture that
        // another call (a delete) might take away first.
        ("PUT", "/plans/{id}/measure-order") => call(api(format!("/plans/{}/measure-order", fx.period_plan))).json(json!({ "kind": "priority", "measure_ids": [] })),
        ("PUT", "/measures/{id}/direction-order") => call(api(format!("/measures/{}/direction-order", fx.measure_to_reorder))).json(json!({ "direction_ids": [] })),
        ("PUT", "/measures/{id}/row-order") => call(api(format!("/measures/{}/row-order", fx.measure_to_reorder))).json(json!({ "row_ids": fx.reorder })),

        ("GET", "/measures/{measure_id}/directions") => call(api(format!("/measures/{}/directions", fx.measure))),
        ("POST", "/measures/{measure_id}/directions") => call(api(format!("/measures/{}/directions", fx.measure_to_edit))).json(json!({ "number": 3, "title": "新しい方向" })),
        ("PATCH", "/directions/{id}") => call(api(format!("/directions/{}", fx.direction_to_edit))).json(json!({ "title": "確認用の方向1（改題）" })),
        ("DELETE", "/directions/{id}") => call(api(format!("/directions/{}", fx.direction_to_delete))),

        ("GET", "/plans/{plan_id}/rows") => call(api(format!("/plans/{}/rows?measure_id={}", fx.plan, fx.measure))),
        ("POST", "/plans/{plan_id}/rows") => call(api(format!("/plans/{}/rows", fx.structure_plan))).json(json!({ "measure_id": fx.measure_to_edit, "direction_id": fx.direction_to_edit, "name": "新しい事業", "department_ids": [fx.health] })),
        ("GET", "/rows/{id}") => call(api(format!("/rows/{}", fx.row))),
        ("GET", "/rows/{id}/reports") => call(api(format!("/rows/{}/reports", fx.row))),
        ("POST", "/periods/{id}/rows/{row_id}/report") => call(api(format!("/periods/{}/rows/{}/report", fx.open, fx.row_for_period))),
        ("PATCH", "/rows/{id}") => call(api(format!("/rows/{}", fx.row_to_edit))).json(json!({ "name": "確認用の事業A（改称）" })),
        ("DELETE", "/rows/{id}") => call(api(format!("/rows/{}", fx.row_to_delete))),
        ("PUT", "/rows/{id}/departments") => call(api(format!("/rows/{}/departments", fx.row_to_edit))).json(json!({ "department_ids": [fx.health, fx.other_department] })),

        ("GET", "/plans/{plan_id}/groups") => call(api(format!("/plans/{}/groups", fx.plan))),
        ("POST", "/plans/{plan_id}/groups") => call(api(format!("/plans/{}/groups", fx.structure_plan))).json(json!({ "name": "新しいグループ" })),
        ("PATCH", "/groups/{id}") => call(api(format!("/groups/{}", fx.group_to_rename))).json(json!({ "name": "確認用のグループ（改称）" })),
        ("DELETE", "/groups/{id}") => call(api(format!("/groups/{}", fx.group_to_delete))),

        ("GET", "/plans/{plan_id}/periods") => call(api(format!("/plans/{}/periods", fx.plan))),
        ("POST", "/plans/{plan_id}/periods") => call(api(format!("/plans/{}/periods", fx.period_plan))).json(json!({ "fiscal_year": 2026, "kind": "first_half", "opens_on": today(), "deadline": days_from_today(30) })),
        ("GET", "/periods/{id}") => call(api(format!("/periods/{}", fx.year))),
        ("PATCH", "/periods/{id}") => call(api(format!("/periods/{}", fx.year))).json(json!({ "deadline": days_from_today(31) })),
        ("POST", "/periods/{id}/open") => call(api(format!("/periods/{}/open", fx.preparing))),
        ("POST", "/periods/{id}/close") => call(api(format!("/periods/{}/close", fx.open))),
        ("POST", "/periods/{id}/reopen") => call(api(format!("/periods/{}/reopen", fx.closed_to_reopen))),
        ("POST", "/periods/{id}/publish") => call(api(format!("/periods/{}/publish", fx.closed_to_publish))),
        ("POST", "/periods/{id}/correct") => call(api(format!("/periods/{}/correct", fx.published_to_correct))).json(json!({ "reason": "基本施策3 消費生活相談の相談件数を訂正" })),
        ("GET", "/periods/{id}/editions") => call(api(format!("/periods/{}/editions", fx.published_changed))),
        ("POST", "/periods/{id}/editions") => call(api(format!("/periods/{}/editions", fx.published_changed))).json(json!({ "note": "表題の変更を反映" })),
        ("GET", "/public/editions") => call(api(format!("/public/editions?plan_id={}", fx.period_plan))),
        ("GET", "/public/editions/{id}") => call(api(format!("/public/editions/{}", fx.edition))),
        ("GET", "/public/editions/{id}/print") => call(api(format!("/public/editions/{}/print", fx.edition))),
        ("GET", "/public/editions/{id}/table.csv") => call(api(format!("/public/editions/{}/table.csv", fx.edition))),
        ("GET", "/public/editions/{id}/table.json") => call(api(format!("/public/editions/{}/table.json", fx.edition))),
        ("GET", "/public/editions/{id}/table.xlsx") => call(api(format!("/public/editions/{}/table.xlsx", fx.edition))),
        ("GET", "/plans/{plan_id}/search") => call(api(format!("/plans/{}/search?q=相談件数", fx.plan))),
        ("GET", "/plans/{plan_id}/evaluation-grades") => call(api(format!("/plans/{}/evaluation-grades", fx.plan))),
        ("PUT", "/plans/{plan_id}/evaluation-grades") => call(api(format!("/plans/{}/evaluation-grades", fx.period_plan))).json(json!({ "grades": [{ "code": "A", "label": "目標どおり" }, { "code": "B", "label": "要改善" }] })),

        ("GET", "/periods/{id}/reports") => call(api(format!("/periods/{}/reports?department_id={}", fx.year, fx.health))),
        ("GET", "/reports/{id}") => call(api(format!("/reports/{}", fx.draft_to_save))),
        ("PUT", "/reports/{id}") => call(api(format!("/reports/{}", fx.draft_to_save))).json(report_body).if_match(fx.draft_to_save),
        ("POST", "/reports/{id}/copy-previous") => call(api(format!("/reports/{}/copy-previous", fx.draft_to_copy))).if_match(fx.draft_to_copy),
        ("POST", "/reports/{id}/no-change") => call(api(format!("/reports/{}/no-change", fx.draft_to_keep))).if_match(fx.draft_to_keep),
        ("POST", "/reports/{id}/submit") => call(api(format!("/reports/{}/submit", fx.draft_to_submit))).if_match(fx.draft_to_submit),
        ("POST", "/reports/{id}/return") => call(api(format!("/reports/{}/return", fx.submitted_to_return))).json(json!({ "comment": "相談件数を追記してください。" })).if_match(fx.submitted_to_return),
        ("POST", "/reports/{id}/approve") => call(api(format!("/reports/{}/approve", fx.submitted_to_approve))).if_match(fx.submitted_to_approve),
        ("POST", "/reports/{id}/reopen") => call(api(format!("/reports/{}/reopen", fx.approved_to_reopen))).if_match(fx.approved_to_reopen),
        ("GET", "/reports/{id}/versions") => call(api(format!("/reports/{}/versions", fx.history.0))),
        ("GET", "/reports/{id}/diff") => call(api(format!("/reports/{}/diff?from={}&to={}", fx.history.0, fx.history.1, fx.history.2))),

        ("GET", "/periods/{id}/dashboard") => call(api(format!("/periods/{}/dashboard", fx.year))),
        ("GET", "/periods/{id}/reminders") => call(api(format!("/periods/{}/reminders", fx.year))),
        ("POST", "/periods/{id}/reminders") => call(api(format!("/periods/{}/reminders", fx.year))),
        ("GET", "/notifications") => call(api("/notifications".into())),
        ("POST", "/notifications/read-all") => call(api("/notifications/read-all".into())),
        ("POST", "/notifications/{id}/read") => call(api(format!("/notifications/{}/read", creds.notification))),
        ("GET", "/audit-log") => call(api("/audit-log".into())),

        ("GET", "/periods/{id}/table") => call(api(format!("/periods/{}/table", fx.first_half))),
        ("GET", "/periods/{id}/table.xlsx") => call(api(format!("/periods/{}/table.xlsx", fx.first_half))),
        ("GET", "/periods/{id}/table.csv") => call(api(format!("/periods/{}/table.csv", fx.first_half))),
        ("GET", "/periods/{id}/table.json") => call(api(format!("/periods/{}/table.json", fx.first_half))),
        ("GET", "/periods/{id}/table/print") => call(api(format!("/periods/{}/table/print", fx.first_half))),
        ("POST", "/imports/preview") => Call { body: Body::Csv(fx.csv.clone()), ..call(api(format!("/imports/preview?plan_id={}", fx.plan))) },
        ("POST", "/imports/commit") => Call { body: Body::Csv(fx.csv.clone()), ..call(api(format!("/imports/commit?plan_id={}", fx.plan))) },

        ("GET", "/api-tokens") => call(api("/api-tokens".into())),
        ("POST", "/api-tokens") => call(api("/api-tokens".into())).json(json!({ "name": "庁内ポータル連携", "expires_in_days": 30 })),
        ("POST", "/api-tokens/{id}/revoke") => call(api(format!("/api-tokens/{}/revoke", fx.api_token_to_revoke))),
        _ => return None,
    })
}

/// The order of the calls: two-factor enrolment, activation and disable in this order (each
/// needs the one before), after everything else; last the password change, which ends every
/// session of the caller.
fn phase(method: &str, path: &str) -> u8 {
    match (method, path) {
        ("POST", "/api/v1/me/mfa/enrolment") => 1,
        ("POST", "/api/v1/me/mfa/activation") => 2,
        ("POST", "/api/v1/me/mfa/disable") => 3,
        // After the logout of the other session: it ends that session too.
        ("POST", "/api/v1/me/sessions/end-others") => 4,
        ("PUT", "/api/v1/me/password") => 5,
        _ => 0,
    }
}

async fn send(
    app: &TestApp,
    fx: &Fixtures,
    creds: &Credentials,
    method: &str,
    c: &Call,
) -> (StatusCode, String, String) {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = app.client.request(method, app.url(&c.path));
    let token = if c.other_session { &creds.other_session } else { &creds.token };
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(report) = c.if_match {
        req = req.header("If-Match", cycle::etag(app, &fx.admin, report).await);
    }
    req = match &c.body {
        Body::None => req,
        Body::Json(v) => req.json(v),
        Body::Csv(bytes) => req.header("Content-Type", "text/csv").body(bytes.clone()),
    };
    let res = req.send().await.expect("request sent");
    let status = res.status();
    let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let body = res.text().await.unwrap_or_default();
    (status, content_type, body)
}

async fn check_caller(caller: Caller) {
    let (_, rows) = read_matrix();
    let app = TestApp::spawn().await;
    let fx = Fixtures::build(&app).await;
    let creds = Credentials::of(&app, &fx, caller).await;
    let documented: BTreeSet<(String, String)> =
        document_operations().into_iter().map(|o| (o.method, o.path)).collect();
    let mut rows: Vec<Row> = rows.into_iter().filter(|r| documented.contains(&r.key())).collect();
    rows.sort_by_key(|r| phase(&r.method, &r.path));
    let mut captured = Captured::default();

    let mut failures = Vec::new();
    for row in &rows {
        let expected = row.outcome(caller);
        let Some(c) = recipe(&fx, &creds, &captured, &row.method, &row.path) else {
            failures.push(format!(
                "{} {}: no request recipe (add one to `recipe` in tests/tests/api/authz_matrix.rs)",
                row.method, row.path
            ));
            continue;
        };
        let (status, content_type, body) = send(&app, &fx, &creds, &row.method, &c).await;
        if status.is_success() {
            captured.remember(&row.path, &body);
        }
        let problem_ok = status.is_success() || content_type == "application/problem+json";
        if !expected.admits(status) || !problem_ok {
            let body: String = body.chars().take(300).collect();
            failures.push(format!(
                "{} {} ({}): expected {}, got {status} {content_type}: {body}",
                row.method,
                row.path,
                c.path,
                expected.text()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "as {}: {} of {} operations not as the matrix says:\n  {}",
        caller.label(),
        failures.len(),
        rows.len(),
        failures.join("\n  ")
    );
    println!("authz matrix as {}: {} operations as expected", caller.label(), rows.len());
}

#[tokio::test]
async fn authz_matrix_as_anonymous() {
    check_caller(Caller::Anonymous).await;
}

#[tokio::test]
async fn authz_matrix_as_viewer() {
    check_caller(Caller::Viewer).await;
}

#[tokio::test]
async fn authz_matrix_as_editor_of_the_owning_department() {
    check_caller(Caller::OwnEditor).await;
}

#[tokio::test]
async fn authz_matrix_as_editor_of_another_department() {
    check_caller(Caller::OtherEditor).await;
}

#[tokio::test]
async fn authz_matrix_as_admin() {
    check_caller(Caller::Admin).await;
}

#[tokio::test]
async fn authz_matrix_as_api_token() {
    check_caller(Caller::ApiToken).await;
}
