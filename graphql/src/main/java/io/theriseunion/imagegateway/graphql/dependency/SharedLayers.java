package io.theriseunion.imagegateway.graphql.dependency;

import io.theriseunion.imagegateway.projections.repository.RepositoryView;

/** A repository whose image shares {@code layers} layers, {@code bytes} in all, with another's. */
public record SharedLayers(RepositoryView repository, int layers, long bytes) {
}
