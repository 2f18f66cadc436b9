//! `/imports/preview` and `/imports/commit`: the 施策別事業進行管理表 read back from an Excel or CSV
//! file in the layout of the exports (`docs/table-layout.md`), checked and compared with the
//! database, then applied in one transaction.
//!
//! What an import does:
//! - The plan is the one `plan_id` names (required for CSV), or for Excel the plan row 2 names,
//!   created when it does not exist yet. Only then may the file bring new departments (担当課);
//!   into an existing plan, an unknown department is a problem of its row.
//! - Measures are matched by kind and number, directions by number, rows by measure, direction
//!   and name; each is created or updated (only the fields that differ are written). Rows the
//!   file does not have are kept, after the file's rows of their measure: an import never deletes.
//! - The period is the one with the file's as-of date (created 締切 when missing). Its reports take
//!   the file's 取組進捗状況, 実施状況, 評価, 今後の方向性 and 備考, each saved as a new version of the
//!   report's history (action `import`) by the importing admin:
//!   - 締切 period (or a new one): the reports become 承認済, as the published table is final
//!     (the same as loading the seed);
//!   - 受付中 period: the texts become the reports' current content and their workflow state is
//!     kept (a draft stays a draft, a submitted report stays submitted, for the secretariat to
//!     review as usual); a 承認済 report whose content would change is refused: reopen it first;
//!   - 準備中 or 公表 period: no report may change (a file whose reports equal the stored ones
//!     still imports its structure).

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use shinko_db::import::{
    commit_table, preview_table, CommitOutcome, ImportError, ImportProblem, TableDocument, TablePreview,
};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{declared_length, read_limited, BodyError};
use crate::import::{self, FileKind, Parsed, MAX_FILE_BYTES, XLSX_CONTENT_TYPE};
use crate::state::AppState;

/// Where to import.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The plan to import into. Required for CSV. For Excel, when omitted, the plan named in row 2
    /// of the sheet (自治体名 計画名) is used, or created if there is none.
    pub plan_id: Option<i64>,
}

/// What an import would do (preview) or did (commit), and what is wrong with the file.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReport {
    /// True when the file has no problem and can be committed as it is.
    pub ok: bool,
    /// True when the import was written (commit).
    pub committed: bool,
    /// What is created, changed or already as in the file; null when the file could not be read
    /// far enough to tell.
    pub preview: Option<TablePreview>,
    /// Every problem, by row and column of the file; empty when `ok`.
    pub problems: Vec<ImportProblem>,
}

/// The body of a refused commit (422): a problem report with the file's problems.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportProblemReport {
    /// A URI naming the kind of problem: urn:shinko:problem:import_refused.
    #[serde(rename = "type")]
    pub type_: String,
    /// Unprocessable Entity.
    pub title: String,
    /// 422.
    pub status: u16,
    /// What went wrong, in Japanese.
    pub detail: String,
    /// import_refused.
    pub code: String,
    /// One entry per problem; `field` is the cell (`B12`), the row (`12:12`) or `file`.
    pub errors: Vec<FieldError>,
    /// The problems with their row and column (absent when the request itself was wrong, e.g. a
    /// CSV file without `plan_id`: then `errors` names the parameter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<ImportProblem>>,
    /// What the import would have done, when the file could be read far enough.
    pub preview: Option<TablePreview>,
}

/// Why an import request failed.
#[derive(Debug)]
pub enum ImportFailure {
    Api(ApiError),
    TooLarge,
    UnsupportedType,
    Refused(Box<ImportReport>),
}

impl From<ApiError> for ImportFailure {
    fn from(e: ApiError) -> Self {
        Self::Api(e)
    }
}

impl std::fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Api(e) => write!(f, "{e}"),
            Self::TooLarge => f.write_str("file too large"),
            Self::UnsupportedType => f.write_str("unsupported file type"),
            Self::Refused(r) => write!(f, "import refused: {} problems", r.problems.len()),
        }
    }
}

fn problem_response(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json")))
        .body(body)
}

