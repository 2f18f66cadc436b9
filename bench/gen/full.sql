-- Synthetic data of the "full" size: the seed plan cloned into :plans plans in total, each with
-- :years fiscal years × 2 periods (上半期 9月末, 年間 3月末) of reports, 70 rows a plan.
-- 1,741 plans × 10 years × 2 periods × 70 rows = 2,437,400 reports.
--
-- Run on a database that `shinko migrate` and `shinko seed --demo` prepared (bench/run does):
--   psql -v plans=1741 -v years=10 -v first_year=2019 -f bench/gen/full.sql DATABASE
--
-- How it stays fast (about a minute for 2.4 M reports on 2 cores, plus the index builds):
-- * Everything is INSERT … SELECT over generate_series in one transaction; no row goes through the
--   client.
-- * SET LOCAL session_replication_role = replica: ordinary triggers do not fire for the load. That
--   skips, per row, the audit trigger (audit_log would get 2.4 M JSON rows), the plan_versions bump
--   (an UPDATE of one row per inserted report), the evaluation-grade and plan_versions triggers of
--   new plans (their rows are inserted here explicitly instead) and the foreign-key checks (which
--   are triggers too). The ids below are computed so every reference is consistent; the checks at
--   the end verify the counts and the foreign keys of the reports.
-- * The secondary indexes of reports and report_versions (trigram GIN, period/state, initiative)
--   are dropped before the load and built again after it, as their migrations define them.
-- * The cloned plan's ids are computed (OVERRIDING SYSTEM VALUE) from the template's ids, so the
--   structure needs no lookup tables; identity sequences are moved past them at the end.
--
-- Texts: each report's 取組進捗状況 is the seed's text of the same row with its years moved to the
-- report's fiscal year, and for most reports one of a few closing sentences the city's reports use,
-- so lengths follow the seed's (median ≈ 85 characters, up to ≈ 280). 実施状況, 評価, 今後の方向性
-- and a remark on every fifth report are spread deterministically (hash of plan, period and row).
-- History: one report_versions row per generated report (version 1, "import"), as an import writes.
-- The audit log is not back-filled.

\set ON_ERROR_STOP on
\if :{?plans}
\else
  \set plans 1741
\endif
\if :{?years}
\else
  \set years 10
\endif
\if :{?first_year}
\else
  \set first_year 2019
\endif
\set template 1

SET maintenance_work_mem = '256MB';

-- The secondary indexes of the two big tables (not those behind a primary key or UNIQUE), kept
-- here to be built again after the load exactly as the migrations defined them.
CREATE TEMP TABLE saved_indexes AS
SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = 'public' AND tablename IN ('reports', 'report_versions')
  AND indexname NOT IN (SELECT conname FROM pg_constraint);

BEGIN;
SET LOCAL session_replication_role = replica;
SET LOCAL synchronous_commit = off;

SELECT format('DROP INDEX %I', indexname) FROM saved_indexes \gexec

-- Nothing of an earlier run: the database must be the seed as imported.
DO $$ BEGIN
  IF (SELECT count(*) FROM plans) <> 1 THEN
    RAISE EXCEPTION 'bench/gen/full.sql expects the seed database (1 plan), found % plans', (SELECT count(*) FROM plans);
  END IF;
END $$;

-- Offsets for the computed ids of the clones.
SELECT (SELECT max(id) FROM plans) AS plan_base,
       (SELECT max(id) FROM measures) AS m_base,
       (SELECT min(id) FROM measures WHERE plan_id = :template) AS m_min,
       (SELECT max(id) - min(id) + 1 FROM measures WHERE plan_id = :template) AS m_span,
       (SELECT max(id) FROM directions) AS d_base,
       (SELECT min(d.id) FROM directions d JOIN measures m ON m.id = d.measure_id WHERE m.plan_id = :template) AS d_min,
       (SELECT max(d.id) - min(d.id) + 1 FROM directions d JOIN measures m ON m.id = d.measure_id WHERE m.plan_id = :template) AS d_span,
       (SELECT coalesce(max(id), 0) FROM initiative_groups) AS g_base,
       (SELECT coalesce(min(id), 0) FROM initiative_groups WHERE plan_id = :template) AS g_min,
       (SELECT coalesce(max(id) - min(id) + 1, 1) FROM initiative_groups WHERE plan_id = :template) AS g_span,
       (SELECT max(id) FROM initiatives) AS i_base,
       (SELECT min(id) FROM initiatives WHERE plan_id = :template) AS i_min,
       (SELECT max(id) - min(id) + 1 FROM initiatives WHERE plan_id = :template) AS i_span,
       (SELECT max(id) FROM reporting_periods) AS period_base,
       (SELECT max(id) FROM reports) AS report_base
\gset

CREATE TEMP TABLE clone ON COMMIT DROP AS SELECT k FROM generate_series(1, :plans - 1) AS k;

