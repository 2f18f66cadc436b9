//! PostgreSQL enum types mapped to Rust enums. The database enforces the set of values; these
//! types make the same set the only one the code can write.

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use serde::{Deserialize, Serialize};
use std::io::Write;

use crate::schema::sql_types;

/// Implements diesel's text-based (de)serialisation for a Rust enum backed by a PostgreSQL enum.
macro_rules! pg_enum {
    ($rust:ident, $sql:ty, { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $rust {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        impl ToSql<$sql, Pg> for $rust {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                out.write_all(self.as_str().as_bytes())?;
                Ok(IsNull::No)
            }
        }

        impl FromSql<$sql, Pg> for $rust {
            fn from_sql(bytes: PgValue<'_>) -> deserialize::Result<Self> {
                match std::str::from_utf8(bytes.as_bytes())? {
                    $($text => Ok(Self::$variant),)+
                    other => Err(format!("unknown {} value {other:?}", stringify!($rust)).into()),
                }
            }
        }
    };
}

/// 基本施策 (basic) or 重点施策 (priority).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
    AsExpression, FromSqlRow, utoipa::ToSchema)]
#[diesel(sql_type = sql_types::MeasureKind)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// 基本施策
    Basic,
    /// 重点施策
    Priority,
}
pg_enum!(MeasureKind, sql_types::MeasureKind, { Basic => "basic", Priority => "priority" });

impl MeasureKind {
    /// The Japanese name used in headings: 基本施策 / 重点施策.
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Basic => "基本施策",
            Self::Priority => "重点施策",
        }
    }
}

/// What a user may do. Admins are the secretariat (事務局); editors write their department's
/// reports; viewers only read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, AsExpression,
    FromSqlRow, utoipa::ToSchema)]
#[diesel(sql_type = sql_types::UserRole)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    Admin,
    Editor,
    Viewer,
}
pg_enum!(UserRole, sql_types::UserRole, { Admin => "admin", Editor => "editor", Viewer => "viewer" });
