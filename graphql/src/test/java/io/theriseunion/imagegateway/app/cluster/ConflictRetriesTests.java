package io.theriseunion.imagegateway.app.cluster;

import io.theriseunion.imagegateway.domain.api.RepositoryAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.StaleVersionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failed commands are races to send again, and which answers; which SQL failures are lost appends. */
class ConflictRetriesTests {

    @Test
    void aLostAppendIsARaceWrappedOrNot() {
        assertThat(ConflictRetries.isRace(new ConcurrencyException("sequence 5 was already inserted"))).isTrue();
        assertThat(ConflictRetries.isRace(new CommandExecutionException("failed",
                                                                        new ConcurrencyException("taken")))).isTrue();
    }

    @Test
    void refusalsAndCreationsAreAnswersNotRaces() {
        assertThat(ConflictRetries.isRace(new RepositoryAlreadyExistsException("ns", "app"))).isFalse();
        assertThat(ConflictRetries.isRace(new StaleVersionException("ns", "app", 3, 2))).isFalse();
        assertThat(ConflictRetries.isRace(new AggregateStreamCreationException("id 1 exists"))).isFalse();
        assertThat(ConflictRetries.isRace(new ConflictingAggregateVersionException("a", 3, 2))).isFalse();
        assertThat(ConflictRetries.isRace(new IllegalStateException("anything else"))).isFalse();
    }

    @Test
    void theBackOffDoublesAtEachAttemptUpToItsCap() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(a -> ConflictRetries.longestBackOff(50, a)))
                .containsExactly(50L, 100L, 200L, 400L, 800L, 1600L, 1600L, 1600L);
    }

    @Test
    void aRaceIsSentAgainUntilItsAttemptsAreSpent() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            ConflictRetries retries = new ConflictRetries(executor, 2, 1);
            RuntimeException race = new ConcurrencyException("sequence 5 was already inserted");
            List<Class<? extends Throwable>[]> failures = new ArrayList<>();
            for (int attempt = 1; attempt <= 3; attempt++) {
                failures.add(new Class[]{ConcurrencyException.class});
                assertThat(retries.scheduleRetry(GenericCommandMessage.asCommandMessage("edit"), race, failures, () -> {
                })).as("attempt %d", attempt).isEqualTo(attempt <= 2);
            }
            assertThat(retries.scheduleRetry(GenericCommandMessage.asCommandMessage("edit"),
                                             new IllegalStateException("anything else"),
                                             List.<Class<? extends Throwable>[]>of(new Class[]{IllegalStateException.class}),
                                             () -> {
                                             })).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void postgresqlsBatchUniqueViolationIsADuplicateKey() {
        // PostgreSQL's JDBC driver reports a failed batch insert as a BatchUpdateException whose next exception is
        // the unique violation
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO DomainEventEntry was aborted",
                                                               null, 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(new DuplicateKeys().isDuplicateKeyViolation(new EventStoreException("append failed", batch)))
                .isTrue();
        assertThat(new DuplicateKeys().isDuplicateKeyViolation(
                new EventStoreException("append failed", new SQLException("connection reset", "08006")))).isFalse();
    }
}
