-- An API token reads approved and published content; the scope read_drafts adds reports before
-- approval, their history and search hits in them.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scope_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scope_check CHECK (scope IN ('read', 'read_drafts'));
