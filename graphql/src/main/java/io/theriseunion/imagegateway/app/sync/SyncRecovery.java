package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.app.operations.ProcessorPositions;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import io.theriseunion.imagegateway.projections.sync.OpenSyncRun;
import io.theriseunion.imagegateway.projections.sync.SyncHistoryQueries;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every open run has an execution in the queue of sync runs ({@link SyncRunScheduler}): the sync process queues each
 * run in the transaction of its token, and the queue keeps it until its result is recorded, handing it to another
 * node when its node stops or dies. Runs left open by a gateway from before the queue (which held them in memory
 * only) have none: after the start, this queues every open run that has no execution, as the same run (same id,
 * trigger and deadline), to be resumed. A run that closed meanwhile is refused by its repository.
 * <p>
 * It runs beside the gateway, not before it answers, and only once the sync process has read every event stored at
 * the start: the runs requested before a stop that the sync process had not read yet get their execution from it, and
 * checking those one by one here (one commit each) kept a gateway restarted with 13,000 first syncs pending from
 * answering for over two minutes.
 */
@Component
public class SyncRecovery {

    private static final Logger log = LoggerFactory.getLogger(SyncRecovery.class);
    /** How far before the repository's last projected event its open request is looked for first. */
    private static final long RECENT_EVENTS = 32;
    private static final long POLL_MILLIS = 500;

    private final EventStore events;
    private final SyncHistoryQueries syncRuns;
    private final SyncRunScheduler queue;
    private final ProcessorPositions positions;
    private volatile boolean stopping;
    private volatile Thread worker;

    public SyncRecovery(EventStore events, SyncHistoryQueries syncRuns, SyncRunScheduler queue,
                        ProcessorPositions positions) {
        this.events = events;
        this.syncRuns = syncRuns;
        this.queue = queue;
        this.positions = positions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        Thread thread = new Thread(this::recover, "sync-recovery");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /**
     * The gateway stops: no further run is queued here, and the one being queued is finished before the store closes.
     * The thread is not interrupted: an interrupted thread that writes to the embedded H2 closes its file.
     */
    @EventListener(ContextClosedEvent.class)
    void onStop() throws InterruptedException {
        stopping = true;
        Thread thread = worker;
        if (thread != null) {
            thread.join(10_000);
        }
    }

    private void recover() {
        try {
            if (!awaitSyncProcessAt(positions.head())) {
                return;
            }
            int queued = queueOpenRuns();
            if (queued > 0) {
                log.info("Queued {} open sync run(s) that had no execution (left by an older gateway)", queued);
            }
        } catch (RuntimeException e) {
            log.warn("Open sync runs not checked at start: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every segment of the sync process (on whichever node) has read up to {@code head}; false if stopping. */
    private boolean awaitSyncProcessAt(long head) throws InterruptedException {
        while (!stopping) {
            List<ProcessorPositions.Segment> segments = positions.segments().get(SyncProcess.PROCESSING_GROUP);
            if (segments != null && !segments.isEmpty()
                    && segments.stream().allMatch(s -> !s.replaying() && s.position() >= head)) {
                return true;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return false;
    }

    /**
     * Queues every open run that has no execution; returns how many. The open runs are listed before the queue is
     * read, so that a run requested meanwhile (queued by the sync process after the queue was read) is not taken
     * for one without an execution.
     */
    int queueOpenRuns() {
        List<OpenSyncRun> open = syncRuns.listOpen();
        Set<String> queued = queue.queuedRunIds();
        int taken = 0;
        for (OpenSyncRun run : open) {
            if (stopping) {
                break;
            }
            String runId = run.runId();
            if (queued.contains(runId)) {
                continue;
            }
            String repositoryId = run.repositoryId();
            long lastSeq = run.repositoryEventSeq();
            try {
                Optional<DomainEventMessage<?>> request = request(repositoryId, runId, Math.max(0, lastSeq - RECENT_EVENTS))
                        .or(() -> request(repositoryId, runId, 0));
                if (request.isPresent() && queue.ensureQueued(
                        repositoryId, runId, request.get().getSequenceNumber(),
                        (String) request.get().getMetaData().get(RequestOrigin.CORRELATION_ID))) {
                    taken++;
                }
            } catch (RuntimeException e) {
                log.warn("Sync run {} not queued: {}", runId, e.getMessage());
            }
        }
        return taken;
    }

    private Optional<DomainEventMessage<?>> request(String repositoryId, String runId, long fromSeq) {
        return events.readEvents(repositoryId, fromSeq).asStream()
                     .filter(m -> m.getPayload() instanceof SyncRequestedEvent r && r.runId().equals(runId))
                     .<DomainEventMessage<?>>map(m -> m)
                     .findFirst();
    }
}
