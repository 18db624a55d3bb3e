package io.theriseunion.imagegateway.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The instant by which every request of one operation (a HEAD, an inspection, a tag listing) must be done, by the
 * client's clock; {@link #NONE} when only the per-call timeouts apply.
 */
record Deadline(Instant at, Clock clock) {

    static final Deadline NONE = new Deadline(null, null);

    static Deadline of(Instant at, Clock clock) {
        return at == null ? NONE : new Deadline(at, clock);
    }

    /** The time left, negative or zero once it passed; {@code null} for {@link #NONE}. */
    Duration remaining() {
        return at == null ? null : Duration.between(clock.instant(), at);
    }

    boolean passed() {
        return at != null && !clock.instant().isBefore(at);
    }

    @Override
    public String toString() {
        return at == null ? "no deadline" : at.toString();
    }
}
