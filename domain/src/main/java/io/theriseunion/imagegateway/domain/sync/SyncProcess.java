package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.domain.api.RecordSyncResultCommand;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.ResumeSyncCommand;
import io.theriseunion.imagegateway.domain.api.StartSyncCommand;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRunClosedException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/**
 * Turns each SyncRequested event into registry calls and a RecordSyncResult command. The event handler only puts
 * the run into the {@link SyncRunQueue}, in the transaction of its token, so the event processor never waits on the
 * network, and whichever node of the cluster takes the run from the queue runs it here ({@link #run}). A run is a
 * chain of steps (start, then one try at a time) on this node's workers; between tries it is parked, holding no
 * worker. A run still reading at its deadline is failed as TIMEOUT at once. When the node stops, its workers are
 * drained: a run queued or parked here is handed back ({@link RunEnd#HANDED_BACK}) for another node to resume.
 */
@ProcessingGroup(SyncProcess.PROCESSING_GROUP)
public class SyncProcess {

    public static final String PROCESSING_GROUP = "sync-process";
    private static final Logger log = LoggerFactory.getLogger(SyncProcess.class);

    private final SyncCommands commands;
    private final RegistryPort registries;
    private final SyncWorkers workers;
    private final SyncRunQueue queue;
    private final Duration longWait;
    /** The runs this node holds: queued, running or parked. */
    private final Map<String, SyncRun> inHand = new ConcurrentHashMap<>();

    /**
     * @param longWait a run that must wait longer than this (a rate-limit pause) is handed back to the queue until
     *                 then instead of being parked here
     */
    public SyncProcess(SyncCommands commands, RegistryPort registries, SyncWorkers workers, SyncRunQueue queue,
                       Duration longWait) {
        this.commands = commands;
        this.registries = registries;
        this.workers = workers;
        this.queue = queue;
        this.longWait = longWait;
    }

    @EventHandler
    void on(SyncRequestedEvent event, @MetaDataValue(RequestOrigin.CORRELATION_ID) String correlationId,
            @SequenceNumber long sequenceNumber) {
        queue.enqueue(event, sequenceNumber, correlationId);
    }

    /**
     * How a run this node took ends here: {@link #RECORDED} (this node recorded its result: the queue removes its
     * entry in the result's transaction, see {@link SyncRunQueue}), {@link #ENDED} (the repository refused it: closed
     * meanwhile, or deleted; or its result could not be recorded), or handed back, to be resumed from the queue at
     * {@code dueAgainAt} by any node: at once when this node stops (the run was queued or parked here), or at the
     * end of a wait longer than the process's long wait (a rate-limit pause), which then holds nothing on this node.
     */
    public record RunEnd(Instant dueAgainAt, boolean recorded) {

        public static final RunEnd ENDED = new RunEnd(null, false);
        public static final RunEnd RECORDED = new RunEnd(null, true);

        public RunEnd(Instant dueAgainAt) {
            this(dueAgainAt, false);
        }

        public boolean handedBack() {
            return dueAgainAt != null;
        }
    }

    /**
     * Runs the run on the workers; the answer completes when it ends here. Its commands act as {@code system:sync},
     * correlated with the request. resume: the run may have started on a node that stopped or died (see
     * {@link ResumeSyncCommand}); a run this node holds already is not taken twice (ended at once).
     */
    public CompletableFuture<RunEnd> run(SyncRequestedEvent event, String correlationId, boolean resume) {
        MetaData origin = MetaData.from(RequestOrigin.system(RequestOrigin.SYNC, correlationId).asMetaData());
        SyncRun run = new SyncRun(event, origin);
        if (inHand.putIfAbsent(event.runId(), run) != null) {
            return CompletableFuture.completedFuture(RunEnd.ENDED);
        }
        workers.submit(event.target().registry(), step(run, resume ? this::resume : this::start));
        return run.end;
    }

    /** Whether this node holds the run (queued, running or parked). */
    public boolean holds(String runId) {
        return inHand.containsKey(runId);
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

            @Override
            public void handBack() {
                SyncProcess.this.handBack(run, GenericEventMessage.clock.instant());
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
                    if (retry.at().isAfter(GenericEventMessage.clock.instant().plus(longWait))) {
                        handBack(run, retry.at());
                    } else {
                        workers.park(e.target().registry(), retry.at(), step(run, this::attempt));
                    }
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
        RunEnd end = RunEnd.ENDED;
        try {
            commands.sendAndWait(asCommandMessage(new RecordSyncResultCommand(
                    e.repositoryId(), e.runId(), outcome.digest(), outcome.manifest(), outcome.tags(), outcome.error(),
                    outcome.attempts(), outcome.requests(), outcome.signed())).andMetaData(run.origin));
            end = RunEnd.RECORDED;
        } catch (SyncRunClosedException closed) {
            log.info("Sync run {} of {}/{} finished after it was closed (overdue or deleted)", e.runId(),
                     e.target().namespace(), e.target().name());
        } catch (RuntimeException failure) {
            log.warn("Result of sync run {} not recorded: {}", e.runId(), failure.getMessage());
        } finally {
            inHand.remove(e.runId(), run);
            run.end.complete(end);
        }
    }

    /** The run goes back to the queue, due again at the instant; nothing of it stays here. */
    private void handBack(SyncRun run, Instant dueAgainAt) {
        if (run.finish()) {
            inHand.remove(run.request.runId(), run);
            run.end.complete(new RunEnd(dueAgainAt));
        }
    }

    private void drop(SyncRun run) {
        run.finish();
        inHand.remove(run.request.runId(), run);
        run.end.complete(RunEnd.ENDED);
    }
}
