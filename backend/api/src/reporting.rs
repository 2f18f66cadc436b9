//! The rules of the reporting cycle: who may change a report, in which state of the report and of
//! its period. Pure functions over the locked report and period, so the rules are tested without a
//! database and applied inside the write's transaction.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use shinko_db::enums::{PeriodState, ReportState};
use shinko_db::periods::ReportingPeriod;
use shinko_db::reports::{Report, ReportChange, ReportContent, ReportView};

use serde::Serialize;
use utoipa::ToSchema;

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
    /// Which of the workflow's actions this is.
    pub fn kind(&self) -> ActionKind {
        match self {
            Self::Save(_) => ActionKind::Save,
            Self::CopyPrevious { .. } => ActionKind::CopyPrevious,
            Self::NoChange { .. } => ActionKind::NoChange,
            Self::Submit => ActionKind::Submit,
            Self::Return { .. } => ActionKind::Return,
            Self::Approve => ActionKind::Approve,
            Self::Reopen => ActionKind::Reopen,
        }
    }
}

/// The actions of the reporting workflow, as the API names them: each is one endpoint of
/// `/reports/{id}` (`save` is `PUT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// 保存 (also autosave).
    Save,
    /// 前期の内容をコピー.
    CopyPrevious,
    /// 前期から変更なし.
    NoChange,
    /// 提出.
    Submit,
    /// 差戻し.
    Return,
    /// 承認.
    Approve,
    /// 承認の取消し.
    Reopen,
}

impl ActionKind {
    pub const ALL: [Self; 7] =
        [Self::Save, Self::CopyPrevious, Self::NoChange, Self::Submit, Self::Return, Self::Approve, Self::Reopen];

    /// The name the history records for a version written by this action.
    fn name(self) -> &'static str {
        match self {
            Self::Save => "save",
            Self::CopyPrevious => "copy_previous",
            Self::NoChange => "no_change",
            Self::Submit => "submit",
            Self::Return => "return",
            Self::Approve => "approve",
            Self::Reopen => "reopen",
        }
    }

    fn label_ja(self) -> &'static str {
        match self {
            Self::Save | Self::CopyPrevious | Self::NoChange => "編集",
            Self::Submit => "提出",
            Self::Return => "差戻し",
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

/// Whether `writer` may do `kind` to a report in `report` state while its period is in
/// `period` state. The one statement of the rules: [`decide`] applies it before any change, and
/// [`allowed_actions`] tells clients what it permits.
pub fn permitted(writer: Writer, kind: ActionKind, report: ReportState, period: PeriodState) -> Result<(), Refusal> {
    match period {
        PeriodState::Preparing => return Err(Refusal::PeriodNotOpenYet),
        PeriodState::Published => return Err(Refusal::PeriodPublished),
        PeriodState::Closed if writer == Writer::Editor => return Err(Refusal::PeriodClosed),
        PeriodState::Open | PeriodState::Closed => {}
    }
    let allowed_states: &[ReportState] = match (kind, writer) {
        (ActionKind::Save | ActionKind::CopyPrevious | ActionKind::NoChange, Writer::Editor) => {
            &[ReportState::Draft, ReportState::Returned]
        }
        // The secretariat may also correct a submitted report before approving it.
        (ActionKind::Save | ActionKind::CopyPrevious | ActionKind::NoChange, Writer::Admin) => {
            &[ReportState::Draft, ReportState::Returned, ReportState::Submitted]
        }
        (ActionKind::Submit, _) => &[ReportState::Draft, ReportState::Returned],
        (ActionKind::Return | ActionKind::Approve | ActionKind::Reopen, Writer::Editor) => {
            return Err(Refusal::AdminOnly)
        }
        (ActionKind::Return | ActionKind::Approve, Writer::Admin) => &[ReportState::Submitted],
        (ActionKind::Reopen, Writer::Admin) => &[ReportState::Approved],
    };
    if allowed_states.contains(&report) {
        Ok(())
    } else {
        Err(Refusal::WrongState { state: report, action: kind.label_ja() })
    }
}

/// What `writer` (None: someone who may not write this report at all) may do now to a report in
/// `report` state of a period in `period` state; taking over last period's text needs
/// `has_previous`.
pub fn allowed_actions(
    writer: Option<Writer>,
    report: ReportState,
    period: PeriodState,
    has_previous: bool,
) -> Vec<ActionKind> {
    let Some(writer) = writer else { return Vec::new() };
    ActionKind::ALL
        .into_iter()
        .filter(|kind| has_previous || !matches!(kind, ActionKind::CopyPrevious | ActionKind::NoChange))
        .filter(|kind| permitted(writer, *kind, report, period).is_ok())
        .collect()
}

/// Who is looking at a report, as far as the workflow is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// May write it (an admin, or an editor of a department that owns the row).
    Writer(Writer),
    /// A viewer or another system's API token.
    Reader,
    /// An editor of a department that does not own the row.
    OtherDepartment,
    /// An admin who must enrol a second factor before acting as admin.
    AdminWithoutMfa,
}

