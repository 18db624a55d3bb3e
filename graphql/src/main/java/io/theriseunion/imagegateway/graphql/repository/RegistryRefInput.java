package io.theriseunion.imagegateway.graphql.repository;

public record RegistryRefInput(String namespace, String name) {
}
