package io.theriseunion.imagegateway.app.config;

import io.theriseunion.imagegateway.support.MigratedH2;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

/**
 * The embedded event store over the gateway's H2 schema, with a fetch delay of an hour: a tracking stream that gets
 * an event here got it because its commit woke the store's reader, not because the periodic read came round.
 */
class TransactionAwareEventStoreTests {

    /** far longer than any wait below: only a wake-up on commit can deliver an event */
    private static final long FETCH_DELAY_MILLIS = TimeUnit.HOURS.toMillis(1);
    /** how long a test awaits an event it expects (it comes in milliseconds) */
    private static final int AWAIT_SECONDS = 30;

    private EmbeddedEventStore store;
    private TransactionTemplate transactions;
    private TrackingEventStream stream;

    @BeforeEach
    void store() {
        JdbcDataSource ds = MigratedH2.inMemory();
        DataSourceTransactionManager platform = new DataSourceTransactionManager(ds);
        transactions = new TransactionTemplate(platform);
        JdbcEventStorageEngine engine = H2EventStorage.over(ds, platform);
        store = new TransactionAwareEventStore(EmbeddedEventStore.builder().storageEngine(engine)
                                                                  .fetchDelay(FETCH_DELAY_MILLIS));
        stream = store.openStream(null);
        // the stream reaches the head of the (empty) store and the reader makes its first read, then waits
        assertThat(nothingWithin(200)).isTrue();
    }

    @AfterEach
    void close() {
        stream.close();
        store.shutDown();
    }

    @Test
    void anEventPublishedInsideATransactionIsReadWhenTheTransactionCommits() throws Exception {
        transactions.executeWithoutResult(status -> {
            store.publish(asEventMessage("added"));
            assertThat(nothingWithin(200)).as("an uncommitted event is not read").isTrue();
        });
        assertThat(next().getPayload()).isEqualTo("added");
    }

    @Test
    void anEventPublishedWithoutATransactionIsReadAtOnce() throws Exception {
        store.publish(asEventMessage("alone"));
        assertThat(next().getPayload()).isEqualTo("alone");
    }

    @Test
    void aRolledBackEventIsNeverReadAndTheNextCommittedOneIs() throws Exception {
        transactions.executeWithoutResult(status -> {
            store.publish(asEventMessage("refused"));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> store.publish(asEventMessage("kept")));
        assertThat(next().getPayload()).isEqualTo("kept");
        store.publish(asEventMessage("after"));
        assertThat(next().getPayload()).isEqualTo("after");
    }

    @Test
    void anEventCommittedAfterALaterOneIsStillReadWhenItsGapFills() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> earlier = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            store.publish(asEventMessage("earlier"));
            appended.countDown();
            await(commit);
        }));
        assertThat(appended.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        transactions.executeWithoutResult(status -> store.publish(asEventMessage("later")));
        TrackedEventMessage<?> later = next();
        assertThat(later.getPayload()).isEqualTo("later");

        commit.countDown();
        earlier.get(AWAIT_SECONDS, TimeUnit.SECONDS);
        TrackedEventMessage<?> filled = next();
        assertThat(filled.getPayload()).isEqualTo("earlier");
        assertThat(filled.trackingToken().covers(later.trackingToken())).isTrue();
    }

    private TrackedEventMessage<?> next() throws InterruptedException {
        assertThat(stream.hasNextAvailable(AWAIT_SECONDS, TimeUnit.SECONDS)).as("an event was read").isTrue();
        return stream.nextAvailable();
    }

    private boolean nothingWithin(int millis) {
        try {
            return !stream.hasNextAvailable(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
