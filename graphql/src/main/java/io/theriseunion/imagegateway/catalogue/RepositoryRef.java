package io.theriseunion.imagegateway.catalogue;

/** A repository named by namespace and name. */
public record RepositoryRef(String namespace, String name) {
}
