//! `/notifications`: the signed-in user's own notifications (差戻し, 承認, 締切間近, 督促).

use actix_web::{get, post, web};
use serde::{Deserialize, Serialize};
use shinko_db::notifications::Notification;
use utoipa::{IntoParams, ToSchema};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::common::page_request;
use crate::state::AppState;

/// Filter and page of my notifications.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Only unread notifications.
    pub unread_only: Option<bool>,
    /// Page number, starting at 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page (1–100, default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// One page of my notifications, newest first, and how many are unread.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    /// The notifications of this page.
    pub items: Vec<Notification>,
    /// Number of notifications across all pages (with the filter).
    pub total: i64,
    /// This page's number (1-based).
    pub page: i64,
    /// Page size used.
    pub per_page: i64,
    /// Unread notifications in all (for the badge).
    pub unread: i64,
}

/// How many notifications were marked read.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedRead {
    /// Notifications that were unread and are read now.
    pub marked: usize,
}

/// My notifications, newest first, with the number of unread ones.
///
/// Who may call: any signed-in user, for their own notifications.
#[utoipa::path(operation_id = "list_notifications", tag = "notifications", params(NotificationQuery), responses((status = 200, description = "One page of my notifications", body = NotificationPage)), security(("bearer" = [])))]
#[get("/notifications")]
pub async fn list(
    auth: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<NotificationQuery>,
) -> Result<web::Json<NotificationPage>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let mut conn = state.conn().await?;
    let paged = Notification::list_for_user(&mut conn, auth.user.id, query.unread_only.unwrap_or(false), page).await?;
    let unread = Notification::unread_count(&mut conn, auth.user.id).await?;
    Ok(web::Json(NotificationPage {
        items: paged.items,
        total: paged.total,
        page: paged.page,
        per_page: paged.per_page,
        unread,
    }))
}

/// Mark one of my notifications read (again is harmless: the first reading time is kept).
///
/// Who may call: any signed-in user, for their own notifications; another user's is 404.
#[utoipa::path(operation_id = "mark_notification_read", tag = "notifications", params(("id" = i64, Path, description = "Notification id")), responses((status = 200, description = "Marked read", body = Notification)), security(("bearer" = [])))]
#[post("/notifications/{id}/read")]
pub async fn mark_read(
    auth: AuthUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<web::Json<Notification>, ApiError> {
    let mut conn = state.write_conn(&auth).await?;
    Ok(web::Json(Notification::mark_read(&mut conn, auth.user.id, id.into_inner()).await?))
}

/// Mark all my notifications read.
///
/// Who may call: any signed-in user, for their own notifications.
#[utoipa::path(operation_id = "mark_all_notifications_read", tag = "notifications", responses((status = 200, description = "How many were marked", body = MarkedRead)), security(("bearer" = [])))]
#[post("/notifications/read-all")]
pub async fn mark_all_read(auth: AuthUser, state: web::Data<AppState>) -> Result<web::Json<MarkedRead>, ApiError> {
    let mut conn = state.write_conn(&auth).await?;
    Ok(web::Json(MarkedRead { marked: Notification::mark_all_read(&mut conn, auth.user.id).await? }))
}
