//! The whole plan as one tree in table order: what the table view, exports and other systems need
//! in a single call.

use diesel::QueryResult;
use diesel_async::AsyncPgConnection;
use serde::Serialize;

use crate::groups::InitiativeGroup;
use crate::initiatives::InitiativeRow;
use crate::measures::{Direction, Measure};
use crate::plans::Plan;

/// A plan with its measures, directions and rows in the order of the compiled table.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanTree {
    /// The plan itself.
    pub plan: Plan,
    /// 基本施策 1..n, then 重点施策 1..n.
    pub measures: Vec<MeasureNode>,
    /// Groups of related rows (the same 事業 under several measures).
    pub groups: Vec<InitiativeGroup>,
}

/// A measure with its content in table order.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeasureNode {
    /// The measure.
    pub measure: Measure,
    /// Rows directly under the measure (重点施策 have no directions), in order.
    pub rows: Vec<InitiativeRow>,
    /// Directions ①②③ with their rows, by number.
    pub directions: Vec<DirectionNode>,
}

/// A direction (①②③) with its rows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DirectionNode {
    /// The direction.
    pub direction: Direction,
    /// Its rows in order.
    pub rows: Vec<InitiativeRow>,
}

impl PlanTree {
    /// Loads the tree with a fixed number of queries, independent of the plan's size.
    pub async fn load(conn: &mut AsyncPgConnection, plan_id: i64) -> QueryResult<Self> {
        let plan = Plan::find(conn, plan_id).await?;
        let measures = Measure::list_for_plan(conn, plan_id).await?;
        let directions = Direction::list_for_plan(conn, plan_id).await?;
        let rows = InitiativeRow::all_for_plan(conn, plan_id).await?;
        let groups = InitiativeGroup::list_for_plan(conn, plan_id).await?;

        let mut nodes: Vec<MeasureNode> = measures
            .into_iter()
            .map(|measure| MeasureNode { measure, rows: Vec::new(), directions: Vec::new() })
            .collect();
        for direction in directions {
            if let Some(node) = nodes.iter_mut().find(|n| n.measure.id == direction.measure_id) {
                node.directions.push(DirectionNode { direction, rows: Vec::new() });
            }
        }
        // Rows arrive in table order, so pushing keeps that order inside every node.
        for row in rows {
            let Some(node) = nodes.iter_mut().find(|n| n.measure.id == row.measure_id) else { continue };
            match row.direction_id {
                None => node.rows.push(row),
                Some(direction_id) => {
                    if let Some(d) = node.directions.iter_mut().find(|d| d.direction.id == direction_id) {
                        d.rows.push(row);
                    }
                }
            }
        }
        Ok(Self { plan, measures: nodes, groups })
    }
}