-- 令和N年 / 平成N年 of a calendar or fiscal year, as the texts write it.
CREATE FUNCTION pg_temp.era(y INTEGER) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN y <= 2018 THEN '平成' || (y - 1988) WHEN y = 2019 THEN '令和元' ELSE '令和' || (y - 2018) END
$$;
-- The seed's text (written for 令和7年度) moved to fiscal year fy.
CREATE FUNCTION pg_temp.move_years(t TEXT, fy INTEGER) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT replace(replace(replace(replace(replace(replace(t,
    '令和6年', chr(1)), '令和7年', chr(2)), '令和8年', chr(3)),
    chr(1), pg_temp.era(fy - 1) || '年'), chr(2), pg_temp.era(fy) || '年'), chr(3), pg_temp.era(fy + 1) || '年')
$$;

-- Plans and what the triggers of a new plan would have added.
INSERT INTO plans (id, municipality, name, table_title)
OVERRIDING SYSTEM VALUE
SELECT :plan_base + c.k, 'ベンチ市' || to_char(c.k, 'FM0000'), p.name, p.table_title
FROM plans p CROSS JOIN clone c WHERE p.id = :template;

INSERT INTO plan_versions (plan_id) SELECT :plan_base + k FROM clone;

INSERT INTO evaluation_grades (plan_id, code, label, position)
SELECT :plan_base + c.k, g.code, g.label, g.position
FROM evaluation_grades g CROSS JOIN clone c WHERE g.plan_id = :template;

-- The plan's structure, ids computed from the template's.
INSERT INTO measures (id, plan_id, kind, number, title, table_title, description, item_label)
OVERRIDING SYSTEM VALUE
SELECT :m_base + (c.k - 1) * :m_span + (m.id - :m_min) + 1, :plan_base + c.k, m.kind, m.number, m.title, m.table_title, m.description, m.item_label
FROM measures m CROSS JOIN clone c WHERE m.plan_id = :template;

INSERT INTO directions (id, measure_id, number, title)
OVERRIDING SYSTEM VALUE
SELECT :d_base + (c.k - 1) * :d_span + (d.id - :d_min) + 1,
       :m_base + (c.k - 1) * :m_span + (d.measure_id - :m_min) + 1, d.number, d.title
FROM directions d JOIN measures m ON m.id = d.measure_id CROSS JOIN clone c WHERE m.plan_id = :template;

INSERT INTO initiative_groups (id, plan_id, name)
OVERRIDING SYSTEM VALUE
SELECT :g_base + (c.k - 1) * :g_span + (g.id - :g_min) + 1, :plan_base + c.k, g.name
FROM initiative_groups g CROSS JOIN clone c WHERE g.plan_id = :template;

INSERT INTO initiatives (id, plan_id, measure_id, direction_id, group_id, name, content, position)
OVERRIDING SYSTEM VALUE
SELECT :i_base + (c.k - 1) * :i_span + (i.id - :i_min) + 1,
       :plan_base + c.k,
       :m_base + (c.k - 1) * :m_span + (i.measure_id - :m_min) + 1,
       :d_base + (c.k - 1) * :d_span + (i.direction_id - :d_min) + 1,
       :g_base + (c.k - 1) * :g_span + (i.group_id - :g_min) + 1,
       i.name, i.content, i.position
FROM initiatives i CROSS JOIN clone c WHERE i.plan_id = :template
ORDER BY c.k, i.id;

INSERT INTO initiative_departments (initiative_id, department_id, position)
SELECT :i_base + (c.k - 1) * :i_span + (l.initiative_id - :i_min) + 1, l.department_id, l.position
FROM initiative_departments l JOIN initiatives i ON i.id = l.initiative_id CROSS JOIN clone c
WHERE i.plan_id = :template;

-- Periods: every plan (the template too) gets 上半期 and 年間 of each fiscal year it lacks.
INSERT INTO reporting_periods (plan_id, fiscal_year, kind, as_of, label, opens_on, deadline, state)
SELECT p.id, y.fy, k.kind, k.as_of,
       pg_temp.era(y.fy) || '年度 ' || extract(month FROM k.as_of) || '月末',
       k.as_of + 1, k.as_of + 31, 'closed'
FROM plans p
CROSS JOIN generate_series(:first_year, :first_year + :years - 1) AS y (fy)
CROSS JOIN LATERAL (VALUES ('first_half'::period_kind, make_date(y.fy, 9, 30)),
                           ('full_year'::period_kind, make_date(y.fy + 1, 3, 31))) AS k (kind, as_of)
WHERE NOT EXISTS (SELECT 1 FROM reporting_periods r WHERE r.plan_id = p.id AND r.as_of = k.as_of)
ORDER BY p.id, k.as_of;

