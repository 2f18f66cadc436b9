//! The rules of a reporting period's life cycle, 準備中 → 受付中 ⇄ 締切 → 公表 (→ 締切 again for a
//! correction): which change a period in a given state allows, when its dates may change, when a
//! new edition may be published, and what a new period's dates must be. Pure functions, so the
//! rules are tested without a database and applied inside the write's transaction, as
//! `reporting.rs` does for reports.

use chrono::NaiveDate;
use shinko_db::enums::{PeriodKind, PeriodState};
use shinko_db::periods::{kind_of, period_label, standard_as_of};

use crate::error::{ApiError, FieldError};
use crate::routes::common::Validator;

/// A change of a period's state, as the endpoints ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// 受付開始: every row gets an empty draft.
    Open,
    /// 締切: departments can no longer write.
    Close,
    /// 受付再開 of a closed period.
    Reopen,
    /// 公表: the table is frozen as the next edition.
    Publish,
    /// 訂正: a published period goes back to 締切; its editions stay.
    Correct,
}

impl Transition {
    /// The state it starts from and the state it leads to.
    pub fn from_to(self) -> (PeriodState, PeriodState) {
        match self {
            Self::Open => (PeriodState::Preparing, PeriodState::Open),
            Self::Close => (PeriodState::Open, PeriodState::Closed),
            Self::Reopen => (PeriodState::Closed, PeriodState::Open),
            Self::Publish => (PeriodState::Closed, PeriodState::Published),
            Self::Correct => (PeriodState::Published, PeriodState::Closed),
        }
    }
}

/// Why the rules refused a change of a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodRefusal {
    /// The period is not in the state the transition starts from.
    WrongState { state: PeriodState, transition: Transition },
    /// Publishing needs every report approved.
    UnapprovedReports(i64),
    /// A published period's dates are part of what was published.
    DatesOfPublished,
    /// Editions are published from 公表 periods only.
    EditionOfUnpublished(PeriodState),
}

impl From<PeriodRefusal> for ApiError {
    fn from(r: PeriodRefusal) -> Self {
        ApiError::Conflict(match r {
            PeriodRefusal::WrongState { state, transition: Transition::Correct } => {
                format!("「{}」の報告期間は訂正できません（「公表」の期間が対象です）。", state.label_ja())
            }
            PeriodRefusal::WrongState { state, transition } => format!(
                "「{}」の報告期間はこの操作ができません（「{}」の期間が対象です）。",
                state.label_ja(),
                transition.from_to().0.label_ja()
            ),
            PeriodRefusal::UnapprovedReports(n) => format!("承認されていない報告が{n}件あるため、公表できません。"),
            PeriodRefusal::DatesOfPublished => "公表済みの報告期間は変更できません。".into(),
            PeriodRefusal::EditionOfUnpublished(state) => {
                format!("「{}」の報告期間の版は作成できません。公表の操作で公表してください。", state.label_ja())
            }
        })
    }
}

/// The state `transition` leads a period in `state` to, or why it may not happen.
pub fn transition(state: PeriodState, transition: Transition) -> Result<PeriodState, PeriodRefusal> {
    let (from, to) = transition.from_to();
    if state == from {
        Ok(to)
    } else {
        Err(PeriodRefusal::WrongState { state, transition })
    }
}

/// Whether a closed period with `unapproved` reports not yet approved may be published.
pub fn publishable(unapproved: i64) -> Result<(), PeriodRefusal> {
    if unapproved > 0 {
        Err(PeriodRefusal::UnapprovedReports(unapproved))
    } else {
        Ok(())
    }
}

/// Whether the opening date and deadline of a period in `state` may change.
pub fn dates_changeable(state: PeriodState) -> Result<(), PeriodRefusal> {
    if state == PeriodState::Published {
        Err(PeriodRefusal::DatesOfPublished)
    } else {
        Ok(())
    }
}

/// Whether the current table of a period in `state` may be published as a new edition.
pub fn edition_allowed(state: PeriodState) -> Result<(), PeriodRefusal> {
    if state == PeriodState::Published {
        Ok(())
    } else {
        Err(PeriodRefusal::EditionOfUnpublished(state))
    }
}

/// Whether a part of the structure may be retired (廃止) from `retired_from` on: it must stay in
/// every period in which it (or a row under it) has a report, so those periods, their tables and
/// editions stay as they were.
pub fn retirement(retired_from: NaiveDate, last_reported_as_of: Option<NaiveDate>) -> Result<(), FieldError> {
    match last_reported_as_of {
        Some(last) if retired_from <= last => Err(FieldError::new(
            "retired_from",
            "has_reports",
            format!(
                "{}の報告期間までに報告があるため、それより後の日付から廃止してください（報告は削除されません）。",
                last.format("%Y年%-m月%-d日")
            ),
        )),
        _ => Ok(()),
    }
}

/// What a request for a new period asks for.
#[derive(Debug, Clone, Copy)]
pub struct PeriodRequest {
    pub fiscal_year: i32,
    pub kind: PeriodKind,
    pub as_of: Option<NaiveDate>,
    pub opens_on: NaiveDate,
    pub deadline: NaiveDate,
}

/// A new period's derived fields: its kind (a custom date on 9/30 or 3/31 is the standard kind),
/// its as-of date and its label (令和7年度 9月末).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPeriod {
    pub kind: PeriodKind,
    pub as_of: NaiveDate,
    pub label: String,
}

