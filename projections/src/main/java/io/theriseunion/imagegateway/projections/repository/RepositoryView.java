package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.repository.RepositoryAppearance;
import io.theriseunion.imagegateway.projections.Json;

import java.time.Instant;

/**
 * A repository as the catalogue shows it: what {@link RepositoryAppearance#after} makes of its events, which is
 * what the catalogue projection writes and what time travel rebuilds. The manifest summary and the remote tags stay
 * JSON until a reader asks for them, so that a page of repositories decodes none that nobody selected.
 */
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

    /** The repository as the fold of its events shows it. */
    public static RepositoryView of(RepositoryAppearance a) {
        SyncErrorView lastError = a.lastError() == null ? null
                : new SyncErrorView(a.lastError().code(), a.lastError().message(), a.lastError().httpStatus(),
                                    a.lastErrorAt());
        return new RepositoryView(a.id(), a.namespace(), a.name(), a.displayName(), a.description(), a.registry(),
                                  a.repository(), a.tag(), a.syncInterval(), a.syncTimeout(), a.retryCount(),
                                  a.syncStatus(), a.lastSynced(), a.createdAt(), a.updatedAt(), a.version(),
                                  a.nextSyncAt(), lastError, a.digest(),
                                  a.manifest() == null ? null : Json.write(a.manifest()),
                                  a.remoteTags() == null ? null : Json.write(a.remoteTags()));
    }

    /** The image reference as operators write it: {@code library/nginx:latest}. */
    public String image() {
        return repository + ":" + tag;
    }
}
