//! `/audit-log`: who changed what, with the data before and after (written by database triggers).

use actix_web::{get, web};
use serde::Deserialize;
use shinko_db::audit::{AuditEntry, AuditFilter};
use utoipa::IntoParams;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::common::{page_request, Page, Validator};
use crate::state::AppState;

/// Filters and page of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only changes of this table, e.g. reports, initiatives, users, reporting_periods.
    pub entity: Option<String>,
    /// Only changes of the row with this key (with `entity`), e.g. a report id.
    pub entity_id: Option<String>,
    /// Only changes made by this user.
    pub actor_id: Option<i64>,
    /// Page number, starting at 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// The audit log, newest first: each change with its author and the row before and after.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "list_audit_log", tag = "audit", params(AuditQuery), responses((status = 200, description = "One page of the log", body = Page<AuditEntry>)), security(("bearer" = [])))]
#[get("/audit-log")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<Page<AuditEntry>>, ApiError> {
    auth.require_admin()?;
    let page = page_request(query.page, query.per_page)?;
    let query = query.into_inner();
    let mut v = Validator::new();
    for (field, value) in [("entity", &query.entity), ("entity_id", &query.entity_id)] {
        if let Some(value) = value {
            v.max_len(field, value, 200);
        }
    }
    v.finish()?;
    let filter = AuditFilter { entity: query.entity, entity_id: query.entity_id, actor_id: query.actor_id };
    let mut conn = state.conn().await?;
    Ok(web::Json(AuditEntry::list(&mut conn, &filter, page).await?.into()))
}
