-- API tokens for other city systems: read-only, shown once, stored as SHA-256, revocable, expiring.
CREATE TABLE api_tokens (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
    token_hash    BYTEA NOT NULL CHECK (length(token_hash) = 32),
    -- The first characters of the token, so people can tell their tokens apart without the secret.
    prefix        TEXT NOT NULL,
    scope         TEXT NOT NULL DEFAULT 'read' CHECK (scope IN ('read')),
    created_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    last_used_at  TIMESTAMPTZ,
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
