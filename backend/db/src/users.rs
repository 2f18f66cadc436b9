//! Accounts: who may log in, for which department, with which role.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::enums::UserRole;
use crate::pagination::{PageRequest, Paged};
use crate::schema::users;

/// A stored account. Holds the password hash, so it is never serialised as it is.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub login_id: String,
    pub display_name: String,
    pub department_id: Option<i64>,
    pub role: UserRole,
    pub active: bool,
    pub password_hash: String,
    pub must_change_password: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Where notifications are mailed; None: in-app only.
    pub email: Option<String>,
    /// When the TOTP second factor was switched on (None: password only).
    pub totp_enabled_at: Option<DateTime<Utc>>,
    /// When the current password was set (a temporary one expires 72 hours later).
    pub password_set_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct UserInsertForm<'a> {
    pub login_id: &'a str,
    pub display_name: &'a str,
    pub department_id: Option<i64>,
    pub role: UserRole,
    pub password_hash: &'a str,
    pub must_change_password: bool,
    pub email: Option<&'a str>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserUpdateForm {
    pub display_name: Option<String>,
    pub department_id: Option<Option<i64>>,
    pub role: Option<UserRole>,
    pub active: Option<bool>,
    pub password_hash: Option<String>,
    pub must_change_password: Option<bool>,
    pub password_set_at: Option<DateTime<Utc>>,
    pub email: Option<Option<String>>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// Filters for the user list.
#[derive(Debug, Default, Clone, Copy)]
pub struct UserFilter {
    pub department_id: Option<i64>,
    pub role: Option<UserRole>,
    pub active: Option<bool>,
}

impl User {
    pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Self> {
        users::table.find(id).select(Self::as_select()).first(conn).await
    }

    pub async fn find_by_login_id(conn: &mut AsyncPgConnection, login_id: &str) -> QueryResult<Option<Self>> {
        users::table.filter(users::login_id.eq(login_id)).select(Self::as_select()).first(conn).await.optional()
    }

    pub async fn list(conn: &mut AsyncPgConnection, filter: UserFilter, page: PageRequest) -> QueryResult<Paged<Self>> {
        let base = || {
            let mut q = users::table.into_boxed();
            if let Some(d) = filter.department_id {
                q = q.filter(users::department_id.eq(d));
            }
            if let Some(r) = filter.role {
                q = q.filter(users::role.eq(r));
            }
            if let Some(a) = filter.active {
                q = q.filter(users::active.eq(a));
            }
            q
        };
        let total = base().count().get_result(conn).await?;
        let items = base()
            .order(users::id)
            .limit(page.per_page)
            .offset(page.offset())
            .select(Self::as_select())
            .load(conn)
            .await?;
        Ok(Paged::new(items, total, page))
    }

    pub async fn create(conn: &mut AsyncPgConnection, form: &UserInsertForm<'_>) -> QueryResult<Self> {
        diesel::insert_into(users::table).values(form).returning(Self::as_returning()).get_result(conn).await
    }

    pub async fn update(conn: &mut AsyncPgConnection, id: i64, mut form: UserUpdateForm) -> QueryResult<Self> {
        form.updated_at = Some(Utc::now());
        diesel::update(users::table.find(id)).set(&form).returning(Self::as_returning()).get_result(conn).await
    }

    /// The active users of these departments (who get the departments' notifications), in id order.
    pub async fn active_in_departments(conn: &mut AsyncPgConnection, department_ids: &[i64]) -> QueryResult<Vec<Self>> {
        users::table
            .filter(users::department_id.eq_any(department_ids))
            .filter(users::active.eq(true))
            .order(users::id)
            .select(Self::as_select())
            .load(conn)
            .await
    }

    pub async fn count_active_admins(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
        users::table
            .filter(users::role.eq(UserRole::Admin))
            .filter(users::active.eq(true))
            .count()
            .get_result(conn)
            .await
    }
}
