-- TOTP second factor (RFC 6238) for accounts, with single-use recovery codes.
ALTER TABLE users
    -- Base32 secret; set at enrolment, effective once verified (totp_enabled_at).
    ADD COLUMN totp_secret TEXT,
    ADD COLUMN totp_enabled_at TIMESTAMPTZ,
    -- The last accepted time step, so a code cannot be replayed within its 30 seconds.
    ADD COLUMN totp_last_step BIGINT,
    ADD CONSTRAINT users_totp_enabled_has_secret CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL);

CREATE TABLE recovery_codes (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- SHA-256 of the code; the codes themselves are shown once.
    code_hash  BYTEA NOT NULL CHECK (length(code_hash) = 32),
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);

-- The audit log must never hold the TOTP secret, nor the hashes of API tokens and recovery codes.
CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row JSONB := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
    new_row JSONB := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
    key_columns TEXT[] := TG_ARGV;
    entity_key TEXT;
BEGIN
    old_row := old_row - 'password_hash' - 'totp_secret' - 'token_hash' - 'code_hash';
    new_row := new_row - 'password_hash' - 'totp_secret' - 'token_hash' - 'code_hash';
    IF TG_OP = 'UPDATE' AND old_row = new_row THEN
        RETURN NULL;
    END IF;
    SELECT string_agg(COALESCE(new_row, old_row) ->> k, '/') INTO entity_key FROM unnest(key_columns) AS k;
    INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after)
    VALUES (NULLIF(current_setting('shinko.actor_id', true), '')::BIGINT, lower(TG_OP), TG_TABLE_NAME, entity_key, old_row, new_row);
    RETURN NULL;
END;
$$;
