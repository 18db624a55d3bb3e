package io.theriseunion.imagegateway.app.command;

import io.theriseunion.imagegateway.domain.api.GatewayException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Sends the commands of a batch in one unit of work and one transaction: each command's unit of work is nested in
 * it, so all their events are appended together and the database commits (and forces to disk) once per batch
 * instead of once per item. Each item still succeeds or fails on its own: its command runs in a savepoint, and an
 * item its aggregate refuses (a validation error, a name taken before the batch) rolls back alone and leaves its
 * events out of the batch's. Only when the shared commit itself fails (a name index conflict with a concurrent
 * request, for instance) is the batch sent again one command per unit of work, so that the conflict is only its
 * item's. A batch is answered after its commit: acknowledged items are durable.
 */
@Component
public class CommandBatches {

    private static final Logger log = LoggerFactory.getLogger(CommandBatches.class);

    private final TransactionManager transactions;
    private final TransactionTemplate savepoint;

    public CommandBatches(TransactionManager transactions, PlatformTransactionManager platform) {
        this.transactions = transactions;
        this.savepoint = new TransactionTemplate(platform);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs items 0..size-1 together; item(i) sends the i-th command and returns its refusal, or null. Returns the
     * refusals by item.
     */
    public GatewayException[] together(int size, IntFunction<GatewayException> item) {
        return Arrays.copyOf(failingAlone(size, item::apply), size, GatewayException[].class);
    }

    /**
     * As {@link #together}, for items that may fail with any exception: item(i) sends the i-th command and returns
     * the exception it failed with, or null. Returns the failures by item.
     */
    public RuntimeException[] failingAlone(int size, IntFunction<RuntimeException> item) {
        RuntimeException[] refusals = new RuntimeException[size];
        if (size == 0) {
            return refusals;
        }
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            batch.attachTransaction(transactions);
            for (int i = 0; i < size; i++) {
                int index = i;
                refusals[i] = savepoint.execute(status -> {
                    RuntimeException refused = item.apply(index);
                    if (refused != null) {
                        status.setRollbackOnly();
                    }
                    return refused;
                });
            }
            batch.commit();
            return refusals;
        } catch (RuntimeException failed) {
            if (batch.isActive()) {
                batch.rollback(failed);
            }
            log.debug("A batch of {} commands did not commit together; sending them one by one", size, failed);
            for (int i = 0; i < size; i++) {
                refusals[i] = item.apply(i);
            }
            return refusals;
        }
    }
}
