//! Integration tests of the API: one binary (linking once is much faster than one per file), a
//! module per area. Every test starts the real app against its own database.

mod api_tokens;
mod audit;
mod auth;
mod authz_matrix;
mod backup;
mod dashboard;
mod departments;
mod editions;
mod errors;
mod exports;
mod faults;
mod imports;
mod mail;
mod mfa;
mod migrations;
mod notifications;
mod openapi;
mod operations;
mod plan_life;
mod plan_seed;
mod reports;
mod search;
mod structure;
mod table_cache;
mod users;
