//! The one error type of the API and its mapping to `application/problem+json` (RFC 9457).
//!
//! Every failure a client can see goes through [`ApiError`]: handler errors, database errors,
//! extractor failures (bad JSON, path or query) and unknown routes. Details meant for people are in
//! Japanese; `code` is stable for programs. 5xx bodies say nothing internal; the log has the cause.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;
use utoipa::ToSchema;

/// A problem report (RFC 9457).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub type_: String,
    /// Short English summary of the kind of problem (the HTTP reason phrase).
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong, in Japanese, for the person using the app.
    pub detail: String,
    /// Stable machine-readable code, e.g. `validation_failed`.
    pub code: String,
    /// For validation problems: one entry per offending field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For 412 (someone saved first): who changed the report, when, and the report as it now is,
    /// so the writer can compare it with their own text and lose nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Box<EditConflict>>,
}

/// The newer version that made a write stale.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EditConflict {
    /// The version the writer sent in If-Match.
    pub your_version: i32,
    /// The version now stored.
    pub current_version: i32,
    /// Who saved the current version.
    pub changed_by: Option<shinko_db::reports::UserRef>,
    /// When the current version was saved.
    pub changed_at: chrono::DateTime<chrono::Utc>,
    /// The report as it now is.
    pub current: crate::reporting::ReportDetail,
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's name as in the request body (or query), e.g. `title` or `department_ids`.
    pub field: String,
    /// Stable code, e.g. `required`, `too_long`, `unknown_field`, `invalid`.
    pub code: String,
    /// Japanese message for the person.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self { field: field.into(), code: code.to_owned(), message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("unauthorized")]
    Unauthorized,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("forbidden")]
    Forbidden,
    #[error("second factor enrolment required")]
    MfaEnrolmentRequired,
    #[error("second factor required")]
    MfaRequired,
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("temporary password expired")]
    TemporaryPasswordExpired,
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed(Vec<&'static str>),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("too many requests")]
    TooManyRequests(u64),
    /// Too many wrong codes or passwords for one account (not at login).
    #[error("too many wrong secrets")]
    TooManySecretAttempts(u64),
    #[error("precondition required")]
    PreconditionRequired,
    #[error("precondition failed")]
    PreconditionFailed(Box<EditConflict>),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The database (or another service) cannot be reached now; the client should retry.
    #[error("service unavailable")]
    Unavailable(#[source] Cause),
    /// A bug or an impossible state; the client sees nothing of it, the log sees the whole chain.
    #[error("internal error")]
    Internal(#[source] Cause),
}

/// The error behind a 500 or 503, kept whole so the log shows every `source()` down the chain.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

impl ApiError {
    /// A 500 caused by `e` (an error, or a message for a state that cannot happen).
    pub fn internal(e: impl Into<Cause>) -> Self {
        Self::Internal(e.into())
    }

    /// A 503 caused by `e`.
    pub fn unavailable(e: impl Into<Cause>) -> Self {
        Self::Unavailable(e.into())
    }

    /// A single-field validation error.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            Self::BadRequest(detail) => (StatusCode::BAD_REQUEST, "bad_request", detail.clone()),
            Self::Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "入力内容に誤りがあります。各項目のメッセージを確認してください。".into(),
            ),
            Self::Unauthorized => {
                (StatusCode::UNAUTHORIZED, "unauthorized", "ログインが必要です。ログインし直してください。".into())
            }
            Self::InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                "invalid_credentials",
                "ログインIDまたはパスワードが正しくありません。".into(),
            ),
            Self::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "この操作を行う権限がありません。".into()),
            Self::MfaEnrolmentRequired => (
                StatusCode::FORBIDDEN,
                "mfa_enrolment_required",
                "管理者の操作には二要素認証の登録が必要です。「二要素認証」から登録してください。".into(),
            ),
            Self::MfaRequired => (
                StatusCode::UNAUTHORIZED,
                "mfa_required",
                "認証アプリに表示される6桁の確認コード（または回復コード）を入力してください。".into(),
            ),
            Self::PasswordChangeRequired => (
                StatusCode::FORBIDDEN,
                "password_change_required",
                "仮パスワードでログインしています。先にパスワードを変更してください。".into(),
            ),
            Self::TemporaryPasswordExpired => (
                StatusCode::UNAUTHORIZED,
                "temporary_password_expired",
                "仮パスワードの有効期限（72時間）が切れました。事務局にパスワードの再発行を依頼してください。".into(),
            ),
            Self::NotFound => (StatusCode::NOT_FOUND, "not_found", "指定されたデータは見つかりません。".into()),
            Self::MethodNotAllowed(_) => {
                (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "このURLではその操作はできません。".into())
            }
            Self::Conflict(detail) => (StatusCode::CONFLICT, "conflict", detail.clone()),
            Self::PayloadTooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "送信されたデータが大きすぎます。".into())
            }
            Self::TooManyRequests(secs) => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                format!("ログインの試行が多すぎます。{secs}秒後にもう一度お試しください。"),
            ),
            Self::TooManySecretAttempts(secs) => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                format!("確認コードまたはパスワードの誤りが続いたため、しばらく受け付けません。{secs}秒後にもう一度お試しください。"),
            ),
            Self::PreconditionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                "precondition_required",
                "If-Match ヘッダーで、編集を始めたときの版（ETag）を指定してください。".into(),
            ),
            Self::PreconditionFailed(c) => (
                StatusCode::PRECONDITION_FAILED,
                "edit_conflict",
                format!(
                    "{}さんが先に保存しました（{}）。最新の内容と比べてから、もう一度保存してください。",
                    c.changed_by.as_ref().map(|u| u.display_name.as_str()).unwrap_or("他の利用者"),
                    c.changed_at
                        .with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).expect("JST"))
                        .format("%Y-%m-%d %H:%M")
                ),
            ),
            Self::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "JSON形式（application/json）で送信してください。".into(),
            ),
            Self::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable",
                "現在サービスを利用できません。しばらくしてから再度お試しください。".into(),
            ),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "サーバーで予期しないエラーが発生しました。".into(),
            ),
        }
    }

    pub fn to_problem(&self) -> Problem {
        let (status, code, detail) = self.parts();
        Problem {
            type_: format!("urn:shinko:problem:{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            code: code.to_owned(),
            errors: match self {
                Self::Validation(errors) => errors.clone(),
                _ => Vec::new(),
            },
            conflict: match self {
                Self::PreconditionFailed(c) => Some(c.clone()),
                _ => None,
            },
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::Internal(cause) => tracing::error!(cause = %chain(cause.as_ref()), "internal error"),
            Self::Unavailable(cause) => tracing::warn!(cause = %chain(cause.as_ref()), "service unavailable"),
            _ => {}
        }
        let problem = self.to_problem();
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json")));
        match self {
            Self::Unauthorized | Self::InvalidCredentials | Self::MfaRequired | Self::TemporaryPasswordExpired => {
                res.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            Self::MethodNotAllowed(allow) => {
                res.insert_header((header::ALLOW, allow.join(", ")));
            }
            Self::Unavailable(_) => {
                res.insert_header((header::RETRY_AFTER, HeaderValue::from_static("5")));
            }
            Self::TooManyRequests(secs) | Self::TooManySecretAttempts(secs) => {
                res.insert_header((header::RETRY_AFTER, secs.to_string()));
            }
            // The current version's ETag, so a client can save on top of it after comparing.
            Self::PreconditionFailed(c) => {
                res.insert_header((
                    header::ETAG,
                    crate::http_cache::report_etag(c.current.report.id, c.current_version),
                ));
            }
            _ => {}
        }
        res.body(serde_json::to_string(&problem).unwrap_or_default())
    }
}

/// `error: its source: the source's source`, so one log line shows why, down to the root.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(next) = source {
        text.push_str(": ");
        text.push_str(&next.to_string());
        source = next.source();
    }
    text
}

