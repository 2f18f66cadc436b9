//! 基本施策 / 重点施策 and their numbered directions ①②③ (取組の方向).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::enums::MeasureKind;
use crate::initiatives::ReorderError;
use crate::schema::{directions, measures};

/// A measure (基本施策 or 重点施策) of a plan.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = measures)]
pub struct Measure {
    /// Stable id.
    pub id: i64,
    /// The plan this measure belongs to.
    pub plan_id: i64,
    /// basic (基本施策) or priority (重点施策).
    pub kind: MeasureKind,
    /// Number within its kind: 基本施策 1..6, 重点施策 1..4.
    pub number: i32,
    /// Title as in the heading.
    pub title: String,
    /// Longer title used inside the table, where it differs from the heading.
    pub table_title: Option<String>,
    /// The paragraph under the heading.
    pub description: String,
    /// Header of the table's first column: 取組項目, or 会議名 where the rows are councils.
    pub item_label: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// 廃止: periods whose as-of date is on or after this date do not include the measure (nor
    /// its directions and rows); null while it runs.
    pub retired_from: Option<NaiveDate>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = measures)]
pub struct MeasureInsertForm<'a> {
    pub plan_id: i64,
    pub kind: MeasureKind,
    pub number: i32,
    pub title: &'a str,
    pub table_title: Option<&'a str>,
    pub description: &'a str,
    pub item_label: &'a str,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = measures)]
pub struct MeasureUpdateForm {
    pub number: Option<i32>,
    pub title: Option<String>,
    pub table_title: Option<Option<String>>,
    pub description: Option<String>,
    pub item_label: Option<String>,
    pub retired_from: Option<Option<NaiveDate>>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// A numbered direction (①②③ 取組の方向) inside a basic measure.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = directions)]
pub struct Direction {
    /// Stable id.
    pub id: i64,
    /// The measure this direction belongs to.
    pub measure_id: i64,
    /// 1 for ①, 2 for ②, …
    pub number: i32,
    /// e.g. 自殺対策に関するネットワークを強化する.
    pub title: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// 廃止: periods whose as-of date is on or after this date do not include the direction (nor
    /// its rows); null while it runs.
    pub retired_from: Option<NaiveDate>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = directions)]
pub struct DirectionInsertForm<'a> {
    pub measure_id: i64,
    pub number: i32,
    pub title: &'a str,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = directions)]
pub struct DirectionUpdateForm {
    pub number: Option<i32>,
    pub title: Option<String>,
    pub retired_from: Option<Option<NaiveDate>>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// Gives `ordered` (every id of one group, exactly once) the numbers 1, 2, … in that order. The
/// numbers are unique while it happens, so they move in two steps: first to numbers none of them
/// has (there are enough below `max` for any real plan), then to their places.
async fn renumber<F>(
    conn: &mut AsyncPgConnection,
    mut current: Vec<(i64, i32)>,
    ordered: &[i64],
    max: i32,
    mut set: F,
) -> Result<(), ReorderError>
where
    F: for<'c> FnMut(&'c mut AsyncPgConnection, i64, i32) -> BoxedSet<'c>,
{
    let mut ids: Vec<i64> = current.iter().map(|(id, _)| *id).collect();
    let mut wanted = ordered.to_vec();
    ids.sort_unstable();
    wanted.sort_unstable();
    if ids != wanted {
        return Err(ReorderError::NotAPermutation);
    }
    current.sort_unstable_by_key(|(_, n)| *n);
    let taken: Vec<i32> = current.iter().map(|(_, n)| *n).collect();
    let free: Vec<i32> = (1..=max).rev().filter(|n| !taken.contains(n)).take(ordered.len()).collect();
    if free.len() < ordered.len() {
        return Err(ReorderError::NotAPermutation);
    }
    for (id, parked) in ordered.iter().zip(&free) {
        set(conn, *id, *parked).await?;
    }
    for (i, id) in ordered.iter().enumerate() {
        set(conn, *id, i as i32 + 1).await?;
    }
    Ok(())
}

type BoxedSet<'c> = std::pin::Pin<Box<dyn std::future::Future<Output = QueryResult<usize>> + Send + 'c>>;

