package io.theriseunion.imagegateway.graphql.audit;

import io.theriseunion.imagegateway.projections.audit.AuditLogFilter;
import io.theriseunion.imagegateway.projections.audit.AuditTargetKind;

import java.time.Instant;
import java.util.List;

/** GraphQL {@code AuditLogFilter}. */
public record AuditLogFilterInput(String actor, String namespace, AuditTargetKind targetKind, String targetName,
                                  List<String> actions, Instant from, Instant to) {

    public static AuditLogFilter toFilter(AuditLogFilterInput input) {
        return input == null ? AuditLogFilter.ALL
                : new AuditLogFilter(input.actor(), input.namespace(), input.targetKind(), input.targetName(),
                                     input.actions(), input.from(), input.to());
    }
}
