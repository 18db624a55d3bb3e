package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.projections.repository.RepositoryFilter;

import java.util.List;
import java.util.Set;

/** "Select all matching": the arguments of the {@code repositories} query, as one input. */
public record RepositoryFilterInput(String namespace, String search, List<SyncStatus> syncStatus) {

    /** The filter within the namespaces the caller may read (null: all), as the list query applies it. */
    public RepositoryFilter toFilter(Set<String> visible) {
        return new RepositoryFilter(namespace, search, syncStatus == null ? Set.of() : Set.copyOf(syncStatus),
                                    visible);
    }

    /** Whether a batch selects by filter; VALIDATION_FAILED unless exactly one of refs and filter is given. */
    public static boolean selectsByFilter(List<?> refs, RepositoryFilterInput filter) {
        if (refs != null && filter != null) {
            throw ValidationException.of("filter", "give either refs or filter, not both");
        }
        if (refs == null && filter == null) {
            throw ValidationException.of("refs", "give either refs (the repositories) or filter (every repository"
                    + " it matches)");
        }
        return filter != null;
    }
}
