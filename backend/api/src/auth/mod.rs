//! Who is calling: the signed-in user as a handler parameter, and the role checks handlers make.

pub mod password;
pub mod tokens;

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use shinko_db::enums::UserRole;
use shinko_db::sessions::Session;
use shinko_db::users::User;
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AppState;

/// The signed-in user. Taking it as a parameter makes a handler require a valid access token
/// whose session is still live and whose user is still active (checked against the database on
/// every request, so logout, disabling and role changes take effect at once).
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user: User,
    pub session_id: Uuid,
}

impl AuthUser {
    pub fn is_admin(&self) -> bool {
        self.user.role == UserRole::Admin
    }

    /// Structure, departments and users are managed by the secretariat's admins only.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.is_admin() { Ok(()) } else { Err(ApiError::Forbidden) }
    }
}

fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let claims = bearer_token(req).and_then(|token| state.as_ref()?.keys.verify_access(token));
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("application state missing"))?;
            let claims = claims.ok_or(ApiError::Unauthorized)?;
            let user_id: i64 = claims.sub.parse().map_err(|_| ApiError::Unauthorized)?;
            let mut conn = state.conn().await?;
            let (session, user) = Session::find_active_with_user(&mut conn, claims.sid).await?.ok_or(ApiError::Unauthorized)?;
            if user.id != user_id {
                return Err(ApiError::Unauthorized);
            }
            Ok(Self { user, session_id: session.id })
        })
    }
}
