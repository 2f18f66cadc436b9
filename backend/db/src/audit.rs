//! The audit log as admins read it: who changed what, with the row before and after. The rows are
//! written by database triggers in the same transaction as every change; nothing here writes.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::pagination::{PageRequest, Paged};
use crate::reports::UserRef;
use crate::schema::{audit_log, users};

/// One change recorded in the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    /// Stable id; later changes have larger ids.
    pub id: i64,
    /// When the change was committed.
    pub occurred_at: DateTime<Utc>,
    /// Who made it; null for the command line, imports and system jobs. The name is empty when the
    /// user no longer exists.
    pub actor: Option<UserRef>,
    /// insert, update or delete.
    pub action: String,
    /// The table changed, e.g. reports, initiatives, users.
    pub entity: String,
    /// The key of the changed row (composite keys joined with `/`).
    pub entity_id: String,
    /// The row before the change (null for inserts); never holds password hashes.
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The row after the change (null for deletes).
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

/// Filters of the audit log.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<i64>,
}

type Row = (
    i64,
    DateTime<Utc>,
    Option<i64>,
    Option<String>,
    String,
    String,
    String,
    Option<serde_json::Value>,
    Option<serde_json::Value>,
);

impl AuditEntry {
    /// The log, newest first, one page at a time.
    pub async fn list(
        conn: &mut AsyncPgConnection,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> QueryResult<Paged<Self>> {
        let base = || {
            let mut q =
                audit_log::table.left_join(users::table.on(users::id.nullable().eq(audit_log::actor_id))).into_boxed();
            if let Some(entity) = &filter.entity {
                q = q.filter(audit_log::entity.eq(entity.clone()));
            }
            if let Some(entity_id) = &filter.entity_id {
                q = q.filter(audit_log::entity_id.eq(entity_id.clone()));
            }
            if let Some(actor_id) = filter.actor_id {
                q = q.filter(audit_log::actor_id.eq(actor_id));
            }
            q
        };
        let total = base().count().get_result(conn).await?;
        let rows: Vec<Row> = base()
            .order(audit_log::id.desc())
            .limit(page.per_page)
            .offset(page.offset())
            .select((
                audit_log::id,
                audit_log::occurred_at,
                audit_log::actor_id,
                users::display_name.nullable(),
                audit_log::action,
                audit_log::entity,
                audit_log::entity_id,
                audit_log::before,
                audit_log::after,
            ))
            .load(conn)
            .await?;
        let items = rows
            .into_iter()
            .map(|(id, occurred_at, actor_id, actor_name, action, entity, entity_id, before, after)| Self {
                id,
                occurred_at,
                actor: actor_id.map(|id| UserRef { id, display_name: actor_name.unwrap_or_default() }),
                action,
                entity,
                entity_id,
                before,
                after,
            })
            .collect();
        Ok(Paged::new(items, total, page))
    }
}
