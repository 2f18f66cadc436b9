//! `/periods/{id}/dashboard` and `/periods/{id}/reminders`: how far a period's reports are, who is
//! late, which rows each department still owes, and the secretariat's reminder (督促).

use actix_web::{get, post, web};
use chrono::{NaiveDate, Utc};
use diesel_async::AsyncConnection;
use serde::Serialize;
use shinko_db::enums::{PeriodState, UserRole};
use shinko_db::periods::ReportingPeriod;
use shinko_db::progress::{outstanding_by_department, DepartmentOutstanding, PeriodDashboard};
use utoipa::ToSchema;

use crate::auth::{AuthUser, Reader};
use crate::error::{ApiError, Problem};
use crate::mail::Mailer;
use crate::notify::send_reminders;
use crate::reporting::today_in_japan;
use crate::state::AppState;

/// The rows departments still owe in a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct Reminders {
    /// The period.
    pub period_id: i64,
    /// Its label, e.g. 令和7年度 3月末.
    pub period_label: String,
    /// 締切日.
    pub deadline: NaiveDate,
    /// Today in Japan.
    pub today: NaiveDate,
    /// Days until the deadline (0 on the deadline day, negative after it).
    pub days_left: i64,
    /// Departments with rows not yet submitted or approved (下書き or 差戻し), each with those rows
    /// in table order; departments that owe nothing are left out.
    pub departments: Vec<DepartmentOutstanding>,
}

/// What a reminder reached.
#[derive(Debug, Serialize, ToSchema)]
pub struct RemindersSent {
    /// Departments with unsubmitted rows.
    pub departments: usize,
    /// Active users of those departments who got an in-app notification.
    pub users: usize,
    /// Mails handed to the SMTP relay (0 when no relay is configured or nobody has an address).
    pub emails: usize,
}

/// The secretariat's dashboard of a period: totals and completion, progress per department (who
/// is late after the deadline), and per measure the rows by 実施状況 and by self-evaluation.
///
/// Who may call: any signed-in user; API tokens may read.
#[utoipa::path(operation_id = "get_period_dashboard", tag = "progress", params(("id" = i64, Path, description = "Period id")), responses((status = 200, description = "The dashboard", body = PeriodDashboard)), security(("bearer" = [])))]
#[get("/periods/{id}/dashboard")]
pub async fn dashboard(
    reader: Reader,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<PeriodDashboard>, ApiError> {
    let mut conn = state.conn().await?;
    let period = ReportingPeriod::find(&mut conn, id.into_inner()).await?;
    reader.check_plan(period.plan_id)?;
    Ok(web::Json(PeriodDashboard::load(&mut conn, period, today_in_japan(Utc::now())).await?))
}

/// The rows each department has not yet submitted (下書き or 差戻し), with the deadline and the
/// days left.
///
/// Who may call: admins (every department) and editors (their own department only); not viewers.
#[utoipa::path(operation_id = "list_period_reminders", tag = "progress", params(("id" = i64, Path, description = "Period id")), responses((status = 200, description = "The unsubmitted rows per department", body = Reminders)), security(("bearer" = [])))]
#[get("/periods/{id}/reminders")]
pub async fn reminders(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Reminders>, ApiError> {
    let department = match (auth.user.role, auth.user.department_id) {
        (UserRole::Admin, _) => None,
        (UserRole::Editor, Some(d)) => Some(d),
        _ => return Err(ApiError::Forbidden),
    };
    let mut conn = state.conn().await?;
    let period = ReportingPeriod::find(&mut conn, id.into_inner()).await?;
    let departments = outstanding_by_department(&mut conn, period.id, department).await?;
    let today = today_in_japan(Utc::now());
    Ok(web::Json(Reminders {
        period_id: period.id,
        period_label: period.label,
        deadline: period.deadline,
        today,
        days_left: (period.deadline - today).num_days(),
        departments,
    }))
}

/// Send a reminder (督促) now: every active user of each department with unsubmitted rows gets an
/// in-app notification saying how many rows the department owes, and a mail when the server has an
/// SMTP relay and the user an address.
///
/// Who may call: admins, while the period is 受付中 (409 otherwise).
#[utoipa::path(operation_id = "send_period_reminders", tag = "progress", params(("id" = i64, Path, description = "Period id")), responses((status = 200, description = "Who was reminded", body = RemindersSent), (status = 409, description = "The period is not 受付中", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[post("/periods/{id}/reminders")]
pub async fn send(
    auth: AuthUser,
    state: web::Data<AppState>,
    mailer: web::Data<Mailer>,
    id: web::Path<i64>,
) -> Result<web::Json<RemindersSent>, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let today = today_in_japan(Utc::now());
    let mut conn = state.write_conn(&auth).await?;
    let round = conn
        .transaction(async |conn| {
            let period = ReportingPeriod::find_for_update(conn, id).await?;
            if period.state != PeriodState::Open {
                return Err(ApiError::Conflict(format!(
                    "督促できるのは受付中の報告期間だけです（この期間は「{}」です）。",
                    period.state.label_ja()
                )));
            }
            Ok(send_reminders(conn, &period, today).await?)
        })
        .await?;
    let emails = if mailer.is_enabled() { round.mails.len() } else { 0 };
    mailer.send_later(round.mails);
    Ok(web::Json(RemindersSent { departments: round.departments, users: round.users, emails }))
}
