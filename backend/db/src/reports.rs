//! 取組進捗状況: the reports of a period, one per row, with every saved version kept.
//!
//! Writes are optimistic: each carries the version the writer saw, and a write on a newer version
//! is refused with the current report, so no one's text is silently overwritten.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::enums::{FutureDirection, ImplementationStatus, ReportState};
use crate::initiatives::InitiativeRow;
use crate::pagination::{PageRequest, Paged};
use crate::periods::ReportingPeriod;
use crate::schema::{
    directions, initiative_departments, initiatives, measures, report_versions, reporting_periods, reports, users,
};

/// A stored report.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = reports)]
pub struct Report {
    pub id: i64,
    pub plan_id: i64,
    pub period_id: i64,
    pub initiative_id: i64,
    pub state: ReportState,
    pub progress: String,
    pub implementation_status: Option<ImplementationStatus>,
    pub evaluation: Option<String>,
    pub future_direction: Option<FutureDirection>,
    pub remarks: String,
    pub return_comment: Option<String>,
    pub version: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub submitted_late: bool,
    pub approved_at: Option<DateTime<Utc>>,
    pub updated_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a department writes: the fields of a report an editor controls.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportContent {
    pub progress: String,
    pub implementation_status: Option<ImplementationStatus>,
    pub evaluation: Option<String>,
    pub future_direction: Option<FutureDirection>,
    pub remarks: String,
}

impl Report {
    pub fn content(&self) -> ReportContent {
        ReportContent {
            progress: self.progress.clone(),
            implementation_status: self.implementation_status,
            evaluation: self.evaluation.clone(),
            future_direction: self.future_direction,
            remarks: self.remarks.clone(),
        }
    }
}

/// The report after a write: its content, workflow fields and what to call the change.
#[derive(Debug, Clone)]
pub struct ReportChange {
    /// Recorded in the history: save, copy_previous, no_change, submit, return, approve, reopen, import.
    pub action: &'static str,
    pub content: ReportContent,
    pub state: ReportState,
    pub return_comment: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub submitted_late: bool,
    pub approved_at: Option<DateTime<Utc>>,
}

impl ReportChange {
    /// A change that keeps everything of `report` as it is; callers adjust what they change.
    pub fn keep(report: &Report, action: &'static str) -> Self {
        Self {
            action,
            content: report.content(),
            state: report.state,
            return_comment: report.return_comment.clone(),
            submitted_at: report.submitted_at,
            submitted_late: report.submitted_late,
            approved_at: report.approved_at,
        }
    }

