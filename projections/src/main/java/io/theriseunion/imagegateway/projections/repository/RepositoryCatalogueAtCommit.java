package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a repository's catalogue row and sync history in the transaction that stores its events, when that row is
 * exactly one event behind: a mutation's answer then finds its change in {@code repository_view} at once, instead of
 * waiting for the {@code repository-catalogue} processor's own batch and commit on another thread (read-your-writes
 * without the hand-off). It runs the handlers of the processor's own processing group ({@link
 * RepositoryCatalogueProjection}, the sync history's), so a row is the same whichever path wrote it.
 * <p>
 * The processor stays the read model's owner: it applies every event in store order, and its handlers skip what is
 * already there (each guards on the row's {@code event_seq}, the history on the run's row and status). This path is
 * only a head start, taken when it is safe:
 * <ul>
 *     <li>the row must show the aggregate's previous event ({@code event_seq} = this event's sequence − 1): a row
 *     that is behind (the processor has not reached an earlier event, or is rebuilding the table) is left to the
 *     processor, so no event is applied before one that precedes it;</li>
 *     <li>a delete is left to the processor: applied here, the processor could insert the row again from the add
 *     it has not reached yet;</li>
 *     <li>it runs in a savepoint and only inside the command's transaction: a failure rolls back its own writes,
 *     is logged, and leaves the event to the processor (its dead-letter queue, should it fail there too); the
 *     command's outcome never depends on it.</li>
 * </ul>
 * Off with {@code gateway.read-model.at-commit=false} (the axonserver profile: the events are stored by Axon
 * Server, not in this database's transaction).
 */
@Component
@ProcessingGroup(RepositoryCatalogueAtCommit.PROCESSING_GROUP)
public class RepositoryCatalogueAtCommit {

    public static final String PROCESSING_GROUP = "repository-catalogue-at-commit";

    private static final Logger log = LoggerFactory.getLogger(RepositoryCatalogueAtCommit.class);
    private static final String AGGREGATE_TYPE = "ImageRepository";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;
    private final ApplicationContext context;
    private final boolean enabled;
    /** the handlers of the catalogue's processing group, looked up at the first event (they are beans like this) */
    private volatile List<AnnotationEventHandlerAdapter> projections;

    public RepositoryCatalogueAtCommit(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                       ApplicationContext context,
                                       @Value("${gateway.read-model.at-commit:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.enabled = enabled;
        this.context = context;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        if (!enabled || !(event instanceof DomainEventMessage<?> domain) || !AGGREGATE_TYPE.equals(domain.getType())
                || payload instanceof RepositoryDeletedEvent
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        String id = domain.getAggregateIdentifier();
        long sequence = domain.getSequenceNumber();
        try {
            savepoint.executeWithoutResult(status -> {
                if (sequence > 0 && !Long.valueOf(sequence - 1).equals(shownSequence(id))) {
                    return;
                }
                // as the event store gives it to the processor: its timestamp kept to the millisecond
                DomainEventMessage<?> stored = new GenericDomainEventMessage<>(
                        domain.getType(), id, sequence, domain, domain.getTimestamp().truncatedTo(ChronoUnit.MILLIS));
                for (AnnotationEventHandlerAdapter projection : projections()) {
                    if (projection.canHandle(stored)) {
                        handle(projection, stored);
                    }
                }
            });
        } catch (RuntimeException e) {
            log.warn("Left {} #{} of repository {} to the catalogue processor: {}", domain.getPayloadType().getSimpleName(),
                     sequence, id, e.toString());
        }
    }

    private List<AnnotationEventHandlerAdapter> projections() {
        List<AnnotationEventHandlerAdapter> found = projections;
        if (found == null) {
            found = Arrays.stream(context.getBeanNamesForAnnotation(ProcessingGroup.class))
                          .filter(name -> RepositoryCatalogueProjection.PROCESSING_GROUP.equals(
                                  context.findAnnotationOnBean(name, ProcessingGroup.class).value()))
                          .map(name -> new AnnotationEventHandlerAdapter(context.getBean(name)))
                          .toList();
            projections = found;
        }
        return found;
    }

    private Long shownSequence(String id) {
        return jdbc.query("select event_seq from repository_view where repository_id = ?",
                          rs -> rs.next() ? rs.getLong(1) : null, id);
    }

    private static void handle(AnnotationEventHandlerAdapter projection, EventMessage<?> event) {
        try {
            projection.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
