//! 公表版: the published editions of a period's 施策別事業進行管理表, their public pages for citizens,
//! and the correction of a published period.
//!
//! Publishing a period (`POST /periods/{id}/publish`) freezes its compiled table as edition 1. An
//! edition never changes: the database refuses to update or delete it, and its downloads are
//! rendered from the stored snapshot, so the same edition always gives the same bytes, whatever
//! happens to the plan or the reports later. Its SHA-256 (of `table.json`) is its ETag.
//!
//! To correct a published table, the secretariat
//! 1. takes the period back to 締切 with `POST /periods/{id}/correct` and a reason (the published
//!    editions stay as they are, and stay public);
//! 2. reopens the reports concerned (`POST /reports/{id}/reopen`), corrects, submits and approves
//!    them (or reopens the period for the departments);
//! 3. publishes the period again (`POST /periods/{id}/publish`): that adds edition N+1, with the
//!    reason as its note. Earlier editions name it as their `current_edition_id`.
//!
//! A change outside the reports (a row's 内容, a department's name) changes the table of a 公表
//! period without a correction; `POST /periods/{id}/editions` publishes it as a new edition.

use actix_web::http::header::{self, ContentDisposition, DispositionType};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use diesel_async::AsyncConnection;
use serde::Deserialize;
use shinko_db::editions::{Edition, EditionFilter, EditionSummary, PeriodCorrection, PeriodEdition};
use shinko_db::periods::{PeriodUpdateForm, ReportingPeriod};
use shinko_db::table::CompiledTable;
use utoipa::{IntoParams, ToSchema};

use crate::auth::{AuthUser, Reader};
use crate::error::{ApiError, Problem};
use crate::export;
use crate::extract::ApiJson;
use crate::http_cache;
use crate::period_rules::{self, Transition};
use crate::routes::common::{page_request, Page, Validator};
use crate::routes::exports::{BinaryFile, CSV, HTML, JSON, XLSX};
use crate::state::AppState;

/// How long browsers and proxies may keep an edition's pages without asking again. An edition
/// never changes; only `current_edition_id` does, when a correction is published.
const EDITION_CACHE: &str = "public, max-age=300";
/// The list changes whenever something is published.
const LIST_CACHE: &str = "public, max-age=60";

/// Why a published period is taken back for corrections.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectPeriod {
    /// The reason (訂正の理由), 1–2,000 characters; it becomes the note of the next edition,
    /// e.g. 基本施策3 消費生活相談の相談件数を訂正.
    pub reason: String,
}

/// A new edition of a published period's current table.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEdition {
    /// Why it is published again, 1–2,000 characters, e.g. 担当課の名称変更を反映.
    pub note: String,
}

/// Filters and page of the public list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EditionQuery {
    /// Only editions of this plan.
    pub plan_id: Option<i64>,
    /// Only editions of this period.
    pub period_id: Option<i64>,
    /// Page number, starting at 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// An edition with its table: what `GET /public/editions/{id}` answers (the summary's fields,
/// then `table`). Documentation only: the handler writes the stored text as it is.
#[derive(Debug, serde::Serialize, ToSchema)]
#[allow(dead_code)]
pub struct EditionDetail {
    #[serde(flatten)]
    edition: EditionSummary,
    /// The compiled table as published (the document of `table.json`).
    table: CompiledTable,
}

fn text(v: &mut Validator, field: &str, value: &str) -> String {
    v.text(field, value, 2_000).to_owned()
}

