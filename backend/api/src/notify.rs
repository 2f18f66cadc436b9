//! Who is told what, and when: the notifications of the reporting cycle and their mail copies.
//!
//! - 差戻し / 承認: every active user of the row's owning departments (both, for a co-owned row),
//!   except the secretariat member who made the decision; created in the transaction of the decision.
//! - 督促 (reminder): sent by an admin to the users of every department with unsubmitted rows.
//! - 締切間近 (deadline_near): the background check of `shinko serve` ([`spawn_deadline_checks`])
//!   tells the users of departments with unsubmitted rows, once per user and period, when an open
//!   period's deadline is a few days away. [`check_deadlines`] is the check itself.
//!
//! Functions that create notifications return the mails to send; the caller hands them to the
//! [`Mailer`] after the commit.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use diesel::QueryResult;
use shinko_db::notifications::{NewNotification, Notification, NotificationKind};
use shinko_db::periods::{reiwa_year, ReportingPeriod};
use shinko_db::progress::{open_periods_due, outstanding_by_department, RowSummary};
use shinko_db::reports::Report;
use shinko_db::users::User;
use shinko_db::{AsyncPgConnection, DbPool};
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

use crate::mail::{Mail, Mailer};
use crate::reporting::today_in_japan;

/// A date as the city writes it: 令和8年4月15日 (western before 令和).
pub fn date_ja(date: NaiveDate) -> String {
    if date >= NaiveDate::from_ymd_opt(2019, 5, 1).expect("valid date") {
        format!("令和{}年{}月{}日", reiwa_year(date.year()), date.month(), date.day())
    } else {
        format!("{}年{}月{}日", date.year(), date.month(), date.day())
    }
}

/// あと3日 / 本日締切 / 2日超過.
fn days_left_ja(days_left: i64) -> String {
    match days_left {
        0 => "本日締切".to_owned(),
        n if n > 0 => format!("あと{n}日"),
        n => format!("{}日超過", -n),
    }
}

/// The mail copy of a notification.
fn mail_for(kind: NotificationKind, user: &User, message: &str) -> Option<Mail> {
    let to = user.email.clone()?;
    Some(Mail {
        user_id: user.id,
        to,
        to_name: user.display_name.clone(),
        subject: format!("【進行管理】{}", kind.label_ja()),
        body: format!(
            "{} 様\n\n{}\n\n詳しくは進行管理システムにログインしてご確認ください。\n\n※このメールは進行管理システムから自動で送信しています。返信はできません。\n",
            user.display_name, message
        ),
    })
}

/// The mails of the notifications that were created (users without an address get none).
fn mails_of(created: &[Notification], users: &[User]) -> Vec<Mail> {
    let by_id: HashMap<i64, &User> = users.iter().map(|u| (u.id, u)).collect();
    created.iter().filter_map(|n| mail_for(n.kind, by_id.get(&n.user_id)?, &n.message)).collect()
}

/// Tells the row's departments that the secretariat returned or approved `report` (already
/// written, in the same transaction). `actor_id`, who decided, is not told.
pub async fn report_decided(
    conn: &mut AsyncPgConnection,
    report: &Report,
    kind: NotificationKind,
    actor_id: i64,
) -> QueryResult<Vec<Mail>> {
    let row = RowSummary::find(conn, report.initiative_id).await?;
    let period = ReportingPeriod::find(conn, report.period_id).await?;
    let message = match kind {
        NotificationKind::ReportReturned => format!(
            "{}「{}」（{}）の報告が事務局から差し戻されました。修正して再提出してください。\nコメント: {}",
            period.label,
            row.name,
            row.measure_label,
            report.return_comment.as_deref().unwrap_or_default()
        ),
        NotificationKind::ReportApproved => {
            format!("{}「{}」（{}）の報告が承認されました。", period.label, row.name, row.measure_label)
        }
        NotificationKind::DeadlineNear | NotificationKind::Reminder => return Ok(Vec::new()),
    };
    let users: Vec<User> = User::active_in_departments(conn, &row.department_ids)
        .await?
        .into_iter()
        .filter(|u| u.id != actor_id)
        .collect();
    let new: Vec<NewNotification> = users
        .iter()
        .map(|u| NewNotification {
            user_id: u.id,
            kind,
            message: message.clone(),
            report_id: Some(report.id),
            period_id: Some(report.period_id),
        })
        .collect();
    let created = Notification::create_many(conn, &new).await?;
    Ok(mails_of(&created, &users))
}

