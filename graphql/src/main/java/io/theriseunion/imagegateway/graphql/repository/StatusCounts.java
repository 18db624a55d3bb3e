package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.domain.api.SyncStatus;

import java.util.Map;

/** How many repositories are in each sync status. */
public record StatusCounts(long pending, long syncing, long success, long failed) {

    /** From grouped counts; a status absent from them counts 0. */
    public static StatusCounts of(Map<SyncStatus, Long> counts) {
        return new StatusCounts(counts.getOrDefault(SyncStatus.PENDING, 0L),
                                counts.getOrDefault(SyncStatus.SYNCING, 0L),
                                counts.getOrDefault(SyncStatus.SUCCESS, 0L),
                                counts.getOrDefault(SyncStatus.FAILED, 0L));
    }

    public long total() {
        return pending + syncing + success + failed;
    }
}
