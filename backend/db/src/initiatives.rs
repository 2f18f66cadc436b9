//! 事業 / 取組: the rows of the table, each owned by one or two departments.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};
use serde::Serialize;

use crate::pagination::{PageRequest, Paged};
use crate::schema::{departments, directions, initiative_departments, initiatives, measures};

/// A row of the table as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = initiatives)]
pub struct Initiative {
    pub id: i64,
    pub plan_id: i64,
    pub measure_id: i64,
    pub direction_id: Option<i64>,
    pub group_id: Option<i64>,
    pub name: String,
    pub content: String,
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub retired_from: Option<NaiveDate>,
}

/// A department as named on a row.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DepartmentRef {
    /// Department id.
    pub id: i64,
    /// Department name, e.g. 福祉総務課.
    pub name: String,
}

/// A row with its owning departments (in display order) and the ids of its related rows.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct InitiativeRow {
    /// Stable id.
    pub id: i64,
    /// The plan of the row.
    pub plan_id: i64,
    /// The measure (基本施策/重点施策) the row sits under.
    pub measure_id: i64,
    /// The direction (①②③) the row sits under; null for rows directly under a measure.
    pub direction_id: Option<i64>,
    /// The group of rows that are the same 事業 under other measures, if any.
    pub group_id: Option<i64>,
    /// 取組項目 / 会議名, e.g. 健康相談.
    pub name: String,
    /// 内容: what the department promises to do.
    pub content: String,
    /// Order within the measure.
    pub position: i32,
    /// Owning departments (担当課), in the order the table shows them (健康課／福祉総務課).
    pub departments: Vec<DepartmentRef>,
    /// Other rows of the same group (the same 事業 under another measure), in table order.
    pub related_row_ids: Vec<i64>,
    /// 廃止: periods whose as-of date is on or after this date do not include the row; null while
    /// it runs. Earlier periods keep its reports.
    pub retired_from: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = initiatives)]
pub struct InitiativeInsertForm<'a> {
    pub plan_id: i64,
    pub measure_id: i64,
    pub direction_id: Option<i64>,
    pub group_id: Option<i64>,
    pub name: &'a str,
    pub content: &'a str,
    pub position: i32,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = initiatives)]
pub struct InitiativeUpdateForm {
    pub measure_id: Option<i64>,
    pub position: Option<i32>,
    pub retired_from: Option<Option<NaiveDate>>,
    pub direction_id: Option<Option<i64>>,
    pub group_id: Option<Option<i64>>,
    pub name: Option<String>,
    pub content: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// Filters for listing rows.
#[derive(Debug, Default, Clone, Copy)]
pub struct RowFilter {
    pub measure_id: Option<i64>,
    pub department_id: Option<i64>,
}

/// Why a reorder was refused.
#[derive(Debug, thiserror::Error)]
pub enum ReorderError {
    #[error("the list must name every row of the measure exactly once")]
    NotAPermutation,
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

impl Initiative {
    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        initiatives::table.find(id).select(Self::as_select()).first(conn).await
    }

    /// Finds a row and locks it until the transaction ends, so two replacements of its departments
    /// run one after the other instead of colliding on the links.
    pub async fn find_for_update(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        initiatives::table.find(id).select(Self::as_select()).for_update().first(conn).await
    }

    /// Inserts a row and its departments in one transaction (a row without a department is refused
    /// by the database at commit).
    pub async fn create(
        conn: &mut AsyncPgConnection,
        form: &InitiativeInsertForm<'_>,
        department_ids: &[i64],
    ) -> QueryResult<Self> {
        conn.transaction(async |conn| {
            let row: Self = diesel::insert_into(initiatives::table)
                .values(form)
                .returning(Self::as_returning())
                .get_result(conn)
                .await?;
            // No report in periods already running: the row takes part from the next period
            // opened, or from a running one when the secretariat adds it there on purpose
            // (`crate::periods::create_missing_reports` for that period and row).
            Self::insert_departments(conn, row.id, department_ids).await?;
            Ok(row)
        })
        .await
    }

    /// The next free position at the end of a measure.
    pub async fn next_position(conn: &mut AsyncPgConnection, measure_id: i64) -> QueryResult<i32> {
        let max: Option<i32> = initiatives::table
            .filter(initiatives::measure_id.eq(measure_id))
            .select(diesel::dsl::max(initiatives::position))
            .first(conn)
            .await?;
        Ok(max.map_or(0, |m| m + 1))
    }

