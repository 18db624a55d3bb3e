package io.theriseunion.imagegateway.domain.api;

/** A registry source's health changed (e.g. HEALTHY to UNREACHABLE). */
public record RegistryHealthChangedEvent(RegistrySourceId id, String namespace, String name, RegistryHealth health,
                                         RegistryHealth previous, String detail) {
}
