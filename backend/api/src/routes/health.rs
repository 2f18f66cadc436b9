//! `/healthz` and `/readyz`: for load balancers, container orchestrators and monitoring.

use std::time::Duration;

use actix_web::{get, web, HttpResponse};
use diesel_async::SimpleAsyncConnection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::state::AppState;

/// A health answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: String,
}

/// The process is up and serving HTTP (it does not touch the database).
///
/// Who may call: anyone, without signing in.
#[utoipa::path(operation_id = "healthz", tag = "health", responses((status = 200, description = "Alive", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into() })
}

/// The server can serve requests: the database answers within 2 seconds.
///
/// Who may call: anyone, without signing in. 503 (with Retry-After) while the database is
/// unreachable.
#[utoipa::path(operation_id = "readyz", tag = "health", responses((status = 200, description = "Ready", body = Health)))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let check = async {
        let mut conn = state.conn().await?;
        conn.batch_execute("SELECT 1").await.map_err(ApiError::unavailable)
    };
    match tokio::time::timeout(Duration::from_secs(2), check).await {
        Ok(Ok(())) => Ok(HttpResponse::Ok().json(Health { status: "ok".into() })),
        Ok(Err(e)) => Err(match e {
            ApiError::Unavailable(_) => e,
            other => ApiError::unavailable(other),
        }),
        Err(_) => Err(ApiError::unavailable("database check timed out")),
    }
}
