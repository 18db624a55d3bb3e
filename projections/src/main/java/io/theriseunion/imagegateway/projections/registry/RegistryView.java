package io.theriseunion.imagegateway.projections.registry;

import io.theriseunion.imagegateway.domain.api.RegistryHealth;

import java.net.URI;
import java.time.Instant;

/**
 * A registry source as lists show it. Never holds a secret: only whether one is stored. {@code pausedUntil} is
 * the last Retry-After of a 429 the source answered (possibly past); {@code shared}: repositories of other namespaces
 * may use the source.
 */
public record RegistryView(String id,
                           String namespace,
                           String name,
                           String url,
                           boolean insecure,
                           String description,
                           String username,
                           boolean hasCredentials,
                           String caCertificate,
                           int concurrencyLimit,
                           RegistryHealth health,
                           String healthDetail,
                           Instant lastCheckedAt,
                           Instant createdAt,
                           Instant updatedAt,
                           long version,
                           Instant pausedUntil,
                           boolean shared) {

    /** The host (and port) images are pulled from, e.g. {@code harbor.example.com}. */
    public String domain() {
        URI uri = URI.create(url);
        return uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    }
}