impl Measure {
    /// Numbers the plan's measures of one kind 1, 2, … in the given order (基本施策1 is the first).
    /// The list must name every measure of that kind exactly once.
    pub async fn reorder(
        conn: &mut AsyncPgConnection,
        plan_id: i64,
        kind: MeasureKind,
        ordered: &[i64],
    ) -> Result<(), ReorderError> {
        conn.transaction(async |conn| {
            let current: Vec<(i64, i32)> = measures::table
                .filter(measures::plan_id.eq(plan_id))
                .filter(measures::kind.eq(kind))
                .select((measures::id, measures::number))
                .for_update()
                .load(conn)
                .await?;
            let now = Utc::now();
            renumber(conn, current, ordered, 99, |conn, id, number| {
                Box::pin(
                    diesel::update(measures::table.find(id))
                        .set((measures::number.eq(number), measures::updated_at.eq(now)))
                        .execute(conn),
                )
            })
            .await
        })
        .await
    }

    /// The plan's measures in table order: basic measures first, then priority, each by number.
    pub async fn list_for_plan(conn: &mut AsyncPgConnection, plan_id: i64) -> QueryResult<Vec<Self>> {
        measures::table
            .filter(measures::plan_id.eq(plan_id))
            .order((measures::kind, measures::number))
            .select(Self::as_select())
            .load(conn)
            .await
    }

    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        measures::table.find(id).select(Self::as_select()).first(conn).await
    }

    /// Finds a measure and locks it until the transaction ends, so concurrent writers of its rows
    /// (e.g. two rows appended at the same next position) take turns.
    pub async fn find_for_update(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        measures::table.find(id).select(Self::as_select()).for_update().first(conn).await
    }

    pub async fn create(conn: &mut AsyncPgConnection, form: &MeasureInsertForm<'_>) -> QueryResult<Self> {
        diesel::insert_into(measures::table).values(form).returning(Self::as_returning()).get_result(conn).await
    }

    pub async fn update(conn: &mut AsyncPgConnection, id: i64, mut form: MeasureUpdateForm) -> QueryResult<Self> {
        form.updated_at = Some(Utc::now());
        diesel::update(measures::table.find(id)).set(&form).returning(Self::as_returning()).get_result(conn).await
    }

    pub async fn delete(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(measures::table.find(id)).execute(conn).await
    }
}

impl Direction {
    /// Numbers a measure's directions ①, ②, … in the given order. The list must name every
    /// direction of the measure exactly once.
    pub async fn reorder(conn: &mut AsyncPgConnection, measure_id: i64, ordered: &[i64]) -> Result<(), ReorderError> {
        conn.transaction(async |conn| {
            let current: Vec<(i64, i32)> = directions::table
                .filter(directions::measure_id.eq(measure_id))
                .select((directions::id, directions::number))
                .for_update()
                .load(conn)
                .await?;
            let now = Utc::now();
            renumber(conn, current, ordered, 50, |conn, id, number| {
                Box::pin(
                    diesel::update(directions::table.find(id))
                        .set((directions::number.eq(number), directions::updated_at.eq(now)))
                        .execute(conn),
                )
            })
            .await
        })
        .await
    }

    pub async fn list_for_plan(conn: &mut AsyncPgConnection, plan_id: i64) -> QueryResult<Vec<Self>> {
        directions::table
            .inner_join(measures::table)
            .filter(measures::plan_id.eq(plan_id))
            .order((directions::measure_id, directions::number))
            .select(Self::as_select())
            .load(conn)
            .await
    }

    pub async fn list_for_measure(conn: &mut AsyncPgConnection, measure_id: i64) -> QueryResult<Vec<Self>> {
        directions::table
            .filter(directions::measure_id.eq(measure_id))
            .order(directions::number)
            .select(Self::as_select())
            .load(conn)
            .await
    }

    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        directions::table.find(id).select(Self::as_select()).first(conn).await
    }

    pub async fn create(conn: &mut AsyncPgConnection, form: &DirectionInsertForm<'_>) -> QueryResult<Self> {
        diesel::insert_into(directions::table).values(form).returning(Self::as_returning()).get_result(conn).await
    }

    pub async fn update(conn: &mut AsyncPgConnection, id: i64, mut form: DirectionUpdateForm) -> QueryResult<Self> {
        form.updated_at = Some(Utc::now());
        diesel::update(directions::table.find(id)).set(&form).returning(Self::as_returning()).get_result(conn).await
    }

    pub async fn delete(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(directions::table.find(id)).execute(conn).await
    }
}
