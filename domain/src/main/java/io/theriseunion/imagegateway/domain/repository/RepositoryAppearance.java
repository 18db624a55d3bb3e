package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;

import java.time.Instant;
import java.util.List;

/**
 * A repository as readers see it after one of its events: its settings, its sync status and what its last syncs
 * found. The one fold of a repository's events ({@link #after}): time travel replays it, the live timeline takes
 * its status from {@link #statusAfter}, and the catalogue projection writes what it says (a test replays one
 * stream through both). It lives beside the aggregate, not beside the read models, because the aggregate keeps
 * it too, so that its snapshots (every 60 events) let time travel start there instead of at the first event.
 */
public record RepositoryAppearance(String id, String namespace, String name, String displayName, String description,
                                   RegistryRef registry, String repository, String tag, String syncInterval,
                                   String syncTimeout, int retryCount, SyncStatus syncStatus, Instant lastSynced,
                                   Instant createdAt, Instant updatedAt, long version, Instant nextSyncAt,
                                   SyncError lastError, Instant lastErrorAt, String digest, SyncedManifest manifest,
                                   List<String> remoteTags) {

    /** The appearance after the event (at its timestamp); null before the repository was added. */
    public static RepositoryAppearance after(RepositoryAppearance a, Object event, Instant at) {
        if (event instanceof RepositoryAddedEvent e) {
            return new RepositoryAppearance(e.repositoryId().value(), e.namespace(), e.name(), e.displayName(),
                                            e.description(), e.registry(), e.repository(), e.tag(), e.syncInterval(),
                                            e.syncTimeout(), e.retryCount(), SyncStatus.PENDING, null, at, at, 1, null,
                                            null, null, null, null, null);
        }
        if (a == null) {
            return null;
        }
        if (event instanceof RepositoryMetadataEditedEvent e) {
            return new RepositoryAppearance(a.id, a.namespace, a.name, e.displayName(), e.description(), a.registry,
                                            a.repository, a.tag, a.syncInterval, a.syncTimeout, a.retryCount,
                                            a.syncStatus, a.lastSynced, a.createdAt, at, a.version + 1, a.nextSyncAt,
                                            a.lastError, a.lastErrorAt, a.digest, a.manifest, a.remoteTags);
        }
        if (event instanceof RepositorySyncPolicyEditedEvent e) {
            return new RepositoryAppearance(a.id, a.namespace, a.name, a.displayName, a.description, a.registry,
                                            a.repository, a.tag, e.syncInterval(), e.syncTimeout(), e.retryCount(),
                                            a.syncStatus, a.lastSynced, a.createdAt, at, a.version + 1,
                                            e.nextSyncAt() == null ? a.nextSyncAt : e.nextSyncAt(), a.lastError,
                                            a.lastErrorAt, a.digest, a.manifest, a.remoteTags);
        }
        SyncStatus status = statusAfter(a.syncStatus, event);
        if (event instanceof SyncStartedEvent) {
            return a.sync(status, a.lastSynced, a.nextSyncAt, a.lastError, a.lastErrorAt, a.digest,
                          a.manifest, a.remoteTags);
        }
        if (event instanceof SyncSucceededEvent e) {
            return a.sync(status, at, e.nextSyncAt(), null, null, e.digest(),
                          e.manifest() == null ? a.manifest : e.manifest(),
                          e.remoteTags() == null ? a.remoteTags : e.remoteTags());
        }
        if (event instanceof SyncFailedEvent e) {
            return a.sync(status, a.lastSynced, e.nextSyncAt(), e.error(), at, a.digest, a.manifest,
                          a.remoteTags);
        }
        return a; // a deletion keeps what it looked like last; a sync request changes nothing a reader sees
    }

    /**
     * The sync status after the event: PENDING once added, SYNCING once a run started, then SUCCESS or FAILED as
     * it ended; other events leave it. Needs no earlier event, so that a reader that knows only the end of a
     * repository's stream (the live timeline) tells the same status as one that folded all of it.
     */
    public static SyncStatus statusAfter(SyncStatus before, Object event) {
        if (event instanceof RepositoryAddedEvent) {
            return SyncStatus.PENDING;
        } else if (event instanceof SyncStartedEvent) {
            return SyncStatus.SYNCING;
        } else if (event instanceof SyncSucceededEvent) {
            return SyncStatus.SUCCESS;
        } else if (event instanceof SyncFailedEvent) {
            return SyncStatus.FAILED;
        }
        return before;
    }

    private RepositoryAppearance sync(SyncStatus status, Instant lastSynced, Instant nextSyncAt, SyncError error,
                                      Instant errorAt, String digest, SyncedManifest manifest, List<String> tags) {
        return new RepositoryAppearance(id, namespace, name, displayName, description, registry, repository, tag,
                                        syncInterval, syncTimeout, retryCount, status, lastSynced, createdAt,
                                        updatedAt, version, nextSyncAt, error, errorAt, digest, manifest, tags);
    }
}
