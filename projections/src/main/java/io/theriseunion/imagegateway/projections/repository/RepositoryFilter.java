package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.SyncStatus;

import java.util.Set;

/**
 * Which repositories a list shows. A null namespace means all namespaces; search is a case-insensitive
 * literal substring of name, display name or image path ({@code path:tag}); empty statuses mean any.
 */
public record RepositoryFilter(String namespace, String search, Set<SyncStatus> statuses) {

    public RepositoryFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        search = search == null || search.isEmpty() ? null : search;
    }
}
