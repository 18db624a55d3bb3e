package io.theriseunion.imagegateway.projections.repository;

/** One live repository by namespace and name. */
public record FindRepositoryQuery(String namespace, String name) {
}
