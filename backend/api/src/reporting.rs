//! The rules of the reporting cycle: who may change a report, in which state of the report and of
//! its period. Pure functions over the locked report and period, so the rules are tested without a
//! database and applied inside the write's transaction.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use shinko_db::enums::{PeriodState, ReportState};
use shinko_db::periods::ReportingPeriod;
use shinko_db::reports::{Report, ReportChange, ReportContent};

use crate::error::ApiError;

/// Who is writing: the secretariat (admin) or a department's editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    Admin,
    Editor,
}

/// What the writer asks for.
#[derive(Debug, Clone)]
pub enum Action {
    /// Save the editable fields (also autosave).
    Save(ReportContent),
    /// Replace the text with last period's approved text.
    CopyPrevious {
        previous: Option<ReportContent>,
    },
    /// Take over last period's report unchanged (text, status, evaluation, direction).
    NoChange {
        previous: Option<ReportContent>,
    },
    Submit,
    /// Send back to the department with a comment (差戻し).
    Return {
        comment: String,
    },
    Approve,
    /// Take an approved report back to draft so it can be corrected.
    Reopen,
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Self::Save(_) => "save",
            Self::CopyPrevious { .. } => "copy_previous",
            Self::NoChange { .. } => "no_change",
            Self::Submit => "submit",
            Self::Return { .. } => "return",
            Self::Approve => "approve",
            Self::Reopen => "reopen",
        }
    }

    fn label_ja(&self) -> &'static str {
        match self {
            Self::Save(_) | Self::CopyPrevious { .. } | Self::NoChange { .. } => "編集",
            Self::Submit => "提出",
            Self::Return { .. } => "差戻し",
            Self::Approve => "承認",
            Self::Reopen => "承認の取消し",
        }
    }
}

/// Why the rules refused a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    AdminOnly,
    PeriodNotOpenYet,
    PeriodClosed,
    PeriodPublished,
    WrongState { state: ReportState, action: &'static str },
    CommentRequired,
    NoPreviousReport,
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::AdminOnly => ApiError::Forbidden,
            Refusal::PeriodNotOpenYet => ApiError::Conflict("この報告期間はまだ受付を開始していません。".into()),
            Refusal::PeriodClosed => ApiError::Conflict(
                "この報告期間は締め切られました。変更が必要な場合は事務局（健康課）に連絡してください。".into(),
            ),
            Refusal::PeriodPublished => ApiError::Conflict("公表済みの報告期間の報告は変更できません。".into()),
            Refusal::WrongState { state, action } => {
                ApiError::Conflict(format!("「{}」の報告は{}できません。", state.label_ja(), action))
            }
            Refusal::CommentRequired => {
                ApiError::field("comment", "required", "差戻しの理由（コメント）を入力してください。")
            }
            Refusal::NoPreviousReport => {
                ApiError::Conflict("前の報告期間に承認済みの報告がないため、引き継げません。".into())
            }
        }
    }
}

/// Today's date in Japan, where the deadline is a calendar day.
pub fn today_in_japan(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&FixedOffset::east_opt(9 * 3600).expect("JST is a valid offset")).date_naive()
}

