package io.theriseunion.imagegateway.graphql.sync;

import io.theriseunion.imagegateway.graphql.paging.PageInfo;

import java.util.List;

/** A page of a repository's sync history; totalCount is counted only when asked for. */
public record SyncRunConnection(List<SyncRunEdge> edges, PageInfo pageInfo, String repositoryId) {
}
