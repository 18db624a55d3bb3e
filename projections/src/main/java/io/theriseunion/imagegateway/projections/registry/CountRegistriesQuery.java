package io.theriseunion.imagegateway.projections.registry;

/** How many registry sources a namespace (null: all) has. */
public record CountRegistriesQuery(String namespace, java.util.Set<String> visible) {

    public CountRegistriesQuery(String namespace) {
        this(namespace, null);
    }
}
