package io.theriseunion.imagegateway.domain.repository;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.DeleteRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.EditRepositoryMetadataCommand;
import io.theriseunion.imagegateway.domain.api.EditRepositorySyncPolicyCommand;
import io.theriseunion.imagegateway.domain.api.EndOverdueSyncCommand;
import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.domain.api.RecordSyncResultCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.ResumeSyncCommand;
import io.theriseunion.imagegateway.domain.api.StaleVersionException;
import io.theriseunion.imagegateway.domain.api.StartSyncCommand;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRunClosedException;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.TimeOrderedIdentifiers;
import io.theriseunion.imagegateway.domain.api.TriggerSyncCommand;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceDirectory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An image the platform keeps in sync (镜像仓库). Its version counts the changes an operator made: 1 after
 * the add, one more for every edit. Syncs change its status, not its version, so that an edit dialog left
 * open while a sync finishes does not meet a CONFLICT.
 */
@Aggregate(snapshotTriggerDefinition = ImageRepository.SNAPSHOTS, cache = ImageRepository.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
                isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ImageRepository {

    /**
     * The bean that snapshots a repository every so many events: syncs add three events per cycle, so without
     * snapshots every command would replay the repository's whole sync history. Snapshots are its fields in JSON.
     */
    public static final String SNAPSHOTS = "imageRepositorySnapshots";
    /**
     * The bean that keeps loaded repositories between commands (a sync is three commands on one repository).
     * Only safe where one node handles all commands of the database: see the gateway's configuration.
     */
    public static final String CACHE = "imageRepositoryCache";


    @AggregateIdentifier
    private RepositoryId id;
    private String namespace;
    private String name;
    private String displayName;
    private String description;
    private long version;
    private boolean deleted;
    private RegistryRef registry;
    private String repository;
    private String tag;
    private String syncInterval;
    private String syncTimeout;
    private int retryCount;
    private String openRunId;
    private boolean openRunStarted;
    /** the syncTimeout the open run was requested with (an edit since applies from the next run); null: none */
    private String openRunTimeout;
    /** when the open run is overdue (from its request); null: none, or a snapshot taken before this was kept */
    private Instant openRunOverdueAt;
    private String lastDigest;
    /** the overdue deadline of the open run, stored by a gateway before the sweep of overdue runs; null: none */
    private String overdueScheduleId;
    private String nextSyncScheduleId;
    private List<String> lastLayers = List.of();
    /** whether a signature of lastDigest is known; null: unknown */
    private Boolean lastSigned;
    /** when the last run ended (succeeded or failed): an edited interval counts from there; null before */
    private Instant lastRunEndedAt;
    /** what readers see: kept for time travel, which starts from the newest snapshot taken before its instant */
    private RepositoryAppearance appearance;

    protected ImageRepository() {
    }

    @CommandHandler
    public ImageRepository(AddRepositoryCommand command, RepositoryNames names, RegistrySourceDirectory sources,
                           DeadlineManager deadlines) {
        AddRepositoryCommand c = RepositoryRules.checkAdd(command);
        if (names.find(c.namespace(), c.name()).isPresent()) {
            throw new RepositoryAlreadyExistsException(c.namespace(), c.name());
        }
        if (!sources.exists(c.registry())) {
            throw RepositoryRules.unknownSource(c.registry());
        }
        apply(new RepositoryAddedEvent(c.repositoryId(), c.namespace(), c.name(), c.displayName(),
                                       c.description(), c.registry(), c.repository(), c.tag(),
                                       c.syncInterval(), c.syncTimeout(), c.retryCount()));
        // the aggregate's state is assigned only after its constructor returns: build the first request from
        // the command
        SyncTarget target = new SyncTarget(c.namespace(), c.name(), c.registry(), c.repository(), c.tag(),
                                           c.syncTimeout(), c.retryCount(), null, true);
        requestSync(c.repositoryId(), target, SyncTrigger.CREATED, RequestOrigin.CATALOGUE, deadlines, null);
    }

    /** Returns the version after the edit. */
    @CommandHandler
    public long handle(EditRepositoryMetadataCommand command) {
        requireLive();
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new StaleVersionException(namespace, name, command.expectedVersion(), version);
        }
        RepositoryRules.checkMetadata(command.displayName(), command.description());
        String newDisplayName = command.displayName() == null
                ? displayName : RepositoryRules.emptyToNull(command.displayName());
        String newDescription = command.description() == null
                ? description : RepositoryRules.emptyToNull(command.description());
        if (!Objects.equals(newDisplayName, displayName) || !Objects.equals(newDescription, description)) {
            apply(new RepositoryMetadataEditedEvent(id, namespace, name, newDisplayName, newDescription,
                                                    displayName, description));
        }
        return version;
    }

    /**
     * Returns the version after the edit. A changed interval plans the next interval sync again from the last run's
     * end ({@link SyncSchedule#replan}); while a run is open nothing is planned (its result plans the next sync
     * with the new interval), and the open run keeps the timeout and retries it was requested with.
     */
    @CommandHandler
    public long handle(EditRepositorySyncPolicyCommand command, DeadlineManager deadlines) {
        requireLive();
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new StaleVersionException(namespace, name, command.expectedVersion(), version);
        }
        RepositoryRules.SyncPolicy after = RepositoryRules.checkSyncPolicy(
                new RepositoryRules.SyncPolicy(syncInterval, syncTimeout, retryCount), command.syncInterval(),
                command.syncTimeout(), command.retryCount());
        if (after.equals(new RepositoryRules.SyncPolicy(syncInterval, syncTimeout, retryCount))) {
            return version;
        }
        SyncSchedule.Next next = null;
        if (!after.syncInterval().equals(syncInterval) && openRunId == null) {
            next = SyncSchedule.replan(deadlines, id, after.syncInterval(), lastRunEndedAt, nextSyncScheduleId);
        }
        apply(new RepositorySyncPolicyEditedEvent(id, namespace, name, after.syncInterval(), after.syncTimeout(),
                                                  after.retryCount(), syncInterval, syncTimeout, retryCount,
                                                  next == null ? null : next.at(),
                                                  next == null ? null : next.scheduleId()));
        return version;
    }

    @CommandHandler
    public void handle(DeleteRepositoryCommand command, DeadlineManager deadlines) {
        requireLive();
        apply(new RepositoryDeletedEvent(id, namespace, name));
        SyncSchedule.cancel(deadlines, SyncSchedule.SCHEDULED_SYNC, nextSyncScheduleId);
        SyncSchedule.cancel(deadlines, SyncSchedule.SYNC_OVERDUE, overdueScheduleId);
    }

    /** Returns the id of the run that will answer the request: a new one, or the one already open. */
    @CommandHandler
    public String handle(TriggerSyncCommand command, DeadlineManager deadlines) {
        requireLive();
        if (openRunId != null) {
            return openRunId;
        }
        return requestSync(id, currentTarget(command.trigger()), command.trigger(), command.requestedBy(), deadlines,
                           nextSyncScheduleId);
    }

    @CommandHandler
    public void handle(StartSyncCommand command) {
        requireLive();
        if (!command.runId().equals(openRunId) || openRunStarted) {
            throw new SyncRunClosedException(command.runId());
        }
        apply(new SyncStartedEvent(id, command.runId(), namespace, name));
    }

    @CommandHandler
    public void handle(ResumeSyncCommand command) {
        requireLive();
        if (!command.runId().equals(openRunId)) {
            throw new SyncRunClosedException(command.runId());
        }
        if (!openRunStarted) {
            apply(new SyncStartedEvent(id, command.runId(), namespace, name));
        }
    }

    @CommandHandler
    public void handle(RecordSyncResultCommand c, DeadlineManager deadlines) {
        requireLive();
        if (!c.runId().equals(openRunId)) {
            throw new SyncRunClosedException(c.runId());
        }
        SyncSchedule.cancel(deadlines, SyncSchedule.SYNC_OVERDUE, overdueScheduleId);
        SyncSchedule.Next next = SyncSchedule.next(id, syncInterval);
        if (c.error() != null) {
            apply(new SyncFailedEvent(id, c.runId(), namespace, name, c.error(), c.attempts(), next.at(),
                                      next.scheduleId()));
            return;
        }
        boolean changed = !c.digest().equals(lastDigest);
        List<String> layers = c.manifest() == null ? lastLayers : c.manifest().layerDigests();
        List<String> added = layers.stream().filter(l -> !lastLayers.contains(l)).toList();
        List<String> removed = lastLayers.stream().filter(l -> !layers.contains(l)).toList();
        // the signature answer belongs to the digest: a run that did not look keeps the last one while it stays
        Boolean signed = c.signed() != null ? c.signed() : changed ? null : lastSigned;
        apply(new SyncSucceededEvent(id, c.runId(), namespace, name, c.digest(), changed,
                                     changed ? c.manifest() : null, added, removed, c.remoteTags(), c.attempts(),
                                     c.requests(), next.at(), next.scheduleId(), signed));
    }

    /**
     * An interval deadline stored by a gateway before the scheduled checks (which no longer plan one) is due: it
     * still requests its sync, whose result then leaves the next one to the checks. The deadline's payload (this repository's id) is not needed, but stays the first
     * parameter: Axon takes a handler's first parameter as its payload, and would take the DeadlineManager for it.
     */
    @DeadlineHandler(deadlineName = SyncSchedule.SCHEDULED_SYNC)
    void scheduledSync(String repositoryId, DeadlineManager deadlines) {
        if (!deleted && openRunId == null) {
            requestSync(id, currentTarget(SyncTrigger.SCHEDULED), SyncTrigger.SCHEDULED, RequestOrigin.SCHEDULER,
                        deadlines, null);
        }
    }

    /**
     * The open run is past its overdueAt (found by the gateway's sweep of overdue runs): it fails as TIMEOUT. Returns
     * whether it did; a run already closed, a deleted repository or a run not overdue yet (by this node's clock) is
     * left alone, without an exception, since several nodes may sweep the same run. An overdue deadline stored for
     * the run by an older gateway is cancelled with it.
     */
    @CommandHandler
    public boolean handle(EndOverdueSyncCommand command, DeadlineManager deadlines) {
        if (deleted || !command.runId().equals(openRunId)
                || (openRunOverdueAt != null && SyncSchedule.now().isBefore(openRunOverdueAt))) {
            return false;
        }
        SyncSchedule.cancel(deadlines, SyncSchedule.SYNC_OVERDUE, overdueScheduleId);
        endOverdue(command.runId());
        return true;
    }

    /**
     * An overdue deadline stored by a gateway before the sweep of overdue runs (which schedules none) is due: the run,
     * if still open, ends as {@link EndOverdueSyncCommand} ends it.
     */
    @DeadlineHandler(deadlineName = SyncSchedule.SYNC_OVERDUE)
    void overdue(String runId, DeadlineManager deadlines) {
        if (deleted || !runId.equals(openRunId)) {
            return;
        }
        endOverdue(runId);
    }

    private void endOverdue(String runId) {
        SyncSchedule.Next next = SyncSchedule.next(id, syncInterval);
        String timeout = openRunTimeout != null ? openRunTimeout : syncTimeout;
        apply(new SyncFailedEvent(id, runId, namespace, name, new SyncError("TIMEOUT", "the sync did not finish"
                + " within its syncTimeout of " + timeout + " (the gateway may have restarted meanwhile)", null),
                                  0, next.at(), next.scheduleId()));
    }

    private SyncTarget currentTarget(SyncTrigger trigger) {
        boolean refreshTags = lastDigest == null || trigger == SyncTrigger.MANUAL;
        return new SyncTarget(namespace, name, registry, repository, tag, syncTimeout, retryCount, lastDigest,
                              refreshTags);
    }

    /**
     * Opens a run; a pending interval sync is replaced by it (the next one is scheduled after its result). No
     * deadline is stored for the run: its worker bounds itself by overdueAt, and a run still open past it (one that
     * never got an execution in the queue, say) is ended by the gateway's sweep of overdue runs
     * ({@link EndOverdueSyncCommand}).
     */
    private static String requestSync(RepositoryId id, SyncTarget target, SyncTrigger trigger, String requestedBy,
                                      DeadlineManager deadlines, String pendingNextSync) {
        String runId = TimeOrderedIdentifiers.next();
        Duration timeout = GoDuration.parse(target.syncTimeout());
        Instant overdueAt = SyncSchedule.now().plus(timeout);
        SyncSchedule.cancel(deadlines, SyncSchedule.SCHEDULED_SYNC, pendingNextSync);
        apply(new SyncRequestedEvent(id, runId, trigger, requestedBy, target, overdueAt, null));
        return runId;
    }

    private void requireLive() {
        if (deleted) {
            throw new RepositoryNotFoundException(namespace, name);
        }
    }

    @EventSourcingHandler
    void on(RepositoryAddedEvent event, @Timestamp Instant at) {
        appearance = RepositoryAppearance.after(appearance, event, at);
        id = event.repositoryId();
        namespace = event.namespace();
        name = event.name();
        displayName = event.displayName();
        description = event.description();
        registry = event.registry();
        repository = event.repository();
        tag = event.tag();
        syncInterval = event.syncInterval();
        syncTimeout = event.syncTimeout();
        retryCount = event.retryCount();
        version = 1;
    }

    @EventSourcingHandler
    void on(SyncRequestedEvent event, @Timestamp Instant at) {
        appearance = RepositoryAppearance.after(appearance, event, at);
        openRunId = event.runId();
        openRunStarted = false;
        openRunTimeout = event.target().syncTimeout();
        openRunOverdueAt = event.overdueAt();
        overdueScheduleId = event.overdueScheduleId();
        nextSyncScheduleId = null;
    }

    @EventSourcingHandler
    void on(SyncStartedEvent event, @Timestamp Instant at) {
        appearance = RepositoryAppearance.after(appearance, event, at);
        openRunStarted = true;
    }

    @EventSourcingHandler
    void on(SyncSucceededEvent event, @Timestamp Instant at) {
        appearance = RepositoryAppearance.after(appearance, event, at);
        openRunId = null;
        openRunStarted = false;
        openRunOverdueAt = null;
        overdueScheduleId = null;
        nextSyncScheduleId = event.nextSyncScheduleId();
        lastRunEndedAt = at;
        lastDigest = event.digest();
        lastSigned = event.signed();
        if (event.manifest() != null) {
            lastLayers = event.manifest().layerDigests();
        }
    }

    @EventSourcingHandler
    void on(SyncFailedEvent event, @Timestamp Instant at) {
        appearance = RepositoryAppearance.after(appearance, event, at);
        openRunId = null;
        openRunStarted = false;
        openRunOverdueAt = null;
        overdueScheduleId = null;
        nextSyncScheduleId = event.nextSyncScheduleId();
        lastRunEndedAt = at;
    }

    @EventSourcingHandler
    void on(RepositoryMetadataEditedEvent event, @Timestamp Instant at) {
        appearance = RepositoryAppearance.after(appearance, event, at);
        displayName = event.displayName();
        description = event.description();
        version++;
    }

    @EventSourcingHandler
    void on(RepositorySyncPolicyEditedEvent event, @Timestamp Instant at) {
        appearance = RepositoryAppearance.after(appearance, event, at);
        syncInterval = event.syncInterval();
        syncTimeout = event.syncTimeout();
        retryCount = event.retryCount();
        if (event.nextSyncScheduleId() != null) {
            nextSyncScheduleId = event.nextSyncScheduleId();
        }
        version++;
    }

    @EventSourcingHandler
    void on(RepositoryDeletedEvent event, @Timestamp Instant at) {
        appearance = RepositoryAppearance.after(appearance, event, at);
        deleted = true;
        version++;
    }

    RepositoryId id() {
        return id;
    }

    /** What readers saw after the last event applied; null in a snapshot taken before this was kept. */
    public RepositoryAppearance appearance() {
        return appearance;
    }
}