-- Reports: one per row and new period, in period order (as opening a period creates them).
CREATE TEMP TABLE seed_text ON COMMIT DROP AS
SELECT r.initiative_id AS template_row, r.progress
FROM reports r JOIN reporting_periods p ON p.id = r.period_id
WHERE r.plan_id = :template AND p.state <> 'open' AND r.progress <> ''
  AND p.id = (SELECT min(period_id) FROM reports WHERE plan_id = :template AND progress <> '');

INSERT INTO reports (plan_id, period_id, initiative_id, state, progress, implementation_status, evaluation,
                     future_direction, remarks, version, submitted_at, approved_at, created_at, updated_at)
SELECT p.plan_id, p.id, i.id, 'approved',
       pg_temp.move_years(coalesce(t.progress, i.content), p.fiscal_year)
         || (ARRAY['', '', '引き続き関係機関と連携して実施した。', '前年度に引き続き実施した。',
                   '参加者アンケートでは概ね好評であった。', '次年度は内容を見直して実施する予定である。',
                   '周知方法を工夫し、参加者の増加に努めた。', '実施回数を増やし、より多くの市民が参加できるようにした。'])[1 + (h.v % 8)],
       (ARRAY['done', 'in_progress', 'in_progress', 'done', 'planned', 'in_progress', 'done', 'not_started']::implementation_status[])[1 + ((h.v / 8) % 8)],
       (ARRAY['A', 'A', 'S', 'A', 'B', 'A', 'F', 'C'])[1 + ((h.v / 64) % 8)],
       (ARRAY['continue', 'continue', 'expand', 'continue', 'review', 'continue', 'reduce', 'complete']::future_direction[])[1 + ((h.v / 512) % 8)],
       CASE WHEN (h.v / 4096) % 5 = 0 THEN (ARRAY['予算の範囲内で実施。', '関係課と共催。', '対象者を拡大予定。', '会場を変更して実施。'])[1 + ((h.v / 20480) % 4)] ELSE '' END,
       1, p.as_of + 20, p.as_of + 40, p.as_of + 45, p.as_of + 45
FROM reporting_periods p
JOIN initiatives i ON i.plan_id = p.plan_id
LEFT JOIN seed_text t ON t.template_row = CASE WHEN i.id > :i_base THEN (i.id - :i_base - 1) % :i_span + :i_min ELSE i.id END
CROSS JOIN LATERAL (SELECT abs(hashint8(p.id * 1000003 + i.id)::BIGINT) AS v) AS h
WHERE p.id > :period_base
ORDER BY p.id, i.id;

-- Their history: the version each was imported as.
INSERT INTO report_versions (report_id, version, action, state, progress, implementation_status, evaluation,
                             future_direction, remarks, actor_id, created_at)
SELECT id, version, 'import', state, progress, implementation_status, evaluation, future_direction, remarks, NULL, updated_at
FROM reports WHERE id > :report_base ORDER BY id;

DO $$ BEGIN
  PERFORM setval(pg_get_serial_sequence('plans', 'id'), (SELECT max(id) FROM plans));
  PERFORM setval(pg_get_serial_sequence('measures', 'id'), (SELECT max(id) FROM measures));
  PERFORM setval(pg_get_serial_sequence('directions', 'id'), (SELECT max(id) FROM directions));
  PERFORM setval(pg_get_serial_sequence('initiative_groups', 'id'), (SELECT max(id) FROM initiative_groups));
  PERFORM setval(pg_get_serial_sequence('initiatives', 'id'), (SELECT max(id) FROM initiatives));
END $$;

-- What the triggers would have guaranteed, checked once.
DO $$
DECLARE
  bad BIGINT;
BEGIN
  SELECT count(*) INTO bad FROM initiatives i
    LEFT JOIN measures m ON m.id = i.measure_id AND m.plan_id = i.plan_id
    LEFT JOIN directions d ON d.id = i.direction_id AND d.measure_id = i.measure_id
    WHERE m.id IS NULL OR (i.direction_id IS NOT NULL AND d.id IS NULL);
  IF bad > 0 THEN RAISE EXCEPTION '% rows with a broken measure or direction', bad; END IF;
  SELECT count(*) INTO bad FROM initiatives i WHERE NOT EXISTS (SELECT 1 FROM initiative_departments l WHERE l.initiative_id = i.id);
  IF bad > 0 THEN RAISE EXCEPTION '% rows without a department', bad; END IF;
  SELECT count(*) INTO bad FROM reports r
    LEFT JOIN reporting_periods p ON p.id = r.period_id AND p.plan_id = r.plan_id
    LEFT JOIN initiatives i ON i.id = r.initiative_id AND i.plan_id = r.plan_id
    WHERE p.id IS NULL OR i.id IS NULL;
  IF bad > 0 THEN RAISE EXCEPTION '% reports with a broken period or row', bad; END IF;
END $$;

COMMIT;

\echo building the indexes of reports and report_versions again
SELECT indexdef FROM saved_indexes \gexec
VACUUM (ANALYZE) reports;
VACUUM (ANALYZE) report_versions;
ANALYZE;
