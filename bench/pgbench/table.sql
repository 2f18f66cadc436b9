-- The SQL GET /api/v1/periods/{id}/table runs when it has no cached copy of the table: what
-- routes/table.rs `compile` and shinko_db::table::CompiledTable::load send, statement for statement,
-- as diesel prints them (captured with log_statement = 'all' from the release server; see
-- bench/README.md). One pgbench transaction = one table compiled. Not included: what every request
-- pays, cached or not (the session lookup of the JWT, the plan_versions counter and the pool's
-- set_config on each checkout).
--
-- Variables (bench/run passes them with -D, as the server binds them): period, plan, ids (the
-- plan's row ids, '{1,2,…}'), group_ids (the rows' group ids, '{…}'). With -M prepared every
-- statement is prepared once per connection, as diesel-async caches them.
\set one 1

-- ReportingPeriod::find (routes/table.rs compile)
SELECT "reporting_periods"."id", "reporting_periods"."plan_id", "reporting_periods"."fiscal_year", "reporting_periods"."kind", "reporting_periods"."as_of", "reporting_periods"."label", "reporting_periods"."opens_on", "reporting_periods"."deadline", "reporting_periods"."state", "reporting_periods"."created_at", "reporting_periods"."updated_at" FROM "reporting_periods" WHERE ("reporting_periods"."id" = :period) LIMIT :one;

-- Plan::find
SELECT "plans"."id", "plans"."municipality", "plans"."name", "plans"."table_title", "plans"."created_at", "plans"."updated_at" FROM "plans" WHERE ("plans"."id" = :plan) LIMIT :one;

-- Measure::list_for_plan
SELECT "measures"."id", "measures"."plan_id", "measures"."kind", "measures"."number", "measures"."title", "measures"."table_title", "measures"."description", "measures"."item_label", "measures"."created_at", "measures"."updated_at" FROM "measures" WHERE ("measures"."plan_id" = :plan) ORDER BY "measures"."kind", "measures"."number";

-- Direction::list_for_plan
SELECT "directions"."id", "directions"."measure_id", "directions"."number", "directions"."title", "directions"."created_at", "directions"."updated_at" FROM ("directions" INNER JOIN "measures" ON ("directions"."measure_id" = "measures"."id")) WHERE ("measures"."plan_id" = :plan) ORDER BY "directions"."measure_id", "directions"."number";

-- InitiativeRow::all_for_plan
SELECT "initiatives"."id", "initiatives"."plan_id", "initiatives"."measure_id", "initiatives"."direction_id", "initiatives"."group_id", "initiatives"."name", "initiatives"."content", "initiatives"."position", "initiatives"."created_at", "initiatives"."updated_at" FROM (("initiatives" INNER JOIN "measures" ON ("measures"."id" = "initiatives"."measure_id")) LEFT OUTER JOIN "directions" ON ("directions"."id" = "initiatives"."direction_id")) WHERE ("initiatives"."plan_id" = :plan) ORDER BY "measures"."kind", "measures"."number", "directions"."number" ASC NULLS FIRST, "initiatives"."position";

-- InitiativeRow::decorate: departments of the rows
SELECT "initiative_departments"."initiative_id", "departments"."id", "departments"."name" FROM ("initiative_departments" INNER JOIN "departments" ON ("initiative_departments"."department_id" = "departments"."id")) WHERE ("initiative_departments"."initiative_id" = ANY(:ids)) ORDER BY "initiative_departments"."initiative_id", "initiative_departments"."position";

-- InitiativeRow::decorate: rows of the same 事業 (groups)
SELECT "initiatives"."group_id", "initiatives"."id" FROM (("initiatives" INNER JOIN "measures" ON ("measures"."id" = "initiatives"."measure_id")) LEFT OUTER JOIN "directions" ON ("directions"."id" = "initiatives"."direction_id")) WHERE (("initiatives"."plan_id" = :plan) AND ("initiatives"."group_id" = ANY(:group_ids))) ORDER BY "measures"."kind", "measures"."number", "directions"."number" ASC NULLS FIRST, "initiatives"."position";

-- reports_by_row
SELECT "reports"."id", "reports"."plan_id", "reports"."period_id", "reports"."initiative_id", "reports"."state", "reports"."progress", "reports"."implementation_status", "reports"."evaluation", "reports"."future_direction", "reports"."remarks", "reports"."return_comment", "reports"."version", "reports"."submitted_at", "reports"."submitted_late", "reports"."approved_at", "reports"."updated_by", "reports"."created_at", "reports"."updated_at" FROM "reports" WHERE ("reports"."period_id" = :period);
