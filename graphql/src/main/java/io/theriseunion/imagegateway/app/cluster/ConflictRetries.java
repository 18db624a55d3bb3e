package io.theriseunion.imagegateway.app.cluster;

import io.theriseunion.imagegateway.domain.api.GatewayException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends a command again when it lost a race with a command on the same repository or source handled by another node:
 * both loaded the aggregate at one version and appended the next sequence number, the second append hit the event
 * store's key and rolled back (Axon's {@link ConcurrencyException}). Sent again, the command loads the aggregate with
 * the winner's events and decides anew, so a sync's result on one node and an edit on another both succeed; the user
 * never sees the race. Only that race is retried: a refusal of the domain (a {@link GatewayException}, also a stale
 * {@code expectedVersion}), an aggregate created twice ({@link AggregateStreamCreationException}: the id is taken) and
 * Axon's own version check are answers, not races. At most {@code attempts} retries, each after a short random
 * back-off that grows with the attempt, on this scheduler's threads (never the caller's).
 */
public final class ConflictRetries implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetries.class);

    private final ScheduledExecutorService executor;
    private final int attempts;
    private final long backOffMillis;

    public ConflictRetries(ScheduledExecutorService executor, int attempts, long backOffMillis) {
        this.executor = executor;
        this.attempts = attempts;
        this.backOffMillis = backOffMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!isRace(lastFailure) || failures.size() > attempts || executor.isShutdown()) {
            return false;
        }
        long delay = ThreadLocalRandom.current().nextLong(backOffMillis * failures.size() + 1);
        log.debug("{} met a concurrent change of its aggregate (attempt {}); sending it again in {} ms",
                  commandMessage.getPayloadType().getSimpleName(), failures.size(), delay);
        try {
            executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            return false;
        }
    }

    /** Whether the failure is a lost append race, and nothing that answers the command. */
    static boolean isRace(Throwable failure) {
        boolean race = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GatewayException || t instanceof AggregateStreamCreationException
                    || t instanceof ConflictingAggregateVersionException) {
                return false;
            }
            race |= t instanceof ConcurrencyException;
        }
        return race;
    }
}
