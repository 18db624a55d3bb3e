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
 * Axon's own version check are answers, not races. At most {@code attempts} retries, each after a random back-off
 * of up to {@code backOff} × 2^(attempt − 1) (at most {@value #MAX_DOUBLINGS} doublings), on this scheduler's threads
 * (never the caller's): a burst of commands on one repository from several nodes lasts as long as their number times
 * a command's time, and a back-off that doubles outlasts it where one that grows by a step did not (CI, 2026-12-03:
 * 45 commands on one repository from two nodes, one lost six times in 0.4 s and was answered INTERNAL).
 */
public final class ConflictRetries implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetries.class);
    /** the back-off stops doubling after this many (50 ms: 1.6 s at most) */
    static final int MAX_DOUBLINGS = 5;

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
        long delay = ThreadLocalRandom.current().nextLong(longestBackOff(backOffMillis, failures.size()) + 1);
        log.debug("{} met a concurrent change of its aggregate (attempt {}); sending it again in {} ms",
                  commandMessage.getPayloadType().getSimpleName(), failures.size(), delay);
        try {
            executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            return false;
        }
    }

    /** The longest back-off before the given retry (1 the first): the base doubled per attempt, up to a cap. */
    static long longestBackOff(long backOffMillis, int attempt) {
        return backOffMillis << Math.min(Math.max(attempt - 1, 0), MAX_DOUBLINGS);
    }

    /** Whether the failure is a lost append race, and nothing that answers the command. */
    public static boolean isRace(Throwable failure) {
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
