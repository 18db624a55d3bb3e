package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.projections.OrderDirection;

/** How a repository list is sorted: by a field, in a direction (ASC when none is given). */
public record RepositoryOrder(RepositoryOrderField field, OrderDirection direction) {

    public RepositoryOrder {
        direction = direction == null ? OrderDirection.ASC : direction;
    }

    public boolean descending() {
        return direction == OrderDirection.DESC;
    }
}
