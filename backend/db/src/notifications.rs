//! In-app notifications: a report was returned or approved, a deadline is near, the secretariat
//! sent a reminder. Each belongs to one user, who reads and marks only their own.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::{Deserialize, Serialize};

use crate::pagination::{PageRequest, Paged};
use crate::schema::notifications;

/// Why a notification was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// 差戻し: the secretariat returned a report of the user's department.
    ReportReturned,
    /// 承認: the secretariat approved a report of the user's department.
    ReportApproved,
    /// 締切間近: the deadline is near and the department has unsubmitted reports.
    DeadlineNear,
    /// 督促: the secretariat asked for the missing reports.
    Reminder,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReportReturned => "report_returned",
            Self::ReportApproved => "report_approved",
            Self::DeadlineNear => "deadline_near",
            Self::Reminder => "reminder",
        }
    }

    /// What the kind is called in the app and in mail subjects.
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::ReportReturned => "報告の差戻し",
            Self::ReportApproved => "報告の承認",
            Self::DeadlineNear => "締切が近づいています",
            Self::Reminder => "報告の督促",
        }
    }
}

impl TryFrom<String> for NotificationKind {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        [Self::ReportReturned, Self::ReportApproved, Self::DeadlineNear, Self::Reminder]
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown notification kind {s:?}"))
    }
}

/// A notification of one user.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = notifications)]
pub struct Notification {
    /// Stable id.
    pub id: i64,
    /// The user it is for.
    pub user_id: i64,
    /// report_returned, report_approved, deadline_near or reminder.
    #[diesel(deserialize_as = String)]
    pub kind: NotificationKind,
    /// The text shown to the user (Japanese).
    pub message: String,
    /// The report concerned, for report_returned and report_approved.
    pub report_id: Option<i64>,
    /// The reporting period concerned.
    pub period_id: Option<i64>,
    /// When the user marked it read; null while unread.
    pub read_at: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// A notification to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    pub user_id: i64,
    pub kind: NotificationKind,
    pub message: String,
    pub report_id: Option<i64>,
    pub period_id: Option<i64>,
}

impl Notification {
    /// A user's notifications, newest first.
    pub async fn list_for_user(
        conn: &mut AsyncPgConnection,
        user_id: i64,
        unread_only: bool,
        page: PageRequest,
    ) -> QueryResult<Paged<Self>> {
        let base = || {
            let mut q = notifications::table.filter(notifications::user_id.eq(user_id)).into_boxed();
            if unread_only {
                q = q.filter(notifications::read_at.is_null());
            }
            q
        };
        let total = base().count().get_result(conn).await?;
        let items = base()
            .order((notifications::created_at.desc(), notifications::id.desc()))
            .limit(page.per_page)
            .offset(page.offset())
            .select(Self::as_select())
            .load(conn)
            .await?;
        Ok(Paged::new(items, total, page))
    }

    pub async fn unread_count(conn: &mut AsyncPgConnection, user_id: i64) -> QueryResult<i64> {
        notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null())
            .count()
            .get_result(conn)
            .await
    }

    /// Marks one of the user's notifications read (keeping the first time it was read). Another
    /// user's notification is not found.
    pub async fn mark_read(conn: &mut AsyncPgConnection, user_id: i64, id: i64) -> QueryResult<Self> {
        diesel::update(notifications::table.filter(notifications::id.eq(id)).filter(notifications::user_id.eq(user_id)))
            .set(notifications::read_at.eq(diesel::dsl::sql::<
                diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>,
            >("coalesce(read_at, now())")))
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    /// Marks every unread notification of the user read; returns how many.
    pub async fn mark_all_read(conn: &mut AsyncPgConnection, user_id: i64) -> QueryResult<usize> {
        diesel::update(
            notifications::table.filter(notifications::user_id.eq(user_id)).filter(notifications::read_at.is_null()),
        )
        .set(notifications::read_at.eq(Utc::now()))
        .execute(conn)
        .await
    }

    /// Creates the notifications and returns those created. A 締切間近 notification a user already
    /// has for the period is skipped (the unique index `notifications_deadline_once`), so the
    /// deadline check can run any number of times.
    pub async fn create_many(conn: &mut AsyncPgConnection, new: &[NewNotification]) -> QueryResult<Vec<Self>> {
        if new.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<_> = new
            .iter()
            .map(|n| {
                (
                    notifications::user_id.eq(n.user_id),
                    notifications::kind.eq(n.kind.as_str()),
                    notifications::message.eq(&n.message),
                    notifications::report_id.eq(n.report_id),
                    notifications::period_id.eq(n.period_id),
                )
            })
            .collect();
        diesel::insert_into(notifications::table)
            .values(rows)
            .on_conflict_do_nothing()
            .returning(Self::as_returning())
            .get_results(conn)
            .await
    }
}
