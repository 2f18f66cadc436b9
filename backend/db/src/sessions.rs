//! Login sessions. A session is one family of refresh tokens: each refresh uses up its token and
//! issues the next; a used token presented again means it leaked, and the whole family is revoked.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::schema::{refresh_tokens, sessions, users};
use crate::users::User;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: Uuid,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<String>,
    /// The last request of the session (kept to the minute).
    pub last_seen_at: DateTime<Utc>,
    /// The browser it was opened from, as it named itself.
    pub user_agent: Option<String>,
}

/// The outcome of presenting a refresh token.
#[derive(Debug)]
pub enum RefreshOutcome {
    /// The token was valid; it is now used up and the session continues with the new token.
    Rotated { session: Session, user: Box<User> },
    /// The token was already used: the session has been revoked.
    Reused,
    /// Unknown token, or its session is revoked, expired or its user disabled.
    Invalid,
}

impl Session {
    /// Opens a session for `user_id` with its first refresh token (given as its SHA-256 hash).
    pub async fn create(
        conn: &mut AsyncPgConnection,
        user_id: i64,
        expires_at: DateTime<Utc>,
        token_hash: &[u8],
        user_agent: Option<&str>,
    ) -> QueryResult<Self> {
        conn.transaction(async |conn| {
            let session: Self = diesel::insert_into(sessions::table)
                .values((
                    sessions::id.eq(Uuid::new_v4()),
                    sessions::user_id.eq(user_id),
                    sessions::expires_at.eq(expires_at),
                    sessions::user_agent.eq(user_agent),
                ))
                .returning(Self::as_returning())
                .get_result(conn)
                .await?;
            diesel::insert_into(refresh_tokens::table)
                .values((refresh_tokens::token_hash.eq(token_hash), refresh_tokens::session_id.eq(session.id)))
                .execute(conn)
                .await?;
            Ok(session)
        })
        .await
    }

    /// The live session `id` with its active user, or None if revoked, expired, idle for longer
    /// than `idle` or its user disabled. Checked on every authenticated request, so logout and
    /// disabling take effect at once.
    pub async fn find_active_with_user(
        conn: &mut AsyncPgConnection,
        id: Uuid,
        idle: chrono::TimeDelta,
    ) -> QueryResult<Option<(Self, User)>> {
        let now = Utc::now();
        sessions::table
            .inner_join(users::table)
            .filter(sessions::id.eq(id))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(now))
            .filter(sessions::last_seen_at.gt(now - idle))
            .filter(users::active.eq(true))
            .select((Self::as_select(), User::as_select()))
            .first(conn)
            .await
            .optional()
    }

    /// Uses up the refresh token `old_hash` and stores `new_hash` as the session's next token.
    pub async fn rotate(
        conn: &mut AsyncPgConnection,
        old_hash: &[u8],
        new_hash: &[u8],
        idle: chrono::TimeDelta,
    ) -> QueryResult<RefreshOutcome> {
        conn.transaction(async |conn| {
            // Locking the token row makes two concurrent refreshes with one token serialise: the
            // second sees it used and revokes the family, as a replay should.
            let token: Option<(Uuid, Option<DateTime<Utc>>)> = refresh_tokens::table
                .filter(refresh_tokens::token_hash.eq(old_hash))
                .select((refresh_tokens::session_id, refresh_tokens::used_at))
                .for_update()
                .first(conn)
                .await
                .optional()?;
            let Some((session_id, used_at)) = token else { return Ok(RefreshOutcome::Invalid) };
            if used_at.is_some() {
                Self::revoke(conn, session_id, "refresh token reused").await?;
                return Ok(RefreshOutcome::Reused);
            }
            let Some((session, user)) = Self::find_active_with_user(conn, session_id, idle).await? else {
                return Ok(RefreshOutcome::Invalid);
            };
            diesel::update(refresh_tokens::table.find(old_hash))
                .set(refresh_tokens::used_at.eq(Utc::now()))
                .execute(conn)
                .await?;
            diesel::insert_into(refresh_tokens::table)
                .values((refresh_tokens::token_hash.eq(new_hash), refresh_tokens::session_id.eq(session_id)))
                .execute(conn)
                .await?;
            Ok(RefreshOutcome::Rotated { session, user: Box::new(user) })
        })
        .await
    }

    /// Notes a request of the session, at most once a minute (so reads do not turn into writes).
    pub async fn touch(conn: &mut AsyncPgConnection, session: &Self) -> QueryResult<()> {
        let now = Utc::now();
        if now - session.last_seen_at > chrono::TimeDelta::minutes(1) {
            diesel::update(sessions::table.find(session.id)).set(sessions::last_seen_at.eq(now)).execute(conn).await?;
        }
        Ok(())
    }

    /// The user's live sessions, the most recently used first.
    pub async fn live_for_user(
        conn: &mut AsyncPgConnection,
        user_id: i64,
        idle: chrono::TimeDelta,
    ) -> QueryResult<Vec<Self>> {
        let now = Utc::now();
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null())
            .filter(sessions::expires_at.gt(now))
            .filter(sessions::last_seen_at.gt(now - idle))
            .order(sessions::last_seen_at.desc())
            .select(Self::as_select())
            .load(conn)
            .await
    }

    /// Ends every live session of the user but `keep`.
    pub async fn revoke_others(conn: &mut AsyncPgConnection, user_id: i64, keep: Uuid) -> QueryResult<usize> {
        diesel::update(
            sessions::table
                .filter(sessions::user_id.eq(user_id))
                .filter(sessions::id.ne(keep))
                .filter(sessions::revoked_at.is_null()),
        )
        .set((sessions::revoked_at.eq(Utc::now()), sessions::revoked_reason.eq("ended from another session")))
        .execute(conn)
        .await
    }

    pub async fn revoke(conn: &mut AsyncPgConnection, id: Uuid, reason: &str) -> QueryResult<usize> {
        diesel::update(sessions::table.find(id).filter(sessions::revoked_at.is_null()))
            .set((sessions::revoked_at.eq(Utc::now()), sessions::revoked_reason.eq(reason)))
            .execute(conn)
            .await
    }

    /// Revokes every live session of a user (password change, disabling, role or department change).
    pub async fn revoke_all_for_user(conn: &mut AsyncPgConnection, user_id: i64, reason: &str) -> QueryResult<usize> {
        diesel::update(sessions::table.filter(sessions::user_id.eq(user_id)).filter(sessions::revoked_at.is_null()))
            .set((sessions::revoked_at.eq(Utc::now()), sessions::revoked_reason.eq(reason)))
            .execute(conn)
            .await
    }
}
