-- Back to bumping the counter with each changed row (as migration 000009 created them).
DROP TRIGGER bump_plan_version ON plans;
CREATE TRIGGER bump_plan_version AFTER UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION bump_plan_version('id');
DROP TRIGGER bump_plan_version ON measures;
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON measures FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
DROP TRIGGER bump_plan_version ON directions;
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON directions FOR EACH ROW EXECUTE FUNCTION bump_plan_version_of_measure();
DROP TRIGGER bump_plan_version ON initiatives;
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON initiatives FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
DROP TRIGGER bump_plan_version ON initiative_departments;
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON initiative_departments FOR EACH ROW EXECUTE FUNCTION bump_plan_version_of_initiative();
DROP TRIGGER bump_plan_version ON reporting_periods;
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON reporting_periods FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
DROP TRIGGER bump_plan_version ON reports;
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
DROP TRIGGER bump_plan_version ON departments;
CREATE TRIGGER bump_plan_version AFTER UPDATE OR DELETE ON departments FOR EACH ROW EXECUTE FUNCTION bump_all_plan_versions();
DROP TRIGGER bump_plan_version ON initiative_groups;
CREATE TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON initiative_groups FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
