package io.theriseunion.imagegateway.app.live;

import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.repository.RepositoryAppearance;
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

    /**
     * Applies a repository's event; returns the status change it makes, if any. Called by one thread, in stream
     * order.
     */
    Optional<SyncStatusChange> apply(DomainEventMessage<?> event) {
        RepositoryEvent payload = (RepositoryEvent) event.getPayload();
        if (payload instanceof RepositoryMetadataEditedEvent || payload instanceof RepositorySyncPolicyEditedEvent) {
            return Optional.empty(); // an edit moves neither the status nor a run
        }
        String id = event.getAggregateIdentifier();
        State before = states.get(id);
        if (before == null && !(payload instanceof RepositoryAddedEvent)
                && !(payload instanceof RepositoryDeletedEvent)) {
            before = recall(id, event.getSequenceNumber());
        }
        State after = next(before, payload, event.getTimestamp());
        if (after == null) {
            states.remove(id);
            return Optional.empty();
        }
        states.put(id, after);
        SyncStatus previous = before == null ? null : before.status();
        if (after.status() == previous && !(payload instanceof RepositoryAddedEvent)) {
            return Optional.empty();
        }
        return Optional.of(new SyncStatusChange(id, payload.namespace(), payload.name(), after.status(), previous,
                                                event.getTimestamp(), after.run()));
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

    /**
     * The state after the event, by the folds the read models use: the status by
     * {@link RepositoryAppearance#statusAfter}, the run by {@link SyncRunView#after}; null once the repository is
     * deleted.
     */
    private static State next(State s, Object payload, Instant at) {
        if (payload instanceof RepositoryDeletedEvent) {
            return null;
        }
        SyncStatus status = RepositoryAppearance.statusAfter(s == null ? null : s.status(), payload);
        SyncRunView run = payload instanceof RepositoryAddedEvent ? null
                : SyncRunView.after(s == null ? null : s.run(), payload, at);
        return new State(status, run);
    }
}
