package io.theriseunion.imagegateway.projections.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit log: one stored event, who caused it and from where. {@code position} is the event's
 * place in the event store (newest has the highest); {@code id} is the event's identifier.
 *
 * @param actor         the authenticated user, or {@code system:scheduler}, {@code system:sync}, …
 * @param action        what happened, e.g. {@code repository.metadata.edited}
 * @param targetId      the aggregate's identifier (a repository id, or {@code namespace/name} of a source)
 * @param details       the change; for edits {@code {field: {before, after}}}; never a secret
 * @param correlationId shared by everything one request caused (a whole batch), and by a sync's request and
 *                      result; a scheduled sync's is the id of the schedule that fired
 */
public record AuditEntry(long position,
                         String id,
                         Instant at,
                         String actor,
                         String action,
                         AuditTargetKind targetKind,
                         String targetId,
                         String namespace,
                         String targetName,
                         Map<String, Object> details,
                         String correlationId,
                         String clientAddress,
                         String userAgent) {
}
