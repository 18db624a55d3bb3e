package io.theriseunion.imagegateway.app.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.domain.api.ApiTokenRevokedEvent;
import io.theriseunion.imagegateway.domain.api.RegistryHealthChangedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.projections.audit.AuditEntries;
import io.theriseunion.imagegateway.projections.audit.AuditEntry;
import io.theriseunion.imagegateway.projections.audit.AuditLogFilter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What subscribers see live. Every node tails the event store itself (processing group {@value #PROCESSING_GROUP},
 * tokens in memory, starting at the head), so each node's subscribers get all events, those written by other
 * nodes on the same database included. Each subscriber has its own bounded buffer: one that does not keep up
 * gets {@link SubscriberTooSlowException} and is closed, and never holds back the others.
 */
@Component
@ProcessingGroup(LiveUpdates.PROCESSING_GROUP)
public class LiveUpdates {

    public static final String PROCESSING_GROUP = "live-updates";
    /** How many told audit entries a new subscription can still catch up on from memory (see RecentAuditEntries). */
    static final int RECENT_AUDIT_ENTRIES = 2048;
    /** How many told repository and status changes a follower of a catalogue read can catch up on (RecentLiveChanges). */
    static final int RECENT_CHANGES = 4096;

    private final SyncStatusTimeline statuses;
    private final int bufferSize;
    private final Sinks.Many<SyncStatusChange> statusChanges = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<RepositoryChange> repositoryChanges = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<AuditEntry> auditEntries = Sinks.many().multicast().directBestEffort();
    /** Guarded by the auditEntries sink's lock, as its emits are. */
    private final RecentAuditEntries recentAuditEntries = new RecentAuditEntries(RECENT_AUDIT_ENTRIES);
    /** Guarded by itself, as the emits of statusChanges and repositoryChanges are. */
    private final RecentLiveChanges recentChanges = new RecentLiveChanges(RECENT_CHANGES);
    /** This start of the gateway: the count of told changes in a {@link LivePoint} is this node's, since it started. */
    private final String node = UUID.randomUUID().toString();
    private final Sinks.Many<String> revokedTokens = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<RegistryHealthChange> healthChanges = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter events;
    /**
     * Where each subscriber's events are executed (GraphQL resolution of its selection, which reads the database).
     * Not {@code Schedulers.boundedElastic()}: a subscription cancelled mid-event (a browser tab reloaded while a
     * repositoryChanged event was being resolved) interrupts that worker thread, and an interrupt during the
     * embedded H2's file I/O closes its file channel: the whole database then answers "The database has been
     * closed" until a restart (seen in the console's benchmark on 100,000 stored). An executor-backed scheduler
     * only marks a cancelled task disposed and never interrupts its thread.
     */
    private final Scheduler workers = Schedulers.fromExecutor(workerPool(), false);

    /**
     * As many threads as boundedElastic would use (10 per core), each ended after 60 s idle, daemon. Handed to
     * Reactor as a plain {@link Executor}: given an ExecutorService, {@code fromExecutor} makes a scheduler that
     * cancels its tasks with an interrupt.
     */
    private static Executor workerPool() {
        int threads = 10 * Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                                                         new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "live-subscriber-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool::execute;
    }

    public LiveUpdates(EventStore eventStore, MeterRegistry meters,
                       @Value("${gateway.live.buffer-size:1024}") int bufferSize) {
        this.statuses = new SyncStatusTimeline(eventStore);
        this.bufferSize = bufferSize;
        // the streams of live events open: one per shared execution (graphql.live.SharedSubscriptions counts subscribers)
        meters.gauge("gateway.live.streams", subscribers);
        // the events this node has followed since its start (from the head of the stream at the start)
        this.events = Counter.builder("gateway.live.events").description("Events read by this node's live updates")
                             .register(meters);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        events.increment();
        if (token.position().isPresent()) {
            AuditEntries.of(event, token.position().getAsLong()).ifPresent(this::tell);
        }
        if (payload instanceof ApiTokenRevokedEvent revoked) {
            emit(revokedTokens, revoked.name());
        }
        if (event instanceof DomainEventMessage<?> domain) {
            long position = token.position().orElse(-1);
            repositoryChange(domain).ifPresent(change -> tell(repositoryChanges, change, position));
            if (payload instanceof RepositoryEvent) {
                statuses.apply(domain).ifPresent(change -> tell(statusChanges, change, position));
            }
            if (payload instanceof RegistryHealthChangedEvent health) {
                emit(healthChanges, new RegistryHealthChange(domain.getAggregateIdentifier(), health.namespace(),
                                                             health.name(), health.health(), health.previous(),
                                                             health.detail(), domain.getTimestamp(),
                                                             domain.getSequenceNumber()));
            }
        }
    }

    /**
     * A scheduled check that writes no event (issue 14) is told to this node's subscribers all the same: SYNCING
     * when it starts, SUCCESS once it is recorded (then also as SYNCED, its lastSynced moved). Live only: the
     * checks of a node are seen by that node's subscribers, while every run with an event is seen everywhere.
     */
    public void checkStarted(SyncStatusChange syncing) {
        tell(statusChanges, syncing, -1);
    }

    /** The check is recorded: SUCCESS (see {@link #checkStarted}) and a SYNCED repository change. */
    public void checkRecorded(SyncStatusChange success) {
        tell(statusChanges, success, -1);
        tell(repositoryChanges, new RepositoryChange(RepositoryChange.Type.SYNCED, success.repositoryId(),
                                                     success.namespace(), success.name(), 0, success.at()), -1);
    }

    public Flux<SyncStatusChange> statusChanges(Predicate<SyncStatusChange> filter) {
        return subscribe(statusChanges, filter);
    }

    public Flux<RepositoryChange> repositoryChanges(Predicate<RepositoryChange> filter) {
        return subscribe(repositoryChanges, filter);
    }

    /**
     * Where a read of the catalogue about to be made stands in what this node tells (see {@link LivePoint}): taken
     * before the read, the count told first, then the catalogue's position ({@code catalogued}: the position through
     * which the catalogue has applied every event).
     */
    public LivePoint point(LongSupplier catalogued) {
        long told;
        synchronized (recentChanges) {
            told = recentChanges.count();
        }
        return new LivePoint(node, told, catalogued.getAsLong());
    }

    /**
     * The filter's status changes that a read of the catalogue at the point may be missing, in the order told, then
     * each new one (see {@link #following}).
     */
    public Flux<SyncStatusChange> statusChangesAfter(Predicate<SyncStatusChange> filter, LivePoint point) {
        return following(statusChanges, SyncStatusChange.class, filter, point);
    }

    /** As {@link #statusChangesAfter}, for repository changes. */
    public Flux<RepositoryChange> repositoryChangesAfter(Predicate<RepositoryChange> filter, LivePoint point) {
        return following(repositoryChanges, RepositoryChange.class, filter, point);
    }

    public Flux<RegistryHealthChange> registryHealthChanges(Predicate<RegistryHealthChange> filter) {
        return subscribe(healthChanges, filter);
    }

    public Flux<AuditEntry> auditEntries(AuditLogFilter filter) {
        return subscribe(auditEntries, filter::matches);
    }

    /**
     * The filter's entries newer than {@code afterPosition}, then each new one, none twice: first those that came
     * before the subscription began, from the stored log ({@code stored}: up to a limit of them, newer than a
     * position, oldest first) and from the entries this node told just before (the stored log follows by a moment),
     * oldest first. More of them than the subscriber's buffer ends it with {@link SubscriberTooSlowException}.
     */
    public Flux<AuditEntry> auditEntriesAfter(AuditLogFilter filter, long afterPosition,
                                              BiFunction<Long, Integer, List<AuditEntry>> stored) {
        return limited(Flux.defer(() -> {
            Sinks.Many<AuditEntry> arriving = Sinks.many().unicast().onBackpressureBuffer();
            // following first, then reading: an entry told from here on arrives, one told before is read
            Disposable following = auditEntries.asFlux().filter(filter::matches).subscribe(arriving::tryEmitNext);
            try {
                TreeMap<Long, AuditEntry> missed = new TreeMap<>();
                stored.apply(afterPosition, bufferSize + 1).forEach(e -> missed.put(e.position(), e));
                List<AuditEntry> recent;
                synchronized (auditEntries) {
                    recent = recentAuditEntries.after(afterPosition, filter);
                }
                recent.forEach(e -> missed.putIfAbsent(e.position(), e));
                if (missed.size() > bufferSize) {
                    throw new SubscriberTooSlowException(bufferSize);
                }
                Set<Long> sent = Set.copyOf(missed.keySet());
                return Flux.concat(Flux.fromIterable(missed.values()),
                                   arriving.asFlux().filter(e -> !sent.contains(e.position())))
                           .doFinally(signal -> following.dispose());
            } catch (RuntimeException e) {
                following.dispose();
                throw e;
            }
        }));
    }

    /**
     * First the kept changes a read at the point may be missing (told after it, or of events the catalogue had not
     * applied then), then each new one: none twice, none left out, as both are taken under the lock the telling
     * holds. A point whose missed changes are no longer kept here, or more of them than the subscriber's buffer,
     * ends the subscription with {@link SubscriberTooSlowException}: read the list again.
     */
    private <T> Flux<T> following(Sinks.Many<T> sink, Class<T> kind, Predicate<T> filter, LivePoint point) {
        return limited(Flux.defer(() -> {
            Sinks.Many<T> arriving = Sinks.many().unicast().onBackpressureBuffer();
            Disposable following;
            List<T> missed;
            synchronized (recentChanges) {
                following = sink.asFlux().filter(filter).subscribe(arriving::tryEmitNext);
                missed = recentChanges.after(point, node, kind, filter);
            }
            if (missed == null || missed.size() > bufferSize) {
                following.dispose();
                return Flux.error(missed == null ? SubscriberTooSlowException.readTooOld(RECENT_CHANGES)
                        : new SubscriberTooSlowException(bufferSize));
            }
            return Flux.concat(Flux.fromIterable(missed), arriving.asFlux()).doFinally(signal -> following.dispose());
        }));
    }

    /** Signals once the named API token is revoked (on any node). */
    public Flux<String> revocationOf(String tokenName) {
        return revokedTokens.asFlux().filter(tokenName::equals).take(1);
    }

    private <T> Flux<T> subscribe(Sinks.Many<T> sink, Predicate<T> filter) {
        return limited(sink.asFlux().filter(filter));
    }

    /** A subscriber's stream: its own bounded buffer, its own worker, counted while open. */
    private <T> Flux<T> limited(Flux<T> events) {
        return events.onBackpressureBuffer(bufferSize, dropped -> { }, BufferOverflowStrategy.ERROR)
                   // what each subscriber does with an event (GraphQL execution of its selection, sending) runs on
                   // a worker, not on the one event processor thread that feeds every subscriber
                   .publishOn(workers, 32)
                   .onErrorMap(e -> reactor.core.Exceptions.isOverflow(e), e -> new SubscriberTooSlowException(bufferSize))
                   .doOnSubscribe(s -> subscribers.incrementAndGet())
                   .doFinally(signal -> subscribers.decrementAndGet());
    }

    /** An audit entry to the subscribers, kept among the recent ones in the same step. */
    private void tell(AuditEntry entry) {
        synchronized (auditEntries) {
            recentAuditEntries.add(entry);
            auditEntries.tryEmitNext(entry);
        }
    }

    /** A repository or status change to the subscribers, kept among the recent ones in the same step. */
    private <T> void tell(Sinks.Many<T> sink, T change, long position) {
        synchronized (recentChanges) {
            recentChanges.add(change, position);
            sink.tryEmitNext(change);
        }
    }

    private static <T> void emit(Sinks.Many<T> sink, T value) {
        // the event processor thread and the scheduled checks' workers emit, one at a time per sink;
        // FAIL_ZERO_SUBSCRIBER (nobody listening) is fine
        synchronized (sink) {
            sink.tryEmitNext(value);
        }
    }

    private static Optional<RepositoryChange> repositoryChange(DomainEventMessage<?> e) {
        if (!(e.getPayload() instanceof RepositoryEvent event)) {
            return Optional.empty();
        }
        RepositoryChange.Type type = type(event);
        return type == null ? Optional.empty()
                : Optional.of(new RepositoryChange(type, e.getAggregateIdentifier(), event.namespace(),
                                                             event.name(), e.getSequenceNumber(), e.getTimestamp()));
    }

    /** What subscribers of repository changes are told; null for an event they are not told of. */
    private static RepositoryChange.Type type(RepositoryEvent event) {
        if (event instanceof RepositoryAddedEvent) {
            return RepositoryChange.Type.ADDED;
        } else if (event instanceof RepositoryMetadataEditedEvent || event instanceof RepositorySyncPolicyEditedEvent) {
            return RepositoryChange.Type.EDITED;
        } else if (event instanceof RepositoryDeletedEvent) {
            return RepositoryChange.Type.DELETED;
        } else if (event instanceof SyncSucceededEvent || event instanceof SyncFailedEvent) {
            return RepositoryChange.Type.SYNCED;
        }
        return null;
    }
}
