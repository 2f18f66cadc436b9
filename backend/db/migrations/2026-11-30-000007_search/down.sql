DROP INDEX reports_progress_trgm_idx;
DROP INDEX initiatives_content_trgm_idx;
DROP INDEX initiatives_name_trgm_idx;
-- Fails (rather than taking other objects with it) if something else has come to use pg_trgm.
DROP EXTENSION IF EXISTS pg_trgm;