/// What a reminder round reached.
#[derive(Debug, Clone, Default)]
pub struct ReminderRound {
    /// Departments with unsubmitted rows.
    pub departments: usize,
    /// Users notified.
    pub users: usize,
    /// The mails to send after the commit.
    pub mails: Vec<Mail>,
}

/// Creates notifications of `kind` (reminder or deadline_near) for every active user of the
/// departments with unsubmitted rows in `period`, saying how many rows each department owes.
async fn notify_outstanding(
    conn: &mut AsyncPgConnection,
    period: &ReportingPeriod,
    kind: NotificationKind,
    today: NaiveDate,
) -> QueryResult<ReminderRound> {
    let outstanding = outstanding_by_department(conn, period.id, None).await?;
    let owed: HashMap<i64, usize> = outstanding.iter().map(|d| (d.department.id, d.rows.len())).collect();
    let department_ids: Vec<i64> = owed.keys().copied().collect();
    let users = User::active_in_departments(conn, &department_ids).await?;
    let days_left = (period.deadline - today).num_days();
    let deadline = date_ja(period.deadline);
    let new: Vec<NewNotification> = users
        .iter()
        .filter_map(|u| {
            let count = *owed.get(&u.department_id?)?;
            let message = match kind {
                NotificationKind::Reminder => format!(
                    "【督促】{}の報告が{count}件未提出です。締切は{deadline}です（{}）。提出をお願いします。",
                    period.label,
                    days_left_ja(days_left)
                ),
                _ => format!(
                    "{}の報告の締切は{deadline}です（{}）。未提出の報告が{count}件あります。",
                    period.label,
                    days_left_ja(days_left)
                ),
            };
            Some(NewNotification { user_id: u.id, kind, message, report_id: None, period_id: Some(period.id) })
        })
        .collect();
    let created = Notification::create_many(conn, &new).await?;
    Ok(ReminderRound { departments: outstanding.len(), users: created.len(), mails: mails_of(&created, &users) })
}

/// The secretariat's reminder (督促) for `period`, now.
pub async fn send_reminders(
    conn: &mut AsyncPgConnection,
    period: &ReportingPeriod,
    today: NaiveDate,
) -> QueryResult<ReminderRound> {
    notify_outstanding(conn, period, NotificationKind::Reminder, today).await
}

/// The 締切間近 check: for every open period whose deadline is between today and `notice_days`
/// days ahead (in Japan), tells the users of departments with unsubmitted rows, once per user and
/// period. Safe to run any number of times. Returns how many notifications it created; their mails
/// are handed to `mailer` (the handles are returned so a caller may wait for them).
pub async fn check_deadlines(
    pool: &DbPool,
    mailer: &Mailer,
    now: DateTime<Utc>,
    notice_days: u32,
) -> anyhow::Result<(usize, Vec<JoinHandle<usize>>)> {
    let today = today_in_japan(now);
    let mut conn = pool.get().await?;
    let periods = open_periods_due(&mut conn, today, today + chrono::Days::new(notice_days.into())).await?;
    let mut created = 0;
    let mut sending = Vec::new();
    for period in periods {
        let round = notify_outstanding(&mut conn, &period, NotificationKind::DeadlineNear, today).await?;
        created += round.users;
        sending.extend(mailer.send_later(round.mails));
    }
    Ok((created, sending))
}

/// Runs [`check_deadlines`] every `every` (the first time right away) for as long as the server runs.
pub fn spawn_deadline_checks(pool: DbPool, mailer: Mailer, every: Duration, notice_days: u32) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            match check_deadlines(&pool, &mailer, Utc::now(), notice_days).await {
                Ok((0, _)) => tracing::debug!("deadline check: nothing to notify"),
                Ok((created, _)) => tracing::info!(created, "deadline check: 締切間近 notifications created"),
                Err(e) => tracing::warn!(error = %e, "deadline check failed; retrying at the next interval"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_the_japanese_calendar() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(date_ja(d(2026, 4, 15)), "令和8年4月15日");
        assert_eq!(date_ja(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(date_ja(d(2019, 4, 30)), "2019年4月30日");
    }

    #[test]
    fn the_days_left_read_naturally() {
        assert_eq!(days_left_ja(0), "本日締切");
        assert_eq!(days_left_ja(3), "あと3日");
        assert_eq!(days_left_ja(-2), "2日超過");
    }
}
