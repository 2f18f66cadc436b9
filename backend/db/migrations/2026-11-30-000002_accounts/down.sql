DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TYPE user_role;
