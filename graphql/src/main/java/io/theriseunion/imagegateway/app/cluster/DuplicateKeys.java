package io.theriseunion.imagegateway.app.cluster;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;

import java.sql.SQLException;

/**
 * Tells Axon's JDBC event store that an append hit the unique key of (aggregate, sequence number), so that it throws
 * its {@code ConcurrencyException} (another command appended that sequence number first: a race between nodes,
 * which {@link ConflictRetries} sends again) instead of a generic storage failure. Axon's own resolver looks for a
 * JPA-style "entity exists" cause and misses PostgreSQL's batch insert failure (a {@code BatchUpdateException}
 * whose next exception is the unique violation); any SQL exception in the chain with the standard SQLSTATE 23505
 * (unique violation, PostgreSQL and H2 alike) counts here.
 */
public final class DuplicateKeys implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    private final PersistenceExceptionResolver axons = new JdbcSQLErrorCodesResolver();

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return axons.isDuplicateKeyViolation(exception) || uniqueViolation(exception);
    }

    static boolean uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException() == s ? null : s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
