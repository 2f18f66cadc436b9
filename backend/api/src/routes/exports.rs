//! `/periods/{id}/table.xlsx`, `.csv`, `.json` and `/periods/{id}/table/print`: the compiled
//! 施策別事業進行管理表 of a period as downloads, in the layout of `docs/table-layout.md`.
//!
//! They take the filters of `/periods/{id}/table`, name the file in Japanese
//! (施策別事業進行管理表_令和7年度9月末.xlsx, with an ASCII fallback) and answer `If-None-Match`
//! with 304 like the table itself.

use actix_web::http::header::{ContentDisposition, DispositionType};
use actix_web::{get, web, HttpRequest, HttpResponse};
use shinko_db::table::CompiledTable;
use utoipa::ToSchema;

use crate::auth::Reader;
use crate::error::ApiError;
use crate::export;
use crate::http_cache;
use crate::routes::table::{compile, TableQuery};
use crate::state::AppState;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const CSV: &str = "text/csv; charset=utf-8";
pub const JSON: &str = "application/json";
pub const HTML: &str = "text/html; charset=utf-8";

/// The bytes of the file.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct BinaryFile(Vec<u8>);

/// How the browser should store (`Attachment`) or show (`Inline`, the print page) the file, with
/// the Japanese name of the table (施策別事業進行管理表_令和7年度9月末.xlsx).
fn named(kind: DispositionType, table: &CompiledTable, ext: &str) -> ContentDisposition {
    http_cache::disposition(kind, export::ascii_file_name(table, ext), &export::file_name(table, ext))
}

/// The body with its ETag (or 304), and how the browser should store or show it.
fn respond(
    req: &HttpRequest,
    content_type: &str,
    body: Vec<u8>,
    disposition: ContentDisposition,
) -> Result<HttpResponse, ApiError> {
    let mut res = http_cache::conditional(req, content_type, body);
    http_cache::set_disposition(&mut res, disposition)?;
    Ok(res)
}

/// The compiled table of a period as an Excel workbook: one worksheet 進行管理表 in the city's
/// layout (per measure its heading, description and header row, the direction rows ①②③, then
/// 担当課, 内容, 取組進捗状況, 実施状況, 評価, 今後の方向性, 備考), A4 landscape, one page wide.
/// Takes the filters of `/periods/{id}/table`; `compare_period_id` does not change the workbook.
/// Answers `If-None-Match` with 304 when nothing changed.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(
    operation_id = "export_period_table_xlsx",
    tag = "table",
    params(("id" = i64, Path, description = "Period id"), TableQuery),
    responses(
        (status = 200, description = "The workbook (施策別事業進行管理表_令和7年度9月末.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = inline(BinaryFile),
            headers(("ETag" = String, description = "Changes whenever the table's content does"), ("Content-Disposition" = String, description = "attachment with the Japanese file name in filename* and an ASCII filename"))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
    ),
    security(("bearer" = []))
)]
#[get("/periods/{id}/table.xlsx")]
pub async fn xlsx(
    req: HttpRequest,
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<TableQuery>,
) -> Result<HttpResponse, ApiError> {
    let table = compile(&state, id.into_inner(), &query, &reader).await?;
    let disposition = named(DispositionType::Attachment, &table, "xlsx");
    // Building the workbook and zipping it is CPU work: off the async workers.
    let body = web::block(move || export::xlsx::write(&table))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    respond(&req, XLSX, body, disposition)
}

/// The compiled table of a period as CSV: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
/// quoting, one header line (施策区分, 施策番号, 施策名, 取組の方向番号, 取組の方向, 取組項目, 担当課,
/// 内容, 取組進捗状況（…まで）, 実施状況, 評価, 今後の方向性, 備考) and one line per row in table
/// order. Takes the filters of `/periods/{id}/table`; `compare_period_id` does not change the
/// file. Answers `If-None-Match` with 304 when nothing changed.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(
    operation_id = "export_period_table_csv",
    tag = "table",
    params(("id" = i64, Path, description = "Period id"), TableQuery),
    responses(
        (status = 200, description = "The CSV file (施策別事業進行管理表_令和7年度9月末.csv)", content_type = "text/csv; charset=utf-8", body = String,
            headers(("ETag" = String, description = "Changes whenever the table's content does"), ("Content-Disposition" = String, description = "attachment with the Japanese file name in filename* and an ASCII filename"))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
    ),
    security(("bearer" = []))
)]
#[get("/periods/{id}/table.csv")]
pub async fn csv(
    req: HttpRequest,
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<TableQuery>,
) -> Result<HttpResponse, ApiError> {
    let table = compile(&state, id.into_inner(), &query, &reader).await?;
    let body = export::csv::write(&table);
    respond(&req, CSV, body, named(DispositionType::Attachment, &table, "csv"))
}

/// The compiled table of a period as a JSON file: the document of `/periods/{id}/table`, as a
/// download. Takes the same filters. Answers `If-None-Match` with 304 when nothing changed.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(
    operation_id = "export_period_table_json",
    tag = "table",
    params(("id" = i64, Path, description = "Period id"), TableQuery),
    responses(
        (status = 200, description = "The compiled table (施策別事業進行管理表_令和7年度9月末.json)", body = CompiledTable,
            headers(("ETag" = String, description = "Changes whenever the table's content does"), ("Content-Disposition" = String, description = "attachment with the Japanese file name in filename* and an ASCII filename"))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
    ),
    security(("bearer" = []))
)]
#[get("/periods/{id}/table.json")]
pub async fn json(
    req: HttpRequest,
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<TableQuery>,
) -> Result<HttpResponse, ApiError> {
    let table = compile(&state, id.into_inner(), &query, &reader).await?;
    let body = serde_json::to_vec(&table).map_err(ApiError::internal)?;
    respond(&req, JSON, body, named(DispositionType::Attachment, &table, "json"))
}

/// The compiled table of a period as a printable HTML page for the council packet: the layout of
/// the Excel export, A4 landscape with the header row repeated on every page, system fonts only
/// and nothing loaded from elsewhere (a saved copy opens anywhere). Takes the filters of `/periods/{id}/table`; `compare_period_id` does not change the
/// page. Answers `If-None-Match` with 304 when nothing changed.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(
    operation_id = "print_period_table",
    tag = "table",
    params(("id" = i64, Path, description = "Period id"), TableQuery),
    responses(
        (status = 200, description = "A standalone HTML page (lang=\"ja\")", content_type = "text/html; charset=utf-8", body = String,
            headers(("ETag" = String, description = "Changes whenever the table's content does"), ("Content-Disposition" = String, description = "inline, with the Japanese file name in filename* and an ASCII filename for saving"))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
    ),
    security(("bearer" = []))
)]
#[get("/periods/{id}/table/print")]
pub async fn print(
    req: HttpRequest,
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<TableQuery>,
) -> Result<HttpResponse, ApiError> {
    let table = compile(&state, id.into_inner(), &query, &reader).await?;
    let body = export::print::render(&table).into_bytes();
    respond(&req, HTML, body, named(DispositionType::Inline, &table, "html"))
}
