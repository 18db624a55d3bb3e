package io.theriseunion.imagegateway.graphql.repository;

public record EditRepositoryMetadataInput(String namespace, String name, String displayName, String description,
                                          Integer expectedVersion) {
}
