-- Accounts and login sessions. A session is one refresh-token family: every refresh rotates the
-- token, and presenting an already-used token revokes the whole family (it was stolen or replayed).

CREATE TYPE user_role AS ENUM ('admin', 'editor', 'viewer');

CREATE TABLE users (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login_id       TEXT NOT NULL CHECK (login_id ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name   TEXT NOT NULL CHECK (btrim(display_name) <> '' AND length(display_name) <= 100),
    department_id  BIGINT REFERENCES departments (id) ON DELETE RESTRICT,
    role           user_role NOT NULL,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    password_hash  TEXT NOT NULL,
    -- Set when an admin resets the password: the user is asked to choose a new one.
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Editors write for their department, so they must have one.
    CONSTRAINT users_editor_has_department CHECK (role <> 'editor' OR department_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_login_id_key ON users (login_id);
CREATE INDEX users_department_idx ON users (department_id);

CREATE TABLE sessions (
    id           UUID PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ,
    revoked_reason TEXT
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    -- SHA-256 of the opaque token; the token itself is never stored.
    token_hash   BYTEA PRIMARY KEY CHECK (length(token_hash) = 32),
    session_id   UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    used_at      TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
