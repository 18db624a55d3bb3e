package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.projections.repository.RepositoryView;

public record RepositoryEdge(String cursor, RepositoryView node) {
}
