package io.theriseunion.imagegateway.graphql.registry;

import io.theriseunion.imagegateway.projections.registry.RegistryView;

public record RegistryEdge(String cursor, RegistryView node) {
}
