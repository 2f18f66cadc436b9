//! Builds and runs the HTTP server. Everything expensive (pool, keys, OpenAPI document) is built
//! once here, outside `HttpServer::new`, and shared by the workers.

use std::net::TcpListener;
use std::path::PathBuf;

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, Server, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpServer};
use shinko_db::{DbPool, WritePool};
use tracing_actix_web::TracingLogger;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::OpenApi;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::{Config as SwaggerConfig, SwaggerUi};

use crate::auth::device::DeviceKey;
use crate::auth::password::PasswordHasherPool;
use crate::auth::tokens::TokenKeys;
use crate::config::Config;
use crate::extract::{path_error, query_error};
use crate::fallback::{api_fallback, RouteTable};
use crate::mail::Mailer;
use crate::middleware::{cors, no_store_api, reject_nul_in_query, request_id_header, security_headers};
use crate::notify::spawn_deadline_checks;
use crate::openapi::{add_error_responses, reference_page_items, ApiDoc};
use crate::ratelimit::LoginLimiter;
use crate::routes;
use crate::state::AppState;
use crate::table_cache::TableCache;

/// The OpenAPI document exactly as the server serves it at `/api/v1/openapi.json`.
pub fn api_doc() -> OpenApiDoc {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(routes::health::healthz)
        .service(routes::health::readyz)
        .service(scope::scope("/api/v1").configure(routes::configure))
        .split_for_parts();
    add_error_responses(&mut doc);
    reference_page_items(&mut doc);
    doc
}

pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
    mailer: Mailer,
}

impl Application {
    /// Binds `config.bind_addr` (port 0 picks a free port, as the tests do) and prepares the server.
    pub fn build(config: &Config) -> anyhow::Result<Self> {
        let pool = shinko_db::build_pool(&config.database_url, &config.pool)?;
        let listener = TcpListener::bind(config.bind_addr)?;
        Self::build_with(config, pool, listener)
    }

    pub fn build_with(config: &Config, pool: DbPool, listener: TcpListener) -> anyhow::Result<Self> {
        let port = listener.local_addr()?.port();
        PasswordHasherPool::warm_up();
        let write_pool = WritePool::build(&config.database_url, &config.pool)?;
        let state = web::Data::new(AppState {
            pool,
            write_pool,
            keys: TokenKeys::new(&config.jwt),
            hasher: PasswordHasherPool::new(config.max_concurrent_hashes),
            require_admin_mfa: config.require_admin_mfa,
            tables: TableCache::default(),
            secrets: config.secret_box(),
            device_key: DeviceKey::derive(&config.jwt.secret),
            behind_tls: config.behind_tls,
            session_idle: chrono::TimeDelta::from_std(config.session_idle_timeout)?,
        });
        let mailer = Mailer::from_settings(config.smtp.as_ref())?;
        let mailer_data = web::Data::new(mailer.clone());
        let doc = api_doc();
        let routes = web::Data::new(RouteTable::from_openapi(&doc));
        let static_dir = config.static_dir.clone().filter(|d| d.join("index.html").is_file());

        let workers = config.http_workers;
        let cors_origins = config.cors_origins.clone();
        let behind_tls = config.behind_tls;
        let limiter = web::Data::new(LoginLimiter::new(config.login_limits.clone()));
        let app_state = state.clone();
        let server = HttpServer::new(move || {
            // Swagger UI first: its `/api/v1/openapi.json` must win over the `/api/v1` scope.
            let swagger = SwaggerUi::new("/docs/{_:.*}")
                .url("/api/v1/openapi.json", doc.clone())
                // The closed network cannot reach the public validator; don't try.
                .config(SwaggerConfig::default().validator_url("none"));
            let (app, _) = App::new()
                .service(swagger)
                .into_utoipa_app()
                .app_data(state.clone())
                .app_data(routes.clone())
                .app_data(mailer_data.clone())
                .app_data(web::PathConfig::default().error_handler(path_error))
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .app_data(limiter.clone())
                .service(routes::health::healthz)
                .service(routes::health::readyz)
                .service(scope::scope("/api/v1").configure(routes::configure))
                .split_for_parts();
            // Misses inside `/api/v1` reach the app's default service; other `/api` paths reach
            // this scope. Both answer problem+json, never the SPA's index.html.
            let app = app
                .wrap(Compress::default())
                .wrap(from_fn(reject_nul_in_query))
                .wrap(from_fn(no_store_api))
                .wrap(security_headers(behind_tls))
                .wrap(from_fn(request_id_header))
                // Outside the request-id middleware: it creates the id and the span every log
                // line of the request is written in.
                .wrap(TracingLogger::default())
                .wrap(cors(&cors_origins))
                .service(web::scope("/api").default_service(web::to(api_fallback)))
                .default_service(web::to(api_fallback));
            match &static_dir {
                Some(dir) => app.service(spa(dir.clone())),
                None => app,
            }
        })
        .listen(listener)?
        .shutdown_timeout(30);
        let server = match workers {
            Some(n) => server.workers(n),
            None => server,
        }
        .run();
        Ok(Self { port, server, state: app_state, mailer })
    }

    /// Starts the jobs that run beside the server in `shinko serve` (not in tests, which call
    /// them directly): the 締切間近 check every `DEADLINE_CHECK_INTERVAL_SECONDS`.
    pub fn spawn_background_tasks(&self, config: &Config) {
        if let Some(every) = config.notifications.deadline_check_interval {
            spawn_deadline_checks(
                self.state.pool.clone(),
                self.mailer.clone(),
                every,
                config.notifications.deadline_notice_days,
            );
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// The single-page app: files as they are, and `index.html` for any other path so the app's own
/// router can show deep links such as `/reports/12`.
fn spa(dir: PathBuf) -> Files {
    let index = dir.join("index.html");
    Files::new("/", dir).index_file("index.html").default_handler(fn_service(move |req: ServiceRequest| {
        let index = index.clone();
        async move {
            let (req, _) = req.into_parts();
            let file = NamedFile::open_async(&index).await?;
            let res = file.into_response(&req);
            Ok(ServiceResponse::new(req, res))
        }
    }))
}
