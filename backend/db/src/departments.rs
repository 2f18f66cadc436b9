//! 担当課: the city departments that own rows and whose staff write reports.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::pagination::{PageRequest, Paged};
use crate::schema::departments;

/// A city department (担当課).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = departments)]
pub struct Department {
    /// Stable id.
    pub id: i64,
    /// Name as the city writes it, e.g. 健康課.
    pub name: String,
    /// Inactive departments keep their history but get no new rows or users.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = departments)]
pub struct DepartmentInsertForm<'a> {
    pub name: &'a str,
    pub active: bool,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = departments)]
pub struct DepartmentUpdateForm {
    pub name: Option<String>,
    pub active: Option<bool>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl Department {
    pub async fn list(
        conn: &mut AsyncPgConnection,
        active: Option<bool>,
        page: PageRequest,
    ) -> QueryResult<Paged<Self>> {
        let mut query = departments::table.into_boxed();
        let mut count = departments::table.into_boxed();
        if let Some(active) = active {
            query = query.filter(departments::active.eq(active));
            count = count.filter(departments::active.eq(active));
        }
        let total = count.count().get_result(conn).await?;
        let items = query
            .order(departments::id)
            .limit(page.per_page)
            .offset(page.offset())
            .select(Self::as_select())
            .load(conn)
            .await?;
        Ok(Paged::new(items, total, page))
    }

    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        departments::table.find(id).select(Self::as_select()).first(conn).await
    }

    /// The departments with these ids, in id order; unknown ids are simply absent.
    pub async fn find_many(conn: &mut AsyncPgConnection, ids: &[i64]) -> QueryResult<Vec<Self>> {
        departments::table
            .filter(departments::id.eq_any(ids))
            .order(departments::id)
            .select(Self::as_select())
            .load(conn)
            .await
    }

    pub async fn find_by_name(conn: &mut AsyncPgConnection, name: &str) -> QueryResult<Option<Self>> {
        departments::table.filter(departments::name.eq(name)).select(Self::as_select()).first(conn).await.optional()
    }

    pub async fn create(conn: &mut AsyncPgConnection, form: &DepartmentInsertForm<'_>) -> QueryResult<Self> {
        diesel::insert_into(departments::table).values(form).returning(Self::as_returning()).get_result(conn).await
    }

    pub async fn update(conn: &mut AsyncPgConnection, id: i64, mut form: DepartmentUpdateForm) -> QueryResult<Self> {
        form.updated_at = Some(Utc::now());
        diesel::update(departments::table.find(id)).set(&form).returning(Self::as_returning()).get_result(conn).await
    }
}
