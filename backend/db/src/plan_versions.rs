//! The change counter of a plan: every write that changes what the plan's compiled tables show
//! increments it in the same transaction (database triggers), so it identifies a table's content.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::schema::{plan_versions, reporting_periods};

/// The plan of period `period_id` and the plan's current change counter, in one round trip (a
/// prepared statement: every table request runs it).
pub async fn of_period(conn: &mut AsyncPgConnection, period_id: i64) -> QueryResult<(i64, i64)> {
    let (plan_id, version): (i64, Option<i64>) = reporting_periods::table
        .left_join(plan_versions::table.on(plan_versions::plan_id.eq(reporting_periods::plan_id)))
        .filter(reporting_periods::id.eq(period_id))
        .select((reporting_periods::plan_id, plan_versions::version.nullable()))
        .first(conn)
        .await?;
    Ok((plan_id, version.unwrap_or(0)))
}
