//! `/periods/{id}/reports` and `/reports`: the departments' progress reports (取組進捗状況), their
//! workflow 下書き → 提出済 → 差戻し / 承認済, and their history.
//!
//! Every write names the version it was based on in `If-Match` (the report's ETag). A write on an
//! old version is refused with 412 and the current report, so no one overwrites text unseen.

use actix_web::http::header;
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use chrono::Utc;
use serde::Deserialize;
use shinko_db::enums::{FutureDirection, ImplementationStatus, ReportState, UserRole};
use shinko_db::grades::EvaluationGrade;
use shinko_db::initiatives::InitiativeRow;
use shinko_db::pagination::Paged;
use shinko_db::periods::ReportingPeriod;
use shinko_db::reports::{Report, ReportContent, ReportFilter, ReportVersion, ReportView, WriteError};
use shinko_db::DbConn;
use utoipa::{IntoParams, ToSchema};

use crate::auth::{AuthUser, Reader};
use crate::error::{ApiError, EditConflict, Problem};
use crate::extract::ApiJson;
use crate::http_cache;
use crate::report_diff::{self, ReportDiff};
use crate::reporting::{access, decide, Action, Caller, ReportDetail, Writer};
use crate::routes::common::{page_request, Page, Validator};
use crate::state::AppState;

/// Filter and page of a period's reports.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// Only reports of rows this department owns (alone or jointly).
    pub department_id: Option<i64>,
    /// Only reports of rows under this measure.
    pub measure_id: Option<i64>,
    /// Only reports in this state.
    pub state: Option<ReportState>,
    /// Page number, starting at 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// The fields a department writes. The whole set is sent on every save (autosave included), so
/// a repeated save is harmless.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveReport {
    /// 取組進捗状況 (up to 20,000 characters).
    pub progress: String,
    /// 実施状況: not_started (未着手), in_progress (実施中), done (実施済) or planned (予定).
    pub implementation_status: Option<ImplementationStatus>,
    /// Self-evaluation: a code of the plan's scale (`GET /plans/{id}/evaluation-grades`).
    pub evaluation: Option<String>,
    /// 今後の方向性: expand (拡充), continue (継続), review (見直し), reduce (縮小), abolish (廃止), complete (完了).
    pub future_direction: Option<FutureDirection>,
    /// 備考 (up to 5,000 characters).
    #[serde(default)]
    pub remarks: String,
}

/// A return to the department (差戻し).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnReport {
    /// Why it is returned and what to fix; required (up to 2,000 characters).
    pub comment: String,
}

/// The two versions to compare.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// The older version.
    pub from: i32,
    /// The newer version.
    pub to: i32,
}

/// The version `If-Match` names: None for `*` (write whatever the version).
fn if_match(req: &HttpRequest, report_id: i64) -> Result<Option<i32>, ApiError> {
    let value = req.headers().get(header::IF_MATCH).ok_or(ApiError::PreconditionRequired)?;
    let value = value.to_str().map_err(|_| ApiError::BadRequest("If-Match ヘッダーが読み取れません。".into()))?.trim();
    if value == "*" {
        return Ok(None);
    }
    let parsed = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .and_then(|v| v.split_once('-'))
        .and_then(|(id, version)| Some((id.parse::<i64>().ok()?, version.parse::<i32>().ok()?)));
    match parsed {
        Some((id, version)) if id == report_id => Ok(Some(version)),
        _ => Err(ApiError::BadRequest("If-Match には、この報告の ETag をそのまま指定してください。".into())),
    }
}

/// The caller's place in the workflow of `view`'s report (`None`: an API token).
fn caller(user: Option<&AuthUser>, view: &ReportView) -> Caller {
    let Some(auth) = user else { return Caller::Reader };
    let owns = || view.row.departments.iter().any(|d| Some(d.id) == auth.user.department_id);
    match auth.user.role {
        UserRole::Admin if auth.mfa_enrolment_pending => Caller::AdminWithoutMfa,
        UserRole::Admin => Caller::Writer(Writer::Admin),
        UserRole::Editor if owns() => Caller::Writer(Writer::Editor),
        UserRole::Editor => Caller::OtherDepartment,
        UserRole::Viewer => Caller::Reader,
    }
}

/// The report with what `user` may do with it now.
async fn detail(conn: &mut DbConn, user: Option<&AuthUser>, report: Report) -> Result<ReportDetail, ApiError> {
    let (view, period) = ReportView::with_period(conn, report).await?;
    let (allowed_actions, read_only_reason) =
        access(caller(user, &view), view.state, period.state, view.previous.is_some());
    Ok(ReportDetail { report: view, allowed_actions, read_only_reason })
}

fn with_etag(detail: ReportDetail) -> HttpResponse {
    let etag = http_cache::report_etag(detail.report.id, detail.report.version);
    HttpResponse::Ok().insert_header((header::ETAG, etag)).json(detail)
}