impl ResponseError for ImportFailure {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Api(e) => e.status_code(),
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let with_detail = |e: ApiError, detail: String| {
            let mut p = e.to_problem();
            p.detail = detail;
            problem_response(e.status_code(), serde_json::to_string(&p).unwrap_or_default())
        };
        match self {
            Self::Api(e) => e.error_response(),
            Self::TooLarge => with_detail(
                ApiError::PayloadTooLarge,
                format!("ファイルが大きすぎます。取り込めるファイルは{}MBまでです。", MAX_FILE_BYTES / (1024 * 1024)),
            ),
            Self::UnsupportedType => with_detail(
                ApiError::UnsupportedMediaType,
                format!("Excelファイル（Content-Type: {XLSX_CONTENT_TYPE}）かCSVファイル（Content-Type: text/csv）を送信してください。"),
            ),
            Self::Refused(report) => {
                let body = ImportProblemReport {
                    type_: "urn:shinko:problem:import_refused".into(),
                    title: "Unprocessable Entity".into(),
                    status: 422,
                    detail: format!("ファイルに{}件の問題があるため、何も取り込みませんでした。各行のメッセージを確認して直してください。", report.problems.len()),
                    code: "import_refused".into(),
                    errors: report.problems.iter().map(|p| FieldError::new(p.location(), &p.code, p.message.clone())).collect(),
                    problems: Some(report.problems.clone()),
                    preview: report.preview.clone(),
                };
                problem_response(StatusCode::UNPROCESSABLE_ENTITY, serde_json::to_string(&body).unwrap_or_default())
            }
        }
    }
}

/// The file: its kind by content type, its bytes read up to [`MAX_FILE_BYTES`] (a larger
/// `Content-Length` is refused before anything is read).
async fn receive(req: &HttpRequest, mut payload: web::Payload) -> Result<(FileKind, Vec<u8>), ImportFailure> {
    let kind = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(FileKind::from_content_type)
        .ok_or(ImportFailure::UnsupportedType)?;
    let body = read_limited(&mut payload, declared_length(req), MAX_FILE_BYTES).await.map_err(|e| match e {
        BodyError::TooLarge => ImportFailure::TooLarge,
        BodyError::Read(e) => ApiError::BadRequest(format!("ファイルを受け取れませんでした: {e}")).into(),
    })?;
    if body.is_empty() {
        return Err(ApiError::BadRequest("ファイルが空です。取り込むファイルを送信してください。".into()).into());
    }
    Ok((kind, body))
}

/// Reads the file off the async workers (it may take a moment for a large workbook).
async fn read(kind: FileKind, bytes: Vec<u8>, plan_id: Option<i64>) -> Result<Parsed, ImportFailure> {
    if kind == FileKind::Csv && plan_id.is_none() {
        return Err(ApiError::field(
            "plan_id",
            "required",
            "CSVファイルを取り込むときは、取り込み先の計画（plan_id）を指定してください。",
        )
        .into());
    }
    web::block(move || import::parse(kind, &bytes)).await.map_err(|e| ApiError::internal(e).into())
}

fn db_error(e: ImportError) -> ApiError {
    match e {
        ImportError::PlanNotFound(_) => ApiError::NotFound,
        ImportError::Db(e) => e.into(),
        ImportError::Invalid(m) => ApiError::BadRequest(m),
    }
}

/// Compares a parsed document with the database (read only) and joins the problems of both.
async fn compare(
    state: &AppState,
    doc: &TableDocument,
    plan_id: Option<i64>,
    mut problems: Vec<ImportProblem>,
) -> Result<(TablePreview, Vec<ImportProblem>), ApiError> {
    let mut conn = state.conn().await?;
    let (preview, found) = preview_table(&mut conn, doc, plan_id).await.map_err(db_error)?;
    problems.extend(found);
    import::sort_problems(&mut problems);
    Ok((preview, problems))
}

