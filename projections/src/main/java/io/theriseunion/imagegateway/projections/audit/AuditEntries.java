package io.theriseunion.imagegateway.projections.audit;

import io.theriseunion.imagegateway.domain.api.AccessDeniedEvent;
import io.theriseunion.imagegateway.domain.api.ApiTokenCreatedEvent;
import io.theriseunion.imagegateway.domain.api.ApiTokenRevokedEvent;
import io.theriseunion.imagegateway.domain.api.RegistryCredentialsChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistryHealthChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAddedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceRemovedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceSettings;
import io.theriseunion.imagegateway.domain.api.RegistrySourceUpdatedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.StoreBackedUpEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.theriseunion.imagegateway.domain.api.BoundedText.clip;

/**
 * Turns a stored event into its audit entry: the action's name, the target and the change. The same function
 * feeds the stored log and the live {@code auditLogAppended} stream, so both say the same.
 */
public final class AuditEntries {

    private AuditEntries() {
    }

    public static Optional<AuditEntry> of(EventMessage<?> event, long position) {
        Object p = event.getPayload();
        MetaData meta = event.getMetaData();
        Change c;
        if (p instanceof RepositoryEvent e) {
            c = repository(e, meta);
        } else if (p instanceof RegistrySourceAddedEvent e) {
            c = registry(e.namespace(), e.name(), "registry.added", settings(e.settings()));
        } else if (p instanceof RegistrySourceUpdatedEvent e) {
            Map<String, Object> d = new LinkedHashMap<>();
            Map<String, Object> before = settings(e.previous());
            Map<String, Object> after = settings(e.settings());
            after.forEach((field, value) -> change(d, field, before.get(field), value));
            c = registry(e.namespace(), e.name(), "registry.updated", d);
        } else if (p instanceof RegistryCredentialsChangedEvent e) {
            // only that they changed, the user name and whether a password is set: never the secret
            c = registry(e.namespace(), e.name(), "registry.credentials.changed",
                         details("username", e.username(), "hasPassword", e.hasPassword()));
        } else if (p instanceof RegistryHealthChangedEvent e) {
            Map<String, Object> d = new LinkedHashMap<>();
            change(d, "health", e.previous() == null ? null : e.previous().name(), e.health().name());
            d.put("detail", e.detail());
            c = registry(e.namespace(), e.name(), "registry.health.changed", d);
        } else if (p instanceof RegistrySourceRemovedEvent e) {
            c = registry(e.namespace(), e.name(), "registry.removed", Map.of());
        } else if (p instanceof io.theriseunion.imagegateway.domain.api.RegistryWebhookSecretRotatedEvent e) {
            c = registry(e.namespace(), e.name(), "registry.webhook.rotated", Map.of());
        } else if (p instanceof ApiTokenCreatedEvent e) {
            c = new Change(AuditTargetKind.API_TOKEN, e.name(), null, e.name(), "apitoken.created",
                           details("roles", e.roles(), "expiresAt",
                                   e.expiresAt() == null ? null : e.expiresAt().toString()));
        } else if (p instanceof ApiTokenRevokedEvent e) {
            c = new Change(AuditTargetKind.API_TOKEN, e.name(), null, e.name(), "apitoken.revoked", Map.of());
        } else if (p instanceof AccessDeniedEvent e) {
            AuditTargetKind kind = AuditTargetKind.valueOf(e.targetKind());
            c = new Change(kind, kind == AuditTargetKind.REGISTRY && e.namespace() != null
                    ? e.namespace() + "/" + e.targetName() : String.valueOf(e.targetName()), e.namespace(),
                           e.targetName(), "access.denied", details("operation", e.operation(), "requiredRole", e.required(),
                                                                    "count", e.count()));
        } else if (p instanceof StoreBackedUpEvent e) {
            c = new Change(AuditTargetKind.STORE, e.file(), null, e.file(), "store.backup.created",
                           details("file", e.file(), "size", e.size(), "node", e.node(),
                                   "takenAt", e.takenAt() == null ? null : e.takenAt().toString()));
        } else {
            c = null;
        }
        if (c == null) {
            return Optional.empty();
        }
        // metadata is written by the gateway but quotes callers (a JWT's name claim, a user agent): cut to the columns
        return Optional.of(new AuditEntry(position, event.getIdentifier(), event.getTimestamp(),
                                          clip(text(meta, RequestOrigin.ACTOR, "system"), 255), c.action(), c.kind(),
                                          c.targetId(), c.namespace(), c.name(), c.details(),
                                          clip(text(meta, RequestOrigin.CORRELATION_ID, event.getIdentifier()), 64),
                                          clip(text(meta, RequestOrigin.CLIENT_ADDRESS, null), 64),
                                          clip(text(meta, RequestOrigin.USER_AGENT, null), 256)));
    }

