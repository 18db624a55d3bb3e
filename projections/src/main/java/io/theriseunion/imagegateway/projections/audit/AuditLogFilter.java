package io.theriseunion.imagegateway.projections.audit;

import java.time.Instant;
import java.util.List;

/** Which entries to list; every field optional, all given ones must match. {@code from} inclusive, {@code to} exclusive. */
public record AuditLogFilter(String actor,
                            String namespace,
                            AuditTargetKind targetKind,
                            String targetName,
                            List<String> actions,
                            Instant from,
                            Instant to,
                            java.util.Set<String> visible) {

    public static final AuditLogFilter ALL = new AuditLogFilter(null, null, null, null, null, null, null);

    public AuditLogFilter(String actor, String namespace, AuditTargetKind targetKind, String targetName,
                          List<String> actions, Instant from, Instant to) {
        this(actor, namespace, targetKind, targetName, actions, from, to, null);
    }

    /** The same filter, limited to entries of these namespaces (null: every entry). */
    public AuditLogFilter visibleIn(java.util.Set<String> namespaces) {
        return new AuditLogFilter(actor, namespace, targetKind, targetName, actions, from, to, namespaces);
    }

    public boolean matches(AuditEntry e) {
        return (visible == null || (e.namespace() != null && visible.contains(e.namespace())))
                && (actor == null || actor.equals(e.actor()))
                && (namespace == null || namespace.equals(e.namespace()))
                && (targetKind == null || targetKind == e.targetKind())
                && (targetName == null || targetName.equals(e.targetName()))
                && (actions == null || actions.isEmpty() || actions.contains(e.action()))
                && (from == null || !e.at().isBefore(from))
                && (to == null || e.at().isBefore(to));
    }
}
