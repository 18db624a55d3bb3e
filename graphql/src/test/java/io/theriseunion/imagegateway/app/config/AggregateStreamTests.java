package io.theriseunion.imagegateway.app.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import io.theriseunion.imagegateway.support.MigratedH2;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An aggregate's events read back whole by the gateway's event store, which stops at the first batch that is not
 * full instead of sending one more, empty query: streams of every length around the batch size, from the start and
 * from a point (as after a snapshot), on the gateway's H2 schema.
 */
class AggregateStreamTests {

    private JdbcEventStorageEngine engine;

    @BeforeEach
    void engine() {
        JdbcDataSource ds = MigratedH2.inMemory();
        engine = H2EventStorage.over(ds, new DataSourceTransactionManager(ds));
    }

    @Test
    void everyEventOfAnAggregateIsReadWhateverItsLengthAgainstTheBatchSize() {
        int batch = EventStoreConfiguration.BATCH_SIZE;
        for (int length : List.of(1, batch - 1, batch, batch + 1, 2 * batch, 2 * batch + 37)) {
            String aggregate = "repository-" + length;
            append(aggregate, length);
            assertThat(sequences(aggregate, 0)).as("all %d events", length)
                                                .containsExactlyElementsOf(IntStream.range(0, length).boxed().toList());
            long from = length / 2;
            assertThat(sequences(aggregate, from)).as("from %d of %d", from, length)
                                                   .containsExactlyElementsOf(
                                                           IntStream.range((int) from, length).boxed().toList());
        }
        assertThat(sequences("never-added", 0)).isEmpty();
    }

    private void append(String aggregate, int count) {
        List<DomainEventMessage<?>> events = IntStream.range(0, count)
                .<DomainEventMessage<?>>mapToObj(i -> new GenericDomainEventMessage<>("ImageRepository", aggregate, i,
                                                                                     "event " + i))
                .toList();
        engine.appendEvents(events);
    }

    private List<Integer> sequences(String aggregate, long from) {
        return engine.readEvents(aggregate, from).asStream().map(e -> (int) e.getSequenceNumber()).toList();
    }
}
