-- A counter per plan that every change to what its compiled tables show increments, in the same
-- transaction as the change. The API keeps compiled tables in memory keyed by this counter, so a
-- read after a committed write always sees the new counter and never a stale table.
CREATE TABLE plan_versions (
    plan_id  BIGINT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    version  BIGINT NOT NULL DEFAULT 1
);
INSERT INTO plan_versions (plan_id) SELECT id FROM plans;

CREATE FUNCTION plan_versions_on_new_plan() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO plan_versions (plan_id) VALUES (NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER plan_versions_new_plan AFTER INSERT ON plans
    FOR EACH ROW EXECUTE FUNCTION plan_versions_on_new_plan();

-- Bumps the plan named by the changed row's plan_id column (TG_ARGV[0] names the column).
CREATE FUNCTION bump_plan_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed JSONB := to_jsonb(COALESCE(NEW, OLD));
BEGIN
    UPDATE plan_versions SET version = version + 1 WHERE plan_id = (changed ->> TG_ARGV[0])::BIGINT;
    RETURN NULL;
END;
$$;

-- Bumps every plan: departments are shared by all plans.
CREATE FUNCTION bump_all_plan_versions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE plan_versions SET version = version + 1;
    RETURN NULL;
END;
$$;

-- Rows carry no plan_id of their own in initiative_departments; look it up.
CREATE FUNCTION bump_plan_version_of_initiative() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE plan_versions SET version = version + 1
    WHERE plan_id = (SELECT plan_id FROM initiatives WHERE id = COALESCE(NEW.initiative_id, OLD.initiative_id));
    RETURN NULL;
END;
$$;

CREATE FUNCTION bump_plan_version_of_measure() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE plan_versions SET version = version + 1
    WHERE plan_id = (SELECT plan_id FROM measures WHERE id = COALESCE(NEW.measure_id, OLD.measure_id));
    RETURN NULL;
END;
$$;

CREATE TRIGGER bump_plan_version AFTER UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION bump_plan_version('id');
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON measures FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON directions FOR EACH ROW EXECUTE FUNCTION bump_plan_version_of_measure();
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON initiatives FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON initiative_departments FOR EACH ROW EXECUTE FUNCTION bump_plan_version_of_initiative();
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON reporting_periods FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
CREATE TRIGGER bump_plan_version AFTER UPDATE OR DELETE ON departments FOR EACH ROW EXECUTE FUNCTION bump_all_plan_versions();
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON initiative_groups FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
