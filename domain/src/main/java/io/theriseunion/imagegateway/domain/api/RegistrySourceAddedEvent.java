package io.theriseunion.imagegateway.domain.api;

/** A registry source was added (or added again after it was removed). */
public record RegistrySourceAddedEvent(RegistrySourceId id, String namespace, String name,
                                       RegistrySourceSettings settings) {
}
