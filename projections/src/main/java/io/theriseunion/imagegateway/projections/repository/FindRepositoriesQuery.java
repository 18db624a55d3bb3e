package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.projections.NameCursor;

/** A page of the catalogue: at most {@code first} repositories after the cursor (null: from the start). */
public record FindRepositoriesQuery(RepositoryFilter filter, int first, NameCursor after) {
}
