package io.theriseunion.imagegateway.projections.audit;

import io.theriseunion.imagegateway.projections.Json;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes every event of every aggregate to {@code audit_entry}, in event-store order. Its token is stored in
 * the same transaction as the rows, and an entry is keyed by its event's place in the store, so an entry is written
 * exactly once, however often its event is delivered; a rebuild writes the same entries. An
 * event that cannot be written goes to the audit log's dead-letter queue (see the gateway's ReadModelFailures)
 * and is retried from there: one bad event never stops the log.
 */
@Component
@ProcessingGroup(AuditLogProjection.PROCESSING_GROUP)
public class AuditLogProjection {

    public static final String PROCESSING_GROUP = "audit-log";

    private final JdbcTemplate jdbc;

    public AuditLogProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        AuditEntries.of(event, position(event)).ifPresent(this::insert);
    }

    /**
     * The event's place in the store, read from the store: a tracking token's position is the highest index seen
     * so far, which is not this event's when it was committed after a later one (a gap being filled).
     */
    private long position(EventMessage<?> event) {
        Long index = jdbc.queryForObject("select globalIndex from DomainEventEntry where eventIdentifier = ?",
                                         Long.class, event.getIdentifier());
        if (index == null) {
            throw new IllegalStateException("event " + event.getIdentifier() + " is not in the event store");
        }
        return index;
    }

    private void insert(AuditEntry e) {
        Integer present = jdbc.queryForObject("select count(*) from audit_entry where position = ?", Integer.class,
                                              e.position());
        if (present != null && present > 0) {
            return; // a redelivered event: its entry is written already
        }
        jdbc.update("insert into audit_entry (position, id, at, actor, action, target_kind, target_id, namespace,"
                            + " target_name, details, correlation_id, client_address, user_agent)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.position(), e.id(), OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC), e.actor(), e.action(),
                    e.targetKind().name(), e.targetId(), e.namespace(), e.targetName(), Json.write(e.details()),
                    e.correlationId(), e.clientAddress(), e.userAgent());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from audit_entry");
    }
}
