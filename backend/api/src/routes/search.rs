//! `/plans/{plan_id}/search`: find rows by their name, 内容 or any period's report text.

use actix_web::{get, web};
use serde::Deserialize;
use shinko_db::pagination::Paged;
use shinko_db::plans::Plan;
use shinko_db::search::{search as search_plan, SearchHit};
use utoipa::IntoParams;

use crate::auth::Reader;
use crate::error::ApiError;
use crate::routes::common::{page_request, Page};
use crate::state::AppState;

/// Shortest and longest query, in characters.
const MIN_QUERY: usize = 2;
const MAX_QUERY: usize = 100;

/// The query and page.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What to look for, e.g. ゲートキーパー or 相談件数: at most 100 characters, at least 2 besides
    /// surrounding spaces (which are ignored). Matched as a substring, ignoring case; `%` and `_`
    /// match themselves.
    #[param(required = true, min_length = 2, max_length = 100, pattern = r"\S[\s\S]*\S", example = "ゲートキーパー")]
    pub q: Option<String>,
    /// Page number, starting at 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// Search a plan's rows and the report texts of all its periods. Each hit is a row, in table
/// order, with its measure, direction and departments, and every place it matched: its name, its
/// 内容, and the 取組進捗状況 of each period that mentions the query (with the period and the
/// report, newest period first), each with a snippet of up to 40 characters around the first
/// match and where to highlight it. Pages count rows.
///
/// Who may call: any signed-in user; API tokens may read (without the drafts scope, only approved
/// report texts are searched).
#[utoipa::path(
    operation_id = "search_plan",
    tag = "search",
    params(("plan_id" = i64, Path, description = "Plan id"), SearchQuery),
    responses((status = 200, description = "One page of matching rows", body = Page<SearchHit>)),
    security(("bearer" = []))
)]
#[get("/plans/{plan_id}/search")]
pub async fn search(
    reader: Reader,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
    query: web::Query<SearchQuery>,
) -> Result<web::Json<Page<SearchHit>>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let Some(raw) = query.q.as_deref() else {
        return Err(ApiError::field("q", "required", "検索する語を入力してください。"));
    };
    let q = raw.trim();
    if raw.chars().count() > MAX_QUERY {
        return Err(ApiError::field("q", "too_long", format!("検索する語は{MAX_QUERY}文字以内で入力してください。")));
    }
    if q.chars().count() < MIN_QUERY {
        return Err(ApiError::field("q", "too_short", format!("検索する語は{MIN_QUERY}文字以上で入力してください。")));
    }
    let plan_id = plan_id.into_inner();
    reader.check_plan(plan_id)?;
    let mut conn = state.conn().await?;
    Plan::find(&mut conn, plan_id).await?;
    let hits: Paged<SearchHit> = search_plan(&mut conn, plan_id, q, !reader.sees_drafts(), page).await?;
    Ok(web::Json(hits.into()))
}
