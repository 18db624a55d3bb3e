package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.projections.sync.OpenSyncRun;
import io.theriseunion.imagegateway.projections.sync.SyncHistoryQueries;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * Every open run has an execution in the queue of sync runs ({@link SyncRunScheduler}): the sync process queues each
 * run in the transaction of its token, and the queue keeps it until its result is recorded, handing it to another
 * node when its node stops or dies. Runs left open by a gateway from before the queue (which held them in memory
 * only) have none: at start, this queues every open run that has no execution, as the same run (same id, trigger
 * and deadline), to be resumed. A run that closed meanwhile is refused by its repository.
 */
@Component
public class SyncRecovery {

    private static final Logger log = LoggerFactory.getLogger(SyncRecovery.class);
    /** How far before the repository's last projected event its open request is looked for first. */
    private static final long RECENT_EVENTS = 32;

    private final EventStore events;
    private final SyncHistoryQueries syncRuns;
    private final SyncRunScheduler queue;

    public SyncRecovery(EventStore events, SyncHistoryQueries syncRuns, SyncRunScheduler queue) {
        this.events = events;
        this.syncRuns = syncRuns;
        this.queue = queue;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        try {
            int queued = queueOpenRuns();
            if (queued > 0) {
                log.info("Queued {} open sync run(s) that had no execution (left by an older gateway)", queued);
            }
        } catch (RuntimeException e) {
            log.warn("Open sync runs not checked at start: {}", e.getMessage());
        }
    }

    /** Queues every open run that has no execution; returns how many. */
    int queueOpenRuns() {
        Set<String> queued = queue.queuedRunIds();
        int taken = 0;
        for (OpenSyncRun run : syncRuns.listOpen()) {
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
