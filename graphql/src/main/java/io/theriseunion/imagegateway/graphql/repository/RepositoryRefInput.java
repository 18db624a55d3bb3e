package io.theriseunion.imagegateway.graphql.repository;

public record RepositoryRefInput(String namespace, String name) {
}
