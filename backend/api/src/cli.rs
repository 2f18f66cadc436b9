//! The `shinko` command: serve the API, migrate, import the seed, create the first admin, print
//! the OpenAPI document.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use shinko_db::enums::UserRole;
use shinko_db::import::{import_plan, import_reports, PlanFile};
use shinko_db::users::{User, UserInsertForm};
use shinko_db::PoolSettings;

use crate::auth::password::{validate_new_password, PasswordHasherPool};
use crate::config::Config;
use crate::demo::{ensure_demo_period, ensure_demo_users, DEMO_PASSWORD};
use crate::error::ApiError;
use crate::startup::{api_doc, Application};

/// The customer's plan, built into the binary so the product runs without the source tree.
pub const SEED_PLAN: &[u8] = include_bytes!("../../../seed/plan-r7-h1.json");

#[derive(Debug, Parser)]
#[command(name = "shinko", about = "進行管理: progress management of municipal plans")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API, the API docs (/docs) and the web app.
    Serve,
    /// Apply pending database migrations.
    Migrate,
    /// Import a plan file (default: the built-in 第2次自殺対策推進計画); safe to repeat.
    Seed {
        /// A plan file in the seed's JSON format.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Also create the demo accounts and print their logins (not in production).
        #[arg(long)]
        demo: bool,
    },
    /// Create an admin account (the first one, or another).
    CreateAdmin {
        #[arg(long)]
        login_id: String,
        #[arg(long)]
        display_name: String,
        /// The password; read from SHINKO_ADMIN_PASSWORD so it stays out of the shell history.
        #[arg(long, env = "SHINKO_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Check an Excel (.xlsx) or CSV file of the 施策別事業進行管理表 and print what importing it
    /// would change; with --commit, import it (in one transaction). Works without any account.
    Import {
        /// The .xlsx or .csv file, in the layout of the exports (docs/table-layout.md).
        file: PathBuf,
        /// The plan to import into; required for CSV. For Excel, the plan the file names is used,
        /// or created.
        #[arg(long)]
        plan_id: Option<i64>,
        /// Write the import; without it nothing is written.
        #[arg(long)]
        commit: bool,
    },
    /// Re-seal every stored TOTP secret with TOTP_SECRET_KEY. To rotate the key: set the old key
    /// as TOTP_SECRET_KEY_PREVIOUS and a new one as TOTP_SECRET_KEY, restart the servers (they
    /// open with either), run this, then remove TOTP_SECRET_KEY_PREVIOUS. Secrets stored before
    /// encryption existed are sealed by it too.
    RotateTotpKey,
    /// Print the OpenAPI document (the committed openapi/openapi.json is this output).
    Openapi,
}

fn database_url() -> anyhow::Result<String> {
    std::env::var("DATABASE_URL").map_err(|_| anyhow::anyhow!("DATABASE_URL is required"))
}

async fn connect() -> anyhow::Result<shinko_db::DbConn> {
    let pool = shinko_db::build_pool(&database_url()?, &PoolSettings::default())?;
    Ok(pool.get().await?)
}

