-- Profile (not a target): the SQL a CACHED GET /api/v1/periods/{id}/table with a JWT still runs,
-- statement for statement as captured with log_statement = 'all' from the release server: the
-- session and user behind the JWT (auth::authenticate: Session::find_active_with_user) and the
-- plan's change counter (plan_versions::of_period), both prepared statements. Its tx/s is the most
-- cached table requests per second this database can answer. (Until commit 1e424ef each request
-- also ran a recycle check on each of its two connection checkouts, and the counter query was
-- parsed anew each time.)
--
-- Variables: session_id (a live session), now (a timestamp), period.
\set one 1
SELECT "sessions"."id", "sessions"."user_id", "sessions"."created_at", "sessions"."expires_at", "sessions"."revoked_at", "sessions"."revoked_reason", "users"."id", "users"."login_id", "users"."display_name", "users"."department_id", "users"."role", "users"."active", "users"."password_hash", "users"."must_change_password", "users"."created_at", "users"."updated_at", "users"."email", "users"."totp_enabled_at" FROM ("sessions" INNER JOIN "users" ON ("sessions"."user_id" = "users"."id")) WHERE (((("sessions"."id" = :session_id) AND ("sessions"."revoked_at" IS NULL)) AND ("sessions"."expires_at" > :now)) AND ("users"."active" = :active)) LIMIT :one;
SELECT "reporting_periods"."plan_id", "plan_versions"."version" FROM ("reporting_periods" LEFT OUTER JOIN "plan_versions" ON ("plan_versions"."plan_id" = "reporting_periods"."plan_id")) WHERE ("reporting_periods"."id" = :period) LIMIT :one;
