package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.graphql.paging.PageInfo;
import io.theriseunion.imagegateway.projections.repository.RepositoryFilter;

import java.util.List;

/** A page of repositories; totalCount is counted only when a client asks for it. */
public record RepositoryConnection(List<RepositoryEdge> edges, PageInfo pageInfo, RepositoryFilter filter) {
}
