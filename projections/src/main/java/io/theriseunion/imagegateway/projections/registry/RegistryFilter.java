package io.theriseunion.imagegateway.projections.registry;

import java.util.Set;

/**
 * Which registry sources a list shows. A null namespace means all namespaces; {@code visible}, when not null,
 * limits the list to those namespaces (what the caller may read).
 */
public record RegistryFilter(String namespace, Set<String> visible) {

    public RegistryFilter {
        visible = visible == null ? null : Set.copyOf(visible);
    }

    /** Every source, whoever may read it: for the gateway's own work, never for a caller. */
    public static RegistryFilter all() {
        return new RegistryFilter(null, null);
    }
}
