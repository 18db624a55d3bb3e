package io.theriseunion.imagegateway.live;

import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.audit.AuditLogQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import io.theriseunion.imagegateway.projections.repository.SyncErrorView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * A repository as it was at an instant: which repository had the name then (from the audit log, which keeps
 * the trail of deleted ones), and its own events up to that instant folded the way the catalogue applies them.
 */
@Component
public class RepositoryTimeTravel {

    private final AuditLogQueries audit;
    private final EventStore events;

    public RepositoryTimeTravel(AuditLogQueries audit, EventStore events) {
        this.audit = audit;
        this.events = events;
    }

    public Optional<RepositoryView> asOf(String namespace, String name, Instant at) {
        return audit.repositoryIdAt(namespace, name, at).map(id -> fold(id, at));
    }

    private RepositoryView fold(String id, Instant at) {
        RepositoryView v = null;
        DomainEventStream stream = events.readEvents(id, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> e = stream.next();
            if (e.getTimestamp().isAfter(at)) {
                break;
            }
            v = apply(v, e.getPayload(), e.getTimestamp());
        }
        return v;
    }

    private static RepositoryView apply(RepositoryView v, Object payload, Instant at) {
        if (payload instanceof RepositoryAddedEvent e) {
            return new RepositoryView(e.repositoryId().value(), e.namespace(), e.name(), e.displayName(), e.description(),
                                      e.registry(), e.repository(), e.tag(), e.syncInterval(), e.syncTimeout(),
                                      e.retryCount(), SyncStatus.PENDING, null, at, at, 1, null, null, null, null, null);
        }
        if (v == null) {
            return null;
        }
        if (payload instanceof RepositoryMetadataEditedEvent e) {
            return new RepositoryView(v.id(), v.namespace(), v.name(), e.displayName(), e.description(), v.registry(),
                                      v.repository(), v.tag(), v.syncInterval(), v.syncTimeout(), v.retryCount(),
                                      v.syncStatus(), v.lastSynced(), v.createdAt(), at, v.version() + 1, v.nextSyncAt(),
                                      v.lastError(), v.digest(), v.manifestJson(), v.remoteTagsJson());
        }
        if (payload instanceof RepositoryDeletedEvent) {
            return v;
        }
        if (payload instanceof SyncStartedEvent) {
            return status(v, SyncStatus.SYNCING, v.lastSynced(), v.nextSyncAt(), v.lastError(), v.digest(),
                          v.manifestJson(), v.remoteTagsJson());
        }
        if (payload instanceof SyncSucceededEvent e) {
            return status(v, SyncStatus.SUCCESS, at, e.nextSyncAt(), null, e.digest(),
                          e.manifest() == null ? v.manifestJson() : Json.write(e.manifest()),
                          e.remoteTags() == null ? v.remoteTagsJson() : Json.write(e.remoteTags()));
        }
        if (payload instanceof SyncFailedEvent e) {
            return status(v, SyncStatus.FAILED, v.lastSynced(), e.nextSyncAt(),
                          new SyncErrorView(e.error().code(), e.error().message(), e.error().httpStatus(), at),
                          v.digest(), v.manifestJson(), v.remoteTagsJson());
        }
        return v;
    }

    private static RepositoryView status(RepositoryView v, SyncStatus status, Instant lastSynced, Instant nextSyncAt,
                                         SyncErrorView error, String digest, String manifest, String tags) {
        return new RepositoryView(v.id(), v.namespace(), v.name(), v.displayName(), v.description(), v.registry(),
                                  v.repository(), v.tag(), v.syncInterval(), v.syncTimeout(), v.retryCount(), status,
                                  lastSynced, v.createdAt(), v.updatedAt(), v.version(), nextSyncAt, error, digest,
                                  manifest, tags);
    }
}
