//! 計画: a multi-year plan of a municipality (e.g. 第2次自殺対策推進計画).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::pagination::{PageRequest, Paged};
use crate::schema::plans;

/// A plan (計画).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = plans)]
pub struct Plan {
    /// Stable id.
    pub id: i64,
    /// The city that runs the plan, e.g. あきる野市.
    pub municipality: String,
    /// The plan's name, e.g. 第2次自殺対策推進計画.
    pub name: String,
    /// Heading of the compiled table, e.g. 施策別事業進行管理表.
    pub table_title: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = plans)]
pub struct PlanInsertForm<'a> {
    pub municipality: &'a str,
    pub name: &'a str,
    pub table_title: &'a str,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = plans)]
pub struct PlanUpdateForm {
    pub municipality: Option<String>,
    pub name: Option<String>,
    pub table_title: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl Plan {
    pub async fn list(conn: &mut AsyncPgConnection, page: PageRequest) -> QueryResult<Paged<Self>> {
        let total = plans::table.count().get_result(conn).await?;
        let items = plans::table
            .order(plans::id)
            .limit(page.per_page)
            .offset(page.offset())
            .select(Self::as_select())
            .load(conn)
            .await?;
        Ok(Paged::new(items, total, page))
    }

    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        plans::table.find(id).select(Self::as_select()).first(conn).await
    }

    pub async fn create(conn: &mut AsyncPgConnection, form: &PlanInsertForm<'_>) -> QueryResult<Self> {
        diesel::insert_into(plans::table).values(form).returning(Self::as_returning()).get_result(conn).await
    }

    pub async fn update(conn: &mut AsyncPgConnection, id: i64, mut form: PlanUpdateForm) -> QueryResult<Self> {
        form.updated_at = Some(Utc::now());
        diesel::update(plans::table.find(id)).set(&form).returning(Self::as_returning()).get_result(conn).await
    }

    pub async fn delete(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(plans::table.find(id)).execute(conn).await
    }
}
