-- Issue 15: the queue of requested sync runs, so that every node of a cluster runs a share of them and a run
-- held by a node that stops or dies is taken up by another. db-scheduler's own layout (a second scheduler, with
-- its own threads, heartbeats and claim timeout, apart from Axon's deadlines in scheduled_tasks): one row per
-- open run (task_instance = the run's id) from its request until its result is recorded; picked/picked_by and
-- last_heartbeat are the claim of the node running it.
CREATE TABLE sync_run_task (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BLOB,
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
CREATE INDEX sync_run_task_execution_time ON sync_run_task (execution_time);
CREATE INDEX sync_run_task_last_heartbeat ON sync_run_task (last_heartbeat);
CREATE INDEX sync_run_task_priority_execution_time ON sync_run_task (priority DESC, execution_time ASC);

-- The scheduled checks' tick is no longer one recurring task for the cluster: every node claims due checks itself.
DELETE FROM scheduled_tasks WHERE task_name = 'scheduled-checks';
