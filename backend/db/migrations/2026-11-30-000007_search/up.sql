-- Search across the rows and the report texts of every period: substring matches (ILIKE
-- '%…%'), which Japanese needs (no spaces between words), served by trigram indexes. pg_trgm is a
-- trusted extension of PostgreSQL's contrib, part of the server package on Debian and of the
-- official images. Trigrams help for queries of three or more characters; shorter ones still
-- work, by scanning.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX initiatives_name_trgm_idx ON initiatives USING gin (name gin_trgm_ops);
CREATE INDEX initiatives_content_trgm_idx ON initiatives USING gin (content gin_trgm_ops);
CREATE INDEX reports_progress_trgm_idx ON reports USING gin (progress gin_trgm_ops);
