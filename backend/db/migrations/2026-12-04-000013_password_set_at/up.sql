-- When the current password was set: a temporary password (must_change_password) expires 72 hours
-- after an admin set it. Existing accounts count from now.
ALTER TABLE users ADD COLUMN password_set_at TIMESTAMPTZ NOT NULL DEFAULT now();
