package io.theriseunion.imagegateway.domain.sync;

import io.theriseunion.imagegateway.domain.api.RecordSyncResultCommand;
import io.theriseunion.imagegateway.domain.api.StartSyncCommand;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRunClosedException;
import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/**
 * Turns each SyncRequested event into registry calls and a RecordSyncResult command. The event handler only
 * hands the run to the workers, so the event processor never waits on the network; a run lost with a crash
 * is failed as TIMEOUT by the repository's overdue deadline.
 */
@ProcessingGroup(SyncProcess.PROCESSING_GROUP)
public class SyncProcess {

    public static final String PROCESSING_GROUP = "sync-process";
    private static final Logger log = LoggerFactory.getLogger(SyncProcess.class);

    private final CommandGateway commands;
    private final RegistryPort registries;
    private final SyncWorkers workers;

    public SyncProcess(CommandGateway commands, RegistryPort registries, SyncWorkers workers) {
        this.commands = commands;
        this.registries = registries;
        this.workers = workers;
    }

    @EventHandler
    void on(SyncRequestedEvent event, @MetaDataValue(RequestOrigin.CORRELATION_ID) String correlationId) {
        MetaData origin = MetaData.from(RequestOrigin.system(RequestOrigin.SYNC, correlationId).asMetaData());
        workers.submit(event.target().registry(), () -> run(event, origin));
    }

    /** Runs the sync; its commands act as {@code system:sync}, correlated with the request. */
    void run(SyncRequestedEvent e, MetaData origin) {
        try {
            commands.sendAndWait(asCommandMessage(new StartSyncCommand(e.repositoryId(), e.runId())).andMetaData(origin));
        } catch (SyncRunClosedException closed) {
            return;
        } catch (RuntimeException failure) {
            log.info("Sync run {} of {}/{} not started: {}", e.runId(), e.target().namespace(), e.target().name(),
                     failure.getMessage());
            return;
        }
        Instant byTimeout = GenericEventMessage.clock.instant().plus(GoDuration.parse(e.target().syncTimeout()));
        Instant deadline = e.overdueAt().isBefore(byTimeout) ? e.overdueAt() : byTimeout;
        SyncOutcome outcome;
        try {
            outcome = registries.fetch(e.target(), deadline);
        } catch (RuntimeException unexpected) {
            log.error("Sync run {} of {}/{} failed unexpectedly", e.runId(), e.target().namespace(), e.target().name(),
                      unexpected);
            outcome = SyncOutcome.failed(new SyncError("REGISTRY_ERROR", "the sync failed unexpectedly; see the"
                    + " gateway log", null), 1, 0);
        }
        try {
            commands.sendAndWait(asCommandMessage(new RecordSyncResultCommand(
                    e.repositoryId(), e.runId(), outcome.digest(), outcome.manifest(), outcome.tags(), outcome.error(),
                    outcome.attempts(), outcome.requests())).andMetaData(origin));
        } catch (SyncRunClosedException closed) {
            log.info("Sync run {} of {}/{} finished after it was closed (overdue or deleted)", e.runId(),
                     e.target().namespace(), e.target().name());
        } catch (RuntimeException failure) {
            log.warn("Result of sync run {} not recorded: {}", e.runId(), failure.getMessage());
        }
    }
}
