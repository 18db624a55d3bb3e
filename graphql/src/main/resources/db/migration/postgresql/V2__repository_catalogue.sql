-- Command side: live (namespace, name) pairs, kept in the same transaction as the events.
CREATE TABLE repository_name (
    namespace     VARCHAR(63) NOT NULL,
    name          VARCHAR(63) NOT NULL,
    repository_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (namespace, name)
);
CREATE UNIQUE INDEX repository_name_id ON repository_name (repository_id);

-- Read side: one row per live repository, fed by the repository-catalogue streaming processor.
CREATE TABLE repository_view (
    repository_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    namespace          VARCHAR(63) NOT NULL,
    name               VARCHAR(63) NOT NULL,
    display_name       VARCHAR(512),
    description        VARCHAR(8192),
    registry_namespace VARCHAR(63) NOT NULL,
    registry_name      VARCHAR(63) NOT NULL,
    repository         VARCHAR(255) NOT NULL,
    tag                VARCHAR(128) NOT NULL,
    sync_interval      VARCHAR(32) NOT NULL,
    sync_timeout       VARCHAR(32) NOT NULL,
    retry_count        INTEGER NOT NULL,
    sync_status        VARCHAR(16) NOT NULL,
    last_synced        TIMESTAMP WITH TIME ZONE,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT NOT NULL,
    -- lower-cased name, display name and image path (path:tag), newline-separated, for substring search
    search_text        VARCHAR(1024) NOT NULL
);
CREATE INDEX repository_view_namespace_name ON repository_view (namespace, name);
CREATE INDEX repository_view_status ON repository_view (sync_status, namespace, name);
CREATE INDEX repository_view_name ON repository_view (name);

-- Substring search over 100k+ rows: trigram index (pg_trgm ships with Debian's postgresql package).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX repository_view_search ON repository_view USING gin (search_text gin_trgm_ops);
