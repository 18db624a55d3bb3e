package io.theriseunion.imagegateway.live;

import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.projections.repository.SyncErrorView;
import io.theriseunion.imagegateway.projections.sync.SyncRunView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sync status of each repository as the event stream moves it, to tell each change's previous status and
 * its run. Repositories not seen since this node started are recalled from the last few events of their stream
 * (back to the last sync request), never replayed from the start; the map is bounded (least recently changed
 * forgotten first, recalled when they change again).
 */
final class SyncStatusTimeline {

    private static final int MAX_REMEMBERED = 100_000;
    /** events read back at first to recall a repository's state: one sync cycle is three */
    private static final long FIRST_WINDOW = 8;

    private record State(SyncStatus status, SyncRunView run) {
    }

    private final EventStore events;
    private final Map<String, State> states = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    SyncStatusTimeline(EventStore events) {
        this.events = events;
    }

    /** Applies the event; returns the status change it makes, if any. Called by one thread, in stream order. */
    Optional<SyncStatusChange> apply(DomainEventMessage<?> event) {
        String id = event.getAggregateIdentifier();
        State before = states.get(id);
        if (before == null && !(event.getPayload() instanceof RepositoryAddedEvent)
                && !(event.getPayload() instanceof RepositoryDeletedEvent)) {
            before = recall(id, event.getSequenceNumber());
        }
        State after = next(before, event.getPayload(), event.getTimestamp());
        if (after == null) {
            states.remove(id);
            return Optional.empty();
        }
        states.put(id, after);
        SyncStatus previous = before == null ? null : before.status();
        if (after.status() == previous && !(event.getPayload() instanceof RepositoryAddedEvent)) {
            return Optional.empty();
        }
        String[] name = name(event.getPayload());
        return Optional.of(new SyncStatusChange(id, name[0], name[1], after.status(), previous, event.getTimestamp(),
                                                after.run()));
    }

    /**
     * The state before the event at {@code beforeSequence}, from the end of the repository's stream: the events
     * since the last sync request, which is all the state depends on (the request opens the run, later events
     * set the status). Reads a few events back and widens until that request is in view, so a restart costs a
     * handful of events per repository, not its whole history.
     */
    private State recall(String id, long beforeSequence) {
        long window = FIRST_WINDOW;
        while (true) {
            long from = Math.max(0, beforeSequence - window);
            State state = null;
            boolean requested = false;
            var stream = events.readEvents(id, from);
            while (stream.hasNext()) {
                DomainEventMessage<?> e = stream.next();
                if (e.getSequenceNumber() >= beforeSequence) {
                    break;
                }
                requested |= e.getPayload() instanceof SyncRequestedEvent;
                state = next(state, e.getPayload(), e.getTimestamp());
            }
            if (from == 0 || requested && state != null && state.status() != null) {
                return state;
            }
            window *= 4;
        }
    }

    /** The state after the event; null once the repository is deleted. */
    private static State next(State s, Object payload, Instant at) {
        SyncStatus status = s == null ? null : s.status();
        SyncRunView run = s == null ? null : s.run();
        if (payload instanceof RepositoryAddedEvent) {
            return new State(SyncStatus.PENDING, null);
        } else if (payload instanceof RepositoryDeletedEvent) {
            return null;
        } else if (payload instanceof SyncRequestedEvent e) {
            return new State(status, new SyncRunView(e.runId(), e.repositoryId().value(), e.trigger().name(), "REQUESTED",
                                                     e.requestedBy(), at, null, null, 0, null, null, null, null, null));
        } else if (payload instanceof SyncStartedEvent e && run != null && run.id().equals(e.runId())) {
            return new State(SyncStatus.SYNCING, withStatus(run, "RUNNING", at, null, 0, null, null, null));
        } else if (payload instanceof SyncSucceededEvent e) {
            return new State(SyncStatus.SUCCESS, withStatus(run(run, e.runId(), e.repositoryId().value(), at), "SUCCESS",
                                                            null, at, e.attempts(), e.changed(), e.digest(), null));
        } else if (payload instanceof SyncFailedEvent e) {
            return new State(SyncStatus.FAILED, withStatus(run(run, e.runId(), e.repositoryId().value(), at), "FAILED",
                                                           null, at, e.attempts(), null, null,
                                                           new SyncErrorView(e.error().code(), e.error().message(),
                                                                             e.error().httpStatus(), at)));
        }
        return s;
    }

    private static SyncRunView run(SyncRunView known, String runId, String repositoryId, Instant at) {
        return known != null && known.id().equals(runId) ? known
                : new SyncRunView(runId, repositoryId, "MANUAL", "REQUESTED", null, at, null, null, 0, null, null, null,
                                  null, null);
    }

    private static SyncRunView withStatus(SyncRunView r, String status, Instant startedAt, Instant finishedAt,
                                          int attempts, Boolean changed, String digest, SyncErrorView error) {
        return new SyncRunView(r.id(), r.repositoryId(), r.trigger(), status, r.requestedBy(), r.requestedAt(),
                               startedAt != null ? startedAt : r.startedAt(), finishedAt, attempts, changed, digest,
                               null, null, error);
    }

    private static String[] name(Object payload) {
        if (payload instanceof RepositoryAddedEvent e) {
            return new String[]{e.namespace(), e.name()};
        } else if (payload instanceof SyncStartedEvent e) {
            return new String[]{e.namespace(), e.name()};
        } else if (payload instanceof SyncSucceededEvent e) {
            return new String[]{e.namespace(), e.name()};
        } else if (payload instanceof SyncFailedEvent e) {
            return new String[]{e.namespace(), e.name()};
        }
        throw new IllegalArgumentException("no status change: " + payload.getClass().getSimpleName());
    }
}
