-- The plan change counter (migration 000009) is bumped at COMMIT instead of with each row.
-- The bump locks the plan's plan_versions row until the transaction ends; taken with the row, it
-- was held across the rest of the transaction (the history row, the audit trigger, the round trips
-- to the server and back), so concurrent saves of one plan waited for each other that long. A
-- deferred constraint trigger runs in the same transaction, just before it commits: the counter
-- still moves in the transaction that made the change, so a read after an acknowledged write
-- still sees it, and the lock is held only for the commit itself.
DROP TRIGGER bump_plan_version ON plans;
CREATE CONSTRAINT TRIGGER bump_plan_version AFTER UPDATE ON plans
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_plan_version('id');
DROP TRIGGER bump_plan_version ON measures;
CREATE CONSTRAINT TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON measures
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
DROP TRIGGER bump_plan_version ON directions;
CREATE CONSTRAINT TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON directions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_plan_version_of_measure();
DROP TRIGGER bump_plan_version ON initiatives;
CREATE CONSTRAINT TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON initiatives
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
DROP TRIGGER bump_plan_version ON initiative_departments;
CREATE CONSTRAINT TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON initiative_departments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_plan_version_of_initiative();
DROP TRIGGER bump_plan_version ON reporting_periods;
CREATE CONSTRAINT TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON reporting_periods
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
DROP TRIGGER bump_plan_version ON reports;
CREATE CONSTRAINT TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON reports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
DROP TRIGGER bump_plan_version ON departments;
CREATE CONSTRAINT TRIGGER bump_plan_version AFTER UPDATE OR DELETE ON departments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_all_plan_versions();
DROP TRIGGER bump_plan_version ON initiative_groups;
CREATE CONSTRAINT TRIGGER bump_plan_version AFTER INSERT OR UPDATE OR DELETE ON initiative_groups
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_plan_version('plan_id');
