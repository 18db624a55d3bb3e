package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import io.theriseunion.imagegateway.projections.sync.OpenSyncRun;
import io.theriseunion.imagegateway.projections.sync.SyncHistoryQueries;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Runs still open when a node stops or crashes are handed to the sync workers again (finding L8): the workers'
 * queue lives in memory, and the sync process's token had already moved past their requests. Whenever this
 * node takes the sync process's segment (at start, or from a node that went away), it looks up the runs still
 * REQUESTED or RUNNING in the sync history and takes those it does not hold, as the same run (same id, trigger
 * and deadline): one not started starts now, one that had started goes on (ResumeSync). A run this node also
 * takes from its event is taken once; a run that closed meanwhile is refused by the repository.
 */
@Component
public class SyncRecovery {

    private static final Logger log = LoggerFactory.getLogger(SyncRecovery.class);
    /** How far before the repository's last projected event its open request is looked for first. */
    private static final long RECENT_EVENTS = 32;

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final SyncHistoryQueries syncRuns;
    private final SyncProcess process;
    private volatile boolean segmentHeld;

    public SyncRecovery(EventProcessingConfiguration processing, EventStore events, SyncHistoryQueries syncRuns,
                        SyncProcess process) {
        this.processing = processing;
        this.events = events;
        this.syncRuns = syncRuns;
        this.process = process;
    }

    /** Checks whether this node has just taken the sync process's segment; if so, takes over its open runs. */
    @Scheduled(initialDelay = 1000, fixedDelay = 2000)
    void onSegmentClaimed() {
        boolean held = processing.eventProcessor(SyncProcess.PROCESSING_GROUP, StreamingEventProcessor.class)
                                 .map(p -> !p.processingStatus().isEmpty()).orElse(false);
        if (held && !segmentHeld) {
            int taken = recoverOpenRuns();
            if (taken > 0) {
                log.info("Took over {} sync run(s) left open when the sync process was last held elsewhere or stopped", taken);
            }
        }
        segmentHeld = held;
    }

    /** Hands every open run not held here to the workers; returns how many. */
    int recoverOpenRuns() {
        int taken = 0;
        for (OpenSyncRun run : syncRuns.listOpen()) {
            String runId = run.runId();
            if (process.holds(runId)) {
                continue;
            }
            String repositoryId = run.repositoryId();
            long lastSeq = run.repositoryEventSeq();
            try {
                Optional<DomainEventMessage<?>> request = request(repositoryId, runId, Math.max(0, lastSeq - RECENT_EVENTS))
                        .or(() -> request(repositoryId, runId, 0));
                if (request.isPresent() && process.take((SyncRequestedEvent) request.get().getPayload(),
                                                        (String) request.get().getMetaData().get(RequestOrigin.CORRELATION_ID), true)) {
                    taken++;
                }
            } catch (RuntimeException e) {
                log.warn("Sync run {} not taken over: {}", runId, e.getMessage());
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
