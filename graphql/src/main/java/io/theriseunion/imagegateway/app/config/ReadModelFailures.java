package io.theriseunion.imagegateway.app.config;

import io.theriseunion.imagegateway.projections.audit.AuditLogProjection;
import io.theriseunion.imagegateway.projections.layer.RepositoryLayersProjection;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueProjection;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueProjection;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.List;

/**
 * What happens when a projection cannot apply an event. No event may stop a read model for good: the event goes
 * to Axon's JDBC dead-letter queue of its processing group (with every later event of the same aggregate, so one
 * repository's read model never applies its events out of order) and the projection goes on with the others.
 * Each event is applied inside a savepoint, so that a failed one leaves nothing half-written and, on PostgreSQL,
 * does not abort the batch's transaction. {@code /actuator/deadletters} lists and retries them; the gauge
 * {@code gateway.projections.dead_letters} counts them.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelFailures {

    /** The processing groups that write read models. */
    public static final List<String> PROJECTIONS = List.of(RepositoryCatalogueProjection.PROCESSING_GROUP,
                                                           RegistryCatalogueProjection.PROCESSING_GROUP,
                                                           AuditLogProjection.PROCESSING_GROUP,
                                                           RepositoryLayersProjection.PROCESSING_GROUP);

    @Bean
    ConfigurerModule deadLettersPerProjection(ConnectionProvider connections, TransactionManager transactions,
                                              @Qualifier("serializer") Serializer serializer,
                                              @Qualifier("eventSerializer") Serializer eventSerializer) {
        return configurer -> PROJECTIONS.forEach(group -> configurer.eventProcessing()
                .registerDeadLetterQueue(group, c -> queue(group, connections, transactions, serializer,
                                                           eventSerializer))
                .registerDeadLetteringEventHandlerInvokerConfiguration(
                        group, (c, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true)));
    }

    private static SequencedDeadLetterQueue<EventMessage<?>> queue(String group, ConnectionProvider connections,
                                                                   TransactionManager transactions,
                                                                   Serializer serializer, Serializer eventSerializer) {
        return JdbcSequencedDeadLetterQueue.builder()
                                           .processingGroup(group)
                                           .connectionProvider(connections)
                                           .transactionManager(transactions)
                                           .genericSerializer(serializer)
                                           .eventSerializer(eventSerializer)
                                           .build();
    }

    @Bean
    EventSavepoints eventSavepoints(PlatformTransactionManager transactions) {
        return new EventSavepoints(transactions, PROJECTIONS);
    }
}
