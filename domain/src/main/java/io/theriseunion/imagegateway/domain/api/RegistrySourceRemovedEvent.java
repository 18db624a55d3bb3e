package io.theriseunion.imagegateway.domain.api;

/** A registry source was removed; its name is free again. */
public record RegistrySourceRemovedEvent(RegistrySourceId id, String namespace, String name) {
}