/// The constraint names [`ApiError`] turns into field errors; a test checks that each exists in
/// the migrated database, so a renamed constraint cannot silently become a generic 409/422.
pub fn known_constraints() -> impl Iterator<Item = &'static str> {
    CONSTRAINT_FIELDS.iter().map(|(name, ..)| *name)
}

/// Constraint names mapped to the request field they concern and a Japanese message, so a
/// violation the database caught reads like any other validation error.
const CONSTRAINT_FIELDS: &[(&str, &str, &str, &str)] = &[
    ("departments_name_key", "name", "duplicate", "同じ名前の担当課が既にあります。"),
    ("plans_municipality_name_key", "name", "duplicate", "同じ自治体に同じ名前の計画が既にあります。"),
    ("measures_plan_kind_number_key", "number", "duplicate", "同じ番号の施策が既にあります。"),
    ("directions_measure_number_key", "number", "duplicate", "同じ番号の取組の方向が既にあります。"),
    ("initiative_groups_plan_name_key", "name", "duplicate", "同じ名前のグループが既にあります。"),
    ("users_login_id_key", "login_id", "duplicate", "このログインIDは既に使われています。"),
    ("users_login_id_check", "login_id", "invalid", "ログインIDは英小文字・数字・._- の2〜64文字で入力してください。"),
    ("users_editor_has_department", "department_id", "required", "編集者には担当課が必要です。"),
    ("users_department_id_fkey", "department_id", "not_found", "指定された担当課はありません。"),
    ("initiatives_direction_fkey", "direction_id", "not_found", "指定された取組の方向はこの施策にありません。"),
    ("initiatives_group_fkey", "group_id", "not_found", "指定されたグループはこの計画にありません。"),
    ("initiatives_measure_fkey", "measure_id", "not_found", "指定された施策はこの計画にありません。"),
    ("initiative_departments_department_id_fkey", "department_ids", "not_found", "指定された担当課はありません。"),
    ("initiative_departments_pkey", "department_ids", "duplicate", "同じ担当課が重複しています。"),
    ("initiatives_department_required", "department_ids", "required", "担当課を1つ以上指定してください。"),
    ("reports_evaluation_fkey", "evaluation", "invalid", "評価は計画の評価区分から選んでください。"),
    ("reporting_periods_plan_as_of_key", "as_of", "duplicate", "同じ基準日の報告期間が既にあります。"),
    ("reporting_periods_deadline_after_opening", "deadline", "invalid", "締切日は受付開始日以降にしてください。"),
    (
        "reporting_periods_as_of_in_year",
        "as_of",
        "invalid",
        "基準日は年度内（4月1日〜翌年3月31日）の日付にしてください。",
    ),
    ("reporting_periods_fiscal_year_check", "fiscal_year", "out_of_range", "年度は2019〜2100で指定してください。"),
];

