package io.theriseunion.imagegateway.graphql.registrysource;

import io.theriseunion.imagegateway.graphql.paging.PageInfo;
import io.theriseunion.imagegateway.projections.registry.RegistryFilter;

import java.util.List;

/** A page of registry sources; totalCount is counted only when asked for. */
public record RegistryConnection(List<RegistryEdge> edges, PageInfo pageInfo, RegistryFilter filter) {
}
