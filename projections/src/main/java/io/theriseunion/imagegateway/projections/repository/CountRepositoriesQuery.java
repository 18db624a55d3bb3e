package io.theriseunion.imagegateway.projections.repository;

/** How many repositories match a filter. */
public record CountRepositoriesQuery(RepositoryFilter filter) {
}
