//! Pieces shared by the route modules: pagination parameters, page bodies, input validation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shinko_db::pagination::{PageRequest, Paged, MAX_PER_PAGE};
use shinko_db::periods::{last_reported_as_of, StructureItem};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, FieldError};

/// Page selection for list endpoints.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, starting at 1.
    #[param(minimum = 1, example = 1)]
    pub page: Option<i64>,
    /// Items per page (1–100, default 50).
    #[param(minimum = 1, maximum = 100, example = 50)]
    pub per_page: Option<i64>,
}

impl PageQuery {
    pub fn to_request(self) -> Result<PageRequest, ApiError> {
        page_request(self.page, self.per_page)
    }
}

/// Checks page parameters. Out-of-range values are rejected rather than silently clamped, so a
/// client learns the limit. (Query structs repeat `page`/`per_page` instead of flattening
/// [`PageQuery`]: serde's flatten turns numbers in query strings into parse errors.)
pub fn page_request(page: Option<i64>, per_page: Option<i64>) -> Result<PageRequest, ApiError> {
    let mut errors = Vec::new();
    if page.is_some_and(|p| p < 1) {
        errors.push(FieldError::new("page", "out_of_range", "ページ番号は1以上で指定してください。"));
    }
    if per_page.is_some_and(|p| !(1..=MAX_PER_PAGE).contains(&p)) {
        errors.push(FieldError::new(
            "per_page",
            "out_of_range",
            format!("1ページの件数は1〜{MAX_PER_PAGE}で指定してください。"),
        ));
    }
    if errors.is_empty() {
        Ok(PageRequest::new(page, per_page))
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Number of items across all pages.
    pub total: i64,
    /// This page's number (1-based).
    pub page: i64,
    /// Page size used.
    pub per_page: i64,
}

impl<T: ToSchema> From<Paged<T>> for Page<T> {
    fn from(p: Paged<T>) -> Self {
        Self { items: p.items, total: p.total, page: p.page, per_page: p.per_page }
    }
}

/// Collects field errors while checking a request body, then fails with all of them at once.
#[derive(Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Required text: not blank, at most `max` characters. Returns the trimmed value.
    pub fn text<'a>(&mut self, field: &str, value: &'a str, max: usize) -> &'a str {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            self.errors.push(FieldError::new(field, "required", "入力してください。"));
        } else {
            self.max_len(field, trimmed, max);
        }
        trimmed
    }

    /// Optional text (may be empty), at most `max` characters.
    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.errors.push(FieldError::new(field, "too_long", format!("{max}文字以内で入力してください。")));
        }
    }

    pub fn range(&mut self, field: &str, value: i32, min: i32, max: i32) {
        if !(min..=max).contains(&value) {
            self.errors.push(FieldError::new(field, "out_of_range", format!("{min}〜{max}の数値を入力してください。")));
        }
    }

    pub fn push(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, message));
    }

    /// The errors found so far, for rules that report them in their own result.
    pub fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}

/// Checks a requested retirement (廃止) date of `item` against the periods it has reports in.
pub async fn check_retirement(
    conn: &mut shinko_db::AsyncPgConnection,
    item: StructureItem,
    retired_from: Option<Option<NaiveDate>>,
) -> Result<(), ApiError> {
    if let Some(Some(date)) = retired_from {
        let last = last_reported_as_of(conn, item).await?;
        crate::period_rules::retirement(date, last).map_err(|e| ApiError::Validation(vec![e]))?;
    }
    Ok(())
}

/// Refuses to delete a part of the structure that has reports, and says what to do instead:
/// retiring keeps every earlier period as it was.
pub async fn refuse_delete_with_reports(
    conn: &mut shinko_db::AsyncPgConnection,
    item: StructureItem,
) -> Result<(), ApiError> {
    if last_reported_as_of(conn, item).await?.is_some() {
        return Err(ApiError::Conflict(
            "報告があるため削除できません。「廃止」にすると、これまでの報告期間の表と公表版にはそのまま残り、以後の報告期間には含まれなくなります。".into(),
        ));
    }
    Ok(())
}

/// Distinguishes an absent field (no change) from an explicit `null` (clear the value) in PATCH bodies.
pub fn double_option<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(
    de: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(de).map(Some)
}
