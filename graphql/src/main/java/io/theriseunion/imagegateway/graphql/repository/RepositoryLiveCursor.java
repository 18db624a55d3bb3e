package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.live.LivePoint;
import io.theriseunion.imagegateway.domain.api.ValidationException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A repositories read's liveCursor ({@link LivePoint}) as opaque base64url text, the {@code after} of its followers. */
public final class RepositoryLiveCursor {

    private static final String PREFIX = "r1:";

    private RepositoryLiveCursor() {
    }

    public static String encode(LivePoint point) {
        String raw = PREFIX + point.node() + ":" + point.told() + ":" + point.catalogued();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * syncStatusChanged's and repositoryChanged's after: the point, or null; VALIDATION_FAILED (naming after) on text
     * that is no repositories read's liveCursor.
     */
    public static LivePoint decode(String after) {
        if (after == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            String[] parts = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()).split(":") : new String[0];
            if (parts.length == 3 && !parts[0].isEmpty()) {
                return new LivePoint(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        } catch (IllegalArgumentException notOurs) {
            // falls through
        }
        throw ValidationException.of("after", "is not a liveCursor of the repository list; pass the liveCursor of a"
                + " repositories read");
    }
}
