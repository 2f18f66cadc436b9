ALTER TABLE users DROP CONSTRAINT users_login_id_key;
CREATE UNIQUE INDEX users_login_id_key ON users (login_id);