/// Seals every stored TOTP secret with the current key: those of the previous key and those
/// stored before encryption. Returns how many were sealed anew and how many already were.
pub async fn reseal_totp_secrets(
    conn: &mut shinko_db::AsyncPgConnection,
    secrets: &crate::auth::secret_box::SecretBox,
) -> anyhow::Result<(usize, usize)> {
    let (mut resealed, mut kept) = (0, 0);
    for (user_id, stored) in shinko_db::mfa::all_secrets(conn).await? {
        match secrets.open(user_id, &stored) {
            Some((_, crate::auth::secret_box::Sealing::Current)) => kept += 1,
            Some((secret, _)) => {
                shinko_db::mfa::replace_secret(conn, user_id, &secrets.seal(user_id, &secret)).await?;
                resealed += 1;
            }
            None => anyhow::bail!(
                "the TOTP secret of user {user_id} opens with neither TOTP_SECRET_KEY nor TOTP_SECRET_KEY_PREVIOUS; those before it were sealed anew, it and the rest are unchanged"
            ),
        }
    }
    Ok((resealed, kept))
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve => {
            let config = Config::from_env()?;
            let pool = shinko_db::build_pool(&config.database_url, &config.pool)?;
            crate::production::check(&config, &pool).await?;
            let listener = std::net::TcpListener::bind(config.bind_addr)?;
            let app = Application::build_with(&config, pool, listener)?;
            app.spawn_background_tasks(&config);
            tracing::info!(addr = %config.bind_addr, port = app.port(), "serving");
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            let applied = shinko_db::run_migrations(&database_url()?).await.map_err(|e| anyhow::anyhow!(e))?;
            println!(
                "migrations applied: {}",
                if applied.is_empty() { "none pending".to_owned() } else { applied.join(", ") }
            );
        }
        Command::Seed { file, demo } => {
            let bytes = match &file {
                Some(path) => std::fs::read(path)?,
                None => SEED_PLAN.to_vec(),
            };
            let plan = PlanFile::from_json(&bytes)?;
            if demo && crate::config::AppEnv::from_env()? == crate::config::AppEnv::Production {
                anyhow::bail!("demo accounts are not created in production (APP_ENV=production)");
            }
            let mut conn = connect().await?;
            let s = import_plan(&mut conn, &plan).await?;
            println!(
                "plan {} 「{}」: {} measures, {} directions, {} rows ({} new, {} updated), {} departments, {} related-row groups",
                s.plan_id, plan.plan, s.measures, s.directions, s.rows, s.rows_created, s.rows_updated, s.departments, s.groups
            );
            let r = import_reports(&mut conn, s.plan_id, &plan).await?;
            println!(
                "period {} {}: {} approved reports ({} changed)",
                r.period_id, r.period_label, r.reports, r.reports_changed
            );
            if demo {
                let period = ensure_demo_period(&mut conn, s.plan_id, plan.period.fiscal_year).await?;
                println!(
                    "period {} {}: {} until {} (departments write here)",
                    period.id,
                    period.label,
                    period.state.label_ja(),
                    period.deadline
                );
                let logins = ensure_demo_users(&mut conn, &PasswordHasherPool::new(1)).await?;
                println!("\nデモ用ログイン (password for all: {DEMO_PASSWORD})");
                for l in logins {
                    println!("  {:<10} {:<7} {}", l.login_id, l.role.as_str(), l.display_name);
                }
            }
        }
        Command::CreateAdmin { login_id, display_name, password } => {
            if let Err(ApiError::Validation(errors)) = validate_new_password("password", &password, &login_id) {
                anyhow::bail!("{}", errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "));
            }
            let hash = PasswordHasherPool::new(1).hash(password).await?;
            let mut conn = connect().await?;
            let form = UserInsertForm {
                login_id: &login_id,
                display_name: &display_name,
                department_id: None,
                role: UserRole::Admin,
                password_hash: &hash,
                must_change_password: false,
                email: None,
            };
            let user = User::create(&mut conn, &form).await?;
            println!("admin {} created (id {})", user.login_id, user.id);
        }
        Command::Import { file, plan_id, commit } => {
            let mut conn = connect().await?;
            crate::import::command::run(&mut conn, &file, plan_id, commit).await?;
        }
        Command::RotateTotpKey => {
            let config = Config::from_env()?;
            let secrets = config.secret_box();
            let mut conn = connect().await?;
            let (resealed, kept) = reseal_totp_secrets(&mut conn, &secrets).await?;
            println!("TOTP secrets: {resealed} sealed with the current key, {kept} already were");
        }
        Command::Openapi => {
            println!("{}", api_doc().to_pretty_json()?);
        }
    }
    Ok(())
}
