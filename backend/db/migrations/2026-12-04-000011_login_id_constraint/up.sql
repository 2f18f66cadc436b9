-- The login id's uniqueness was a unique index; as a constraint it is listed in pg_constraint like every other
-- rule the API turns into a field error (a test checks that each name it maps exists). Same name, same index.
ALTER TABLE users ADD CONSTRAINT users_login_id_key UNIQUE USING INDEX users_login_id_key;
