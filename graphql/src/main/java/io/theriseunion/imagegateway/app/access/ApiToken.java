package io.theriseunion.imagegateway.app.access;

import java.time.Instant;
import java.util.List;

/**
 * An API token as {@code apiTokens} lists it: never its secret. expiresAt null: it never expires; createdBy: the
 * caller that created it (null for tokens older than that record).
 */
public record ApiToken(String name, List<RoleBinding> roles, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                       String createdBy) {

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
