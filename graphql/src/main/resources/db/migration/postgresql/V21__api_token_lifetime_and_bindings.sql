-- API tokens: when they expire (null: never), who created them, and their role bindings as a JSON array of
-- {namespace, role} (namespace null: every namespace) instead of a comma-joined text a namespace could split.
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_token ADD COLUMN created_by VARCHAR(255);
ALTER TABLE api_token ADD COLUMN bindings VARCHAR(16384);
ALTER TABLE api_token ALTER COLUMN roles DROP NOT NULL;