    fn changes(&self, report: &Report) -> bool {
        self.content != report.content()
            || self.state != report.state
            || self.return_comment != report.return_comment
            || self.submitted_at != report.submitted_at
            || self.approved_at != report.approved_at
    }
}

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError<E> {
    /// Someone saved a newer version; here it is.
    #[error("the report changed since version {expected}")]
    Stale { expected: i32, current: Box<Report> },
    /// The workflow refused the change (wrong state, closed period, …).
    #[error("refused")]
    Refused(E),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// One saved version of a report.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = report_versions)]
pub struct ReportVersion {
    /// Version number (1 = the empty report the period opened with).
    pub version: i32,
    /// What made this version: create, save, copy_previous, no_change, submit, return, approve, reopen, import.
    pub action: String,
    /// Workflow state after the change.
    pub state: ReportState,
    /// 取組進捗状況 text.
    pub progress: String,
    /// 実施状況.
    pub implementation_status: Option<ImplementationStatus>,
    /// Self-evaluation grade code (F, S, A, …).
    pub evaluation: Option<String>,
    /// 今後の方向性.
    pub future_direction: Option<FutureDirection>,
    /// 備考.
    pub remarks: String,
    /// The secretariat's comment on a return.
    pub return_comment: Option<String>,
    /// Who saved it (null for imports and deleted users).
    pub actor_id: Option<i64>,
    /// The name of who saved it, so every reader of the history sees it (null when `actor_id` is).
    #[diesel(select_expression = users::display_name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<users::display_name>)]
    pub actor_name: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl Report {
    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        reports::table.find(id).select(Self::as_select()).first(conn).await
    }

    pub async fn find_for_row(
        conn: &mut AsyncPgConnection,
        period_id: i64,
        initiative_id: i64,
    ) -> QueryResult<Option<Self>> {
        reports::table
            .filter(reports::period_id.eq(period_id))
            .filter(reports::initiative_id.eq(initiative_id))
            .select(Self::as_select())
            .first(conn)
            .await
            .optional()
    }

    /// Applies `decide`'s change to report `id` if it is still at `expected_version`.
    ///
    /// The report and its period are locked for the decision, so the workflow rules are checked
    /// against what is committed, not against what a concurrent writer is about to change. A
    /// change that alters nothing (an autosave of unchanged text) stores no new version.
    pub async fn write<E: Send + 'static>(
        conn: &mut AsyncPgConnection,
        id: i64,
        expected_version: Option<i32>,
        actor_id: Option<i64>,
        decide: impl FnOnce(&Report, &ReportingPeriod) -> Result<ReportChange, E> + Send + 'static,
    ) -> Result<Report, WriteError<E>> {
        conn.transaction(async move |conn| {
            let current: Report = reports::table.find(id).select(Report::as_select()).for_update().first(conn).await?;
            let period: ReportingPeriod = reporting_periods::table
                .find(current.period_id)
                .select(ReportingPeriod::as_select())
                .for_share()
                .first(conn)
                .await?;
            if let Some(expected) = expected_version {
                if expected != current.version {
                    return Err(WriteError::Stale { expected, current: Box::new(current) });
                }
            }
            let change = decide(&current, &period).map_err(WriteError::Refused)?;
            if !change.changes(&current) {
                return Ok(current);
            }
            let updated: Report = diesel::update(reports::table.find(id))
                .set((
                    reports::state.eq(change.state),
                    reports::progress.eq(&change.content.progress),
                    reports::implementation_status.eq(change.content.implementation_status),
                    reports::evaluation.eq(&change.content.evaluation),
                    reports::future_direction.eq(change.content.future_direction),
                    reports::remarks.eq(&change.content.remarks),
                    reports::return_comment.eq(&change.return_comment),
                    reports::submitted_at.eq(change.submitted_at),
                    reports::submitted_late.eq(change.submitted_late),
                    reports::approved_at.eq(change.approved_at),
                    reports::version.eq(current.version + 1),
                    reports::updated_by.eq(actor_id),
                    reports::updated_at.eq(Utc::now()),
                ))
                .returning(Report::as_returning())
                .get_result(conn)
                .await?;
            record_version(conn, &updated, change.action, actor_id).await?;
            Ok(updated)
        })
        .await
    }

    /// The approved reports of rows `row_ids` in the period before `period` (the latest earlier
    /// one of its plan), each with that period's label: what the next period carries forward. One
    /// query.
    pub async fn approved_in_previous_period(
        conn: &mut AsyncPgConnection,
        period: &ReportingPeriod,
        row_ids: &[i64],
    ) -> QueryResult<Vec<(Self, String)>> {
        let earlier = diesel::alias!(reporting_periods as earlier);
        let previous_period = earlier
            .filter(earlier.field(reporting_periods::plan_id).eq(period.plan_id))
            .filter(earlier.field(reporting_periods::as_of).lt(period.as_of))
            .order(earlier.field(reporting_periods::as_of).desc())
            .select(earlier.field(reporting_periods::id))
            .limit(1)
            .single_value();
        reports::table
            .inner_join(reporting_periods::table)
            .filter(reports::period_id.nullable().eq(previous_period))
            .filter(reports::initiative_id.eq_any(row_ids))
            .filter(reports::state.eq(ReportState::Approved))
            .select((Self::as_select(), reporting_periods::label))
            .load(conn)
            .await
    }

    /// Every saved version, oldest first.
    pub async fn versions(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Vec<ReportVersion>> {
        report_versions::table
            .left_join(users::table.on(users::id.nullable().eq(report_versions::actor_id)))
            .filter(report_versions::report_id.eq(id))
            .order(report_versions::version)
            .select(ReportVersion::as_select())
            .load(conn)
            .await
    }
}

/// Stores `report` as it now is in its history.
pub async fn record_version(
    conn: &mut AsyncPgConnection,
    report: &Report,
    action: &str,
    actor_id: Option<i64>,
) -> QueryResult<()> {
    diesel::insert_into(report_versions::table)
        .values((
            report_versions::report_id.eq(report.id),
            report_versions::version.eq(report.version),
            report_versions::action.eq(action),
            report_versions::state.eq(report.state),
            report_versions::progress.eq(&report.progress),
            report_versions::implementation_status.eq(report.implementation_status),
            report_versions::evaluation.eq(&report.evaluation),
            report_versions::future_direction.eq(report.future_direction),
            report_versions::remarks.eq(&report.remarks),
            report_versions::return_comment.eq(&report.return_comment),
            report_versions::actor_id.eq(actor_id),
        ))
        .execute(conn)
        .await
        .map(|_| ())
}

/// The approved report of the same row in the previous period: what a department starts from.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PreviousReport {
    /// The previous period.
    pub period_id: i64,
    /// Its label, e.g. 令和7年度 9月末.
    pub period_label: String,
    /// Its approved 取組進捗状況.
    pub progress: String,
    /// Its 実施状況.
    pub implementation_status: Option<ImplementationStatus>,
    /// Its self-evaluation.
    pub evaluation: Option<String>,
    /// Its 今後の方向性.
    pub future_direction: Option<FutureDirection>,
}

/// A user as named on a report.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct UserRef {
    /// User id.
    pub id: i64,
    /// Display name.
    pub display_name: String,
}

