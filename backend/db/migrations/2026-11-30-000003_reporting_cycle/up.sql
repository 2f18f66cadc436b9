-- The reporting cycle: periods, progress reports with their full history, the evaluation scale,
-- notifications and the append-only audit log.

CREATE TYPE period_kind AS ENUM ('first_half', 'full_year', 'custom');
CREATE TYPE period_state AS ENUM ('preparing', 'open', 'closed', 'published');
CREATE TYPE report_state AS ENUM ('draft', 'submitted', 'returned', 'approved');
CREATE TYPE implementation_status AS ENUM ('not_started', 'in_progress', 'done', 'planned');
CREATE TYPE future_direction AS ENUM ('expand', 'continue', 'review', 'reduce', 'abolish', 'complete');

-- 報告期間: e.g. 令和7年度 上半期 (as of 2025-09-30) or 令和7年度 年間 (as of 2026-03-31).
CREATE TABLE reporting_periods (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id      BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    fiscal_year  INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2019 AND 2100),
    kind         period_kind NOT NULL,
    -- The date the reports describe ("…まで"): 9/30 for 上半期, 3/31 of the next year for 年間.
    as_of        DATE NOT NULL,
    -- Generated from fiscal year and as_of, e.g. 令和7年度 9月末.
    label        TEXT NOT NULL CHECK (btrim(label) <> '' AND length(label) <= 100),
    opens_on     DATE NOT NULL,
    deadline     DATE NOT NULL,
    state        period_state NOT NULL DEFAULT 'preparing',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT reporting_periods_plan_as_of_key UNIQUE (plan_id, as_of),
    CONSTRAINT reporting_periods_id_plan_key UNIQUE (id, plan_id),
    CONSTRAINT reporting_periods_deadline_after_opening CHECK (deadline >= opens_on),
    -- as_of must fall inside the fiscal year (April to March).
    CONSTRAINT reporting_periods_as_of_in_year CHECK (
        as_of BETWEEN make_date(fiscal_year, 4, 1) AND make_date(fiscal_year + 1, 3, 31))
);

-- The self-evaluation scale of a plan (F 完了, S 目標値以上, …), editable per plan.
CREATE TABLE evaluation_grades (
    plan_id      BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    code         TEXT NOT NULL CHECK (code ~ '^[A-Z0-9]{1,3}$'),
    label        TEXT NOT NULL CHECK (btrim(label) <> '' AND length(label) <= 50),
    position     INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (plan_id, code)
);

-- Every plan starts with the city's own scale.
CREATE FUNCTION insert_default_evaluation_grades() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO evaluation_grades (plan_id, code, label, position) VALUES
        (NEW.id, 'F', '完了', 0),
        (NEW.id, 'S', '目標値以上', 1),
        (NEW.id, 'A', '目標値どおり', 2),
        (NEW.id, 'B', '要改善', 3),
        (NEW.id, 'C', '要大幅改善', 4),
        (NEW.id, 'X', '未着手', 5),
        (NEW.id, 'Y', '中止', 6),
        (NEW.id, 'Z', '評価困難', 7);
    RETURN NULL;
END;
$$;
CREATE TRIGGER plans_default_evaluation_grades AFTER INSERT ON plans
    FOR EACH ROW EXECUTE FUNCTION insert_default_evaluation_grades();
INSERT INTO evaluation_grades (plan_id, code, label, position)
SELECT p.id, g.code, g.label, g.position
FROM plans p CROSS JOIN (VALUES ('F', '完了', 0), ('S', '目標値以上', 1), ('A', '目標値どおり', 2), ('B', '要改善', 3),
    ('C', '要大幅改善', 4), ('X', '未着手', 5), ('Y', '中止', 6), ('Z', '評価困難', 7)) AS g (code, label, position);

