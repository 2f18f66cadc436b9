-- 公表版: the published editions of a period's compiled table. Publishing a period freezes its
-- table as edition 1; a correction published later becomes edition 2, 3, … of the same period.
-- An edition never changes afterwards: the rows below can only be added, and the stored text is
-- kept byte for byte, so its SHA-256 can be checked by anyone who downloads it.
CREATE TABLE editions (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id         BIGINT NOT NULL,
    period_id       BIGINT NOT NULL,
    -- 1, 2, … within the period (第1版, 第2版, …).
    number          INTEGER NOT NULL CHECK (number >= 1),
    published_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The admin who published it (NULL for the command line). A publisher's account is kept:
    -- accounts are deactivated, not deleted.
    published_by    BIGINT REFERENCES users (id) ON DELETE RESTRICT,
    -- Why this edition was published, e.g. the reason of a correction (訂正の理由); NULL for the
    -- first edition of a period.
    note            TEXT CHECK (note IS NULL OR (btrim(note) <> '' AND length(note) <= 2000)),
    -- The compiled table (GET /periods/{id}/table) exactly as serialized at publication: the bytes
    -- that are served and hashed.
    content_text    TEXT NOT NULL,
    -- The same document as JSONB, for queries.
    content         JSONB NOT NULL,
    -- SHA-256 of the UTF-8 bytes of content_text.
    content_sha256  BYTEA NOT NULL,
    CONSTRAINT editions_period_number_key UNIQUE (period_id, number),
    -- RESTRICT: a published period (and so its plan) cannot be deleted.
    CONSTRAINT editions_period_fkey FOREIGN KEY (period_id, plan_id)
        REFERENCES reporting_periods (id, plan_id) ON DELETE RESTRICT,
    CONSTRAINT editions_content_matches_text CHECK (content = content_text::jsonb),
    CONSTRAINT editions_sha256_matches_text CHECK (content_sha256 = sha256(convert_to(content_text, 'UTF8')))
);
CREATE INDEX editions_published_at_idx ON editions (published_at DESC, id DESC);
CREATE INDEX editions_plan_idx ON editions (plan_id);

-- 訂正: a published period taken back to 締切 for corrections. The reason becomes the note of the
-- edition published next. Kept for good, like the editions.
CREATE TABLE period_corrections (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id       BIGINT NOT NULL REFERENCES reporting_periods (id) ON DELETE RESTRICT,
    -- The newest edition of the period when the correction began: the one it corrects (NULL for
    -- a period published before editions existed).
    edition_id      BIGINT REFERENCES editions (id) ON DELETE RESTRICT,
    reason          TEXT NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 2000),
    corrected_by    BIGINT REFERENCES users (id) ON DELETE RESTRICT,
    corrected_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX period_corrections_period_idx ON period_corrections (period_id, id);
CREATE INDEX period_corrections_edition_idx ON period_corrections (edition_id);

CREATE FUNCTION published_record_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: a published edition never changes', TG_TABLE_NAME USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER editions_append_only BEFORE UPDATE OR DELETE ON editions
    FOR EACH ROW EXECUTE FUNCTION published_record_is_append_only();
CREATE TRIGGER editions_no_truncate BEFORE TRUNCATE ON editions
    FOR EACH STATEMENT EXECUTE FUNCTION published_record_is_append_only();
CREATE TRIGGER period_corrections_append_only BEFORE UPDATE OR DELETE ON period_corrections
    FOR EACH ROW EXECUTE FUNCTION published_record_is_append_only();
CREATE TRIGGER period_corrections_no_truncate BEFORE TRUNCATE ON period_corrections
    FOR EACH STATEMENT EXECUTE FUNCTION published_record_is_append_only();
