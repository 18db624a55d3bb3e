package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.SyncStatus;

import java.util.Set;

/**
 * Which repositories a list shows. A null namespace means all namespaces; search is a case-insensitive
 * literal substring of name, display name or image path ({@code path:tag}); empty statuses mean any;
 * {@code visible}, when not null, limits the list to those namespaces (what the caller may read).
 */
public record RepositoryFilter(String namespace, String search, Set<SyncStatus> statuses, Set<String> visible) {

    public RepositoryFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        search = search == null || search.isEmpty() ? null : search;
        visible = visible == null ? null : Set.copyOf(visible);
    }

    public RepositoryFilter(String namespace, String search, Set<SyncStatus> statuses) {
        this(namespace, search, statuses, null);
    }
}
