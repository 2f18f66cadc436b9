//! `/me`: the signed-in user and their password.

use actix_web::{get, put, web, HttpRequest};
use diesel_async::AsyncConnection;
use serde::{Deserialize, Serialize};
use shinko_db::departments::Department;
use shinko_db::enums::UserRole;
use shinko_db::initiatives::DepartmentRef;
use shinko_db::plans::Plan;
use shinko_db::sessions::Session;
use shinko_db::users::{User, UserUpdateForm};
use shinko_db::AsyncPgConnection;
use utoipa::ToSchema;

use crate::auth::password::validate_new_password;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::ratelimit::LoginLimiter;
use crate::routes::sessions::{open_session, user_agent, TokenPair};
use crate::state::AppState;

/// The signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// User id.
    pub id: i64,
    /// Login id.
    pub login_id: String,
    /// Name shown in the app.
    pub display_name: String,
    /// admin (事務局), editor (department staff) or viewer.
    pub role: UserRole,
    /// The user's department; editors write the reports of its rows.
    pub department: Option<DepartmentRef>,
    /// True after an admin reset the password: the app asks for a new one.
    pub must_change_password: bool,
    /// Two-factor authentication (TOTP) is in force for this account.
    pub mfa_enabled: bool,
    /// Where notifications are mailed (set by an admin); null: in the app only.
    pub email: Option<String>,
    /// The plan the user chose to work on last (`PUT /me/plan`); null: none chosen yet.
    pub current_plan_id: Option<i64>,
}

impl Me {
    pub async fn load(conn: &mut AsyncPgConnection, user: &User) -> Result<Self, ApiError> {
        let department = match user.department_id {
            Some(id) => {
                let d = Department::find(conn, id).await?;
                Some(DepartmentRef { id: d.id, name: d.name })
            }
            None => None,
        };
        Ok(Self {
            id: user.id,
            login_id: user.login_id.clone(),
            display_name: user.display_name.clone(),
            role: user.role,
            department,
            must_change_password: user.must_change_password,
            mfa_enabled: user.totp_enabled_at.is_some(),
            email: user.email.clone(),
            current_plan_id: Plan::chosen_by(conn, user.id).await?,
        })
    }
}

/// A password change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    /// The current password.
    #[schema(format = Password)]
    pub current_password: String,
    /// The new password (10–128 characters).
    #[schema(format = Password)]
    pub new_password: String,
}

/// The signed-in user.
///
/// Who may call: any signed-in user.
#[utoipa::path(operation_id = "get_me", tag = "me", responses((status = 200, description = "The signed-in user", body = Me)), security(("bearer" = [])))]
#[get("/me")]
pub async fn get(auth: AuthUser, state: web::Data<AppState>) -> Result<web::Json<Me>, ApiError> {
    let mut conn = state.conn().await?;
    Ok(web::Json(Me::load(&mut conn, &auth.user).await?))
}

/// Change my password.
///
/// Who may call: any signed-in user, for their own account. Every session of the user is revoked
/// (other devices are logged out, old refresh tokens stop working); the answer carries the tokens of
/// a fresh session.
#[utoipa::path(operation_id = "change_my_password", tag = "me", request_body = ChangePassword, responses((status = 200, description = "Password changed; new tokens", body = TokenPair)), security(("bearer" = [])))]
#[put("/me/password")]
pub async fn change_password(
    req: HttpRequest,
    auth: AuthUser,
    state: web::Data<AppState>,
    limiter: web::Data<LoginLimiter>,
    body: ApiJson<ChangePassword>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let ChangePassword { current_password, new_password } = body.into_inner();
    // Someone at an unlocked, signed-in screen must not be able to guess the password here.
    let key = format!("password:{}", auth.user.id);
    limiter.guard_secret(&key)?;
    validate_new_password("new_password", &new_password, &auth.user.login_id)?;
    if !state.hasher.verify(current_password, Some(auth.user.password_hash.clone())).await? {
        limiter.record_secret_failure(&key);
        return Err(ApiError::field("current_password", "mismatch", "現在のパスワードが正しくありません。"));
    }
    limiter.clear_secret(&key);
    let hash = state.hasher.hash(new_password).await?;
    let user = {
        let mut conn = state.write_conn(&auth).await?;
        let form = UserUpdateForm {
            password_hash: Some(hash),
            must_change_password: Some(false),
            password_set_at: Some(chrono::Utc::now()),
            ..Default::default()
        };
        let user_id = auth.user.id;
        conn.transaction(async |conn| {
            let user = User::update(conn, user_id, form).await?;
            Session::revoke_all_for_user(conn, user_id, "password changed").await?;
            Ok::<_, diesel::result::Error>(user)
        })
        .await?
    };
    Ok(web::Json(open_session(&state, &user, user_agent(&req).as_deref()).await?))
}