/// Take a published period back to 締切 for corrections (公表 → 締切). The published editions stay
/// as they are and stay public. Correct the reports (reopen, edit, submit, approve; or reopen the
/// period for the departments), then publish again: that adds the next edition with `reason` as
/// its note.
///
/// Who may call: admins.
#[utoipa::path(
    operation_id = "correct_period",
    tag = "editions",
    params(("id" = i64, Path, description = "Period id")),
    request_body = CorrectPeriod,
    responses(
        (status = 200, description = "The period, now 締切", body = ReportingPeriod),
        (status = 409, description = "The period is not 公表", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/periods/{id}/correct")]
pub async fn correct(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<CorrectPeriod>,
) -> Result<web::Json<ReportingPeriod>, ApiError> {
    auth.require_admin()?;
    let mut v = Validator::new();
    let reason = text(&mut v, "reason", &body.reason);
    v.finish()?;
    let id = id.into_inner();
    let actor = auth.user.id;
    let mut conn = state.write_conn(&auth).await?;
    let period = conn
        .transaction(async |conn| {
            let period = ReportingPeriod::find_for_update(conn, id).await?;
            let to = period_rules::transition(period.state, Transition::Correct)?;
            let latest = Edition::latest_for_period(conn, id).await?;
            PeriodCorrection::create(conn, id, latest.map(|e| e.id), &reason, Some(actor)).await?;
            Ok::<_, ApiError>(
                ReportingPeriod::update(conn, id, PeriodUpdateForm { state: Some(to), ..Default::default() }).await?,
            )
        })
        .await?;
    Ok(web::Json(period))
}

/// Publish the current table of a 公表 period as its next edition, with a note saying why: for
/// changes outside the reports (a row's 内容, a department's new name) that alter the published
/// table. Report corrections go through `POST /periods/{id}/correct` and publishing again. A
/// table identical to the newest edition is refused (409). Also publishes the first edition of a
/// period published before editions existed.
///
/// Who may call: admins.
#[utoipa::path(
    operation_id = "create_edition",
    tag = "editions",
    params(("id" = i64, Path, description = "Period id")),
    request_body = CreateEdition,
    responses(
        (status = 201, description = "The new edition", body = EditionSummary, headers(("Location" = String, description = "The edition's public address"))),
        (status = 409, description = "The period is not 公表, or its table is the same as the newest edition's", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/periods/{id}/editions")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<CreateEdition>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let mut v = Validator::new();
    let note = text(&mut v, "note", &body.note);
    v.finish()?;
    let id = id.into_inner();
    let actor = auth.user.id;
    let mut conn = state.write_conn(&auth).await?;
    let edition = conn
        .transaction(async |conn| {
            let period = ReportingPeriod::find_for_update(conn, id).await?;
            period_rules::edition_allowed(period.state)?;
            let content = Edition::snapshot(conn, &period).await?;
            if let Some(latest) = Edition::latest_for_period(conn, id).await? {
                if Edition::content_text(conn, latest.id).await? == content {
                    return Err(ApiError::Conflict(format!("進行管理表は第{}版から変わっていません。", latest.number)));
                }
            }
            Ok::<_, ApiError>(Edition::insert(conn, &period, Some(actor), Some(&note), &content).await?)
        })
        .await?;
    let summary = EditionSummary::find(&mut conn, edition.id).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/public/editions/{}", summary.id)))
        .json(summary))
}

/// Every edition of a period, newest first, with who published it.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(
    operation_id = "list_period_editions",
    tag = "editions",
    params(("id" = i64, Path, description = "Period id")),
    responses((status = 200, description = "The period's editions", body = Vec<PeriodEdition>)),
    security(("bearer" = []))
)]
#[get("/periods/{id}/editions")]
pub async fn list_for_period(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<PeriodEdition>>, ApiError> {
    let id = id.into_inner();
    let mut conn = state.conn().await?;
    reader.check_plan(ReportingPeriod::find(&mut conn, id).await?.plan_id)?;
    Ok(web::Json(PeriodEdition::list_for_period(&mut conn, id).await?))
}

/// The published editions of every plan, newest first: plan, period, edition number, date,
/// SHA-256 and note. An edition's stable address is `/api/v1/public/editions/{id}`.
///
/// Who may call: anyone, without signing in.
#[utoipa::path(
    operation_id = "list_public_editions",
    tag = "editions",
    params(EditionQuery),
    responses((status = 200, description = "One page of editions", body = Page<EditionSummary>, headers(("Cache-Control" = String, description = "public, max-age=60"))))
)]
#[get("/public/editions")]
pub async fn list_public(
    state: web::Data<AppState>,
    query: web::Query<EditionQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let mut conn = state.conn().await?;
    let filter = EditionFilter { plan_id: query.plan_id, period_id: query.period_id };
    let page: Page<EditionSummary> = EditionSummary::list(&mut conn, filter, page).await?.into();
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, LIST_CACHE)).json(page))
}

