-- An optional e-mail address per account: notifications (差戻し, 承認, 締切間近, 督促) are also sent
-- there when the server has an SMTP relay configured.
ALTER TABLE users ADD COLUMN email TEXT
    CONSTRAINT users_email_check CHECK (length(email) <= 254 AND position('@' IN email) > 1);
