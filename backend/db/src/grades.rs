//! The self-evaluation scale of a plan (F 完了, S 目標値以上, A 目標値どおり, …).

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::{Deserialize, Serialize};

use crate::schema::evaluation_grades;

/// One grade of a plan's self-evaluation scale.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, Deserialize, utoipa::ToSchema)]
#[diesel(table_name = evaluation_grades)]
pub struct EvaluationGrade {
    /// Code written in reports, 1–3 capital letters or digits, e.g. `S`.
    pub code: String,
    /// Meaning, e.g. 目標値以上.
    pub label: String,
}

impl EvaluationGrade {
    /// The plan's scale in its order.
    pub async fn list_for_plan(conn: &mut AsyncPgConnection, plan_id: i64) -> QueryResult<Vec<Self>> {
        evaluation_grades::table
            .filter(evaluation_grades::plan_id.eq(plan_id))
            .order(evaluation_grades::position)
            .select(Self::as_select())
            .load(conn)
            .await
    }

    /// Replaces the plan's scale. Grades still used by a report cannot be removed (the reports'
    /// foreign key refuses it), so no report loses its evaluation.
    pub async fn replace(conn: &mut AsyncPgConnection, plan_id: i64, grades: &[Self]) -> QueryResult<Vec<Self>> {
        conn.transaction(async |conn| {
            let codes: Vec<&str> = grades.iter().map(|g| g.code.as_str()).collect();
            diesel::delete(
                evaluation_grades::table
                    .filter(evaluation_grades::plan_id.eq(plan_id))
                    .filter(evaluation_grades::code.ne_all(&codes)),
            )
            .execute(conn)
            .await?;
            for (position, g) in grades.iter().enumerate() {
                diesel::insert_into(evaluation_grades::table)
                    .values((
                        evaluation_grades::plan_id.eq(plan_id),
                        evaluation_grades::code.eq(&g.code),
                        evaluation_grades::label.eq(&g.label),
                        evaluation_grades::position.eq(position as i32),
                    ))
                    .on_conflict((evaluation_grades::plan_id, evaluation_grades::code))
                    .do_update()
                    .set((evaluation_grades::label.eq(&g.label), evaluation_grades::position.eq(position as i32)))
                    .execute(conn)
                    .await?;
            }
            Self::list_for_plan(conn, plan_id).await
        })
        .await
    }
}
