//! The change counter of a plan: every write that changes what the plan's compiled tables show
//! increments it in the same transaction (database triggers), so it identifies a table's content.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

#[derive(QueryableByName)]
struct PeriodVersion {
    #[diesel(sql_type = BigInt)]
    plan_id: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    version: Option<i64>,
}

/// The plan of period `period_id` and the plan's current change counter, in one round trip.
pub async fn of_period(conn: &mut AsyncPgConnection, period_id: i64) -> QueryResult<(i64, i64)> {
    let row: PeriodVersion = diesel::sql_query(
        "SELECT p.plan_id, v.version FROM reporting_periods p LEFT JOIN plan_versions v ON v.plan_id = p.plan_id WHERE p.id = $1",
    )
    .bind::<BigInt, _>(period_id)
    .get_result(conn)
    .await?;
    Ok((row.plan_id, row.version.unwrap_or(0)))
}