/// A report as the API shows it: with its row, who last changed it, and last period's text.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    /// Stable id.
    pub id: i64,
    /// The reporting period.
    pub period_id: i64,
    /// The row reported on, with its departments and related rows.
    pub row: InitiativeRow,
    /// draft (下書き), submitted (提出済), returned (差戻し) or approved (承認済).
    pub state: ReportState,
    /// 取組進捗状況: what the department did.
    pub progress: String,
    /// 実施状況.
    pub implementation_status: Option<ImplementationStatus>,
    /// Self-evaluation grade code of the plan's scale (F, S, A, B, C, X, Y, Z by default).
    pub evaluation: Option<String>,
    /// 今後の方向性.
    pub future_direction: Option<FutureDirection>,
    /// 備考.
    pub remarks: String,
    /// The secretariat's comment when it returned the report.
    pub return_comment: Option<String>,
    /// Current version; the report's ETag is `"<id>-<version>"`, to send back in If-Match.
    pub version: i32,
    /// When it was (last) submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Submitted after the deadline.
    pub submitted_late: bool,
    /// When it was approved.
    pub approved_at: Option<DateTime<Utc>>,
    /// Who saved the current version.
    pub updated_by: Option<UserRef>,
    /// When the current version was saved.
    pub updated_at: DateTime<Utc>,
    /// The same row's approved report of the previous period, if any.
    pub previous: Option<PreviousReport>,
}

/// Filters of the report list.
#[derive(Debug, Default, Clone, Copy)]
pub struct ReportFilter {
    pub department_id: Option<i64>,
    pub measure_id: Option<i64>,
    pub state: Option<ReportState>,
    /// Only approved reports (another system without the drafts scope).
    pub approved_only: bool,
}

impl ReportView {
    pub async fn from_report(conn: &mut AsyncPgConnection, report: Report) -> QueryResult<Self> {
        Ok(Self::with_period(conn, report).await?.0)
    }

    /// The view of `report` and its period, which the view is built from anyway (callers that also
    /// need the period's state read it here instead of again).
    pub async fn with_period(conn: &mut AsyncPgConnection, report: Report) -> QueryResult<(Self, ReportingPeriod)> {
        let period = ReportingPeriod::find(conn, report.period_id).await?;
        let view = Self::assemble(conn, &period, vec![report]).await?.remove(0);
        Ok((view, period))
    }

