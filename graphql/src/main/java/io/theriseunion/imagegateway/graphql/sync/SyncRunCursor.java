package io.theriseunion.imagegateway.graphql.sync;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Position in a sync history (newest first): the requestedAt and id of the last run seen. */
record SyncRunCursor(Instant requestedAt, String runId) {

    private static final String PREFIX = "s1:";

    String encode() {
        String raw = PREFIX + requestedAt.toEpochMilli() + ":" + runId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static SyncRunCursor decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                return null;
            }
            String[] parts = raw.substring(PREFIX.length()).split(":", 2);
            return new SyncRunCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
