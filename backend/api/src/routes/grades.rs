//! `/plans/{plan_id}/evaluation-grades`: the plan's self-evaluation scale.

use actix_web::{get, put, web};
use serde::Deserialize;
use shinko_db::grades::EvaluationGrade;
use shinko_db::plans::Plan;
use utoipa::ToSchema;

use crate::auth::{AuthUser, Reader};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::routes::common::Validator;
use crate::state::AppState;

/// The whole scale, in display order.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplaceGrades {
    /// 1–20 grades with distinct codes (1–3 capital letters or digits) and labels (1–50 characters).
    pub grades: Vec<GradeInput>,
}

/// One grade.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeInput {
    /// Code, e.g. `S`.
    pub code: String,
    /// Meaning, e.g. 目標値以上.
    pub label: String,
}

/// The plan's self-evaluation scale in order (by default F 完了, S 目標値以上, A 目標値どおり,
/// B 要改善, C 要大幅改善, X 未着手, Y 中止, Z 評価困難).
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(operation_id = "list_evaluation_grades", tag = "periods", params(("plan_id" = i64, Path, description = "Plan id")), responses((status = 200, description = "The scale", body = Vec<EvaluationGrade>)), security(("bearer" = [])))]
#[get("/plans/{plan_id}/evaluation-grades")]
pub async fn list(
    reader: Reader,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
) -> Result<web::Json<Vec<EvaluationGrade>>, ApiError> {
    let plan_id = plan_id.into_inner();
    let mut conn = state.conn().await?;
    reader.check_plan(plan_id)?;
    Plan::find(&mut conn, plan_id).await?;
    Ok(web::Json(EvaluationGrade::list_for_plan(&mut conn, plan_id).await?))
}

/// Replace the plan's self-evaluation scale. A grade that reports still use cannot be removed (409).
///
/// Who may call: admins.
#[utoipa::path(operation_id = "replace_evaluation_grades", tag = "periods", params(("plan_id" = i64, Path, description = "Plan id")), request_body = ReplaceGrades, responses((status = 200, description = "The new scale", body = Vec<EvaluationGrade>)), security(("bearer" = [])))]
#[put("/plans/{plan_id}/evaluation-grades")]
pub async fn replace(
    auth: AuthUser,
    state: web::Data<AppState>,
    plan_id: web::Path<i64>,
    body: ApiJson<ReplaceGrades>,
) -> Result<web::Json<Vec<EvaluationGrade>>, ApiError> {
    auth.require_admin()?;
    let body = body.into_inner();
    let mut v = Validator::new();
    if body.grades.is_empty() || body.grades.len() > 20 {
        v.push("grades", "out_of_range", "評価区分は1〜20個で指定してください。");
    }
    let mut grades = Vec::new();
    for (i, g) in body.grades.iter().enumerate() {
        let code = g.code.trim();
        if !(1..=3).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            v.push(&format!("grades[{i}].code"), "invalid", "記号は英大文字・数字1〜3文字で入力してください。");
        }
        if body.grades[..i].iter().any(|o| o.code.trim() == code) {
            v.push(&format!("grades[{i}].code"), "duplicate", "同じ記号が重複しています。");
        }
        let label = v.text(&format!("grades[{i}].label"), &g.label, 50);
        grades.push(EvaluationGrade { code: code.to_owned(), label: label.to_owned() });
    }
    v.finish()?;
    let plan_id = plan_id.into_inner();
    let mut conn = state.write_conn(&auth).await?;
    Plan::find(&mut conn, plan_id).await?;
    Ok(web::Json(EvaluationGrade::replace(&mut conn, plan_id, &grades).await?))
}
