package io.theriseunion.imagegateway.projections.registry;

/** A page of registry sources in (namespace, name) order after the cursor; namespace null = all. */
public record FindRegistriesQuery(String namespace, int first, String afterNamespace, String afterName,
                                  java.util.Set<String> visible) {

    public FindRegistriesQuery(String namespace, int first, String afterNamespace, String afterName) {
        this(namespace, first, afterNamespace, afterName, null);
    }
}