    pub async fn update(conn: &mut AsyncPgConnection, id: i64, mut form: InitiativeUpdateForm) -> QueryResult<Self> {
        form.updated_at = Some(Utc::now());
        diesel::update(initiatives::table.find(id)).set(&form).returning(Self::as_returning()).get_result(conn).await
    }

    pub async fn delete(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(initiatives::table.find(id)).execute(conn).await
    }

    /// Replaces the owning departments of a row, keeping the given order.
    pub async fn set_departments(conn: &mut AsyncPgConnection, id: i64, department_ids: &[i64]) -> QueryResult<()> {
        conn.transaction(async |conn| {
            diesel::delete(initiative_departments::table.filter(initiative_departments::initiative_id.eq(id)))
                .execute(conn)
                .await?;
            Self::insert_departments(conn, id, department_ids).await?;
            diesel::update(initiatives::table.find(id))
                .set(initiatives::updated_at.eq(Utc::now()))
                .execute(conn)
                .await?;
            Ok(())
        })
        .await
    }

    async fn insert_departments(conn: &mut AsyncPgConnection, id: i64, department_ids: &[i64]) -> QueryResult<()> {
        let links: Vec<_> = department_ids
            .iter()
            .enumerate()
            .map(|(pos, dep)| {
                (
                    initiative_departments::initiative_id.eq(id),
                    initiative_departments::department_id.eq(*dep),
                    initiative_departments::position.eq(pos as i32),
                )
            })
            .collect();
        diesel::insert_into(initiative_departments::table).values(&links).execute(conn).await?;
        Ok(())
    }

    /// Puts the rows of a measure in the given order. The list must be a permutation of the
    /// measure's rows, so a stale client cannot silently drop or duplicate a row.
    pub async fn reorder(
        conn: &mut AsyncPgConnection,
        measure_id: i64,
        ordered_ids: &[i64],
    ) -> Result<(), ReorderError> {
        conn.transaction(async |conn| {
            let mut current: Vec<i64> = initiatives::table
                .filter(initiatives::measure_id.eq(measure_id))
                .select(initiatives::id)
                .for_update()
                .load(conn)
                .await?;
            let mut wanted = ordered_ids.to_vec();
            current.sort_unstable();
            wanted.sort_unstable();
            if current != wanted {
                return Err(ReorderError::NotAPermutation);
            }
            // Positions swap places mid-update, so the uniqueness check waits for the commit.
            conn.batch_execute("SET CONSTRAINTS initiatives_measure_position_key DEFERRED").await?;
            let now = Utc::now();
            for (pos, id) in ordered_ids.iter().enumerate() {
                diesel::update(initiatives::table.find(id))
                    .set((initiatives::position.eq(pos as i32), initiatives::updated_at.eq(now)))
                    .execute(conn)
                    .await?;
            }
            Ok(())
        })
        .await
    }
}

impl InitiativeRow {
    /// Rows of a plan in table order, one page at a time.
    pub async fn list(
        conn: &mut AsyncPgConnection,
        plan_id: i64,
        filter: RowFilter,
        page: PageRequest,
    ) -> QueryResult<Paged<Self>> {
        let base = || {
            let mut q = initiatives::table
                .inner_join(measures::table.on(measures::id.eq(initiatives::measure_id)))
                .left_join(directions::table.on(directions::id.nullable().eq(initiatives::direction_id)))
                .filter(initiatives::plan_id.eq(plan_id))
                .into_boxed();
            if let Some(m) = filter.measure_id {
                q = q.filter(initiatives::measure_id.eq(m));
            }
            if let Some(d) = filter.department_id {
                q = q.filter(diesel::dsl::exists(
                    initiative_departments::table
                        .filter(initiative_departments::initiative_id.eq(initiatives::id))
                        .filter(initiative_departments::department_id.eq(d)),
                ));
            }
            q
        };
        let total = base().count().get_result(conn).await?;
        let rows: Vec<Initiative> = base()
            .order((
                measures::kind,
                measures::number,
                directions::number.nullable().asc().nulls_first(),
                initiatives::position,
            ))
            .limit(page.per_page)
            .offset(page.offset())
            .select(Initiative::as_select())
            .load(conn)
            .await?;
        let items = Self::decorate(conn, plan_id, rows).await?;
        Ok(Paged::new(items, total, page))
    }

