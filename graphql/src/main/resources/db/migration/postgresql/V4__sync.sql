-- db-scheduler's table: Axon's persistent deadlines (next scheduled sync, overdue runs) live here, so the
-- schedule survives restarts and is shared by every node.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP(6) WITH TIME ZONE,
    last_failure         TIMESTAMP(6) WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP(6) WITH TIME ZONE,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);

-- The catalogue learns what syncs found. event_seq: the aggregate sequence of the last applied event,
-- which makes redelivered events no-ops (version counts only the operator's changes).
ALTER TABLE repository_view ADD COLUMN event_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE repository_view ADD COLUMN next_sync_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE repository_view ADD COLUMN last_error_code VARCHAR(32);
ALTER TABLE repository_view ADD COLUMN last_error_message VARCHAR(2048);
ALTER TABLE repository_view ADD COLUMN last_error_http_status INTEGER;
ALTER TABLE repository_view ADD COLUMN last_error_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE repository_view ADD COLUMN digest VARCHAR(128);
-- the last manifest summary and the remote tags, as JSON
ALTER TABLE repository_view ADD COLUMN manifest TEXT;
ALTER TABLE repository_view ADD COLUMN remote_tags TEXT;

-- Sync history: one row per run.
CREATE TABLE sync_run (
    run_id            VARCHAR(64) NOT NULL PRIMARY KEY,
    repository_id     VARCHAR(64) NOT NULL,
    trigger_kind      VARCHAR(16) NOT NULL,
    status            VARCHAR(16) NOT NULL,
    requested_by      VARCHAR(255),
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    attempts          INTEGER NOT NULL,
    changed           BOOLEAN,
    digest            VARCHAR(128),
    layers_added      TEXT,
    layers_removed    TEXT,
    error_code        VARCHAR(32),
    error_message     VARCHAR(2048),
    error_http_status INTEGER
);
CREATE INDEX sync_run_repository ON sync_run (repository_id, requested_at DESC, run_id);
