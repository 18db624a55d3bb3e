package io.theriseunion.imagegateway.domain.api;

/** The settings of a registry source changed; carries the settings before and after. */
public record RegistrySourceUpdatedEvent(RegistrySourceId id, String namespace, String name,
                                         RegistrySourceSettings settings, RegistrySourceSettings previous) {
}
