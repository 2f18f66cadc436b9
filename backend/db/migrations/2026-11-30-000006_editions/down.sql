DROP TABLE period_corrections;
DROP TABLE editions;
DROP FUNCTION published_record_is_append_only();