    private record Change(AuditTargetKind kind, String targetId, String namespace, String name, String action,
                          Map<String, Object> details) {
    }

    /** The action and change of a repository's event, its target the repository it names; null for no action. */
    private static Change repository(RepositoryEvent event, MetaData meta) {
        String action;
        Map<String, Object> d;
        if (event instanceof RepositoryAddedEvent e) {
            action = "repository.added";
            d = details("displayName", e.displayName(), "description", e.description(),
                        "registry", e.registry().namespace() + "/" + e.registry().name(), "repository", e.repository(),
                        "tag", e.tag(), "syncInterval", e.syncInterval(), "syncTimeout", e.syncTimeout(),
                        "retryCount", e.retryCount());
        } else if (event instanceof RepositoryMetadataEditedEvent e) {
            action = "repository.metadata.edited";
            d = new LinkedHashMap<>();
            change(d, "displayName", e.previousDisplayName(), e.displayName());
            change(d, "description", e.previousDescription(), e.description());
        } else if (event instanceof RepositorySyncPolicyEditedEvent e) {
            action = "repository.syncpolicy.edited";
            d = new LinkedHashMap<>();
            change(d, "syncInterval", e.previousSyncInterval(), e.syncInterval());
            change(d, "syncTimeout", e.previousSyncTimeout(), e.syncTimeout());
            change(d, "retryCount", e.previousRetryCount(), e.retryCount());
            if (e.nextSyncAt() != null) {
                d.put("nextSyncAt", e.nextSyncAt().toString());
            }
        } else if (event instanceof RepositoryDeletedEvent) {
            action = "repository.deleted";
            d = Map.of();
        } else if (event instanceof SyncRequestedEvent e) {
            action = "repository.sync.requested";
            d = details("runId", e.runId(), "trigger", e.trigger().name(), "requestedBy", e.requestedBy(),
                        "image", e.target().repository() + ":" + e.target().tag());
            if (e.trigger() == SyncTrigger.SCHEDULED) {
                d.put("schedule", meta.get(RequestOrigin.CORRELATION_ID));
            }
        } else if (event instanceof SyncStartedEvent e) {
            action = "repository.sync.started";
            d = details("runId", e.runId());
        } else if (event instanceof SyncSucceededEvent e) {
            action = "repository.sync.succeeded";
            d = details("runId", e.runId(), "digest", e.digest(), "changed", e.changed(),
                        "layersAdded", e.layersAdded(), "layersRemoved", e.layersRemoved(),
                        "attempts", e.attempts(), "requests", e.requests(),
                        "nextSyncAt", e.nextSyncAt() == null ? null : e.nextSyncAt().toString());
        } else if (event instanceof SyncFailedEvent e) {
            action = "repository.sync.failed";
            d = details("runId", e.runId(), "code", e.error().code(), "message", e.error().message(),
                        "httpStatus", e.error().httpStatus(), "attempts", e.attempts(),
                        "nextSyncAt", e.nextSyncAt() == null ? null : e.nextSyncAt().toString());
        } else {
            return null;
        }
        return new Change(AuditTargetKind.REPOSITORY, event.repositoryId().value(), event.namespace(), event.name(),
                          action, d);
    }

    private static Change registry(String namespace, String name, String action, Map<String, Object> d) {
        return new Change(AuditTargetKind.REGISTRY, namespace + "/" + name, namespace, name, action, d);
    }

    private static Map<String, Object> settings(RegistrySourceSettings s) {
        if (s == null) {
            return new LinkedHashMap<>();
        }
        return details("url", s.url(), "insecure", s.insecure(), "description", s.description(),
                       "username", s.username(), "caCertificate", s.caCertificate() == null ? null : "(PEM bundle)",
                       "concurrencyLimit", s.concurrencyLimit(), "shared", s.shared());
    }

    /** Records {@code field: {before, after}} when the value changed. */
    private static void change(Map<String, Object> details, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("before", before);
            pair.put("after", after);
            details.put(field, pair);
        }
    }

    /** Name/value pairs in order; null values are left out. */
    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                d.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return d;
    }

    private static String text(MetaData meta, String key, String otherwise) {
        Object value = meta.get(key);
        return value == null ? otherwise : value.toString();
    }
}
