//! Diesel's view of the tables, written to match `migrations/`. A test compares the migrated
//! database with these declarations, so drift between the two fails the suite.

pub mod sql_types {
    #[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "measure_kind"))]
    pub struct MeasureKind;

    #[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "user_role"))]
    pub struct UserRole;
}

diesel::table! {
    departments (id) {
        id -> Int8,
        name -> Text,
        active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    plans (id) {
        id -> Int8,
        municipality -> Text,
        name -> Text,
        table_title -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::MeasureKind;

    measures (id) {
        id -> Int8,
        plan_id -> Int8,
        kind -> MeasureKind,
        number -> Int4,
        title -> Text,
        table_title -> Nullable<Text>,
        description -> Text,
        item_label -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    directions (id) {
        id -> Int8,
        measure_id -> Int8,
        number -> Int4,
        title -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    initiative_groups (id) {
        id -> Int8,
        plan_id -> Int8,
        name -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    initiatives (id) {
        id -> Int8,
        plan_id -> Int8,
        measure_id -> Int8,
        direction_id -> Nullable<Int8>,
        group_id -> Nullable<Int8>,
        name -> Text,
        content -> Text,
        position -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    initiative_departments (initiative_id, department_id) {
        initiative_id -> Int8,
        department_id -> Int8,
        position -> Int4,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::UserRole;

    users (id) {
        id -> Int8,
        login_id -> Text,
        display_name -> Text,
        department_id -> Nullable<Int8>,
        role -> UserRole,
        active -> Bool,
        password_hash -> Text,
        must_change_password -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    sessions (id) {
        id -> Uuid,
        user_id -> Int8,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        revoked_reason -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (token_hash) {
        token_hash -> Bytea,
        session_id -> Uuid,
        created_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::joinable!(measures -> plans (plan_id));
diesel::joinable!(directions -> measures (measure_id));
diesel::joinable!(initiative_groups -> plans (plan_id));
diesel::joinable!(initiatives -> directions (direction_id));
diesel::joinable!(initiatives -> initiative_groups (group_id));
diesel::joinable!(initiative_departments -> initiatives (initiative_id));
diesel::joinable!(initiative_departments -> departments (department_id));
diesel::joinable!(users -> departments (department_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));

diesel::allow_tables_to_appear_in_same_query!(
    departments,
    plans,
    measures,
    directions,
    initiative_groups,
    initiatives,
    initiative_departments,
    users,
    sessions,
    refresh_tokens,
);
