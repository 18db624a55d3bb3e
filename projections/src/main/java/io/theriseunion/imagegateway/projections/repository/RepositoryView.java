package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncStatus;

import java.time.Instant;

/** A repository as the catalogue shows it. */
public record RepositoryView(String id,
                             String namespace,
                             String name,
                             String displayName,
                             String description,
                             RegistryRef registry,
                             String repository,
                             String tag,
                             String syncInterval,
                             String syncTimeout,
                             int retryCount,
                             SyncStatus syncStatus,
                             Instant lastSynced,
                             Instant createdAt,
                             Instant updatedAt,
                             long version,
                             Instant nextSyncAt,
                             SyncErrorView lastError,
                             String digest,
                             String manifestJson,
                             String remoteTagsJson) {

    /** The image reference as operators write it: {@code library/nginx:latest}. */
    public String image() {
        return repository + ":" + tag;
    }
}
