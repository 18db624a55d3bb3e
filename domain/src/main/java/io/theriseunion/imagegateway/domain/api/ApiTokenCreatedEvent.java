package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;
import java.util.List;

/**
 * An API token was created. Its secret is never in an event: only its name, role bindings and when it expires
 * (null: never, also for tokens created before expiry existed).
 */
public record ApiTokenCreatedEvent(String name, List<String> roles, Instant expiresAt) {
}
