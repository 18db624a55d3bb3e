-- API tokens the gateway issues. Only a SHA-256 hash of each secret is stored; the secret is shown once.
CREATE TABLE api_token (
    name         VARCHAR(63) NOT NULL PRIMARY KEY,
    secret_hash  CHAR(64) NOT NULL UNIQUE,
    roles        VARCHAR(4096) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
