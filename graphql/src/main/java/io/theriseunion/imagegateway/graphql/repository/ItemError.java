package io.theriseunion.imagegateway.graphql.repository;

public record ItemError(String code, String message, String field) {
}
