-- The secret a registry sends with its webhook notifications, per registry source; only its SHA-256 is kept.
CREATE TABLE registry_webhook (
    namespace   VARCHAR(63) NOT NULL,
    name        VARCHAR(63) NOT NULL,
    secret_hash CHAR(64) NOT NULL,
    rotated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (namespace, name)
);
