package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.domain.api.EndOverdueSyncCommand;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.projections.sync.OverdueSyncRun;
import io.theriseunion.imagegateway.projections.sync.SyncHistoryQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/**
 * Ends the sync runs left open past their overdueAt (issue 14): no deadline is stored per run any more (it cost a
 * row in {@code scheduled_tasks} in every trigger's commit and its lookup and delete in every result's), so this is
 * the backstop for a run that no worker will end, typically one that never got an execution in the queue (the sync
 * process's handler logs a failed enqueue and goes on). A run's own worker stops at overdueAt and records TIMEOUT
 * itself; the sweep only takes runs overdue by more than {@code grace}, so as not to race that result.
 * <p>
 * The open runs past it are read from the sync history ({@link SyncHistoryQueries#listOverdue}, an index on
 * {@code sync_run.overdue_at}), and each is ended by {@link EndOverdueSyncCommand} as {@code system:scheduler}: the
 * same TIMEOUT failure, history entry and audit entry as the overdue deadline of old. The repository decides: a run
 * closed meanwhile (the history lags behind the repositories) is left alone. Run by one node at a time, as a
 * db-scheduler recurring task (see {@link SyncConfiguration}).
 */
public class OverdueSyncSweep {

    /** The db-scheduler recurring task (Axon's deadline scheduler, table scheduled_tasks). */
    public static final String TASK = "sync-overdue-sweep";
    private static final Logger log = LoggerFactory.getLogger(OverdueSyncSweep.class);
    private static final int BATCH = 200;

    private final SyncHistoryQueries runs;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration grace;

    public OverdueSyncSweep(SyncHistoryQueries runs, CommandGateway commands, Clock clock, Duration grace) {
        this.runs = runs;
        this.commands = commands;
        this.clock = clock;
        this.grace = grace;
    }

    /** Ends every open run overdue by more than the grace; returns how many it ended. */
    public int sweep() {
        Instant before = clock.instant().minus(grace);
        int ended = 0;
        OverdueSyncRun after = null;
        while (true) {
            List<OverdueSyncRun> overdue = runs.listOverdue(before, after, BATCH);
            for (OverdueSyncRun run : overdue) {
                if (end(run)) {
                    ended++;
                }
            }
            if (overdue.size() < BATCH) {
                break;
            }
            after = overdue.get(overdue.size() - 1);
        }
        if (ended > 0) {
            log.info("Ended {} sync run(s) still open past their syncTimeout as TIMEOUT", ended);
        }
        return ended;
    }

    private boolean end(OverdueSyncRun run) {
        try {
            Boolean done = commands.sendAndWait(
                    asCommandMessage(new EndOverdueSyncCommand(RepositoryId.of(run.repositoryId()), run.runId()))
                            .andMetaData(RequestOrigin.system(RequestOrigin.SCHEDULER, null).asMetaData()));
            return Boolean.TRUE.equals(done);
        } catch (RuntimeException e) {
            log.warn("Overdue sync run {} of repository {} not ended (tried again at the next sweep): {}", run.runId(),
                     run.repositoryId(), e.getMessage());
            return false;
        }
    }
}
