-- The audit log: one row per stored event, written by the audit-log projection; never updated or deleted.
CREATE TABLE audit_entry (
    position       BIGINT PRIMARY KEY,
    id             VARCHAR(36) NOT NULL,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(255) NOT NULL,
    action         VARCHAR(64) NOT NULL,
    target_kind    VARCHAR(16) NOT NULL,
    target_id      VARCHAR(140) NOT NULL,
    namespace      VARCHAR(63),
    target_name    VARCHAR(63),
    details        VARCHAR(1000000), -- inline, not a LOB: H2 keeps every LOB it returns referenced for minutes
    correlation_id VARCHAR(64),
    client_address VARCHAR(64),
    user_agent     VARCHAR(256)
);
-- The log is read newest first: descending indexes, which H2 needs to return a filtered page without sorting.
CREATE INDEX audit_entry_newest ON audit_entry (position DESC);
CREATE INDEX audit_entry_namespace ON audit_entry (namespace, position DESC);
CREATE INDEX audit_entry_actor ON audit_entry (actor, position DESC);
CREATE INDEX audit_entry_target ON audit_entry (target_kind, namespace, target_name, position DESC);
-- exports and a repository's history, oldest first
CREATE INDEX audit_entry_namespace_oldest ON audit_entry (namespace, position);
CREATE INDEX audit_entry_target_id ON audit_entry (target_id, position);
CREATE INDEX audit_entry_at ON audit_entry (at);
