//! Groups of rows that are the same 事業 under different measures (健康相談 under 基本施策3, 4 and 5).
//! Each row keeps its own content and report; the group only says "these belong together".

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::schema::initiative_groups;

/// A set of related rows (the same 事業 under several measures).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = initiative_groups)]
pub struct InitiativeGroup {
    /// Stable id.
    pub id: i64,
    /// The plan whose rows the group links.
    pub plan_id: i64,
    /// Usually the shared 事業 name, e.g. 健康相談.
    pub name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = initiative_groups)]
pub struct InitiativeGroupInsertForm<'a> {
    pub plan_id: i64,
    pub name: &'a str,
}

impl InitiativeGroup {
    pub async fn list_for_plan(conn: &mut AsyncPgConnection, plan_id: i64) -> QueryResult<Vec<Self>> {
        initiative_groups::table
            .filter(initiative_groups::plan_id.eq(plan_id))
            .order(initiative_groups::id)
            .select(Self::as_select())
            .load(conn)
            .await
    }

    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        initiative_groups::table.find(id).select(Self::as_select()).first(conn).await
    }

    pub async fn create(conn: &mut AsyncPgConnection, form: &InitiativeGroupInsertForm<'_>) -> QueryResult<Self> {
        diesel::insert_into(initiative_groups::table)
            .values(form)
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    /// Finds the plan's group with this name, creating it if needed (used by the importer).
    pub async fn find_or_create(conn: &mut AsyncPgConnection, plan_id: i64, name: &str) -> QueryResult<Self> {
        let existing = initiative_groups::table
            .filter(initiative_groups::plan_id.eq(plan_id))
            .filter(initiative_groups::name.eq(name))
            .select(Self::as_select())
            .first(conn)
            .await
            .optional()?;
        match existing {
            Some(group) => Ok(group),
            None => Self::create(conn, &InitiativeGroupInsertForm { plan_id, name }).await,
        }
    }

    pub async fn rename(conn: &mut AsyncPgConnection, id: i64, name: &str) -> QueryResult<Self> {
        diesel::update(initiative_groups::table.find(id))
            .set(initiative_groups::name.eq(name))
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    pub async fn delete(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(initiative_groups::table.find(id)).execute(conn).await
    }
}
