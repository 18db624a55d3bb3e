package io.theriseunion.imagegateway.graphql.namespace;

public record Namespace(String name) {}
