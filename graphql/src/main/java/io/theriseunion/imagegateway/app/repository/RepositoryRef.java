package io.theriseunion.imagegateway.app.repository;

/** A repository named by namespace and name. */
public record RepositoryRef(String namespace, String name) {
}
