package io.theriseunion.imagegateway.graphql.paging;

/** Relay page info; lists scroll forward only, so hasPreviousPage says whether a cursor was given. */
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
}
