-- Command side: which registry source each live repository uses, to refuse removing a source in use.
ALTER TABLE repository_name ADD COLUMN registry_namespace VARCHAR(63) DEFAULT '' NOT NULL;
ALTER TABLE repository_name ADD COLUMN registry_name VARCHAR(63) DEFAULT '' NOT NULL;
CREATE INDEX repository_name_registry ON repository_name (registry_namespace, registry_name);

-- Command side: the live registry sources, kept in the same transaction as their events.
CREATE TABLE registry_source_name (
    namespace VARCHAR(63) NOT NULL,
    name      VARCHAR(63) NOT NULL,
    PRIMARY KEY (namespace, name)
);

-- Outside the event store: registry passwords and tokens, AES-GCM encrypted (nonce || ciphertext || tag).
CREATE TABLE registry_credential (
    namespace  VARCHAR(63) NOT NULL,
    name       VARCHAR(63) NOT NULL,
    secret     VARBINARY(65536) NOT NULL,
    key_id     VARCHAR(64) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (namespace, name)
);

-- Read side: one row per live registry source, fed by the registry-catalogue streaming processor.
CREATE TABLE registry_view (
    registry_id       VARCHAR(140) NOT NULL PRIMARY KEY,
    namespace         VARCHAR(63) NOT NULL,
    name              VARCHAR(63) NOT NULL,
    url               VARCHAR(512) NOT NULL,
    insecure          BOOLEAN NOT NULL,
    description       VARCHAR(8192),
    username          VARCHAR(255),
    has_password      BOOLEAN NOT NULL,
    ca_certificate    VARCHAR(65536),
    concurrency_limit INTEGER NOT NULL,
    health            VARCHAR(16) NOT NULL,
    health_detail     VARCHAR(1024),
    health_changed_at TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT NOT NULL
);
CREATE INDEX registry_view_namespace_name ON registry_view (namespace, name);

-- When each source was last checked; written by the health monitor on every check (not an event).
CREATE TABLE registry_health_check (
    namespace       VARCHAR(63) NOT NULL,
    name            VARCHAR(63) NOT NULL,
    last_checked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (namespace, name)
);

CREATE INDEX repository_view_registry ON repository_view (registry_namespace, registry_name);