/// Editors write the reports of rows their department owns (co-owned rows by either
/// department); admins write every report; viewers none.
async fn writer_for(
    conn: &mut shinko_db::AsyncPgConnection,
    auth: &AuthUser,
    report: &Report,
) -> Result<Writer, ApiError> {
    match (auth.user.role, auth.user.department_id) {
        (UserRole::Admin, _) => auth.require_admin().map(|()| Writer::Admin),
        (UserRole::Editor, Some(department))
            if InitiativeRow::is_owned_by(conn, report.initiative_id, department).await? =>
        {
            Ok(Writer::Editor)
        }
        _ => Err(ApiError::Forbidden),
    }
}

/// The approved content of the same row in the previous period.
async fn previous_content(
    conn: &mut shinko_db::AsyncPgConnection,
    report: &Report,
) -> Result<Option<ReportContent>, ApiError> {
    let period = ReportingPeriod::find(conn, report.period_id).await?;
    Ok(Report::approved_in_previous_period(conn, &period, &[report.initiative_id])
        .await?
        .pop()
        .map(|(r, _)| r.content()))
}

/// What a write asks for. Only the two that take over last period's report need it read first.
enum Request {
    Act(Action),
    FromPrevious(fn(Option<ReportContent>) -> Action),
}

/// Runs one write of the workflow on report `id` and answers with the report and its new ETag.
async fn write(
    req: &HttpRequest,
    auth: &AuthUser,
    state: &AppState,
    id: i64,
    request: Request,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.write_conn(auth).await?;
    let report = Report::find(&mut conn, id).await?;
    write_report(req, auth, conn, report, request).await
}

/// [`write`] for a report already loaded through a write connection.
async fn write_report(
    req: &HttpRequest,
    auth: &AuthUser,
    mut conn: DbConn,
    report: Report,
    request: Request,
) -> Result<HttpResponse, ApiError> {
    use diesel_async::AsyncConnection;
    use shinko_db::notifications::NotificationKind;
    let writer = writer_for(&mut conn, auth, &report).await?;
    let id = report.id;
    let expected = if_match(req, id)?;
    let action = match request {
        Request::Act(action) => action,
        Request::FromPrevious(action) => action(previous_content(&mut conn, &report).await?),
    };
    let now = Utc::now();
    let actor = auth.user.id;
    // A return or an approval is told to the row's departments in the same transaction; their
    // mails go out after the commit. Other writes are the one transaction of `Report::write`.
    let notify = match &action {
        Action::Return { .. } => Some(NotificationKind::ReportReturned),
        Action::Approve => Some(NotificationKind::ReportApproved),
        _ => None,
    };
    let change = move |r: &Report, p: &ReportingPeriod| decide(writer, action, r, p, now);
    let written = match notify {
        None => Report::write(&mut conn, id, expected, Some(actor), change).await.map(|report| (report, Vec::new())),
        Some(kind) => {
            conn.transaction(async move |conn| {
                let report = Report::write(conn, id, expected, Some(actor), change).await?;
                let mails = crate::notify::report_decided(conn, &report, kind, actor).await?;
                Ok::<_, WriteError<_>>((report, mails))
            })
            .await
        }
    };
    match written {
        Ok((report, mails)) => {
            if let Some(mailer) = req.app_data::<web::Data<crate::mail::Mailer>>() {
                mailer.send_later(mails);
            }
            Ok(with_etag(detail(&mut conn, Some(auth), report).await?))
        }
        Err(WriteError::Stale { expected, current }) => {
            let current = detail(&mut conn, Some(auth), *current).await?;
            Err(ApiError::PreconditionFailed(Box::new(EditConflict {
                your_version: expected,
                current_version: current.report.version,
                changed_by: current.report.updated_by.clone(),
                changed_at: current.report.updated_at,
                current,
            })))
        }
        Err(WriteError::Refused(refusal)) => Err(refusal.into()),
        Err(WriteError::Db(e)) => Err(e.into()),
    }
}

/// Checks a report body against the limits and the scale of `plan_id`.
async fn validated(conn: &mut DbConn, plan_id: i64, body: SaveReport) -> Result<ReportContent, ApiError> {
    let mut v = Validator::new();
    v.max_len("progress", &body.progress, 20_000);
    v.max_len("remarks", &body.remarks, 5_000);
    if let Some(code) = &body.evaluation {
        let grades = EvaluationGrade::list_for_plan(conn, plan_id).await?;
        if !grades.iter().any(|g| &g.code == code) {
            let codes: Vec<&str> = grades.iter().map(|g| g.code.as_str()).collect();
            v.push("evaluation", "invalid", format!("評価は {} のいずれかを選んでください。", codes.join("・")));
        }
    }
    v.finish()?;
    Ok(ReportContent {
        progress: body.progress,
        implementation_status: body.implementation_status,
        evaluation: body.evaluation,
        future_direction: body.future_direction,
        remarks: body.remarks,
    })
}

