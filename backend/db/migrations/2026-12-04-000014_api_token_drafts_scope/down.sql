-- Tokens of the wider scope keep working with the narrower one.
UPDATE api_tokens SET scope = 'read' WHERE scope = 'read_drafts';
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scope_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scope_check CHECK (scope IN ('read'));