/// Check an Excel or CSV file of the 施策別事業進行管理表 and preview what importing it would
/// change: the plan and period (found or created), measures, directions and rows to create or
/// update (with the changed fields), reports whose content or state would change, and every
/// problem with its row and column. Nothing is written; problems give `ok: false`, not an error.
///
/// The file is the request body as it is (not a form), with its content type: an .xlsx file as
/// exported (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`) or the CSV export
/// (`text/csv`, UTF-8 with or without BOM), at most 20 MB.
///
/// Who may call: admins.
#[utoipa::path(
    operation_id = "preview_import",
    tag = "table",
    params(ImportQuery),
    request_body(
        description = "The file itself (at most 20 MB): an Excel workbook or a CSV file in the layout of the exports.",
        content(("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("text/csv"))
    ),
    responses(
        (status = 200, description = "What the import would do and every problem of the file", body = ImportReport),
        (status = 404, description = "No plan with that `plan_id`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 20 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither an .xlsx nor a CSV content type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A CSV file without `plan_id`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/imports/preview")]
pub async fn preview_import(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> Result<web::Json<ImportReport>, ImportFailure> {
    auth.require_admin()?;
    let (kind, bytes) = receive(&req, payload).await?;
    let Parsed { doc, problems } = read(kind, bytes, query.plan_id).await?;
    let Some(doc) = doc else {
        return Ok(web::Json(ImportReport { ok: false, committed: false, preview: None, problems }));
    };
    let (preview, problems) = compare(&state, &doc, query.plan_id, problems).await?;
    Ok(web::Json(ImportReport { ok: problems.is_empty(), committed: false, preview: Some(preview), problems }))
}

/// Import an Excel or CSV file of the 施策別事業進行管理表: everything the preview shows, in one
/// transaction, or nothing at all (422 with the same problem list when the file has any problem).
/// Every write is in the audit log with the importing admin as its author, and every report that
/// changes keeps its earlier versions in its history.
///
/// Reports: in a 締切 period (or a period the import creates, 締切) they become 承認済, as when the
/// seed is loaded; in a 受付中 period their content is replaced and their workflow state kept (a
/// 承認済 report that would change is refused: reopen it first); in a 準備中 or 公表 period no report
/// may change.
///
/// Who may call: admins.
#[utoipa::path(
    operation_id = "commit_import",
    tag = "table",
    params(ImportQuery),
    request_body(
        description = "The file itself (at most 20 MB): an Excel workbook or a CSV file in the layout of the exports.",
        content(("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("text/csv"))
    ),
    responses(
        (status = 200, description = "Imported; what was created and changed", body = ImportReport),
        (status = 404, description = "No plan with that `plan_id`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 20 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither an .xlsx nor a CSV content type", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file has problems (each with its row and column in `problems`); nothing was written", body = ImportProblemReport, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/imports/commit")]
pub async fn commit_import(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> Result<web::Json<ImportReport>, ImportFailure> {
    auth.require_admin()?;
    let (kind, bytes) = receive(&req, payload).await?;
    let Parsed { doc, problems } = read(kind, bytes, query.plan_id).await?;
    let Some(doc) = doc else {
        return Err(ImportFailure::Refused(Box::new(ImportReport {
            ok: false,
            committed: false,
            preview: None,
            problems,
        })));
    };
    if !problems.is_empty() {
        // Nothing is written; the database's view adds its own problems (unknown departments, …).
        let (preview, problems) = compare(&state, &doc, query.plan_id, problems).await?;
        return Err(ImportFailure::Refused(Box::new(ImportReport {
            ok: false,
            committed: false,
            preview: Some(preview),
            problems,
        })));
    }
    let mut conn = state.write_conn(&auth).await?;
    match commit_table(&mut conn, &doc, query.plan_id, Some(auth.user.id)).await.map_err(db_error)? {
        CommitOutcome::Written(preview) => {
            tracing::info!(
                actor = auth.user.id,
                plan = preview.plan.id,
                period = preview.period.id,
                rows_created = preview.counts.rows.create,
                rows_updated = preview.counts.rows.update,
                reports_changed = preview.counts.reports.create + preview.counts.reports.update,
                "table imported"
            );
            Ok(web::Json(ImportReport { ok: true, committed: true, preview: Some(preview), problems: Vec::new() }))
        }
        CommitOutcome::Refused(preview, mut problems) => {
            import::sort_problems(&mut problems);
            Err(ImportFailure::Refused(Box::new(ImportReport {
                ok: false,
                committed: false,
                preview: Some(preview),
                problems,
            })))
        }
    }
}
