-- Until when a registry source asked us to wait (HTTP 429 with Retry-After): syncs of that source wait until
-- then. Written by the sync adapter when a registry rate-limits it (not an event: it is the registry's state).
CREATE TABLE registry_rate_limit (
    namespace    VARCHAR(63) NOT NULL,
    name         VARCHAR(63) NOT NULL,
    paused_until TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (namespace, name)
);
