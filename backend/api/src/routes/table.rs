//! `/periods/{id}/table`: the compiled 施策別事業進行管理表 of a period, as JSON.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shinko_db::enums::{ImplementationStatus, ReportState};
use shinko_db::periods::ReportingPeriod;
use shinko_db::plan_versions;
use shinko_db::table::{CompiledTable, TableFilter};
use utoipa::IntoParams;

use crate::auth::Reader;
use crate::error::ApiError;
use crate::http_cache;
use crate::state::AppState;
use crate::table_cache;

/// Filters of the compiled table, and an optional second period to compare with.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TableQuery {
    /// Only rows this department owns (alone or jointly).
    pub department_id: Option<i64>,
    /// Only this measure.
    pub measure_id: Option<i64>,
    /// Only rows whose report has this 実施状況.
    pub implementation_status: Option<ImplementationStatus>,
    /// Only rows whose report has this evaluation code.
    pub evaluation: Option<String>,
    /// Only rows whose report is in this state.
    pub state: Option<ReportState>,
    /// Another period of the same plan to show beside this one (both texts, changes marked).
    pub compare_period_id: Option<i64>,
}

impl TableQuery {
    /// Identifies the query among the cached tables of a period.
    pub fn cache_key(&self) -> String {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.department_id,
            self.measure_id,
            self.implementation_status,
            self.evaluation,
            self.state,
            self.compare_period_id
        )
    }

    /// The filter of the table; with `approved_only`, unapproved reports show as empty (for a
    /// reader that may not see drafts).
    pub fn filter(&self, approved_only: bool) -> TableFilter {
        TableFilter {
            department_id: self.department_id,
            measure_id: self.measure_id,
            implementation_status: self.implementation_status,
            evaluation: self.evaluation.clone(),
            state: self.state,
            approved_only,
        }
    }
}

/// Loads the compiled table of period `id` as `query` asks, as `reader` may see it.
pub async fn compile(
    state: &AppState,
    id: i64,
    query: &TableQuery,
    reader: &Reader,
) -> Result<CompiledTable, ApiError> {
    let mut conn = state.conn().await?;
    let period = ReportingPeriod::find(&mut conn, id).await?;
    let compare = match query.compare_period_id {
        Some(other) => {
            let other = ReportingPeriod::find(&mut conn, other)
                .await
                .map_err(|_| ApiError::field("compare_period_id", "not_found", "比較する報告期間がありません。"))?;
            if other.plan_id != period.plan_id {
                return Err(ApiError::field("compare_period_id", "invalid", "同じ計画の報告期間を指定してください。"));
            }
            Some(other)
        }
        None => None,
    };
    reader.check_plan(period.plan_id)?;
    Ok(CompiledTable::load(&mut conn, &period, compare.as_ref(), &query.filter(!reader.sees_drafts())).await?)
}

/// The compiled table of a period in the seed's order and grouping: per measure its heading,
/// description and rows, direction rows ①②③, 担当課 joined with ／, each row's report. Answers
/// `If-None-Match` with 304 when nothing changed.
///
/// Who may call: any signed-in user; API tokens may read (without the drafts scope, reports not yet
/// approved show empty).
#[utoipa::path(operation_id = "get_period_table", tag = "table", params(("id" = i64, Path, description = "Period id"), TableQuery), responses((status = 200, description = "The compiled table", body = CompiledTable, headers(("ETag" = String, description = "Changes whenever the table's content does"))), (status = 304, description = "Not modified since the ETag in If-None-Match")), security(("bearer" = [])))]
#[get("/periods/{id}/table")]
pub async fn get(
    req: HttpRequest,
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<TableQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    // Readers without the drafts scope get another table, cached apart.
    let key = format!("{}|{}", query.cache_key(), reader.sees_drafts());
    let (plan_id, version) = {
        let mut conn = state.conn().await?;
        plan_versions::of_period(&mut conn, id).await?
    };
    reader.check_plan(plan_id)?;
    let tag = table_cache::etag(id, &key, version);
    if http_cache::none_match(&req, &tag) {
        return Ok(http_cache::not_modified(tag));
    }
    let body = match state.tables.get(id, &key, version) {
        Some(body) => body,
        None => {
            let table = compile(&state, id, &query, &reader).await?;
            let body = Bytes::from(serde_json::to_vec(&table).map_err(ApiError::internal)?);
            state.tables.put(id, &key, version, body.clone());
            body
        }
    };
    Ok(HttpResponse::Ok().insert_header((header::ETAG, tag)).content_type("application/json").body(body))
}
