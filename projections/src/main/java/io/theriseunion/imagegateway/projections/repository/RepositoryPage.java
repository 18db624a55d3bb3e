package io.theriseunion.imagegateway.projections.repository;

import java.util.List;

/** A page of repositories in catalogue order, and whether more follow. */
public record RepositoryPage(List<RepositoryView> items, boolean hasNextPage) {
}
