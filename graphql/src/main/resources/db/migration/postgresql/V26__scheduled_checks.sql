-- Scheduled checks (issue 14): one compact row per live repository, beside the schedule, updated in place. The
-- sync-checks processor writes what the events say (the image, the policy, the last digest, whether the last run
-- failed, when the next check is due); the scheduled checks fetch the due rows in batches and record an unchanged
-- check here (checked_at, next_check_at) instead of as three events and three audit entries.
CREATE TABLE sync_check (
    repository_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    namespace          VARCHAR(63) NOT NULL,
    name               VARCHAR(63) NOT NULL,
    registry_namespace VARCHAR(63) NOT NULL,
    registry_name      VARCHAR(63) NOT NULL,
    repository         VARCHAR(255) NOT NULL,
    tag                VARCHAR(128) NOT NULL,
    sync_interval      VARCHAR(32) NOT NULL,
    sync_timeout       VARCHAR(32) NOT NULL,
    retry_count        INTEGER NOT NULL,
    -- the last successful run's digest; null before the first
    digest             VARCHAR(160),
    -- the last run failed: the next check is a full run, so that the recovery is an event
    failed             BOOLEAN NOT NULL,
    -- when the next check is due; null while a run is open; moved ahead while a check holds the row
    next_check_at      TIMESTAMP WITH TIME ZONE,
    -- the last unchanged check
    checked_at         TIMESTAMP WITH TIME ZONE,
    -- the sync_run row that counts the current series of unchanged checks; null: none since the last run
    streak_id          VARCHAR(64),
    -- the aggregate sequence of the last event applied: a redelivered event changes nothing
    event_seq          BIGINT NOT NULL
);
CREATE INDEX sync_check_due ON sync_check (next_check_at);

-- A sync_run row with unchanged_checks set stands for that many unchanged scheduled checks, from requested_at (the
-- first) to finished_at (the last); null for a run.
ALTER TABLE sync_run ADD COLUMN unchanged_checks INTEGER;