    /// Every row of a plan in table order (for the plan tree and exports).
    pub async fn all_for_plan(conn: &mut AsyncPgConnection, plan_id: i64) -> QueryResult<Vec<Self>> {
        let rows: Vec<Initiative> = initiatives::table
            .inner_join(measures::table.on(measures::id.eq(initiatives::measure_id)))
            .left_join(directions::table.on(directions::id.nullable().eq(initiatives::direction_id)))
            .filter(initiatives::plan_id.eq(plan_id))
            .order((
                measures::kind,
                measures::number,
                directions::number.nullable().asc().nulls_first(),
                initiatives::position,
            ))
            .select(Initiative::as_select())
            .load(conn)
            .await?;
        Self::decorate(conn, plan_id, rows).await
    }

    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        let row = Initiative::find(conn, id).await?;
        let plan_id = row.plan_id;
        Ok(Self::decorate(conn, plan_id, vec![row]).await?.remove(0))
    }

    /// The rows `ids` of a plan, keyed by id (for views that show reports with their rows).
    pub async fn load_many(conn: &mut AsyncPgConnection, plan_id: i64, ids: &[i64]) -> QueryResult<HashMap<i64, Self>> {
        let rows: Vec<Initiative> = initiatives::table
            .filter(initiatives::id.eq_any(ids))
            .filter(initiatives::plan_id.eq(plan_id))
            .select(Initiative::as_select())
            .load(conn)
            .await?;
        Ok(Self::decorate(conn, plan_id, rows).await?.into_iter().map(|r| (r.id, r)).collect())
    }

    /// Whether `department_id` owns row `id` (alone or jointly): the write permission of editors.
    pub async fn is_owned_by(conn: &mut AsyncPgConnection, id: i64, department_id: i64) -> QueryResult<bool> {
        diesel::select(diesel::dsl::exists(
            initiative_departments::table
                .filter(initiative_departments::initiative_id.eq(id))
                .filter(initiative_departments::department_id.eq(department_id)),
        ))
        .get_result(conn)
        .await
    }

    /// Adds departments and related rows to stored rows with two queries, whatever the row count.
    async fn decorate(conn: &mut AsyncPgConnection, plan_id: i64, rows: Vec<Initiative>) -> QueryResult<Vec<Self>> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let links: Vec<(i64, i64, String)> = initiative_departments::table
            .inner_join(departments::table)
            .filter(initiative_departments::initiative_id.eq_any(&ids))
            .order((initiative_departments::initiative_id, initiative_departments::position))
            .select((initiative_departments::initiative_id, departments::id, departments::name))
            .load(conn)
            .await?;
        let mut by_row: HashMap<i64, Vec<DepartmentRef>> = HashMap::new();
        for (row_id, id, name) in links {
            by_row.entry(row_id).or_default().push(DepartmentRef { id, name });
        }

        let group_ids: Vec<i64> = rows.iter().filter_map(|r| r.group_id).collect();
        let mut by_group: HashMap<i64, Vec<i64>> = HashMap::new();
        if !group_ids.is_empty() {
            let members: Vec<(Option<i64>, i64)> = initiatives::table
                .inner_join(measures::table.on(measures::id.eq(initiatives::measure_id)))
                .left_join(directions::table.on(directions::id.nullable().eq(initiatives::direction_id)))
                .filter(initiatives::plan_id.eq(plan_id))
                .filter(initiatives::group_id.eq_any(&group_ids))
                .order((
                    measures::kind,
                    measures::number,
                    directions::number.nullable().asc().nulls_first(),
                    initiatives::position,
                ))
                .select((initiatives::group_id, initiatives::id))
                .load(conn)
                .await?;
            for (group, id) in members {
                if let Some(group) = group {
                    by_group.entry(group).or_default().push(id);
                }
            }
        }

        Ok(rows
            .into_iter()
            .map(|r| {
                let related_row_ids = r
                    .group_id
                    .and_then(|g| by_group.get(&g))
                    .map(|ids| ids.iter().copied().filter(|&id| id != r.id).collect())
                    .unwrap_or_default();
                Self {
                    departments: by_row.remove(&r.id).unwrap_or_default(),
                    related_row_ids,
                    id: r.id,
                    plan_id: r.plan_id,
                    measure_id: r.measure_id,
                    direction_id: r.direction_id,
                    group_id: r.group_id,
                    name: r.name,
                    content: r.content,
                    position: r.position,
                    retired_from: r.retired_from,
                    updated_at: r.updated_at,
                }
            })
            .collect())
    }
}
