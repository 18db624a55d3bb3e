package io.theriseunion.imagegateway.projections.registry;

import java.util.List;

/** A page of registry sources, and whether more follow. */
public record RegistryPage(List<RegistryView> items, boolean hasNextPage) {
}