    /// A period's reports in table order, one page at a time.
    pub async fn list(
        conn: &mut AsyncPgConnection,
        period: &ReportingPeriod,
        filter: ReportFilter,
        page: PageRequest,
    ) -> QueryResult<Paged<Self>> {
        let base = || {
            let mut q = reports::table
                .inner_join(initiatives::table.on(initiatives::id.eq(reports::initiative_id)))
                .inner_join(measures::table.on(measures::id.eq(initiatives::measure_id)))
                .left_join(directions::table.on(directions::id.nullable().eq(initiatives::direction_id)))
                .filter(reports::period_id.eq(period.id))
                .into_boxed();
            if let Some(m) = filter.measure_id {
                q = q.filter(initiatives::measure_id.eq(m));
            }
            if let Some(s) = filter.state {
                q = q.filter(reports::state.eq(s));
            }
            if filter.approved_only {
                q = q.filter(reports::state.eq(ReportState::Approved));
            }
            if let Some(d) = filter.department_id {
                q = q.filter(diesel::dsl::exists(
                    initiative_departments::table
                        .filter(initiative_departments::initiative_id.eq(reports::initiative_id))
                        .filter(initiative_departments::department_id.eq(d)),
                ));
            }
            q
        };
        let total = base().count().get_result(conn).await?;
        let items: Vec<Report> = base()
            .order((
                measures::kind,
                measures::number,
                directions::number.nullable().asc().nulls_first(),
                initiatives::position,
            ))
            .limit(page.per_page)
            .offset(page.offset())
            .select(Report::as_select())
            .load(conn)
            .await?;
        Ok(Paged::new(Self::assemble(conn, period, items).await?, total, page))
    }

    /// Adds rows, authors and last period's text with a fixed number of queries.
    async fn assemble(
        conn: &mut AsyncPgConnection,
        period: &ReportingPeriod,
        items: Vec<Report>,
    ) -> QueryResult<Vec<Self>> {
        let row_ids: Vec<i64> = items.iter().map(|r| r.initiative_id).collect();
        let mut rows = InitiativeRow::load_many(conn, period.plan_id, &row_ids).await?;

        let user_ids: Vec<i64> = items.iter().filter_map(|r| r.updated_by).collect();
        let names: HashMap<i64, String> = users::table
            .filter(users::id.eq_any(&user_ids))
            .select((users::id, users::display_name))
            .load::<(i64, String)>(conn)
            .await?
            .into_iter()
            .collect();

        let approved = Report::approved_in_previous_period(conn, period, &row_ids).await?;
        let mut previous: HashMap<i64, PreviousReport> = approved
            .into_iter()
            .map(|(r, period_label)| {
                let previous = PreviousReport {
                    period_id: r.period_id,
                    period_label,
                    progress: r.progress,
                    implementation_status: r.implementation_status,
                    evaluation: r.evaluation,
                    future_direction: r.future_direction,
                };
                (r.initiative_id, previous)
            })
            .collect();

        items
            .into_iter()
            .map(|r| {
                let row = rows.remove(&r.initiative_id).ok_or(diesel::result::Error::NotFound)?;
                Ok(Self {
                    id: r.id,
                    period_id: r.period_id,
                    row,
                    state: r.state,
                    progress: r.progress,
                    implementation_status: r.implementation_status,
                    evaluation: r.evaluation,
                    future_direction: r.future_direction,
                    remarks: r.remarks,
                    return_comment: r.return_comment,
                    version: r.version,
                    submitted_at: r.submitted_at,
                    submitted_late: r.submitted_late,
                    approved_at: r.approved_at,
                    updated_by: r
                        .updated_by
                        .map(|id| UserRef { id, display_name: names.get(&id).cloned().unwrap_or_default() }),
                    updated_at: r.updated_at,
                    previous: previous.remove(&r.initiative_id),
                })
            })
            .collect()
    }
}