/// Decides the change `action` makes to `report`, or why it may not.
pub fn decide(
    writer: Writer,
    action: Action,
    report: &Report,
    period: &ReportingPeriod,
    now: DateTime<Utc>,
) -> Result<ReportChange, Refusal> {
    match period.state {
        PeriodState::Preparing => return Err(Refusal::PeriodNotOpenYet),
        PeriodState::Published => return Err(Refusal::PeriodPublished),
        PeriodState::Closed if writer == Writer::Editor => return Err(Refusal::PeriodClosed),
        PeriodState::Open | PeriodState::Closed => {}
    }
    let wrong_state = |action: &Action| Refusal::WrongState { state: report.state, action: action.label_ja() };
    let mut change = ReportChange::keep(report, action.name());
    let editable = match writer {
        Writer::Editor => matches!(report.state, ReportState::Draft | ReportState::Returned),
        // The secretariat may also correct a submitted report before approving it.
        Writer::Admin => matches!(report.state, ReportState::Draft | ReportState::Returned | ReportState::Submitted),
    };
    match &action {
        Action::Save(content) => {
            if !editable {
                return Err(wrong_state(&action));
            }
            change.content = content.clone();
        }
        Action::CopyPrevious { previous } => {
            if !editable {
                return Err(wrong_state(&action));
            }
            change.content.progress = previous.as_ref().ok_or(Refusal::NoPreviousReport)?.progress.clone();
        }
        Action::NoChange { previous } => {
            if !editable {
                return Err(wrong_state(&action));
            }
            let previous = previous.as_ref().ok_or(Refusal::NoPreviousReport)?;
            change.content = ReportContent { remarks: change.content.remarks.clone(), ..previous.clone() };
        }
        Action::Submit => {
            if !matches!(report.state, ReportState::Draft | ReportState::Returned) {
                return Err(wrong_state(&action));
            }
            change.state = ReportState::Submitted;
            change.submitted_at = Some(now);
            change.submitted_late = today_in_japan(now) > period.deadline;
        }
        Action::Return { comment } => {
            if writer != Writer::Admin {
                return Err(Refusal::AdminOnly);
            }
            if comment.trim().is_empty() {
                return Err(Refusal::CommentRequired);
            }
            if report.state != ReportState::Submitted {
                return Err(wrong_state(&action));
            }
            change.state = ReportState::Returned;
            change.return_comment = Some(comment.trim().to_owned());
        }
        Action::Approve => {
            if writer != Writer::Admin {
                return Err(Refusal::AdminOnly);
            }
            if report.state != ReportState::Submitted {
                return Err(wrong_state(&action));
            }
            change.state = ReportState::Approved;
            change.approved_at = Some(now);
        }
        Action::Reopen => {
            if writer != Writer::Admin {
                return Err(Refusal::AdminOnly);
            }
            if report.state != ReportState::Approved {
                return Err(wrong_state(&action));
            }
            change.state = ReportState::Draft;
            change.approved_at = None;
        }
    }
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use shinko_db::enums::PeriodKind;

    fn period(state: PeriodState) -> ReportingPeriod {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        ReportingPeriod {
            id: 1,
            plan_id: 1,
            fiscal_year: 2025,
            kind: PeriodKind::FullYear,
            as_of: d(2026, 3, 31),
            label: "令和7年度 3月末".into(),
            opens_on: d(2026, 3, 1),
            deadline: d(2026, 4, 15),
            state,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn report(state: ReportState) -> Report {
        Report {
            id: 1,
            plan_id: 1,
            period_id: 1,
            initiative_id: 1,
            state,
            progress: "前の文".into(),
            implementation_status: None,
            evaluation: None,
            future_direction: None,
            remarks: String::new(),
            return_comment: None,
            version: 3,
            submitted_at: None,
            submitted_late: false,
            approved_at: None,
            updated_by: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    /// 2026-04-15 23:30 in Japan is still the deadline day, although it is the 15th 14:30 UTC.
    fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        FixedOffset::east_opt(9 * 3600).unwrap().with_ymd_and_hms(y, m, d, h, min, 0).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn an_editor_saves_drafts_and_returned_reports_of_an_open_period() {
        let content = ReportContent { progress: "新しい文".into(), ..Default::default() };
        for state in [ReportState::Draft, ReportState::Returned] {
            let c = decide(
                Writer::Editor,
                Action::Save(content.clone()),
                &report(state),
                &period(PeriodState::Open),
                Utc::now(),
            )
            .unwrap();
            assert_eq!(c.content.progress, "新しい文");
            assert_eq!(c.state, state);
        }
        for state in [ReportState::Submitted, ReportState::Approved] {
            let r = decide(
                Writer::Editor,
                Action::Save(content.clone()),
                &report(state),
                &period(PeriodState::Open),
                Utc::now(),
            );
            assert!(matches!(r, Err(Refusal::WrongState { .. })), "{state:?}");
        }
    }

    #[test]
    fn after_closing_only_admins_change_reports_and_nobody_after_publishing() {
        let save = || Action::Save(ReportContent::default());
        assert_eq!(
            decide(Writer::Editor, save(), &report(ReportState::Draft), &period(PeriodState::Closed), Utc::now())
                .unwrap_err(),
            Refusal::PeriodClosed
        );
        assert!(decide(Writer::Admin, save(), &report(ReportState::Draft), &period(PeriodState::Closed), Utc::now())
            .is_ok());
        assert_eq!(
            decide(Writer::Admin, save(), &report(ReportState::Draft), &period(PeriodState::Published), Utc::now())
                .unwrap_err(),
            Refusal::PeriodPublished
        );
        assert_eq!(
            decide(Writer::Editor, save(), &report(ReportState::Draft), &period(PeriodState::Preparing), Utc::now())
                .unwrap_err(),
            Refusal::PeriodNotOpenYet
        );
    }

    #[test]
    fn a_submission_after_the_deadline_day_in_japan_is_late() {
        let on_time = decide(
            Writer::Editor,
            Action::Submit,
            &report(ReportState::Draft),
            &period(PeriodState::Open),
            jst(2026, 4, 15, 23, 30),
        )
        .unwrap();
        assert_eq!(on_time.state, ReportState::Submitted);
        assert!(!on_time.submitted_late);
        let late = decide(
            Writer::Editor,
            Action::Submit,
            &report(ReportState::Returned),
            &period(PeriodState::Open),
            jst(2026, 4, 16, 0, 10),
        )
        .unwrap();
        assert!(late.submitted_late);
    }

    #[test]
    fn returning_needs_an_admin_a_comment_and_a_submitted_report() {
        let ret = |c: &str| Action::Return { comment: c.into() };
        let open = period(PeriodState::Open);
        assert_eq!(
            decide(Writer::Editor, ret("直して"), &report(ReportState::Submitted), &open, Utc::now()).unwrap_err(),
            Refusal::AdminOnly
        );
        assert_eq!(
            decide(Writer::Admin, ret("  "), &report(ReportState::Submitted), &open, Utc::now()).unwrap_err(),
            Refusal::CommentRequired
        );
        assert!(matches!(
            decide(Writer::Admin, ret("直して"), &report(ReportState::Draft), &open, Utc::now()),
            Err(Refusal::WrongState { .. })
        ));
        let c =
            decide(Writer::Admin, ret(" 件数を追記してください "), &report(ReportState::Submitted), &open, Utc::now())
                .unwrap();
        assert_eq!((c.state, c.return_comment.as_deref()), (ReportState::Returned, Some("件数を追記してください")));
    }

    #[test]
    fn approving_and_reopening_are_for_admins() {
        let open = period(PeriodState::Open);
        assert_eq!(
            decide(Writer::Editor, Action::Approve, &report(ReportState::Submitted), &open, Utc::now()).unwrap_err(),
            Refusal::AdminOnly
        );
        let approved =
            decide(Writer::Admin, Action::Approve, &report(ReportState::Submitted), &open, Utc::now()).unwrap();
        assert_eq!(approved.state, ReportState::Approved);
        assert_eq!(
            decide(Writer::Editor, Action::Reopen, &report(ReportState::Approved), &open, Utc::now()).unwrap_err(),
            Refusal::AdminOnly
        );
        let reopened =
            decide(Writer::Admin, Action::Reopen, &report(ReportState::Approved), &open, Utc::now()).unwrap();
        assert_eq!((reopened.state, reopened.approved_at), (ReportState::Draft, None));
    }

    #[test]
    fn carrying_forward_needs_a_previous_report() {
        let open = period(PeriodState::Open);
        let previous =
            ReportContent { progress: "前期の文".into(), evaluation: Some("A".into()), ..Default::default() };
        let copied = decide(
            Writer::Editor,
            Action::CopyPrevious { previous: Some(previous.clone()) },
            &report(ReportState::Draft),
            &open,
            Utc::now(),
        )
        .unwrap();
        assert_eq!(copied.content.progress, "前期の文");
        assert_eq!(copied.content.evaluation, None, "copying takes the text only");
        let same = decide(
            Writer::Editor,
            Action::NoChange { previous: Some(previous) },
            &report(ReportState::Draft),
            &open,
            Utc::now(),
        )
        .unwrap();
        assert_eq!((same.content.progress.as_str(), same.content.evaluation.as_deref()), ("前期の文", Some("A")));
        assert_eq!(
            decide(
                Writer::Editor,
                Action::CopyPrevious { previous: None },
                &report(ReportState::Draft),
                &open,
                Utc::now()
            )
            .unwrap_err(),
            Refusal::NoPreviousReport
        );
    }
}
