package io.theriseunion.imagegateway.app.config;

import io.theriseunion.imagegateway.domain.registry.RegistrySourceIndex;
import io.theriseunion.imagegateway.domain.repository.ImageRepository;
import io.theriseunion.imagegateway.domain.repository.RepositoryNameIndex;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.sync.SyncCheckProjection;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import io.theriseunion.imagegateway.app.live.LiveUpdates;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Axon wiring that the properties in application.yml cannot express. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** Events a side-effect processor takes in one transaction, at most (it never waits to fill a batch). */
    private static final int BATCH = 100;
    /** The gathered processors' last batch below this many events: caught up, the next one is held back. */
    private static final int FEW = 50;
    private static final String GATHER = "${gateway.projections.gather:100ms}";

    /**
     * The sync process acts on new events only: a new node, a reset or a first start
     * on old data must not replay years of SyncRequested events into registry calls. It reads up to
     * {@value #BATCH} events per transaction: with one, every event of the store (it handles one kind in four)
     * cost a durable commit of its token, and a burst of sync requests queued behind that pace. Caught up, it
     * gathers the events of {@code gateway.projections.gather} into one batch as the read models nobody waits on do
     * ({@link GatheredEvents}): a first sync or a scheduled run is queued up to that much later, and the runs
     * requested meanwhile are queued in one commit and reach the workers together, whose starts and results are then
     * committed together too ({@code gateway.sync.group-commits}). A manual or webhook run, which someone waits to
     * see start, is not held back ({@link AwaitedRuns}): queued at once when it is the next event, and when it is
     * behind other events (a busy node's runs' starts and results) the hold ends once it is committed on this node.
     */
    @Bean
    ConfigurerModule sideEffectsStartAtTheHead(@Value(GATHER) Duration gather) {
        Duration checked = checked(gather);
        return configurer -> configurer.eventProcessing()
                                       .registerTrackingEventProcessor(SyncProcess.PROCESSING_GROUP,
                                                                       c -> syncRequests(c, checked),
                                                                       c -> fromTheHead());
    }

    private static GatheredEvents syncRequests(org.axonframework.config.Configuration axon, Duration gather) {
        AwaitedRuns awaited = new AwaitedRuns(axon.eventBus());
        return new GatheredEvents(axon.eventStore(), gather, FEW, awaited::holdUnlessRequested, AwaitedRuns::awaited);
    }

    /**
     * Live updates: each node follows the stream on its own (a token in memory, from the head), so that every
     * node's subscribers get every event, whichever node wrote it.
     */
    @Bean
    ConfigurerModule liveUpdatesOnEveryNode() {
        return configurer -> configurer.eventProcessing()
                                       .registerTokenStore(LiveUpdates.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                                       .registerTrackingEventProcessorConfiguration(LiveUpdates.PROCESSING_GROUP,
                                                                                    c -> fromTheHead());
    }

    /**
     * One thread, new events only, up to {@value #BATCH} a transaction. This replaces what application.yml says
     * of the processor's batch size and claim interval: a node without the token tries to claim it every second, as
     * the projections do, so that a dead node's sync process is taken over soon after its claim times out.
     */
    private static TrackingEventProcessorConfiguration fromTheHead() {
        return TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                  .andBatchSize(BATCH)
                                                  .andTokenClaimInterval(1, TimeUnit.SECONDS)
                                                  .andInitialTrackingToken(StreamableMessageSource::createHeadToken);
    }

    /** A repository snapshot every 60 events: twenty sync cycles. */
    @Bean(ImageRepository.SNAPSHOTS)
    SnapshotTriggerDefinition imageRepositorySnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 60);
    }

    /**
     * Repositories stay loaded between their commands: the most recently used {@code gateway.aggregate-cache-size}
     * of them ({@link RecentAggregates}; a weakly referenced cache lost them at each garbage collection). Only on
     * the embedded default, where one process owns the database: nodes sharing PostgreSQL each take commands and
     * deadlines for any repository, and a cached copy there could miss another node's events.
     */
    @Bean(ImageRepository.CACHE)
    Cache imageRepositoryCache(@Value("${gateway.aggregate-cache:true}") boolean enabled,
                               @Value("${gateway.aggregate-cache-size:4096}") int size) {
        return enabled ? new RecentAggregates(size) : NoCache.INSTANCE;
    }

    /**
     * The name indexes guard uniqueness and references: a failure there (a concurrent add of the same name) must fail the
     * command and roll back its events, not be logged and ignored as Axon does by default.
     */
    @Bean
    ConfigurerModule nameIndexFailuresFailTheCommand() {
        return configurer -> configurer.eventProcessing()
                                       .registerListenerInvocationErrorHandler(
                                               RepositoryNameIndex.PROCESSING_GROUP,
                                               c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               RegistrySourceIndex.PROCESSING_GROUP,
                                               c -> PropagatingErrorHandler.instance());
    }

    /**
     * The schedule of the scheduled checks ({@code sync_check}) must not skip an event: a skipped add leaves its
     * repository without checks for good, a skipped result leaves it never due again, and nothing a user sees says
     * so. A handler that fails (a deadlock with a batch of recorded checks, a connection lost, a constraint added by
     * hand) rolls back the processor's batch instead of being logged and passed over as Axon does by default; the
     * processor lets go of its claim and reads the batch again after a back-off of 1 s, doubled at each failure up
     * to 60 s. Its handlers are idempotent (each guards on the aggregate sequence it last applied), so a batch read
     * again changes nothing twice. While it fails, {@code /actuator/projections/sync-checks} shows {@code error}
     * and a growing lag; the first failure logs a warning with its cause. A dead-letter queue was tried and not kept:
     * a transient failure would park a repository off the schedule until an operator retried the queue.
     */
    @Bean
    ConfigurerModule scheduleFailuresAreRetried() {
        return configurer -> configurer.eventProcessing()
                                       .registerListenerInvocationErrorHandler(
                                               SyncCheckProjection.PROCESSING_GROUP,
                                               c -> PropagatingErrorHandler.instance());
    }

    /**
     * The events of the read models nobody waits on (application.yml: {@code source} of {@code audit-log},
     * {@code sync-checks} and {@code repository-layers}): once caught up, each gathers the events of
     * {@code gateway.projections.gather} into one batch, one commit, instead of committing each event of a sync run
     * on its own ({@link GatheredEvents}). On the embedded H2 each commit writes every page it touched again: these
     * commits were most of what a single add cost the machine (docs/benchmarks.md).
     */
    @Bean
    GatheredEvents gatheredProjectionEvents(EventStore eventStore, @Value(GATHER) Duration gather,
                                            @Value("${gateway.projections.audit-log-gather:}") String formerName) {
        if (!formerName.isBlank()) {
            // silently ignored, a setting that turned the gathering off would have stopped doing so
            throw new IllegalArgumentException("gateway.projections.audit-log-gather (" + formerName + ") is now"
                                                       + " gateway.projections.gather, which also applies to the"
                                                       + " layers, the checks' schedule and the catalogue: set that"
                                                       + " instead");
        }
        return new GatheredEvents(eventStore, checked(gather), FEW);
    }

    /**
     * The catalogue's events ({@code repository-catalogue}): gathered too, but a batch is held back only while no
     * mutation or live update on this node waits for a read model ({@link ReadModelProgress#holdUnlessAwaited}): the
     * catalogue's rows are mostly written with the events (at commit), and what waits for the processor (a
     * deletion, a row more than one event behind) is not delayed by the gathering.
     */
    @Bean
    GatheredEvents gatheredCatalogueEvents(EventStore eventStore, ReadModelProgress progress,
                                           @Value(GATHER) Duration gather) {
        return new GatheredEvents(eventStore, checked(gather), FEW, progress::holdUnlessAwaited);
    }

    private static Duration checked(Duration gather) {
        if (gather.isNegative() || gather.compareTo(Duration.ofSeconds(1)) > 0) {
            // longer, and the processor would extend its token claim too late: another node could take it
            throw new IllegalArgumentException("gateway.projections.gather must be between 0 (off) and 1s, not "
                                                       + gather);
        }
        return gather;
    }
}