/// List a period's reports in table order, with their rows and last period's approved text.
///
/// Who may call: any signed-in user; API tokens may read (editors read every row; they write only their own).
/// API tokens without the drafts scope see approved reports only.
#[utoipa::path(operation_id = "list_reports", tag = "reports", params(("id" = i64, Path, description = "Period id"), ReportQuery), responses((status = 200, description = "One page of reports", body = Page<ReportView>)), security(("bearer" = [])))]
#[get("/periods/{id}/reports")]
pub async fn list(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<ReportQuery>,
) -> Result<web::Json<Page<ReportView>>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let mut conn = state.conn().await?;
    let period = ReportingPeriod::find(&mut conn, id.into_inner()).await?;
    reader.check_plan(period.plan_id)?;
    let filter = ReportFilter {
        department_id: query.department_id,
        measure_id: query.measure_id,
        state: query.state,
        approved_only: !reader.sees_drafts(),
    };
    let paged: Paged<ReportView> = ReportView::list(&mut conn, &period, filter, page).await?;
    Ok(web::Json(paged.into()))
}

/// Get one report with its row and last period's approved text. The `ETag` header is the
/// version to send back in `If-Match` when writing.
///
/// Who may call: any signed-in user; API tokens with the drafts scope any report, without it
/// approved reports only (404 for the others).
#[utoipa::path(operation_id = "get_report", tag = "reports", params(("id" = i64, Path, description = "Report id")), responses((status = 200, description = "The report", body = ReportDetail, headers(("ETag" = String, description = "The report's version")))), security(("bearer" = [])))]
#[get("/reports/{id}")]
pub async fn get(reader: Reader, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let report = Report::find(&mut conn, id.into_inner()).await?;
    reader.check_plan(report.plan_id)?;
    // To another system without the drafts scope, an unapproved report does not exist yet.
    if !reader.sees_drafts() && report.state != ReportState::Approved {
        return Err(ApiError::NotFound);
    }
    let user = match &reader {
        Reader::User(user) => Some(user.as_ref()),
        Reader::ApiToken { .. } => None,
    };
    Ok(with_etag(detail(&mut conn, user, report).await?))
}

/// Save a report (also used for autosave; saving unchanged content stores no new version).
///
/// Who may call: editors of a department that owns the row, while the period is 受付中 and the
/// report is 下書き or 差戻し; admins also while 締切 and for 提出済 reports. Requires `If-Match`
/// (428 without it, 412 with the current report when someone saved first).
#[utoipa::path(operation_id = "save_report", tag = "reports", params(("id" = i64, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag the edit started from, or *")), request_body = SaveReport, responses((status = 200, description = "Saved", body = ReportDetail, headers(("ETag" = String, description = "The new version"))), (status = 409, description = "The period or the report's state does not allow it", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Someone saved a newer version; `conflict` holds it", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[put("/reports/{id}")]
pub async fn save(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<SaveReport>,
) -> Result<HttpResponse, ApiError> {
    // One connection for the checks and the write: a save is the most frequent write of all.
    let mut conn = state.write_conn(&auth).await?;
    let report = Report::find(&mut conn, id.into_inner()).await?;
    let content = validated(&mut conn, report.plan_id, body.into_inner()).await?;
    write_report(&req, &auth, conn, report, Request::Act(Action::Save(content))).await
}

/// Replace the text with the same row's approved text of the previous period (前期の内容をコピー).
///
/// Who may call: as for saving. 409 when there is no approved previous report.
#[utoipa::path(operation_id = "copy_previous_report", tag = "reports", params(("id" = i64, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag the edit started from, or *")), responses((status = 200, description = "Copied", body = ReportDetail, headers(("ETag" = String, description = "The new version"))), (status = 409, description = "No previous report, or not allowed now", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Someone saved a newer version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/reports/{id}/copy-previous")]
pub async fn copy_previous(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    write(&req, &auth, &state, id.into_inner(), Request::FromPrevious(|previous| Action::CopyPrevious { previous }))
        .await
}

/// Take over the previous period's report unchanged: text, status, evaluation and direction
/// (前期から変更なし).
///
/// Who may call: as for saving. 409 when there is no approved previous report.
#[utoipa::path(operation_id = "no_change_report", tag = "reports", params(("id" = i64, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag the edit started from, or *")), responses((status = 200, description = "Taken over", body = ReportDetail, headers(("ETag" = String, description = "The new version"))), (status = 409, description = "No previous report, or not allowed now", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Someone saved a newer version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/reports/{id}/no-change")]
pub async fn no_change(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    write(&req, &auth, &state, id.into_inner(), Request::FromPrevious(|previous| Action::NoChange { previous })).await
}

