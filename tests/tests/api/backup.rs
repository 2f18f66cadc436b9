//! Backup and restore: pg_dump of a database in use, restored into a new database, serves the same
//! compiled table and keeps the whole audit log.

use std::process::Command;

use diesel_async::RunQueryDsl;
use reqwest::StatusCode;
use serde_json::Value;
use shinko_db::enums::UserRole;
use shinko_tests::cycle::{self, days_from_today};
use shinko_tests::pg_cluster::{require_program, server_major};
use shinko_tests::*;

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

async fn audit_rows(app: &TestApp) -> i64 {
    let mut conn = app.conn().await;
    diesel::sql_query("SELECT count(*) AS n FROM audit_log").get_result::<Count>(&mut conn).await.unwrap().n
}

async fn table(app: &TestApp, token: &str, period: i64) -> Value {
    assert_json(app.get(&format!("/api/v1/periods/{period}/table"), Some(token)).await, StatusCode::OK).await
}

#[tokio::test]
async fn a_restored_dump_serves_the_same_table_and_audit_log() {
    let app = TestApp::spawn().await;
    let admin_user = app.admin().await;
    let admin = app.login(&admin_user).await.access;
    let editor = app.token(UserRole::Editor, Some("健康課")).await;
    let health = app.department_id("健康課").await;

    // Something written since the seed: the 年間 period with a report saved, one submitted and approved.
    let year = cycle::open_full_year(&app, &admin, days_from_today(14)).await;
    let reports = cycle::reports_of(&app, &editor, year, health).await;
    let (first, second) = (reports[0]["id"].as_i64().unwrap(), reports[1]["id"].as_i64().unwrap());
    cycle::save(&app, &editor, first, "・相談件数 131件\n・延べ利用人数 223人（バックアップ前に保存）").await;
    cycle::save(&app, &editor, second, "融資総額 244,000,000円").await;
    cycle::submit(&app, &editor, second).await;
    cycle::approve(&app, &admin, second).await;
    let first_half = cycle::first_half_id(&app, &admin).await;

    let original_rows = audit_rows(&app).await;
    let major = server_major(&admin_url()).await;
    let dump_file = std::env::temp_dir().join(format!("shinko-backup-{}.dump", uuid::Uuid::new_v4().simple()));
    let dump = Command::new(require_program("pg_dump", major))
        .args(["--format=custom", "--no-owner", "--file"])
        .arg(&dump_file)
        .arg(&app.db.url)
        .output()
        .unwrap();
    assert!(dump.status.success(), "pg_dump: {}", String::from_utf8_lossy(&dump.stderr));

    let restored = TestDatabase::empty().await;
    let restore = Command::new(require_program("pg_restore", major))
        .args(["--no-owner", "--exit-on-error", "--dbname"])
        .arg(&restored.url)
        .arg(&dump_file)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&dump_file);
    assert!(restore.status.success(), "pg_restore: {}", String::from_utf8_lossy(&restore.stderr));

    let second_app = TestApp::spawn_on(restored).await;
    let copied_rows = audit_rows(&second_app).await;
    assert!(original_rows > 0);
    assert_eq!(original_rows, copied_rows, "audit log rows");
    // The same account signs in on the copy (users and their password hashes came along).
    let admin_on_copy = second_app.login(&admin_user).await.access;
    for period in [year, first_half] {
        let original = table(&app, &admin, period).await;
        let copy = table(&second_app, &admin_on_copy, period).await;
        assert!(original == copy, "the compiled table of period {period} differs after the restore");
    }
    let saved =
        assert_json(second_app.get(&format!("/api/v1/reports/{first}"), Some(&admin_on_copy)).await, StatusCode::OK)
            .await;
    assert_eq!(saved["progress"], "・相談件数 131件\n・延べ利用人数 223人（バックアップ前に保存）");
    println!("backup: pg_dump/pg_restore {major}: table of 2 periods equal, {copied_rows} audit log rows in both");
}
