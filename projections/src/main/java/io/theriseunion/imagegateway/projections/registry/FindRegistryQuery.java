package io.theriseunion.imagegateway.projections.registry;

/** One live registry source by namespace and name. */
public record FindRegistryQuery(String namespace, String name) {
}
