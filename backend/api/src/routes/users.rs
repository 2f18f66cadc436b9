//! `/users`: accounts, managed by the secretariat's admins.

use actix_web::{get, patch, post, web, HttpResponse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use diesel::OptionalExtension;
use diesel_async::AsyncConnection;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use shinko_db::departments::Department;
use shinko_db::enums::UserRole;
use shinko_db::sessions::Session;
use shinko_db::users::{User, UserFilter, UserInsertForm, UserUpdateForm};
use utoipa::{IntoParams, ToSchema};

use crate::auth::password::validate_new_password;
use crate::auth::AuthUser;
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::routes::common::{double_option, page_request, Page, Validator};
use crate::state::AppState;

/// An account as admins see it (never the password hash).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    /// User id.
    pub id: i64,
    /// Login id (lower-case letters, digits, `.`, `_`, `-`).
    pub login_id: String,
    /// Name shown in the app.
    pub display_name: String,
    /// The user's department (required for editors).
    pub department_id: Option<i64>,
    /// admin, editor or viewer.
    pub role: UserRole,
    /// Disabled users cannot log in; their sessions were revoked.
    pub active: bool,
    /// True until the user replaces a password set by an admin.
    pub must_change_password: bool,
    /// Two-factor authentication (TOTP) is on for the account.
    pub mfa_enabled: bool,
    /// E-mail address for notifications; null: notifications in the app only.
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<User> for UserView {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            login_id: u.login_id,
            display_name: u.display_name,
            department_id: u.department_id,
            role: u.role,
            active: u.active,
            must_change_password: u.must_change_password,
            mfa_enabled: u.totp_enabled_at.is_some(),
            email: u.email,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

/// Filter for the user list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Only users of this department.
    pub department_id: Option<i64>,
    /// Only users with this role.
    pub role: Option<UserRole>,
    /// Only active (true) or disabled (false) users.
    pub active: Option<bool>,
    /// Page number, starting at 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// Login id: 2–64 of lower-case letters, digits, `.`, `_`, `-`; unique.
    pub login_id: String,
    /// Name shown in the app (1–100 characters).
    pub display_name: String,
    /// The user's department (required for editors).
    pub department_id: Option<i64>,
    /// admin, editor or viewer.
    pub role: UserRole,
    /// Initial password (10–128 characters). When omitted a random one is generated and returned
    /// once. Either way the user must choose a new one at first login.
    #[schema(format = Password)]
    pub password: Option<String>,
    /// E-mail address for notifications (at most 254 characters); omit or null for none.
    #[schema(format = Email)]
    pub email: Option<String>,
}

/// A created account, with the generated initial password if none was given.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedUser {
    /// The account.
    pub user: UserView,
    /// The generated initial password; shown only in this answer.
    pub initial_password: Option<String>,
}

/// Changes to an account; omitted fields stay as they are. Changing role, department or
/// disabling the account logs the user out everywhere.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    /// Name shown in the app (1–100 characters).
    pub display_name: Option<String>,
    /// New department; `null` removes it (not allowed for editors).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub department_id: Option<Option<i64>>,
    /// New role.
    pub role: Option<UserRole>,
    /// false disables the account.
    pub active: Option<bool>,
    /// New e-mail address for notifications; `null` removes it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, format = Email)]
    pub email: Option<Option<String>>,
}

/// A new temporary password set by an admin.
#[derive(Debug, Serialize, ToSchema)]
pub struct PasswordReset {
    /// The temporary password; shown only in this answer. The user must change it at next login.
    pub temporary_password: String,
}

/// New users join only departments that are still active.
async fn ensure_active_department(state: &AppState, department_id: i64) -> Result<(), ApiError> {
    let mut conn = state.conn().await?;
    match Department::find(&mut conn, department_id).await.optional()? {
        Some(d) if d.active => Ok(()),
        Some(_) => Err(ApiError::field("department_id", "inactive", "廃止された担当課は指定できません。")),
        None => Err(ApiError::field("department_id", "not_found", "指定された担当課はありません。")),
    }
}

