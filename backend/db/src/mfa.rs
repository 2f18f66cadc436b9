//! The TOTP second factor of an account and its single-use recovery codes.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use crate::schema::{recovery_codes, users};

/// The stored factor of a user.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct TotpFactor {
    pub secret: Option<String>,
    pub enabled: bool,
    pub last_step: Option<i64>,
}

pub async fn factor(conn: &mut AsyncPgConnection, user_id: i64) -> QueryResult<TotpFactor> {
    users::table
        .find(user_id)
        .select((users::totp_secret, users::totp_enabled_at.is_not_null(), users::totp_last_step))
        .first(conn)
        .await
}

/// Every stored TOTP secret with its user (for re-sealing them under a new key).
pub async fn all_secrets(conn: &mut AsyncPgConnection) -> QueryResult<Vec<(i64, String)>> {
    users::table
        .filter(users::totp_secret.is_not_null())
        .order(users::id)
        .select((users::id, users::totp_secret.assume_not_null()))
        .load(conn)
        .await
}

/// Replaces a stored secret by the same secret sealed anew.
pub async fn replace_secret(conn: &mut AsyncPgConnection, user_id: i64, stored: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id)).set(users::totp_secret.eq(stored)).execute(conn).await.map(|_| ())
}

/// Starts enrolment: a new secret, not yet in force (a pending one is replaced).
pub async fn begin_enrolment(conn: &mut AsyncPgConnection, user_id: i64, secret: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id).filter(users::totp_enabled_at.is_null()))
        .set(users::totp_secret.eq(secret))
        .execute(conn)
        .await
        .map(|_| ())
}

/// Puts the factor in force and replaces the recovery codes, in one transaction.
pub async fn enable(conn: &mut AsyncPgConnection, user_id: i64, step: i64, code_hashes: &[Vec<u8>]) -> QueryResult<()> {
    conn.transaction(async |conn| {
        diesel::update(users::table.find(user_id))
            .set((users::totp_enabled_at.eq(Utc::now()), users::totp_last_step.eq(step)))
            .execute(conn)
            .await?;
        replace_recovery_codes(conn, user_id, code_hashes).await
    })
    .await
}

pub async fn disable(conn: &mut AsyncPgConnection, user_id: i64) -> QueryResult<()> {
    conn.transaction(async |conn| {
        diesel::update(users::table.find(user_id))
            .set((
                users::totp_secret.eq(None::<String>),
                users::totp_enabled_at.eq(None::<chrono::DateTime<Utc>>),
                users::totp_last_step.eq(None::<i64>),
            ))
            .execute(conn)
            .await?;
        diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id))).execute(conn).await?;
        Ok(())
    })
    .await
}

async fn replace_recovery_codes(
    conn: &mut AsyncPgConnection,
    user_id: i64,
    code_hashes: &[Vec<u8>],
) -> QueryResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id))).execute(conn).await?;
    let rows: Vec<_> =
        code_hashes.iter().map(|h| (recovery_codes::user_id.eq(user_id), recovery_codes::code_hash.eq(h))).collect();
    diesel::insert_into(recovery_codes::table).values(&rows).execute(conn).await?;
    Ok(())
}

/// Accepts time step `step` if it is newer than the last one accepted (no replay).
pub async fn accept_step(conn: &mut AsyncPgConnection, user_id: i64, step: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        users::table.find(user_id).filter(users::totp_last_step.is_null().or(users::totp_last_step.lt(step))),
    )
    .set(users::totp_last_step.eq(step))
    .execute(conn)
    .await?;
    Ok(updated == 1)
}

/// Uses up a recovery code; false if unknown or already used.
pub async fn use_recovery_code(conn: &mut AsyncPgConnection, user_id: i64, code_hash: &[u8]) -> QueryResult<bool> {
    let updated = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user_id))
            .filter(recovery_codes::code_hash.eq(code_hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(Utc::now()))
    .execute(conn)
    .await?;
    Ok(updated == 1)
}
