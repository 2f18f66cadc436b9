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
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    AsExpression,
    FromSqlRow,
    utoipa::ToSchema,
)]
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, AsExpression, FromSqlRow, utoipa::ToSchema,
)]
#[diesel(sql_type = sql_types::UserRole)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    Admin,
    Editor,
    Viewer,
}
pg_enum!(UserRole, sql_types::UserRole, { Admin => "admin", Editor => "editor", Viewer => "viewer" });

/// How a reporting period is defined: 上半期 (as of 9/30), 年間 (as of 3/31), or any as-of date.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, AsExpression, FromSqlRow, utoipa::ToSchema,
)]
#[diesel(sql_type = sql_types::PeriodKind)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// 上半期: April to September, as of 9月末.
    FirstHalf,
    /// 年間: the whole fiscal year, as of 3月末.
    FullYear,
    /// Any other as-of date.
    Custom,
}
pg_enum!(PeriodKind, sql_types::PeriodKind, { FirstHalf => "first_half", FullYear => "full_year", Custom => "custom" });

/// 準備中 → 受付中 → 締切 → 公表.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, AsExpression, FromSqlRow, utoipa::ToSchema,
)]
#[diesel(sql_type = sql_types::PeriodState)]
#[serde(rename_all = "snake_case")]
pub enum PeriodState {
    /// 準備中: set up by the secretariat, not yet open to departments.
    Preparing,
    /// 受付中: departments write and submit.
    Open,
    /// 締切: closed; only admins change reports.
    Closed,
    /// 公表: published; nothing changes any more.
    Published,
}
pg_enum!(PeriodState, sql_types::PeriodState, { Preparing => "preparing", Open => "open", Closed => "closed", Published => "published" });

impl PeriodState {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Preparing => "準備中",
            Self::Open => "受付中",
            Self::Closed => "締切",
            Self::Published => "公表",
        }
    }
}

/// 下書き → 提出済 → 差戻し / 承認済.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    AsExpression,
    FromSqlRow,
    utoipa::ToSchema,
)]
#[diesel(sql_type = sql_types::ReportState)]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    /// 下書き
    Draft,
    /// 提出済
    Submitted,
    /// 差戻し
    Returned,
    /// 承認済
    Approved,
}
pg_enum!(ReportState, sql_types::ReportState, { Draft => "draft", Submitted => "submitted", Returned => "returned", Approved => "approved" });

impl ReportState {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Draft => "下書き",
            Self::Submitted => "提出済",
            Self::Returned => "差戻し",
            Self::Approved => "承認済",
        }
    }
}

/// 実施状況: 未着手 / 実施中 / 実施済 / 予定.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, AsExpression, FromSqlRow, utoipa::ToSchema,
)]
#[diesel(sql_type = sql_types::ImplementationStatus)]
#[serde(rename_all = "snake_case")]
pub enum ImplementationStatus {
    /// 未着手
    NotStarted,
    /// 実施中
    InProgress,
    /// 実施済
    Done,
    /// 予定
    Planned,
}
pg_enum!(ImplementationStatus, sql_types::ImplementationStatus, { NotStarted => "not_started", InProgress => "in_progress", Done => "done", Planned => "planned" });

impl ImplementationStatus {
    pub const ALL: [Self; 4] = [Self::NotStarted, Self::InProgress, Self::Done, Self::Planned];
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::NotStarted => "未着手",
            Self::InProgress => "実施中",
            Self::Done => "実施済",
            Self::Planned => "予定",
        }
    }
}

/// 今後の方向性: 拡充 / 継続 / 見直し / 縮小 / 廃止 / 完了.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, AsExpression, FromSqlRow, utoipa::ToSchema,
)]
#[diesel(sql_type = sql_types::FutureDirection)]
#[serde(rename_all = "snake_case")]
pub enum FutureDirection {
    /// 拡充
    Expand,
    /// 継続
    Continue,
    /// 見直し
    Review,
    /// 縮小
    Reduce,
    /// 廃止
    Abolish,
    /// 完了
    Complete,
}
pg_enum!(FutureDirection, sql_types::FutureDirection, { Expand => "expand", Continue => "continue", Review => "review", Reduce => "reduce", Abolish => "abolish", Complete => "complete" });

impl FutureDirection {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Expand => "拡充",
            Self::Continue => "継続",
            Self::Review => "見直し",
            Self::Reduce => "縮小",
            Self::Abolish => "廃止",
            Self::Complete => "完了",
        }
    }
}