/// Checks an e-mail address and returns it trimmed. An empty string is not an address: the
/// document says `format: email`, and `null` is how a client says "none".
fn validated_email(v: &mut Validator, field: &str, value: Option<&str>) -> Option<String> {
    let email = value.map(str::trim)?;
    let well_formed = email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty() && !domain.contains('@'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !well_formed {
        v.push(field, "invalid", "メールアドレスの形式が正しくありません（例: taro@city.example.jp）。");
    } else {
        v.max_len(field, email, 254);
    }
    Some(email.to_owned())
}

fn generate_password() -> String {
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// List accounts.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "list_users", tag = "users", params(UserQuery), responses((status = 200, description = "One page of users", body = Page<UserView>)), security(("bearer" = [])))]
#[get("/users")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<UserQuery>,
) -> Result<web::Json<Page<UserView>>, ApiError> {
    auth.require_admin()?;
    let page = page_request(query.page, query.per_page)?;
    let filter = UserFilter { department_id: query.department_id, role: query.role, active: query.active };
    let mut conn = state.conn().await?;
    Ok(web::Json(User::list(&mut conn, filter, page).await?.map(UserView::from).into()))
}

/// Get one account.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "get_user", tag = "users", params(("id" = i64, Path, description = "User id")), responses((status = 200, description = "The user", body = UserView)), security(("bearer" = [])))]
#[get("/users/{id}")]
pub async fn get(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<UserView>, ApiError> {
    auth.require_admin()?;
    let mut conn = state.conn().await?;
    Ok(web::Json(User::find(&mut conn, id.into_inner()).await?.into()))
}

/// Create an account.
///
/// Who may call: admins.
#[utoipa::path(operation_id = "create_user", tag = "users", request_body = CreateUser, responses((status = 201, description = "Created", body = CreatedUser)), security(("bearer" = [])))]
#[post("/users")]
pub async fn create(
    auth: AuthUser,
    state: web::Data<AppState>,
    body: ApiJson<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    auth.require_admin()?;
    let body = body.into_inner();
    let mut v = Validator::new();
    let login_id = v.text("login_id", &body.login_id, 64).to_owned();
    let display_name = v.text("display_name", &body.display_name, 100).to_owned();
    let email = validated_email(&mut v, "email", body.email.as_deref());
    if body.role == UserRole::Editor && body.department_id.is_none() {
        v.push("department_id", "required", "編集者には担当課が必要です。");
    }
    if let Some(p) = &body.password {
        if let Err(ApiError::Validation(errors)) = validate_new_password("password", p, &login_id) {
            for e in errors {
                v.push(&e.field, &e.code, e.message);
            }
        }
    }
    v.finish()?;
    if let Some(department_id) = body.department_id {
        ensure_active_department(&state, department_id).await?;
    }
    let generated = body.password.is_none().then(generate_password);
    let password = body.password.or_else(|| generated.clone()).unwrap_or_default();
    let hash = state.hasher.hash(password).await?;
    let mut conn = state.write_conn(&auth).await?;
    let form = UserInsertForm {
        login_id: &login_id,
        display_name: &display_name,
        department_id: body.department_id,
        role: body.role,
        password_hash: &hash,
        must_change_password: true,
        email: email.as_deref(),
    };
    let user = User::create(&mut conn, &form).await?;
    Ok(HttpResponse::Created().json(CreatedUser { user: user.into(), initial_password: generated }))
}

/// Change an account: name, department, role, e-mail address, or disable it.
///
/// Who may call: admins. The last active admin cannot be demoted or disabled (409).
#[utoipa::path(operation_id = "update_user", tag = "users", params(("id" = i64, Path, description = "User id")), request_body = UpdateUser, responses((status = 200, description = "Updated", body = UserView), (status = 409, description = "Would leave no active admin", body = Problem, content_type = "application/problem+json")), security(("bearer" = [])))]
#[patch("/users/{id}")]
pub async fn update(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ApiJson<UpdateUser>,
) -> Result<web::Json<UserView>, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    let body = body.into_inner();
    let mut v = Validator::new();
    let display_name = body.display_name.as_deref().map(|n| v.text("display_name", n, 100).to_owned());
    let email = body.email.as_ref().map(|e| validated_email(&mut v, "email", e.as_deref()));
    v.finish()?;
    if let Some(Some(department_id)) = body.department_id {
        ensure_active_department(&state, department_id).await?;
    }
    let mut conn = state.write_conn(&auth).await?;
    let user = conn
        .transaction(async |conn| {
            let before = User::find(conn, id).await?;
            let form = UserUpdateForm {
                display_name,
                department_id: body.department_id,
                role: body.role,
                active: body.active,
                email,
                ..Default::default()
            };
            let after = User::update(conn, id, form).await?;
            if before.role == UserRole::Admin && before.active && User::count_active_admins(conn).await? == 0 {
                return Err(ApiError::Conflict("有効な管理者が1人もいなくなるため、変更できません。".into()));
            }
            // What a user may do is decided at login; a change of it must not wait for token expiry.
            if before.role != after.role || before.department_id != after.department_id || !after.active {
                Session::revoke_all_for_user(conn, id, "account changed").await?;
            }
            Ok(after)
        })
        .await?;
    Ok(web::Json(user.into()))
}

/// Reset an account's password to a new temporary one.
///
/// Who may call: admins. The user's sessions are revoked and the user must choose a new password
/// at the next login.
#[utoipa::path(operation_id = "reset_user_password", tag = "users", params(("id" = i64, Path, description = "User id")), responses((status = 200, description = "The temporary password", body = PasswordReset)), security(("bearer" = [])))]
#[post("/users/{id}/password-reset")]
pub async fn reset_password(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<PasswordReset>, ApiError> {
    auth.require_admin()?;
    let id = id.into_inner();
    {
        let mut conn = state.write_conn(&auth).await?;
        User::find(&mut conn, id).await?;
    }
    let temporary_password = generate_password();
    let hash = state.hasher.hash(temporary_password.clone()).await?;
    let mut conn = state.write_conn(&auth).await?;
    conn.transaction(async |conn| {
        let form = UserUpdateForm {
            password_hash: Some(hash),
            must_change_password: Some(true),
            password_set_at: Some(chrono::Utc::now()),
            ..Default::default()
        };
        User::update(conn, id, form).await?;
        Session::revoke_all_for_user(conn, id, "password reset").await?;
        Ok::<_, diesel::result::Error>(())
    })
    .await?;
    Ok(web::Json(PasswordReset { temporary_password }))
}
