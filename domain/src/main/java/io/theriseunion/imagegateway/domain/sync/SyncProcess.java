package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.domain.api.RecordSyncResultCommand;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.ResumeSyncCommand;
import io.theriseunion.imagegateway.domain.api.StartSyncCommand;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRunClosedException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/**
 * Turns each SyncRequested event into registry calls and a RecordSyncResult command. The event handler only
 * hands the run to the workers, so the event processor never waits on the network. A run is a chain of steps
 * (start, then one try at a time); between tries it is parked, holding no worker. A run still reading at its
 * deadline is failed as TIMEOUT at once. Runs still open when the node that held them stopped are handed over
 * again by the recovery at start ({@link #take} with resume); should that not happen, the repository's overdue
 * deadline fails them as TIMEOUT.
 */
@ProcessingGroup(SyncProcess.PROCESSING_GROUP)
public class SyncProcess {

    public static final String PROCESSING_GROUP = "sync-process";
    private static final Logger log = LoggerFactory.getLogger(SyncProcess.class);

    private final CommandGateway commands;
    private final RegistryPort registries;
    private final SyncWorkers workers;
    /** The runs this node holds: queued, running or parked. */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();

    public SyncProcess(CommandGateway commands, RegistryPort registries, SyncWorkers workers) {
        this.commands = commands;
        this.registries = registries;
        this.workers = workers;
    }

    @EventHandler
    void on(SyncRequestedEvent event, @MetaDataValue(RequestOrigin.CORRELATION_ID) String correlationId) {
        take(event, correlationId, false);
    }

    /**
     * Hands the run to the workers, unless this node holds it already; false then. Its commands act as
     * {@code system:sync}, correlated with the request. resume: the run was requested before this node held the
     * sync process, and may have started elsewhere (see {@link ResumeSyncCommand}).
     */
    public boolean take(SyncRequestedEvent event, String correlationId, boolean resume) {
        if (!inHand.add(event.runId())) {
            return false;
        }
        MetaData origin = MetaData.from(RequestOrigin.system(RequestOrigin.SYNC, correlationId).asMetaData());
        SyncRun run = new SyncRun(event, origin);
        workers.submit(event.target().registry(), step(run, resume ? this::resume : this::start));
        return true;
    }

    /** Whether this node holds the run (queued, running or parked). */
    public boolean holds(String runId) {
        return inHand.contains(runId);
    }

    private SyncWorkers.Task step(SyncRun run, Consumer<SyncRun> action) {
        return new SyncWorkers.Task() {
            @Override
            public void run() {
                action.accept(run);
            }

            @Override
            public Instant deadline() {
                return run.deadline();
            }

            @Override
            public void overtime() {
                SyncProcess.this.overtime(run);
            }
        };
    }

    /**
     * A run whose source is known to be down ends at once, never started: one command, no request. A burst of
     * such runs (every repository of a source in an outage) then costs a third of a sync's bookkeeping, and the
     * workers get to other sources' runs sooner.
     */
    private void start(SyncRun run) {
        SyncError held = registries.endWithoutTrying(run.request.target()).orElse(null);
        if (held != null) {
            record(run, SyncOutcome.failed(held, 0, 0));
            return;
        }
        begin(run, new StartSyncCommand(run.request.repositoryId(), run.request.runId()));
    }

    private void resume(SyncRun run) {
        begin(run, new ResumeSyncCommand(run.request.repositoryId(), run.request.runId()));
    }

    private void begin(SyncRun run, Object command) {
        SyncRequestedEvent e = run.request;
        try {
            commands.sendAndWait(asCommandMessage(command).andMetaData(run.origin));
        } catch (SyncRunClosedException closed) {
            drop(run);
            return;
        } catch (RuntimeException failure) {
            log.info("Sync run {} of {}/{} not started: {}", e.runId(), e.target().namespace(), e.target().name(),
                     failure.getMessage());
            drop(run);
            return;
        }
        Instant now = GenericEventMessage.clock.instant();
        Instant byTimeout = now.plus(GoDuration.parse(e.target().syncTimeout()));
        run.started(now, e.overdueAt().isBefore(byTimeout) ? e.overdueAt() : byTimeout);
        attempt(run);
    }

    private void attempt(SyncRun run) {
        if (run.isFinished()) {
            return;
        }
        SyncRequestedEvent e = run.request;
        SyncStep step;
        try {
            step = registries.attempt(new SyncAttempt(e.target(), run.attempts(), run.startedAt(), run.deadline()));
        } catch (RuntimeException unexpected) {
            log.error("Sync run {} of {}/{} failed unexpectedly", e.runId(), e.target().namespace(), e.target().name(),
                      unexpected);
            step = new SyncStep.Finished(SyncOutcome.failed(new SyncError("REGISTRY_ERROR", "the sync failed"
                    + " unexpectedly; see the gateway log", null), run.attempts() + 1, 0));
        }
        if (step instanceof SyncStep.RetryAt retry) {
            run.tried(retry.attempts(), retry.requests());
            if (retry.at().isBefore(run.deadline())) {
                if (!run.isFinished()) {
                    workers.park(e.target().registry(), retry.at(), step(run, this::attempt));
                }
                return;
            }
            record(run, SyncOutcome.failed(timeout(run), run.attempts(), run.requests()));
            return;
        }
        SyncOutcome o = ((SyncStep.Finished) step).outcome();
        record(run, new SyncOutcome(o.digest(), o.manifest(), o.tags(), o.error(), o.attempts(),
                                    run.requests() + o.requests(), o.signed()));
    }

    /** The run is still at work at its deadline: it fails now, and whatever its try returns later is dropped. */
    private void overtime(SyncRun run) {
        record(run, SyncOutcome.failed(timeout(run), Math.max(1, run.attempts()), run.requests()));
    }

    private static SyncError timeout(SyncRun run) {
        return new SyncError("TIMEOUT", "the sync did not finish within its syncTimeout of "
                + run.request.target().syncTimeout() + " (the registry did not answer in time)", null);
    }

    private void record(SyncRun run, SyncOutcome outcome) {
        if (!run.finish()) {
            return;
        }
        SyncRequestedEvent e = run.request;
        try {
            commands.sendAndWait(asCommandMessage(new RecordSyncResultCommand(
                    e.repositoryId(), e.runId(), outcome.digest(), outcome.manifest(), outcome.tags(), outcome.error(),
                    outcome.attempts(), outcome.requests(), outcome.signed())).andMetaData(run.origin));
        } catch (SyncRunClosedException closed) {
            log.info("Sync run {} of {}/{} finished after it was closed (overdue or deleted)", e.runId(),
                     e.target().namespace(), e.target().name());
        } catch (RuntimeException failure) {
            log.warn("Result of sync run {} not recorded: {}", e.runId(), failure.getMessage());
        } finally {
            inHand.remove(e.runId());
        }
    }

    private void drop(SyncRun run) {
        run.finish();
        inHand.remove(run.request.runId());
    }
}