/// Checks a new period's year and dates; every wrong field is named at once.
pub fn new_period(request: &PeriodRequest) -> Result<NewPeriod, Vec<FieldError>> {
    let mut v = Validator::new();
    if !(2019..=2100).contains(&request.fiscal_year) {
        v.push("fiscal_year", "out_of_range", "年度は2019〜2100で指定してください。");
    }
    let as_of = match (request.kind, request.as_of) {
        (PeriodKind::Custom, Some(date)) => Some(date),
        (PeriodKind::Custom, None) => {
            v.push("as_of", "required", "任意の期間には基準日を指定してください。");
            None
        }
        (kind, given) => {
            let standard = standard_as_of(request.fiscal_year, kind);
            if given.is_some_and(|g| Some(g) != standard) {
                v.push("as_of", "invalid", "上半期は9月30日、年間は3月31日が基準日です。");
            }
            standard
        }
    };
    if request.deadline < request.opens_on {
        v.push("deadline", "invalid", "締切日は受付開始日以降にしてください。");
    }
    let errors = v.into_errors();
    match as_of {
        Some(as_of) if errors.is_empty() => {
            let kind =
                if request.kind == PeriodKind::Custom { kind_of(request.fiscal_year, as_of) } else { request.kind };
            Ok(NewPeriod { kind, as_of, label: period_label(request.fiscal_year, as_of) })
        }
        None if errors.is_empty() => Err(vec![FieldError::new("as_of", "required", "基準日を指定してください。")]),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_period_moves_only_along_its_life_cycle() {
        use PeriodState::*;
        assert_eq!(transition(Preparing, Transition::Open), Ok(Open));
        assert_eq!(transition(Open, Transition::Close), Ok(Closed));
        assert_eq!(transition(Closed, Transition::Reopen), Ok(Open));
        assert_eq!(transition(Closed, Transition::Publish), Ok(Published));
        assert_eq!(transition(Published, Transition::Correct), Ok(Closed));
        let every = [Transition::Open, Transition::Close, Transition::Reopen, Transition::Publish, Transition::Correct];
        for state in [Preparing, Open, Closed, Published] {
            for t in every {
                if t.from_to().0 != state {
                    assert_eq!(transition(state, t), Err(PeriodRefusal::WrongState { state, transition: t }));
                }
            }
        }
    }

    #[test]
    fn publishing_needs_every_report_approved() {
        assert_eq!(publishable(0), Ok(()));
        assert_eq!(publishable(3), Err(PeriodRefusal::UnapprovedReports(3)));
        let ApiError::Conflict(message) = PeriodRefusal::UnapprovedReports(3).into() else { panic!("409") };
        assert_eq!(message, "承認されていない報告が3件あるため、公表できません。");
    }

    #[test]
    fn a_published_period_keeps_its_dates_and_only_it_gets_new_editions() {
        for state in [PeriodState::Preparing, PeriodState::Open, PeriodState::Closed] {
            assert_eq!(dates_changeable(state), Ok(()));
            assert_eq!(edition_allowed(state), Err(PeriodRefusal::EditionOfUnpublished(state)));
        }
        assert_eq!(dates_changeable(PeriodState::Published), Err(PeriodRefusal::DatesOfPublished));
        assert_eq!(edition_allowed(PeriodState::Published), Ok(()));
    }

    #[test]
    fn a_refused_correction_says_which_periods_can_be_corrected() {
        let refusal = transition(PeriodState::Open, Transition::Correct).unwrap_err();
        let ApiError::Conflict(message) = refusal.into() else { panic!("409") };
        assert_eq!(message, "「受付中」の報告期間は訂正できません（「公表」の期間が対象です）。");
    }

    fn request(kind: PeriodKind, as_of: Option<NaiveDate>) -> PeriodRequest {
        PeriodRequest { fiscal_year: 2025, kind, as_of, opens_on: d(2025, 10, 1), deadline: d(2025, 10, 31) }
    }

    #[test]
    fn a_standard_period_takes_its_as_of_date_from_its_kind() {
        let p = new_period(&request(PeriodKind::FirstHalf, None)).unwrap();
        assert_eq!((p.kind, p.as_of, p.label.as_str()), (PeriodKind::FirstHalf, d(2025, 9, 30), "令和7年度 9月末"));
        let wrong = new_period(&request(PeriodKind::FirstHalf, Some(d(2025, 12, 31)))).unwrap_err();
        assert_eq!(wrong.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["as_of"]);
    }

    #[test]
    fn a_custom_period_needs_its_date_and_is_named_by_it() {
        let missing = new_period(&request(PeriodKind::Custom, None)).unwrap_err();
        assert_eq!((missing[0].field.as_str(), missing[0].code.as_str()), ("as_of", "required"));
        let p = new_period(&request(PeriodKind::Custom, Some(d(2025, 12, 31)))).unwrap();
        assert_eq!((p.kind, p.as_of), (PeriodKind::Custom, d(2025, 12, 31)));
        let on_march = new_period(&request(PeriodKind::Custom, Some(d(2026, 3, 31)))).unwrap();
        assert_eq!(on_march.kind, PeriodKind::FullYear, "a custom date on 3/31 is the full year");
    }

    #[test]
    fn a_part_is_retired_only_after_its_last_reported_period() {
        let last = Some(d(2025, 9, 30));
        assert!(retirement(d(2025, 10, 1), last).is_ok());
        assert!(retirement(d(2025, 9, 30), None).is_ok(), "nothing reported yet");
        let refused = retirement(d(2025, 9, 30), last).unwrap_err();
        assert_eq!((refused.field.as_str(), refused.code.as_str()), ("retired_from", "has_reports"));
        assert!(refused.message.starts_with("2025年9月30日の報告期間まで"), "{}", refused.message);
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let r = PeriodRequest {
            fiscal_year: 2018,
            kind: PeriodKind::Custom,
            as_of: None,
            opens_on: d(2025, 10, 31),
            deadline: d(2025, 10, 1),
        };
        let fields: Vec<String> = new_period(&r).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["fiscal_year", "as_of", "deadline"]);
    }
}
