//! API tokens of other city systems: read-only credentials, stored as SHA-256 hashes.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::Serialize;

use crate::schema::api_tokens;

/// An API token as admins see it (never the secret).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    /// Stable id.
    pub id: i64,
    /// What the token is for, e.g. 庁内ポータル連携.
    pub name: String,
    /// The token's first characters, to tell tokens apart.
    pub prefix: String,
    /// `read`: approved and published content (plans, periods, tables, approved reports);
    /// `read_drafts`: also reports before approval, their history and search hits in them.
    /// Tokens never write.
    pub scope: String,
    /// The admin who created it.
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    /// After this moment the token no longer works.
    pub expires_at: DateTime<Utc>,
    /// Set when an admin revoked it.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Last time it was used (updated at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// The one plan it may read; null: every plan.
    pub plan_id: Option<i64>,
}

/// A token to store: its hash, never the secret.
#[derive(Debug, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewApiToken<'a> {
    pub name: &'a str,
    pub token_hash: &'a [u8],
    pub prefix: &'a str,
    pub scope: &'a str,
    pub expires_at: DateTime<Utc>,
    pub created_by: i64,
    pub plan_id: Option<i64>,
}

impl ApiToken {
    pub async fn list(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Self>> {
        api_tokens::table.order(api_tokens::id.desc()).select(Self::as_select()).load(conn).await
    }

    pub async fn create(conn: &mut AsyncPgConnection, token: &NewApiToken<'_>) -> QueryResult<Self> {
        diesel::insert_into(api_tokens::table).values(token).returning(Self::as_returning()).get_result(conn).await
    }

    /// The live token with this hash, if any; marks it used (at most once a minute, so reads
    /// do not turn into writes on every request).
    pub async fn authenticate(conn: &mut AsyncPgConnection, hash: &[u8]) -> QueryResult<Option<Self>> {
        let now = Utc::now();
        let token: Option<Self> = api_tokens::table
            .filter(api_tokens::token_hash.eq(hash))
            .filter(api_tokens::revoked_at.is_null())
            .filter(api_tokens::expires_at.gt(now))
            .select(Self::as_select())
            .first(conn)
            .await
            .optional()?;
        if let Some(t) = &token {
            if t.last_used_at.is_none_or(|used| now - used > chrono::Duration::minutes(1)) {
                diesel::update(api_tokens::table.find(t.id))
                    .set(api_tokens::last_used_at.eq(now))
                    .execute(conn)
                    .await?;
            }
        }
        Ok(token)
    }

    /// Revokes the token; revoking it again keeps the first revocation time.
    pub async fn revoke(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        diesel::update(api_tokens::table.find(id).filter(api_tokens::revoked_at.is_null()))
            .set(api_tokens::revoked_at.eq(Utc::now()))
            .execute(conn)
            .await?;
        api_tokens::table.find(id).select(Self::as_select()).first(conn).await
    }
}