/// 304 when the client already has this edition (before anything is rendered).
fn not_modified(req: &HttpRequest, edition: &Edition) -> Option<Result<HttpResponse, ApiError>> {
    let etag = edition_etag(edition);
    http_cache::none_match(req, &etag).then(|| cached(req, etag, JSON, None, Vec::new()))
}

/// 200 with the body, or 304; both with the ETag and the cache policy of editions.
fn cached(
    req: &HttpRequest,
    etag: String,
    content_type: &str,
    disposition: Option<ContentDisposition>,
    body: Vec<u8>,
) -> Result<HttpResponse, ApiError> {
    let mut res = if http_cache::none_match(req, &etag) {
        http_cache::not_modified(etag)
    } else {
        let mut res = HttpResponse::Ok().insert_header((header::ETAG, etag)).content_type(content_type).body(body);
        if let Some(d) = disposition {
            http_cache::set_disposition(&mut res, d)?;
        }
        res
    };
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static(EDITION_CACHE));
    Ok(res)
}

/// An edition and its stored JSON text.
async fn load(state: &AppState, id: i64) -> Result<(Edition, String), ApiError> {
    let mut conn = state.conn().await?;
    let edition = Edition::find(&mut conn, id).await?;
    let content = Edition::content_text(&mut conn, id).await?;
    Ok((edition, content))
}

/// The stored snapshot as a table for the writers.
fn table_of(content: &str) -> Result<CompiledTable, ApiError> {
    serde_json::from_str(content).map_err(ApiError::internal)
}

/// `"<sha256 hex>"`: the edition's content hash, the same for all its renderings (they are pure
/// functions of the stored snapshot).
fn edition_etag(edition: &Edition) -> String {
    http_cache::etag(edition.sha256_hex())
}

/// `施策別事業進行管理表_令和7年度9月末_第2版.xlsx`, with `shinko-edition-<id>.xlsx` for clients that
/// ignore `filename*`.
fn disposition(kind: DispositionType, edition: &Edition, table: &CompiledTable, ext: &str) -> ContentDisposition {
    let name = export::file_name(table, ext);
    let stem = name.strip_suffix(&format!(".{ext}")).unwrap_or(&name);
    http_cache::disposition(
        kind,
        format!("shinko-edition-{}.{ext}", edition.id),
        &format!("{stem}_第{}版.{ext}", edition.number),
    )
}

/// One published edition: its number, date, note and SHA-256, and the table as published
/// (`table`, the document of `table.json`). `current_edition_id` names the correcting edition
/// once this one has been superseded. This is the edition's stable public address.
///
/// Who may call: anyone, without signing in.
#[utoipa::path(
    operation_id = "get_public_edition",
    tag = "editions",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, description = "The edition with its table", body = EditionDetail,
            headers(("ETag" = String, description = "Changes only when a correction supersedes the edition"), ("Cache-Control" = String, description = "public, max-age=300"))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
    )
)]
#[get("/public/editions/{id}")]
pub async fn get_public(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (_, content) = load(&state, id).await?;
    let mut conn = state.conn().await?;
    let summary = EditionSummary::find(&mut conn, id).await?;
    // The stored text goes out as it is (not re-serialized), so `table` is exactly the published
    // document: the summary's fields, then "table".
    let fields = serde_json::to_string(&summary).map_err(ApiError::internal)?;
    let fields = fields.strip_suffix('}').ok_or_else(|| ApiError::internal("summary is not an object"))?;
    let body = format!("{fields},\"table\":{content}}}").into_bytes();
    cached(&req, http_cache::content_etag(&body), JSON, None, body)
}

