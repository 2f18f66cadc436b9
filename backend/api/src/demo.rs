//! Demo data for local runs: accounts (one admin for the secretariat, one viewer, one editor per
//! department, all with the same printed password) and an open 年間 period next to the imported
//! 上半期, so a newcomer sees last period's text beside an empty report. Never in production mode.

use shinko_db::departments::Department;
use shinko_db::enums::UserRole;
use shinko_db::pagination::PageRequest;
use shinko_db::users::{User, UserInsertForm};
use shinko_db::AsyncPgConnection;

use shinko_db::enums::{PeriodKind, PeriodState};
use shinko_db::periods::{period_label, standard_as_of, PeriodInsertForm, ReportingPeriod};

use crate::auth::password::PasswordHasherPool;
use crate::reporting::today_in_japan;

/// The password of every demo account. Public by design; production mode refuses to start while
/// an account still uses it.
pub const DEMO_PASSWORD: &str = "shinko-demo-2025";

/// A demo login as printed for the newcomer.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub login_id: String,
    pub display_name: String,
    pub role: UserRole,
    pub department: Option<String>,
}

/// Creates the demo accounts that do not exist yet and returns all of them.
pub async fn ensure_demo_users(
    conn: &mut AsyncPgConnection,
    hasher: &PasswordHasherPool,
) -> anyhow::Result<Vec<DemoLogin>> {
    let departments = Department::list(conn, Some(true), PageRequest::new(Some(1), Some(100))).await?.items;
    let mut wanted = vec![
        DemoLogin {
            login_id: "admin".into(),
            display_name: "健康課 事務局（管理者）".into(),
            role: UserRole::Admin,
            department: Some("健康課".into()),
        },
        DemoLogin {
            login_id: "viewer".into(),
            display_name: "閲覧者".into(),
            role: UserRole::Viewer,
            department: None,
        },
    ];
    for (i, d) in departments.iter().enumerate() {
        wanted.push(DemoLogin {
            login_id: format!("editor{:02}", i + 1),
            display_name: format!("{} 担当者", d.name),
            role: UserRole::Editor,
            department: Some(d.name.clone()),
        });
    }
    let hash = hasher.hash(DEMO_PASSWORD.to_owned()).await?;
    for login in &wanted {
        if User::find_by_login_id(conn, &login.login_id).await?.is_some() {
            continue;
        }
        let department_id =
            login.department.as_deref().and_then(|name| departments.iter().find(|d| d.name == name)).map(|d| d.id);
        let form = UserInsertForm {
            login_id: &login.login_id,
            display_name: &login.display_name,
            department_id,
            role: login.role,
            password_hash: &hash,
            must_change_password: false,
            email: None,
        };
        User::create(conn, &form).await?;
    }
    Ok(wanted)
}

/// Makes sure the fiscal year's 年間 period exists and is open, due two weeks from today.
pub async fn ensure_demo_period(
    conn: &mut AsyncPgConnection,
    plan_id: i64,
    fiscal_year: i32,
) -> anyhow::Result<ReportingPeriod> {
    let as_of = standard_as_of(fiscal_year, PeriodKind::FullYear)
        .ok_or_else(|| anyhow::anyhow!("no 年間 date for {fiscal_year}"))?;
    let period = match ReportingPeriod::find_by_as_of(conn, plan_id, as_of).await? {
        Some(p) => p,
        None => {
            let today = today_in_japan(chrono::Utc::now());
            let label = period_label(fiscal_year, as_of);
            let form = PeriodInsertForm {
                plan_id,
                fiscal_year,
                kind: PeriodKind::FullYear,
                as_of,
                label: &label,
                opens_on: today,
                deadline: today + chrono::Days::new(14),
                state: PeriodState::Preparing,
            };
            ReportingPeriod::create(conn, &form).await?
        }
    };
    Ok(match period.state {
        PeriodState::Preparing => ReportingPeriod::open(conn, period.id).await?,
        _ => period,
    })
}
