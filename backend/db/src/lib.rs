//! The database layer of 進行管理: schema, migrations, models and their queries.
//!
//! It knows nothing of HTTP: the API crate calls these functions and maps their errors. Models own
//! their reusable queries; `*InsertForm` / `*UpdateForm` structs carry writes.

pub mod api_tokens;
pub mod audit;
pub mod departments;
pub mod editions;
pub mod enums;
pub mod grades;
pub mod groups;
pub mod import;
pub mod initiatives;
pub mod measures;
pub mod mfa;
pub mod notifications;
pub mod pagination;
pub mod periods;
pub mod plan_versions;
pub mod plans;
pub mod pool;
pub mod progress;
pub mod reports;
pub mod row_history;
pub mod schema;
pub mod search;
pub mod sessions;
pub mod table;
pub mod tree;
pub mod users;

pub use diesel_async::AsyncPgConnection;
pub use pool::{build_pool, run_migrations, DbConn, DbPool, PoolSettings, WritePool};
