package io.theriseunion.imagegateway.access;

import java.time.Instant;
import java.util.List;

/** An API token as {@code apiTokens} lists it: never its secret. */
public record ApiToken(String name, List<RoleBinding> roles, Instant createdAt, Instant lastUsedAt) {
}
