//! Who is calling: the signed-in user as a handler parameter, and the role checks handlers make.

pub mod device;
pub mod mfa;
pub mod password;
pub mod secret_box;
pub mod tokens;

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use shinko_db::api_tokens::ApiToken;
use shinko_db::enums::UserRole;
use shinko_db::sessions::Session;
use shinko_db::users::User;
use uuid::Uuid;

use crate::auth::tokens::{hash_refresh_token, API_TOKEN_PREFIX};
use crate::error::ApiError;
use crate::state::AppState;

/// The signed-in user. Taking it as a parameter makes a handler require a valid access token
/// whose session is still live and whose user is still active (checked against the database on
/// every request, so logout, disabling and role changes take effect at once).
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user: User,
    pub session_id: Uuid,
    /// An admin who must enrol a second factor first (REQUIRE_ADMIN_MFA) may sign in to do so,
    /// but exercises no admin right until then.
    pub mfa_enrolment_pending: bool,
}

impl AuthUser {
    /// Structure, departments, users, reviews: the secretariat's admins only, and in production
    /// only once their second factor is in force.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        match self.user.role {
            UserRole::Admin if self.mfa_enrolment_pending => Err(ApiError::MfaEnrolmentRequired),
            UserRole::Admin => Ok(()),
            _ => Err(ApiError::Forbidden),
        }
    }
}

fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

/// The scope of an API token that also reads unapproved reports and their history.
pub const DRAFTS_SCOPE: &str = "read_drafts";

/// What the bearer token of a request turned out to be.
enum Credential {
    User(AuthUser),
    ApiToken(ApiToken),
}

/// Resolves the bearer token: a user's access token (JWT) or another system's API token.
async fn authenticate(state: &AppState, token: Option<String>) -> Result<Credential, ApiError> {
    let token = token.ok_or(ApiError::Unauthorized)?;
    if token.starts_with(API_TOKEN_PREFIX) {
        let mut conn = state.conn().await?;
        return match ApiToken::authenticate(&mut conn, &hash_refresh_token(&token)).await? {
            Some(t) => Ok(Credential::ApiToken(t)),
            None => Err(ApiError::Unauthorized),
        };
    }
    let claims = state.keys.verify_access(&token).ok_or(ApiError::Unauthorized)?;
    let user_id: i64 = claims.sub.parse().map_err(|_| ApiError::Unauthorized)?;
    let mut conn = state.conn().await?;
    let (session, user) = Session::find_active_with_user(&mut conn, claims.sid, state.session_idle)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if user.id != user_id {
        return Err(ApiError::Unauthorized);
    }
    Session::touch(&mut conn, &session).await?;
    let mfa_enrolment_pending =
        state.require_admin_mfa && user.role == UserRole::Admin && user.totp_enabled_at.is_none();
    Ok(Credential::User(AuthUser { user, session_id: session.id, mfa_enrolment_pending }))
}

/// What a user with a temporary password may do before changing it: see who they are, change
/// the password, and sign out.
fn allowed_before_password_change(req: &HttpRequest) -> bool {
    matches!(
        (req.method().as_str(), req.path()),
        ("GET", "/api/v1/me") | ("PUT", "/api/v1/me/password") | ("DELETE", "/api/v1/sessions/current")
    )
}

fn credential_future(req: &HttpRequest) -> Pin<Box<dyn Future<Output = Result<Credential, ApiError>>>> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let token = bearer_token(req).map(str::to_owned);
    let allowed_with_temporary_password = allowed_before_password_change(req);
    Box::pin(async move {
        let state = state.ok_or_else(|| ApiError::internal("application state missing"))?;
        let credential = authenticate(&state, token).await?;
        // The server, not only the app, holds a user with a temporary password to changing it.
        if let Credential::User(user) = &credential {
            if user.user.must_change_password && !allowed_with_temporary_password {
                return Err(ApiError::PasswordChangeRequired);
            }
        }
        Ok(credential)
    })
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    /// Only people sign in as users; an API token here is valid but may not do this (403):
    /// tokens read, and every write or personal endpoint takes an `AuthUser`.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let credential = credential_future(req);
        Box::pin(async move {
            match credential.await? {
                Credential::User(user) => Ok(user),
                Credential::ApiToken(_) => Err(ApiError::Forbidden),
            }
        })
    }
}

/// Who reads: a signed-in user or another city system with an API token. Read-only endpoints
/// take this; everything else takes [`AuthUser`], so a token can never write.
#[derive(Debug, Clone)]
pub enum Reader {
    User(Box<AuthUser>),
    /// Another system; `plan_id` is the one plan it may read, if it is limited to one; `drafts`
    /// whether its scope includes unapproved reports and their history.
    ApiToken {
        id: i64,
        plan_id: Option<i64>,
        drafts: bool,
    },
}

impl Reader {
    /// The one plan this reader may see, if it is limited to one.
    pub fn only_plan(&self) -> Option<i64> {
        match self {
            Self::User(_) => None,
            Self::ApiToken { plan_id, .. } => *plan_id,
        }
    }

    /// Whether the reader sees reports before they are approved, and their history: every
    /// signed-in user does; another system only with a token of the drafts scope.
    pub fn sees_drafts(&self) -> bool {
        match self {
            Self::User(_) => true,
            Self::ApiToken { drafts, .. } => *drafts,
        }
    }

    /// Refuses what needs the drafts scope (version history) to a token without it.
    pub fn require_drafts(&self) -> Result<(), ApiError> {
        if self.sees_drafts() {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// 404 for data of a plan this reader may not see (an API token limited to another plan): to
    /// such a token, other plans do not exist.
    pub fn check_plan(&self, plan_id: i64) -> Result<(), ApiError> {
        match self.only_plan() {
            Some(only) if only != plan_id => Err(ApiError::NotFound),
            _ => Ok(()),
        }
    }
}

impl FromRequest for Reader {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let credential = credential_future(req);
        Box::pin(async move {
            Ok(match credential.await? {
                Credential::User(user) => Self::User(Box::new(user)),
                Credential::ApiToken(token) => {
                    Self::ApiToken { id: token.id, plan_id: token.plan_id, drafts: token.scope == DRAFTS_SCOPE }
                }
            })
        })
    }
}
