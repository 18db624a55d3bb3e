-- Issue 14: no overdue deadline is stored per sync run any more. The run's row keeps its overdueAt while the run is
-- open (the projection clears it when the run ends), so that the gateway's sweep of overdue runs reads the few open
-- runs past it from this index, never the whole history; partial, so that it holds the open runs alone. Runs open at
-- the upgrade keep null here: an older gateway stored an overdue deadline for each of them, which still ends it.
ALTER TABLE sync_run ADD COLUMN overdue_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX sync_run_overdue ON sync_run (overdue_at) WHERE overdue_at IS NOT NULL;