-- 取組進捗状況: one department report per row and period.
CREATE TABLE reports (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id                BIGINT NOT NULL,
    period_id              BIGINT NOT NULL,
    -- RESTRICT: a row with reports keeps its history; it cannot be deleted by accident.
    initiative_id          BIGINT NOT NULL REFERENCES initiatives (id) ON DELETE RESTRICT,
    state                  report_state NOT NULL DEFAULT 'draft',
    progress               TEXT NOT NULL DEFAULT '' CHECK (length(progress) <= 20000),
    implementation_status  implementation_status,
    evaluation             TEXT,
    future_direction       future_direction,
    remarks                TEXT NOT NULL DEFAULT '' CHECK (length(remarks) <= 5000),
    -- The secretariat's comment when it returned the report (差戻し); kept until the next return.
    return_comment         TEXT,
    -- Optimistic concurrency: every save increments it; exposed as the ETag.
    version                INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    submitted_at           TIMESTAMPTZ,
    submitted_late         BOOLEAN NOT NULL DEFAULT FALSE,
    approved_at            TIMESTAMPTZ,
    updated_by             BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT reports_period_initiative_key UNIQUE (period_id, initiative_id),
    CONSTRAINT reports_period_fkey FOREIGN KEY (period_id, plan_id)
        REFERENCES reporting_periods (id, plan_id) ON DELETE CASCADE,
    CONSTRAINT reports_evaluation_fkey FOREIGN KEY (plan_id, evaluation)
        REFERENCES evaluation_grades (plan_id, code) ON UPDATE CASCADE
);
CREATE INDEX reports_initiative_idx ON reports (initiative_id);
CREATE INDEX reports_period_state_idx ON reports (period_id, state);

-- Every saved version of a report, never changed afterwards.
CREATE TABLE report_versions (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id              BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    version                INTEGER NOT NULL,
    -- What made this version: create, save, copy_previous, no_change, submit, return, approve, reopen, import.
    action                 TEXT NOT NULL,
    state                  report_state NOT NULL,
    progress               TEXT NOT NULL,
    implementation_status  implementation_status,
    evaluation             TEXT,
    future_direction       future_direction,
    remarks                TEXT NOT NULL,
    return_comment         TEXT,
    actor_id               BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT report_versions_report_version_key UNIQUE (report_id, version)
);

-- In-app notifications (report returned / approved, deadline near).
CREATE TABLE notifications (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('report_returned', 'report_approved', 'deadline_near', 'reminder')),
    message     TEXT NOT NULL,
    report_id   BIGINT REFERENCES reports (id) ON DELETE CASCADE,
    period_id   BIGINT REFERENCES reporting_periods (id) ON DELETE CASCADE,
    read_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
-- A deadline reminder is sent once per user and period.
CREATE UNIQUE INDEX notifications_deadline_once ON notifications (user_id, period_id) WHERE kind = 'deadline_near';

-- The audit log: who did what to which entity, with the row before and after, written by
-- triggers in the same transaction as the change. Rows can only be added.
CREATE TABLE audit_log (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The signed-in user, from the transaction setting shinko.actor_id; NULL for the CLI and system jobs.
    actor_id     BIGINT,
    action       TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    before       JSONB,
    after        JSONB
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

CREATE FUNCTION audit_row_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row JSONB := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    new_row JSONB := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    key_columns TEXT[] := TG_ARGV;
    entity_key TEXT;
BEGIN
    -- Secrets never enter the log.
    old_row := old_row - 'password_hash';
    new_row := new_row - 'password_hash';
    IF TG_OP = 'UPDATE' AND old_row = new_row THEN
        RETURN NULL;
    END IF;
    SELECT string_agg(COALESCE(new_row, old_row) ->> k, '/') INTO entity_key FROM unnest(key_columns) AS k;
    INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
    VALUES (NULLIF(current_setting('shinko.actor_id', true), '')::BIGINT, lower(TG_OP), TG_TABLE_NAME, entity_key, old_row, new_row);
    RETURN NULL;
END;
$$;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON plans FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON measures FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON directions FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON initiative_groups FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON initiatives FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON initiative_departments FOR EACH ROW EXECUTE FUNCTION audit_row_change('initiative_id', 'department_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON departments FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON reporting_periods FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON evaluation_grades FOR EACH ROW EXECUTE FUNCTION audit_row_change('plan_id', 'code');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
