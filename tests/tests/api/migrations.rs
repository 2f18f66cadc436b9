//! Every migration has a working down.sql, and the database rejects malformed structure.

use diesel::sql_query;
use diesel_async::RunQueryDsl;
use shinko_tests::*;

#[tokio::test]
async fn migrations_run_down_and_up_again() {
    let db = TestDatabase::empty().await;
    let applied = shinko_db::run_migrations(&db.url).await.unwrap();
    assert!(!applied.is_empty());
    let reverted = shinko_db::pool::revert_all_migrations(&db.url).await.unwrap();
    assert_eq!(reverted, applied.len());
    let again = shinko_db::run_migrations(&db.url).await.unwrap();
    assert_eq!(again, applied);
}

#[tokio::test]
async fn the_database_refuses_malformed_structure() {
    let app = TestApp::spawn().await;
    let mut conn = app.conn().await;
    for (what, sql) in [
        ("a duplicate measure number", "INSERT INTO measures (plan_id, kind, number, title) SELECT plan_id, kind, number, 'x' FROM measures LIMIT 1"),
        ("a direction without a measure", "INSERT INTO directions (measure_id, number, title) VALUES (987654, 9, 'x')"),
        ("a row whose direction belongs to another measure",
         "INSERT INTO initiatives (plan_id, measure_id, direction_id, name, position) SELECT m.plan_id, m.id, (SELECT d.id FROM directions d WHERE d.measure_id <> m.id LIMIT 1), 'x', 999 FROM measures m LIMIT 1"),
        ("a row without a department", "INSERT INTO initiatives (plan_id, measure_id, name, position) SELECT plan_id, id, 'x', 999 FROM measures LIMIT 1"),
        ("removing the last department of a row", "DELETE FROM initiative_departments WHERE initiative_id = (SELECT min(initiative_id) FROM initiative_departments)"),
        ("a blank row name", "UPDATE initiatives SET name = '  '"),
        ("an editor without a department", "INSERT INTO users (login_id, display_name, role, password_hash) VALUES ('nodept', 'x', 'editor', 'x')"),
    ] {
        assert!(sql_query(sql).execute(&mut conn).await.is_err(), "the database accepted {what}");
    }
}

#[tokio::test]
async fn every_constraint_the_error_mapping_names_exists_after_migrating() {
    use diesel::sql_types::Text;
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        conname: String,
    }
    let app = TestApp::spawn().await;
    let mut conn = app.conn().await;
    let existing: Vec<String> = sql_query("SELECT conname::text AS conname FROM pg_constraint")
        .load::<Name>(&mut conn)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.conname)
        .collect();
    let missing: Vec<&str> =
        shinko_api::error::known_constraints().filter(|name| !existing.iter().any(|e| e == name)).collect();
    assert!(missing.is_empty(), "the error mapping names constraints the database does not have: {missing:?}");
    assert!(shinko_api::error::known_constraints().count() >= 20);
}