/// An edition's table as JSON, byte for byte as published: its SHA-256 is the edition's
/// `sha256`, and the ETag.
///
/// Who may call: anyone, without signing in.
#[utoipa::path(
    operation_id = "export_edition_json",
    tag = "editions",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, description = "The compiled table as published (施策別事業進行管理表_令和7年度9月末_第1版.json)", body = CompiledTable,
            headers(("ETag" = String, description = "The edition's SHA-256"), ("Cache-Control" = String, description = "public, max-age=300"), ("Content-Disposition" = String, description = "attachment with the Japanese file name"))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
    )
)]
#[get("/public/editions/{id}/table.json")]
pub async fn json(req: HttpRequest, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let (edition, content) = load(&state, id.into_inner()).await?;
    if let Some(res) = not_modified(&req, &edition) {
        return res;
    }
    let table = table_of(&content)?;
    let d = disposition(DispositionType::Attachment, &edition, &table, "json");
    cached(&req, edition_etag(&edition), JSON, Some(d), content.into_bytes())
}

/// An edition's table as CSV, in the layout of the table's CSV export (UTF-8 with BOM, CRLF,
/// RFC 4180), rendered from the published snapshot: the same bytes every time.
///
/// Who may call: anyone, without signing in.
#[utoipa::path(
    operation_id = "export_edition_csv",
    tag = "editions",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, description = "The CSV file (施策別事業進行管理表_令和7年度9月末_第1版.csv)", content_type = "text/csv; charset=utf-8", body = String,
            headers(("ETag" = String, description = "The edition's SHA-256"), ("Cache-Control" = String, description = "public, max-age=300"), ("Content-Disposition" = String, description = "attachment with the Japanese file name"))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
    )
)]
#[get("/public/editions/{id}/table.csv")]
pub async fn csv(req: HttpRequest, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let (edition, content) = load(&state, id.into_inner()).await?;
    if let Some(res) = not_modified(&req, &edition) {
        return res;
    }
    let table = table_of(&content)?;
    let d = disposition(DispositionType::Attachment, &edition, &table, "csv");
    cached(&req, edition_etag(&edition), CSV, Some(d), export::csv::write(&table))
}

/// An edition's table as an Excel workbook in the city's layout, rendered from the published
/// snapshot: the same bytes every time.
///
/// Who may call: anyone, without signing in.
#[utoipa::path(
    operation_id = "export_edition_xlsx",
    tag = "editions",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, description = "The workbook (施策別事業進行管理表_令和7年度9月末_第1版.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = inline(BinaryFile),
            headers(("ETag" = String, description = "The edition's SHA-256"), ("Cache-Control" = String, description = "public, max-age=300"), ("Content-Disposition" = String, description = "attachment with the Japanese file name"))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
    )
)]
#[get("/public/editions/{id}/table.xlsx")]
pub async fn xlsx(req: HttpRequest, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let (edition, content) = load(&state, id.into_inner()).await?;
    if let Some(res) = not_modified(&req, &edition) {
        return res;
    }
    let table = table_of(&content)?;
    let d = disposition(DispositionType::Attachment, &edition, &table, "xlsx");
    let etag = edition_etag(&edition);
    // Building the workbook and zipping it is CPU work: off the async workers.
    let body = web::block(move || export::xlsx::write(&table))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    cached(&req, etag, XLSX, Some(d), body)
}

/// An edition's table as a printable HTML page (A4 landscape, nothing loaded from elsewhere),
/// shown in the browser, rendered from the published snapshot.
///
/// Who may call: anyone, without signing in.
#[utoipa::path(
    operation_id = "print_edition",
    tag = "editions",
    params(("id" = i64, Path, description = "Edition id")),
    responses(
        (status = 200, description = "A standalone HTML page (lang=\"ja\")", content_type = "text/html; charset=utf-8", body = String,
            headers(("ETag" = String, description = "The edition's SHA-256"), ("Cache-Control" = String, description = "public, max-age=300"), ("Content-Disposition" = String, description = "inline, with the Japanese file name for saving"))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
    )
)]
#[get("/public/editions/{id}/print")]
pub async fn print(req: HttpRequest, state: web::Data<AppState>, id: web::Path<i64>) -> Result<HttpResponse, ApiError> {
    let (edition, content) = load(&state, id.into_inner()).await?;
    if let Some(res) = not_modified(&req, &edition) {
        return res;
    }
    let table = table_of(&content)?;
    let d = disposition(DispositionType::Inline, &edition, &table, "html");
    cached(&req, edition_etag(&edition), HTML, Some(d), export::print::render(&table).into_bytes())
}
