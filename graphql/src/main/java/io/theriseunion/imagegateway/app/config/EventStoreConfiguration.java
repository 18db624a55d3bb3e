package io.theriseunion.imagegateway.app.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Axon's JDBC event store as its auto-configuration builds it, with one statement changed: how tracking processors
 * read the events after a token that has gaps; and the embedded event store over it, whose reader is woken by the
 * commit of the transaction that appended the events ({@link TransactionAwareEventStore}).
 * <p>
 * A gap is a global index a tracking processor has passed but not seen: a transaction that took it had not
 * committed yet (commands commit in parallel: batch workers, sync workers, deadlines), or rolled back. While a token
 * holds gaps (up to a minute, Axon's gap timeout), Axon reads with {@code WHERE (globalIndex > ? AND globalIndex <= ?)
 * OR globalIndex IN (gaps)}; H2 cannot use the primary key for that disjunction and scans the whole event table on
 * every read (measured: 13,887 rows scanned, 239 ms, to read 100 events of a 14,000-event store). Reads then grow
 * with the size of the store, every event processor falls behind, and read-your-writes waits grow with them. The
 * same rows as a {@code UNION ALL} of the range and the gaps (disjoint: the gaps lie at or below the token, the
 * range above it) read both through the primary key on H2 and PostgreSQL alike.
 * <p>
 * Not with the {@code axonserver} profile ({@code axon.axonserver.enabled=true}): Axon Server stores the events then.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class EventStoreConfiguration {

    /** Events read per query: by a tracking processor, and of one aggregate (Axon's default) */
    static final int BATCH_SIZE = 100;

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Configuration configuration, ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          ObjectProvider<EventSchema> eventSchema) {
        return withGatewayReads(JdbcEventStorageEngine.builder())
                                     .snapshotSerializer(defaultSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .eventSerializer(eventSerializer)
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(eventSchema.getIfAvailable(EventSchema::new))
                                     .build();
    }

    /**
     * What this configuration changes in Axon's JDBC engine: the read with gaps, and the end of an aggregate's stream
     * seen in a batch that is not full. Axon's JDBC engine reads an aggregate until a batch comes back empty (so that
     * a stream with holes in its sequence numbers is read to its end); this store never has such holes (events are
     * only appended, each aggregate's numbered without a gap, and never deleted), so that last, empty query, one per
     * aggregate loaded (every command on PostgreSQL, where repositories are not cached between commands), is not sent.
     */
    static JdbcEventStorageEngine.Builder withGatewayReads(JdbcEventStorageEngine.Builder builder) {
        builder.batchSize(BATCH_SIZE)
               .finalAggregateBatchPredicate(batch -> batch.size() < BATCH_SIZE);
        return builder.readEventDataWithGaps(EventStoreConfiguration::readEventDataWithGaps);
    }

    /** Axon's embedded event store (bean name and qualifier as its auto-configuration gives them), woken on commit. */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
        return new TransactionAwareEventStore(builder);
    }

    /** The events after globalIndex (up to batchSize of the index range) and those at the gaps, in index order. */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String sql = select + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                + " UNION ALL " + select + schema.globalIndexColumn() + " IN ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }
}
