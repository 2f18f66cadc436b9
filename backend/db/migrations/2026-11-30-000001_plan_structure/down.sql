DROP TABLE initiative_departments;
DROP FUNCTION check_initiative_has_department() CASCADE;
DROP TABLE initiatives;
DROP TABLE initiative_groups;
DROP TABLE directions;
DROP TABLE measures;
DROP TABLE plans;
DROP TABLE departments;
DROP TYPE measure_kind;
