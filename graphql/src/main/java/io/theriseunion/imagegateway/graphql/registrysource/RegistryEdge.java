package io.theriseunion.imagegateway.graphql.registrysource;

import io.theriseunion.imagegateway.projections.registry.RegistryView;

public record RegistryEdge(String cursor, RegistryView node) {
}
