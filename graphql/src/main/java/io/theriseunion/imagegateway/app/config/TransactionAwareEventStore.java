package io.theriseunion.imagegateway.app.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;

/**
 * Axon's embedded event store, whose reader is woken when the database has committed the appended events.
 * <p>
 * One thread of the embedded store reads new events for every tracking processor of this node (the read models,
 * the audit log, live updates, the sync process). It reads when told that events were committed, and otherwise
 * only every fetch delay (a second), which is meant for events other nodes append. Axon tells it in the unit of
 * work's after-commit phase, which is after the commit only when the unit of work owns the transaction. A command
 * sent inside a transaction of ours (a registry source with its credentials, an API token with its row) or an event
 * published in one joins that transaction instead, and Axon's "after commit" comes while the events are still
 * uncommitted: the reader looked, saw nothing, and slept out its second before it found them. Each such write
 * then waited about a second for its read-your-writes answer, and its audit entry and live update came as late.
 * <p>
 * Here the wake-up waits for the real commit of the enclosing transaction (and is dropped if it rolls back:
 * there is nothing to read). Without an enclosing transaction it happens at once, as before. What the reader
 * then reads, and in which order, is unchanged: events in index order, gaps kept until they fill or time out.
 */
class TransactionAwareEventStore extends EmbeddedEventStore {

    TransactionAwareEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeReader(events);
                }
            });
        } else {
            wakeReader(events);
        }
    }

    private void wakeReader(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
    }
}
