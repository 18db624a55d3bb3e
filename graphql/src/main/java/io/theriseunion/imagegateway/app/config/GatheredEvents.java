package io.theriseunion.imagegateway.app.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The event store as a processor that nobody waits on reads it: once the processor has caught up (its last batch
 * took fewer than {@code few} events), the first new event is held back for {@code gather} before the batch starts,
 * so that the events stored meanwhile join it and the batch is one commit instead of one per event. A tracking
 * processor takes only the events already available when its batch starts: at the head of a stream written a few
 * events at a time, each batch would be one event, and on the embedded H2 each commit rewrites every B-tree page it
 * touched. While the processor is behind (a replay, a backlog) its batches are full and nothing is held back.
 * <p>
 * For read models that no command waits on (the audit log, the layers, the checks' schedule) the hold is the whole
 * {@code gather}: their rows appear up to that much later. For a read model that mutations and live updates wait on
 * (the catalogue) the hold ends as soon as one waits ({@link Hold}). A processor may also name the events someone
 * is waiting for ({@code atOnce}: the sync process's manual and webhook runs): when the next one is such an event,
 * nothing is held back.
 */
public final class GatheredEvents implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How long a caught-up processor holds its next batch back. */
    @FunctionalInterface
    public interface Hold {

        /** The whole gather, whoever waits. */
        Hold WHOLE = gather -> Thread.sleep(gather.toMillis());

        /** Holds for up to {@code gather}; interrupted, the processor is stopping. */
        void hold(Duration gather) throws InterruptedException;
    }

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Duration gather;
    private final int few;
    private final Hold hold;
    private final Predicate<? super TrackedEventMessage<?>> atOnce;

    public GatheredEvents(StreamableMessageSource<TrackedEventMessage<?>> store, Duration gather, int few) {
        this(store, gather, few, Hold.WHOLE);
    }

    public GatheredEvents(StreamableMessageSource<TrackedEventMessage<?>> store, Duration gather, int few, Hold hold) {
        this(store, gather, few, hold, event -> false);
    }

    public GatheredEvents(StreamableMessageSource<TrackedEventMessage<?>> store, Duration gather, int few, Hold hold,
                          Predicate<? super TrackedEventMessage<?>> atOnce) {
        this.store = store;
        this.gather = gather;
        this.few = few;
        this.hold = hold;
        this.atOnce = atOnce;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(token);
        return gather.isZero() || gather.isNegative() ? stream : new Gathering(stream);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /**
     * The processor asks {@link #hasNextAvailable(int, TimeUnit)} (waiting) when it starts a batch, then takes
     * events while {@link #peek()} shows one: the events taken since the last wait are the last batch's size.
     */
    private final class Gathering implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        /** none taken yet: the first batch after opening (a start, a claim) is not held back */
        private int takenSinceWait = Integer.MAX_VALUE;

        private Gathering(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            boolean available = events.hasNextAvailable(timeout, unit);
            if (available && takenSinceWait < few && !events.peek().map(atOnce::test).orElse(false)) {
                // caught up: the next events are on their way one at a time; let a few of them join this batch.
                // Interrupted (the processor stopping), the wait ends as the store's own wait would.
                hold.hold(gather);
            }
            if (available) {
                takenSinceWait = 0;
            }
            return available;
        }

        @Override
        public boolean hasNextAvailable() {
            return events.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> next = events.nextAvailable();
            if (takenSinceWait < Integer.MAX_VALUE) {
                takenSinceWait++;
            }
            return next;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return events.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
