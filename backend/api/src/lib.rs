//! 進行管理 (shinkō kanri) API: the actix-web application, its auth, routes and OpenAPI document.

pub mod auth;
pub mod cli;
pub mod config;
pub mod demo;
pub mod error;
pub mod export;
pub mod extract;
pub mod fallback;
pub mod http_cache;
pub mod import;
pub mod mail;
pub mod middleware;
pub mod notify;
pub mod openapi;
pub mod period_rules;
pub mod production;
pub mod ratelimit;
pub mod report_diff;
pub mod reporting;
pub mod routes;
pub mod startup;
pub mod state;
pub mod table_cache;
