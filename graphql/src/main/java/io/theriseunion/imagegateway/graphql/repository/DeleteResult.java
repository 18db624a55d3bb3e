package io.theriseunion.imagegateway.graphql.repository;

public record DeleteResult(String namespace, String name, boolean deleted) {
}
