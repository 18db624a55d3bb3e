package io.theriseunion.imagegateway.graphql.dependency;

import io.theriseunion.imagegateway.projections.repository.RepositoryView;

import java.util.Set;

/** {@code Repository.dependencies}: its fields are read when asked for, as the caller may see them. */
public record RepositoryDependencies(RepositoryView repository, Set<String> visible) {
}