/// Why a caller may not edit a report's text now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadOnlyReason {
    /// 閲覧者 or an API token: reading only.
    Viewer,
    /// The row belongs to other departments.
    NotOwner,
    /// An admin without the required second factor.
    MfaEnrolmentRequired,
    /// The period is 準備中.
    PeriodPreparing,
    /// The period is 締切 (editors only; admins still write).
    PeriodClosed,
    /// The period is 公表.
    PeriodPublished,
    /// The report is 提出済 (editors wait for the secretariat).
    Submitted,
    /// The report is 承認済.
    Approved,
}

/// What `caller` may do now to a report in `report` state of a period in `period` state, and
/// why they may not edit its text if so. Clients show exactly this instead of re-implementing
/// the rules.
pub fn access(
    caller: Caller,
    report: ReportState,
    period: PeriodState,
    has_previous: bool,
) -> (Vec<ActionKind>, Option<ReadOnlyReason>) {
    let writer = match caller {
        Caller::Writer(writer) => writer,
        Caller::Reader => return (Vec::new(), Some(ReadOnlyReason::Viewer)),
        Caller::OtherDepartment => return (Vec::new(), Some(ReadOnlyReason::NotOwner)),
        Caller::AdminWithoutMfa => return (Vec::new(), Some(ReadOnlyReason::MfaEnrolmentRequired)),
    };
    let actions = allowed_actions(Some(writer), report, period, has_previous);
    let reason = match permitted(writer, ActionKind::Save, report, period) {
        Ok(()) => None,
        Err(Refusal::PeriodNotOpenYet) => Some(ReadOnlyReason::PeriodPreparing),
        Err(Refusal::PeriodClosed) => Some(ReadOnlyReason::PeriodClosed),
        Err(Refusal::PeriodPublished) => Some(ReadOnlyReason::PeriodPublished),
        Err(Refusal::WrongState { state: ReportState::Submitted, .. }) => Some(ReadOnlyReason::Submitted),
        Err(_) => Some(ReadOnlyReason::Approved),
    };
    (actions, reason)
}

/// A report as its caller sees it: the report, and what the caller may do with it now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportDetail {
    #[serde(flatten)]
    pub report: ReportView,
    /// What the caller may do with the report now, by the workflow's rules for their role and
    /// department, the report's state and the period's state: `save` is `PUT /reports/{id}`, the
    /// others `POST /reports/{id}/<action>` (`copy-previous`, `no-change`, `submit`, `return`,
    /// `approve`, `reopen`). Empty for viewers, API tokens and other departments' editors.
    pub allowed_actions: Vec<ActionKind>,
    /// Why the caller may not edit the text now, when `save` is not among `allowed_actions`.
    pub read_only_reason: Option<ReadOnlyReason>,
}

