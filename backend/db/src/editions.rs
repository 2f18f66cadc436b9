//! 公表版: the published editions of a period's compiled table.
//!
//! Publishing a period freezes its [`CompiledTable`] as an edition: the JSON text exactly as it was
//! serialized, the same document as JSONB, and the SHA-256 of the text (computed and checked by the
//! database). Editions are numbered 1, 2, … per period and can only be added: triggers refuse
//! every UPDATE and DELETE, so whatever happens to the plan or the reports later, an edition
//! serves the same bytes for good.
//!
//! A correction takes a published period back to 締切 ([`PeriodCorrection`]) without touching its
//! editions; publishing it again adds the next edition, with the correction's reason as its note.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::pagination::{PageRequest, Paged};
use crate::periods::ReportingPeriod;
use crate::reports::UserRef;
use crate::schema::{editions, period_corrections, plans, reporting_periods, users};
use crate::table::{CompiledTable, TableFilter};

/// An edition's stored metadata (everything but its content).
#[derive(Debug, Clone, PartialEq, Queryable, QueryableByName, Selectable, Identifiable)]
#[diesel(table_name = editions)]
pub struct Edition {
    pub id: i64,
    pub plan_id: i64,
    pub period_id: i64,
    pub number: i32,
    pub published_at: DateTime<Utc>,
    pub published_by: Option<i64>,
    pub note: Option<String>,
    pub content_sha256: Vec<u8>,
}

/// A published edition as the public list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct EditionSummary {
    /// Stable id; the edition's public address is `/api/v1/public/editions/{id}`.
    pub id: i64,
    /// The plan.
    pub plan_id: i64,
    /// The plan's name, e.g. 第2次自殺対策推進計画.
    pub plan_name: String,
    /// The municipality, e.g. あきる野市.
    pub municipality: String,
    /// The reporting period.
    pub period_id: i64,
    /// The period's label, e.g. 令和7年度 9月末.
    pub period_label: String,
    /// 1 for the first publication of the period (第1版), 2 for the first correction, ….
    pub number: i32,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// Why it was published, e.g. the reason of a correction; null for a period's first edition.
    pub note: Option<String>,
    /// SHA-256 of the edition's JSON document (`table.json`), as 64 lowercase hex digits.
    pub sha256: String,
    /// The newest edition of the same period: this edition's own id while it is current, the
    /// correcting edition's id once it has been superseded.
    pub current_edition_id: i64,
}

/// An edition as signed-in users see it: with who published it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PeriodEdition {
    #[serde(flatten)]
    pub edition: EditionSummary,
    /// The admin who published it (null for the command line).
    pub published_by: Option<UserRef>,
}

/// Which editions to list.
#[derive(Debug, Default, Clone, Copy)]
pub struct EditionFilter {
    pub plan_id: Option<i64>,
    pub period_id: Option<i64>,
}

/// A published period taken back to 締切 for corrections (訂正).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = period_corrections)]
pub struct PeriodCorrection {
    pub id: i64,
    pub period_id: i64,
    /// The edition being corrected (the newest when the correction began).
    pub edition_id: Option<i64>,
    pub reason: String,
    pub corrected_by: Option<i64>,
    pub corrected_at: DateTime<Utc>,
}

/// Lowercase hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Edition {
    /// The complete compiled table of `period` as the JSON text an edition stores.
    pub async fn snapshot(conn: &mut AsyncPgConnection, period: &ReportingPeriod) -> QueryResult<String> {
        let table = CompiledTable::load(conn, period, None, &TableFilter::default()).await?;
        serde_json::to_string(&table).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
    }

    /// Stores `content` as the next edition of `period` (number = the highest so far + 1). The
    /// caller holds the period's row lock, so two publications cannot race for a number; the
    /// database computes the SHA-256 of the text and checks the JSONB copy against it.
    pub async fn insert(
        conn: &mut AsyncPgConnection,
        period: &ReportingPeriod,
        published_by: Option<i64>,
        note: Option<&str>,
        content: &str,
    ) -> QueryResult<Self> {
        diesel::sql_query(
            "INSERT INTO editions (plan_id, period_id, number, published_by, note, content_text, content, content_sha256) \
             SELECT $1, $2, COALESCE(MAX(number), 0) + 1, $3, $4, $5, $5::jsonb, sha256(convert_to($5, 'UTF8')) \
             FROM editions WHERE period_id = $2 \
             RETURNING id, plan_id, period_id, number, published_at, published_by, note, content_sha256",
        )
        .bind::<BigInt, _>(period.plan_id)
        .bind::<BigInt, _>(period.id)
        .bind::<Nullable<BigInt>, _>(published_by)
        .bind::<Nullable<Text>, _>(note)
        .bind::<Text, _>(content)
        .get_result(conn)
        .await
    }

    /// Publishes the period's current table as its next edition. The note is the reason of the
    /// corrections made since the newest edition (joined by line breaks), or none for the first.
    /// Call inside the transaction that makes the period 公表, after the state change, so the
    /// snapshot shows the period as published.
    pub async fn publish_period(
        conn: &mut AsyncPgConnection,
        period: &ReportingPeriod,
        published_by: Option<i64>,
    ) -> QueryResult<Self> {
        let latest = Self::latest_for_period(conn, period.id).await?;
        let reasons = PeriodCorrection::pending(conn, period.id, latest.as_ref().map(|e| e.id)).await?;
        let note =
            (!reasons.is_empty()).then(|| reasons.iter().map(|c| c.reason.as_str()).collect::<Vec<_>>().join("\n"));
        let content = Self::snapshot(conn, period).await?;
        Self::insert(conn, period, published_by, note.as_deref(), &content).await
    }

    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        editions::table.find(id).select(Self::as_select()).first(conn).await
    }

    /// The stored JSON text of edition `id`, byte for byte as published.
    pub async fn content_text(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<String> {
        editions::table.find(id).select(editions::content_text).first(conn).await
    }

    /// The newest edition of a period, if it was ever published.
    pub async fn latest_for_period(conn: &mut AsyncPgConnection, period_id: i64) -> QueryResult<Option<Self>> {
        editions::table
            .filter(editions::period_id.eq(period_id))
            .order(editions::number.desc())
            .select(Self::as_select())
            .first(conn)
            .await
            .optional()
    }

    pub fn sha256_hex(&self) -> String {
        hex(&self.content_sha256)
    }
}

