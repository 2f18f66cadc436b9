//! 計画: a multi-year plan of a municipality (e.g. 第2次自殺対策推進計画).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::pagination::{PageRequest, Paged};
use crate::schema::{plans, user_plan_choices};

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
    /// 計画期間: the first 年度, e.g. 2024 for 令和6年度.
    pub first_fiscal_year: Option<i32>,
    /// 計画期間: the last 年度, e.g. 2028 for 令和10年度.
    pub last_fiscal_year: Option<i32>,
    /// When the plan was archived: kept whole, but no longer offered for work.
    pub archived_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = plans)]
pub struct PlanInsertForm<'a> {
    pub municipality: &'a str,
    pub name: &'a str,
    pub table_title: &'a str,
    pub first_fiscal_year: Option<i32>,
    pub last_fiscal_year: Option<i32>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = plans)]
pub struct PlanUpdateForm {
    pub municipality: Option<String>,
    pub name: Option<String>,
    pub table_title: Option<String>,
    pub first_fiscal_year: Option<Option<i32>>,
    pub last_fiscal_year: Option<Option<i32>>,
    pub archived_at: Option<Option<DateTime<Utc>>>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl Plan {
    /// Plans by id, one page at a time; `only` narrows the list to one plan (an API token limited
    /// to it).
    pub async fn list(conn: &mut AsyncPgConnection, only: Option<i64>, page: PageRequest) -> QueryResult<Paged<Self>> {
        let base = || {
            let mut q = plans::table.into_boxed();
            if let Some(id) = only {
                q = q.filter(plans::id.eq(id));
            }
            q
        };
        let total = base().count().get_result(conn).await?;
        let items = base()
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

    /// The plan `user_id` chose to work on last, if it still exists.
    pub async fn chosen_by(conn: &mut AsyncPgConnection, user_id: i64) -> QueryResult<Option<i64>> {
        user_plan_choices::table.find(user_id).select(user_plan_choices::plan_id).first(conn).await.optional()
    }

    /// Remembers `plan_id` as the plan `user_id` works on.
    pub async fn choose(conn: &mut AsyncPgConnection, user_id: i64, plan_id: i64) -> QueryResult<()> {
        diesel::insert_into(user_plan_choices::table)
            .values((user_plan_choices::user_id.eq(user_id), user_plan_choices::plan_id.eq(plan_id)))
            .on_conflict(user_plan_choices::user_id)
            .do_update()
            .set((user_plan_choices::plan_id.eq(plan_id), user_plan_choices::chosen_at.eq(Utc::now())))
            .execute(conn)
            .await?;
        Ok(())
    }

    pub async fn delete(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(plans::table.find(id)).execute(conn).await
    }
}
