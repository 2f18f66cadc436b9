-- The report save of PUT /api/v1/reports/{id} as the database sees it: what
-- shinko_db::reports::Report::write sends inside its transaction, statement for statement as diesel
-- prints them (captured with log_statement = 'all'), with every trigger in place: the audit row
-- (audit_row_change, to_jsonb of the row before and after) and the plan_versions bump on the
-- UPDATE of reports. The write connection first names its actor (set_config), as
-- AppState::write_conn does. Not included: the reads around it that the endpoint also makes
-- (session, validation of the grade, the previous period's report, the answer's ReportView).
--
-- Variables: first_report..last_report (the open period's reports; one is picked at random per
-- transaction, as 32 editors save different rows), actor (the admin's user id).
\set id random(:first_report, :last_report)
\set n random(1, 1000000000)
\set one 1
SELECT set_config('shinko.actor_id', :actor, false);
BEGIN;
SELECT "reports"."id", "reports"."plan_id", "reports"."period_id", "reports"."initiative_id", "reports"."state", "reports"."progress", "reports"."implementation_status", "reports"."evaluation", "reports"."future_direction", "reports"."remarks", "reports"."return_comment", "reports"."version", "reports"."submitted_at", "reports"."submitted_late", "reports"."approved_at", "reports"."updated_by", "reports"."created_at", "reports"."updated_at" FROM "reports" WHERE ("reports"."id" = :id) LIMIT :one FOR UPDATE \gset cur_
SELECT "reporting_periods"."id", "reporting_periods"."plan_id", "reporting_periods"."fiscal_year", "reporting_periods"."kind", "reporting_periods"."as_of", "reporting_periods"."label", "reporting_periods"."opens_on", "reporting_periods"."deadline", "reporting_periods"."state", "reporting_periods"."created_at", "reporting_periods"."updated_at" FROM "reporting_periods" WHERE ("reporting_periods"."id" = :cur_period_id) LIMIT :one FOR SHARE;
UPDATE "reports" SET "state" = 'draft', "progress" = '令和7年度は関係機関と連携し、講座を年4回開催した。参加者アンケートでは概ね好評であった。（更新' || :n || '）', "implementation_status" = 'in_progress', "evaluation" = 'A', "future_direction" = 'continue', "remarks" = '', "return_comment" = NULL, "submitted_at" = NULL, "submitted_late" = false, "approved_at" = NULL, "version" = :cur_version + 1, "updated_by" = :actor, "updated_at" = now() WHERE ("reports"."id" = :id) RETURNING "reports"."id", "reports"."plan_id", "reports"."period_id", "reports"."initiative_id", "reports"."state", "reports"."progress", "reports"."implementation_status", "reports"."evaluation", "reports"."future_direction", "reports"."remarks", "reports"."return_comment", "reports"."version", "reports"."submitted_at", "reports"."submitted_late", "reports"."approved_at", "reports"."updated_by", "reports"."created_at", "reports"."updated_at" \gset new_
INSERT INTO "report_versions" ("report_id", "version", "action", "state", "progress", "implementation_status", "evaluation", "future_direction", "remarks", "return_comment", "actor_id") VALUES (:id, :new_version, 'save', 'draft', :new_progress, 'in_progress', 'A', 'continue', '', NULL, :actor);
COMMIT;