impl From<DieselError> for ApiError {
    fn from(e: DieselError) -> Self {
        match &e {
            DieselError::NotFound => Self::NotFound,
            DieselError::DatabaseError(kind, info) => {
                // A delete that would take dependent data with it (RESTRICT), e.g. a measure that
                // still has rows.
                if matches!(kind, DatabaseErrorKind::ForeignKeyViolation)
                    && info.message().starts_with("update or delete on table")
                {
                    return Self::Conflict("このデータには属するデータ（事業や報告など）があるため削除できません。先にそれらを移動または削除してください。".into());
                }
                if let Some(name) = info.constraint_name() {
                    if let Some((_, field, code, message)) = CONSTRAINT_FIELDS.iter().find(|(c, ..)| *c == name) {
                        return Self::field(field, code, *message);
                    }
                }
                match kind {
                    DatabaseErrorKind::UniqueViolation => Self::Conflict("同じ内容のデータが既にあります。".into()),
                    DatabaseErrorKind::ForeignKeyViolation => {
                        Self::Conflict("他のデータから参照されているか、参照先がありません。".into())
                    }
                    DatabaseErrorKind::CheckViolation | DatabaseErrorKind::NotNullViolation => {
                        Self::Validation(vec![FieldError::new(
                            info.column_name().unwrap_or("body"),
                            "invalid",
                            "値が正しくありません。",
                        )])
                    }
                    // The database went away mid-request (restart, failover): retry, not a bug.
                    DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand => {
                        Self::unavailable(e)
                    }
                    _ if [
                        "terminating connection",
                        "the database system is",
                        "connection closed",
                        "server closed the connection",
                    ]
                    .iter()
                    .any(|m| info.message().contains(m)) =>
                    {
                        Self::unavailable(e)
                    }
                    // 57014 query_canceled (statement_timeout) and connection loss surface as Unknown.
                    _ if info.message().contains("statement timeout") => Self::unavailable(e),
                    _ => Self::internal(e),
                }
            }
            // A transaction whose connection broke cannot be rolled back any more.
            DieselError::BrokenTransactionManager => Self::unavailable(e),
            _ => Self::internal(e),
        }
    }
}

impl From<shinko_db::pool::PoolError> for ApiError {
    fn from(e: shinko_db::pool::PoolError) -> Self {
        // The pool fails only when no connection can be had in time: the database is down or
        // saturated. Clients should retry, not report a bug.
        Self::unavailable(e)
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> Self {
        Self::internal(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[derive(Debug, thiserror::Error)]
    #[error("reading the workbook failed")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn a_500_keeps_its_cause_and_the_log_line_names_the_whole_chain() {
        let root = std::io::Error::other("disk full");
        let e = ApiError::internal(Outer(root));
        let source = e.source().expect("the cause is kept");
        assert_eq!(source.to_string(), "reading the workbook failed");
        assert_eq!(chain(&e), "internal error: reading the workbook failed: disk full");
        // The client sees none of it.
        assert_eq!(e.to_problem().detail, "サーバーで予期しないエラーが発生しました。");
    }

    #[test]
    fn a_lost_connection_is_a_503_that_keeps_the_database_error() {
        let e = ApiError::from(DieselError::BrokenTransactionManager);
        assert!(matches!(e, ApiError::Unavailable(_)));
        assert!(chain(&e).starts_with("service unavailable: "), "{}", chain(&e));
    }
}