/// Decides the change `action` makes to `report`, or why it may not.
pub fn decide(
    writer: Writer,
    action: Action,
    report: &Report,
    period: &ReportingPeriod,
    now: DateTime<Utc>,
) -> Result<ReportChange, Refusal> {
    let kind = action.kind();
    if let Action::Return { comment } = &action {
        if writer == Writer::Admin && comment.trim().is_empty() {
            return Err(Refusal::CommentRequired);
        }
    }
    permitted(writer, kind, report.state, period.state)?;
    let mut change = ReportChange::keep(report, kind.name());
    match action {
        Action::Save(content) => change.content = content,
        Action::CopyPrevious { previous } => {
            change.content.progress = previous.ok_or(Refusal::NoPreviousReport)?.progress;
        }
        Action::NoChange { previous } => {
            let previous = previous.ok_or(Refusal::NoPreviousReport)?;
            change.content = ReportContent { remarks: change.content.remarks.clone(), ..previous };
        }
        Action::Submit => {
            change.state = ReportState::Submitted;
            change.submitted_at = Some(now);
            change.submitted_late = today_in_japan(now) > period.deadline;
        }
        Action::Return { comment } => {
            change.state = ReportState::Returned;
            change.return_comment = Some(comment.trim().to_owned());
        }
        Action::Approve => {
            change.state = ReportState::Approved;
            change.approved_at = Some(now);
        }
        Action::Reopen => {
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

    #[test]
    fn the_allowed_actions_are_exactly_what_decide_accepts() {
        let previous = Some(ReportContent { progress: "前期の文".into(), ..Default::default() });
        let action = |kind: ActionKind| match kind {
            ActionKind::Save => Action::Save(ReportContent::default()),
            ActionKind::CopyPrevious => Action::CopyPrevious { previous: previous.clone() },
            ActionKind::NoChange => Action::NoChange { previous: previous.clone() },
            ActionKind::Submit => Action::Submit,
            ActionKind::Return => Action::Return { comment: "直して".into() },
            ActionKind::Approve => Action::Approve,
            ActionKind::Reopen => Action::Reopen,
        };
        let periods = [PeriodState::Preparing, PeriodState::Open, PeriodState::Closed, PeriodState::Published];
        let reports = [ReportState::Draft, ReportState::Submitted, ReportState::Returned, ReportState::Approved];
        for writer in [Writer::Admin, Writer::Editor] {
            for p in periods {
                for r in reports {
                    let allowed = allowed_actions(Some(writer), r, p, true);
                    for kind in ActionKind::ALL {
                        let accepted = decide(writer, action(kind), &report(r), &period(p), Utc::now()).is_ok();
                        assert_eq!(allowed.contains(&kind), accepted, "{writer:?} {kind:?} on {r:?} in {p:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn without_a_previous_report_nothing_can_be_taken_over_and_readers_do_nothing() {
        let open = PeriodState::Open;
        assert_eq!(
            allowed_actions(Some(Writer::Editor), ReportState::Draft, open, false),
            [ActionKind::Save, ActionKind::Submit]
        );
        assert_eq!(allowed_actions(Some(Writer::Admin), ReportState::Submitted, open, false).len(), 3);
        assert!(allowed_actions(None, ReportState::Draft, open, true).is_empty());
    }

    #[test]
    fn readers_are_told_why_they_cannot_edit() {
        let open = PeriodState::Open;
        assert_eq!(access(Caller::Reader, ReportState::Draft, open, true), (vec![], Some(ReadOnlyReason::Viewer)));
        assert_eq!(access(Caller::OtherDepartment, ReportState::Draft, open, true).1, Some(ReadOnlyReason::NotOwner));
        let editor = Caller::Writer(Writer::Editor);
        assert_eq!(access(editor, ReportState::Submitted, open, true), (vec![], Some(ReadOnlyReason::Submitted)));
        assert_eq!(access(editor, ReportState::Draft, PeriodState::Closed, true).1, Some(ReadOnlyReason::PeriodClosed));
        let admin = Caller::Writer(Writer::Admin);
        assert_eq!(
            access(admin, ReportState::Approved, PeriodState::Closed, true),
            (vec![ActionKind::Reopen], Some(ReadOnlyReason::Approved))
        );
        assert_eq!(access(admin, ReportState::Submitted, PeriodState::Closed, false).1, None);
    }
}
