package io.theriseunion.imagegateway.graphql.namespace;

import io.theriseunion.imagegateway.graphql.repository.StatusCounts;

/**
 * A namespace as the selector shows it, counted when listed. Other features resolve more of its fields with
 * {@code @SchemaMapping(typeName = "Namespace")} from {@link #name()}.
 */
public record Namespace(String name, StatusCounts statusCounts, long registryCount) {

    public long repositoryCount() {
        return statusCounts.total();
    }
}
