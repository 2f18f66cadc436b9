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
ALTER TABLE sessions DROP COLUMN user_agent, DROP COLUMN last_seen_at;