impl EditionSummary {
    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        Self::load(conn, &[id]).await?.pop().ok_or(diesel::result::Error::NotFound)
    }

    /// Published editions, newest first, one page at a time.
    pub async fn list(
        conn: &mut AsyncPgConnection,
        filter: EditionFilter,
        page: PageRequest,
    ) -> QueryResult<Paged<Self>> {
        let base = || {
            let mut q = editions::table.into_boxed();
            if let Some(plan_id) = filter.plan_id {
                q = q.filter(editions::plan_id.eq(plan_id));
            }
            if let Some(period_id) = filter.period_id {
                q = q.filter(editions::period_id.eq(period_id));
            }
            q
        };
        let total = base().count().get_result(conn).await?;
        let ids: Vec<i64> = base()
            .order((editions::published_at.desc(), editions::id.desc()))
            .limit(page.per_page)
            .offset(page.offset())
            .select(editions::id)
            .load(conn)
            .await?;
        Ok(Paged::new(Self::load(conn, &ids).await?, total, page))
    }

    /// The editions `ids` in that order, with their plan, period and the current edition of
    /// their period, in two queries.
    async fn load(conn: &mut AsyncPgConnection, ids: &[i64]) -> QueryResult<Vec<Self>> {
        let rows: Vec<(Edition, String, String, String)> = editions::table
            .inner_join(reporting_periods::table.on(reporting_periods::id.eq(editions::period_id)))
            .inner_join(plans::table.on(plans::id.eq(editions::plan_id)))
            .filter(editions::id.eq_any(ids))
            .select((Edition::as_select(), plans::name, plans::municipality, reporting_periods::label))
            .load(conn)
            .await?;
        let period_ids: Vec<i64> = rows.iter().map(|(e, ..)| e.period_id).collect();
        let current: HashMap<i64, i64> = editions::table
            .filter(editions::period_id.eq_any(&period_ids))
            .distinct_on(editions::period_id)
            .order((editions::period_id, editions::number.desc()))
            .select((editions::period_id, editions::id))
            .load::<(i64, i64)>(conn)
            .await?
            .into_iter()
            .collect();
        let mut by_id: HashMap<i64, Self> = rows
            .into_iter()
            .map(|(e, plan_name, municipality, period_label)| {
                let summary = Self {
                    sha256: e.sha256_hex(),
                    current_edition_id: current.get(&e.period_id).copied().unwrap_or(e.id),
                    id: e.id,
                    plan_id: e.plan_id,
                    plan_name,
                    municipality,
                    period_id: e.period_id,
                    period_label,
                    number: e.number,
                    published_at: e.published_at,
                    note: e.note,
                };
                (summary.id, summary)
            })
            .collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }
}

impl PeriodEdition {
    /// Every edition of a period, newest first, with who published it.
    pub async fn list_for_period(conn: &mut AsyncPgConnection, period_id: i64) -> QueryResult<Vec<Self>> {
        let ids: Vec<i64> = editions::table
            .filter(editions::period_id.eq(period_id))
            .order(editions::number.desc())
            .select(editions::id)
            .load(conn)
            .await?;
        let publishers: HashMap<i64, UserRef> = editions::table
            .inner_join(users::table.on(users::id.nullable().eq(editions::published_by)))
            .filter(editions::id.eq_any(&ids))
            .select((editions::id, users::id, users::display_name))
            .load::<(i64, i64, String)>(conn)
            .await?
            .into_iter()
            .map(|(edition, id, display_name)| (edition, UserRef { id, display_name }))
            .collect();
        Ok(EditionSummary::load(conn, &ids)
            .await?
            .into_iter()
            .map(|e| Self { published_by: publishers.get(&e.id).cloned(), edition: e })
            .collect())
    }
}

impl PeriodCorrection {
    /// Records that `period` was taken back to 締切 to correct `edition_id` (its newest edition).
    pub async fn create(
        conn: &mut AsyncPgConnection,
        period_id: i64,
        edition_id: Option<i64>,
        reason: &str,
        corrected_by: Option<i64>,
    ) -> QueryResult<Self> {
        diesel::insert_into(period_corrections::table)
            .values((
                period_corrections::period_id.eq(period_id),
                period_corrections::edition_id.eq(edition_id),
                period_corrections::reason.eq(reason),
                period_corrections::corrected_by.eq(corrected_by),
            ))
            .returning(Self::as_returning())
            .get_result(conn)
            .await
    }

    /// The corrections of `period_id` begun since `edition_id` was published, oldest first: what
    /// the next edition corrects.
    pub async fn pending(
        conn: &mut AsyncPgConnection,
        period_id: i64,
        edition_id: Option<i64>,
    ) -> QueryResult<Vec<Self>> {
        let mut q = period_corrections::table.filter(period_corrections::period_id.eq(period_id)).into_boxed();
        q = match edition_id {
            Some(id) => q.filter(period_corrections::edition_id.eq(id)),
            None => q.filter(period_corrections::edition_id.is_null()),
        };
        q.order(period_corrections::id).select(Self::as_select()).load(conn).await
    }
}
