package io.theriseunion.imagegateway.app.live;

import io.theriseunion.imagegateway.domain.api.RegistryHealth;

import java.time.Instant;

/**
 * A registry source's health changed (GraphQL {@code RegistryHealthEvent}), as a health check found it.
 * {@code sequence} is the event's place in the source's own stream: the source is shown once the registry read
 * model has applied it.
 */
public record RegistryHealthChange(String registryId, String namespace, String name, RegistryHealth health,
                                   RegistryHealth previousHealth, String healthDetail, Instant at, long sequence) {

    public RegistryHealthChange {
        previousHealth = previousHealth == null ? RegistryHealth.UNKNOWN : previousHealth;
    }
}
