//! Diesel's view of the tables, written to match `migrations/`. A test loads a row of every table
//! through these declarations, so a column that drifted from the migrations fails the suite.

pub mod sql_types {
    #[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "measure_kind"))]
    pub struct MeasureKind;

    #[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "user_role"))]
    pub struct UserRole;

    #[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "period_kind"))]
    pub struct PeriodKind;

    #[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "period_state"))]
    pub struct PeriodState;

    #[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "report_state"))]
    pub struct ReportState;

    #[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "implementation_status"))]
    pub struct ImplementationStatus;

    #[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
    #[diesel(postgres_type(name = "future_direction"))]
    pub struct FutureDirection;
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
        first_fiscal_year -> Nullable<Int4>,
        last_fiscal_year -> Nullable<Int4>,
        archived_at -> Nullable<Timestamptz>,
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
        retired_from -> Nullable<Date>,
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
        retired_from -> Nullable<Date>,
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
        retired_from -> Nullable<Date>,
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
        email -> Nullable<Text>,
        totp_secret -> Nullable<Text>,
        totp_enabled_at -> Nullable<Timestamptz>,
        totp_last_step -> Nullable<Int8>,
        password_set_at -> Timestamptz,
    }
}

diesel::table! {
    recovery_codes (user_id, code_hash) {
        user_id -> Int8,
        code_hash -> Bytea,
        used_at -> Nullable<Timestamptz>,
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
        last_seen_at -> Timestamptz,
        user_agent -> Nullable<Text>,
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

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::{PeriodKind, PeriodState};

    reporting_periods (id) {
        id -> Int8,
        plan_id -> Int8,
        fiscal_year -> Int4,
        kind -> PeriodKind,
        as_of -> Date,
        label -> Text,
        opens_on -> Date,
        deadline -> Date,
        state -> PeriodState,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    evaluation_grades (plan_id, code) {
        plan_id -> Int8,
        code -> Text,
        label -> Text,
        position -> Int4,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::{FutureDirection, ImplementationStatus, ReportState};

    reports (id) {
        id -> Int8,
        plan_id -> Int8,
        period_id -> Int8,
        initiative_id -> Int8,
        state -> ReportState,
        progress -> Text,
        implementation_status -> Nullable<ImplementationStatus>,
        evaluation -> Nullable<Text>,
        future_direction -> Nullable<FutureDirection>,
        remarks -> Text,
        return_comment -> Nullable<Text>,
        version -> Int4,
        submitted_at -> Nullable<Timestamptz>,
        submitted_late -> Bool,
        approved_at -> Nullable<Timestamptz>,
        updated_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::{FutureDirection, ImplementationStatus, ReportState};

    report_versions (id) {
        id -> Int8,
        report_id -> Int8,
        version -> Int4,
        action -> Text,
        state -> ReportState,
        progress -> Text,
        implementation_status -> Nullable<ImplementationStatus>,
        evaluation -> Nullable<Text>,
        future_direction -> Nullable<FutureDirection>,
        remarks -> Text,
        return_comment -> Nullable<Text>,
        actor_id -> Nullable<Int8>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    notifications (id) {
        id -> Int8,
        user_id -> Int8,
        kind -> Text,
        message -> Text,
        report_id -> Nullable<Int8>,
        period_id -> Nullable<Int8>,
        read_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Int8,
        occurred_at -> Timestamptz,
        actor_id -> Nullable<Int8>,
        action -> Text,
        entity -> Text,
        entity_id -> Text,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Int8,
        name -> Text,
        token_hash -> Bytea,
        prefix -> Text,
        scope -> Text,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        last_used_at -> Nullable<Timestamptz>,
        plan_id -> Nullable<Int8>,
    }
}

diesel::table! {
    user_plan_choices (user_id) {
        user_id -> Int8,
        plan_id -> Int8,
        chosen_at -> Timestamptz,
    }
}

diesel::table! {
    editions (id) {
        id -> Int8,
        plan_id -> Int8,
        period_id -> Int8,
        number -> Int4,
        published_at -> Timestamptz,
        published_by -> Nullable<Int8>,
        note -> Nullable<Text>,
        content_text -> Text,
        content -> Jsonb,
        content_sha256 -> Bytea,
    }
}

diesel::table! {
    period_corrections (id) {
        id -> Int8,
        period_id -> Int8,
        edition_id -> Nullable<Int8>,
        reason -> Text,
        corrected_by -> Nullable<Int8>,
        corrected_at -> Timestamptz,
    }
}

diesel::joinable!(measures -> plans (plan_id));
diesel::joinable!(reporting_periods -> plans (plan_id));
diesel::joinable!(reports -> reporting_periods (period_id));
diesel::joinable!(reports -> initiatives (initiative_id));
diesel::joinable!(report_versions -> reports (report_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(directions -> measures (measure_id));
diesel::joinable!(initiative_groups -> plans (plan_id));
diesel::joinable!(initiatives -> directions (direction_id));
diesel::joinable!(initiatives -> initiative_groups (group_id));
diesel::table! {
    /// A plan's change counter (migration 000009): bumped by triggers with every write to what
    /// the plan's tables show.
    plan_versions (plan_id) {
        plan_id -> Int8,
        version -> Int8,
    }
}

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
    reporting_periods,
    evaluation_grades,
    reports,
    report_versions,
    notifications,
    audit_log,
    api_tokens,
    recovery_codes,
    editions,
    period_corrections,
    plan_versions,
    user_plan_choices,
);
