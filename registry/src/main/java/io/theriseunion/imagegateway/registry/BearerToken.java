package io.theriseunion.imagegateway.registry;

import java.time.Instant;

/** A token from a token service, and when we stop using it (shortly before it expires). */
record BearerToken(String value, Instant useUntil) {

    boolean usableAt(Instant now) {
        return now.isBefore(useUntil);
    }

    String header() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "BearerToken[useUntil=" + useUntil + "]";
    }
}