/// Submit a report to the secretariat (提出). After the deadline it is marked late.
///
/// Who may call: editors of a department that owns the row while the period is 受付中; admins.
#[utoipa::path(operation_id = "submit_report", tag = "reports", params(("id" = i64, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag the edit started from, or *")), responses((status = 200, description = "Submitted", body = ReportDetail, headers(("ETag" = String, description = "The new version"))), (status = 409, description = "Not 下書き/差戻し, or the period is closed", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Someone saved a newer version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/reports/{id}/submit")]
pub async fn submit(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    write(&req, &auth, &state, id.into_inner(), Request::Act(Action::Submit)).await
}

/// Return a submitted report to its department with a comment (差戻し).
///
/// Who may call: admins. The comment is required (422 without it).
#[utoipa::path(operation_id = "return_report", tag = "reports", params(("id" = i64, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag the review started from, or *")), request_body = ReturnReport, responses((status = 200, description = "Returned", body = ReportDetail, headers(("ETag" = String, description = "The new version"))), (status = 409, description = "The report is not 提出済", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Someone saved a newer version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/reports/{id}/return")]
pub async fn return_report(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<ReturnReport>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.into_inner().comment;
    let mut v = Validator::new();
    v.max_len("comment", &comment, 2_000);
    v.finish()?;
    write(&req, &auth, &state, id.into_inner(), Request::Act(Action::Return { comment })).await
}

/// Approve a submitted report (承認).
///
/// Who may call: admins.
#[utoipa::path(operation_id = "approve_report", tag = "reports", params(("id" = i64, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag the review started from, or *")), responses((status = 200, description = "Approved", body = ReportDetail, headers(("ETag" = String, description = "The new version"))), (status = 409, description = "The report is not 提出済", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Someone saved a newer version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/reports/{id}/approve")]
pub async fn approve(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    write(&req, &auth, &state, id.into_inner(), Request::Act(Action::Approve)).await
}

/// Reopen an approved report (承認の取消し): it goes back to 下書き for correction.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "reopen_report", tag = "reports", params(("id" = i64, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag the review started from, or *")), responses((status = 200, description = "Reopened", body = ReportDetail, headers(("ETag" = String, description = "The new version"))), (status = 409, description = "The report is not 承認済", body = Problem, content_type = "application/problem+json"), (status = 412, description = "Someone saved a newer version", body = Problem, content_type = "application/problem+json"), (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/reports/{id}/reopen")]
pub async fn reopen(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    write(&req, &auth, &state, id.into_inner(), Request::Act(Action::Reopen)).await
}

/// Every saved version of a report, oldest first (who, when, what).
///
/// Who may call: any signed-in user; API tokens with the drafts scope (403 without it).
#[utoipa::path(operation_id = "list_report_versions", tag = "reports", params(("id" = i64, Path, description = "Report id")), responses((status = 200, description = "The versions", body = Vec<ReportVersion>)), security(("bearer" = [])))]
#[get("/reports/{id}/versions")]
pub async fn versions(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<ReportVersion>>, ApiError> {
    reader.require_drafts()?;
    let id = id.into_inner();
    let mut conn = state.conn().await?;
    reader.check_plan(Report::find(&mut conn, id).await?.plan_id)?;
    Ok(web::Json(Report::versions(&mut conn, id).await?))
}

/// Compare two versions of a report: the text character by character, and the other fields.
///
/// Who may call: any signed-in user; API tokens with the drafts scope (403 without it).
#[utoipa::path(operation_id = "diff_report_versions", tag = "reports", params(("id" = i64, Path, description = "Report id"), DiffQuery), responses((status = 200, description = "The differences", body = ReportDiff)), security(("bearer" = [])))]
#[get("/reports/{id}/diff")]
pub async fn diff(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<DiffQuery>,
) -> Result<web::Json<ReportDiff>, ApiError> {
    reader.require_drafts()?;
    let id = id.into_inner();
    let mut conn = state.conn().await?;
    reader.check_plan(Report::find(&mut conn, id).await?.plan_id)?;
    let history = Report::versions(&mut conn, id).await?;
    let pick = |n: i32, field: &str| {
        history
            .iter()
            .find(|v| v.version == n)
            .cloned()
            .ok_or_else(|| ApiError::field(field, "not_found", format!("版 {n} はありません。")))
    };
    let (from, to) = (pick(query.from, "from")?, pick(query.to, "to")?);
    // Comparing long texts is CPU work: off the async workers, and bounded in time.
    let diff = web::block(move || report_diff::between(from, to, report_diff::TEXT_DIFF_BUDGET))
        .await
        .map_err(ApiError::internal)?;
    Ok(web::Json(diff))
}
