package io.theriseunion.imagegateway.domain.api;

/** A registry source's health changed (e.g. HEALTHY to UNREACHABLE). */
public record RegistryHealthChangedEvent(RegistrySourceId id, String namespace, String name, RegistryHealth health,
                                         RegistryHealth previous, String detail) {

    /** The detail quotes the registry's URL and answer: cut to what registry_view.health_detail holds. */
    public static final int MAX_DETAIL = 1024;

    public RegistryHealthChangedEvent {
        detail = BoundedText.clip(detail, MAX_DETAIL);
    }
}
