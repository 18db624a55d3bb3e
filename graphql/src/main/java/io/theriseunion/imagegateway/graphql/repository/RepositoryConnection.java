package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.graphql.paging.PageInfo;
import io.theriseunion.imagegateway.projections.repository.RepositoryFilter;

import java.util.List;

/**
 * A page of repositories; totalCount is counted only when a client asks for it. liveCursor is where the read stood
 * in what the gateway tells live (null when not asked for).
 */
public record RepositoryConnection(List<RepositoryEdge> edges, PageInfo pageInfo, RepositoryFilter filter,
                                   String liveCursor) {
}
