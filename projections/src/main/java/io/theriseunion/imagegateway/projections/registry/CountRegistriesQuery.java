package io.theriseunion.imagegateway.projections.registry;

/** How many registry sources a namespace (null: all) has. */
public record CountRegistriesQuery(String namespace) {
}
