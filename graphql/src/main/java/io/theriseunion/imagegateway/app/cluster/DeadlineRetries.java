package io.theriseunion.imagegateway.app.cluster;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Handles a deadline again when it lost a race with a command on the same repository handled by another node, as
 * {@link ConflictRetries} sends such a command again. A deadline (a run's {@code sync-overdue} or an interval deadline,
 * both stored by older gateways only) is no command: db-scheduler hands it to Axon's deadline manager, which loads the
 * repository, lets it decide and appends its events; when another node appended the same sequence number first, the
 * append fails with Axon's {@code ConcurrencyException} and the deadline would only be tried again after db-scheduler's
 * 5 minutes, with a warning and a stack trace. Here it is handled again at once, after a short random back-off that
 * grows with the attempt (at most {@code attempts} times), and decides on the repository as the winner left it: a sync
 * that finished meanwhile closes the run, so the overdue deadline then changes nothing. Any other failure, and a race
 * lost more often than that, is left to db-scheduler as before, which logs it with its stack trace (Axon's own warning
 * about it, which says nothing of the cause, is dropped by {@link ExpectedRefusals}).
 */
final class DeadlineRetries {

    private static final Logger log = LoggerFactory.getLogger(DeadlineRetries.class);

    private DeadlineRetries() {
    }

    /** Axon's deadline task, its handling retried on lost races; the same name, data and failure handlers. */
    static <T> Task<T> of(Task<T> deadlines, int attempts, long backOffMillis) {
        return Tasks.oneTime(deadlines.getName(), deadlines.getDataClass())
                    .onFailure(deadlines.getFailureHandler())
                    .onDeadExecution(deadlines.getDeadExecutionHandler())
                    .execute((instance, context) -> handle(() -> deadlines.execute(instance, context), attempts,
                                                           backOffMillis, instance.getId()));
    }

    static void handle(Runnable deadline, int attempts, long backOffMillis, String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                deadline.run();
                return;
            } catch (RuntimeException failure) {
                if (!ConflictRetries.isRace(failure) || attempt > attempts) {
                    throw failure; // db-scheduler logs it with its stack trace and tries it again later
                }
                long delay = ThreadLocalRandom.current().nextLong(backOffMillis * attempt + 1);
                log.debug("Deadline {} met a concurrent change of its repository (attempt {}); handling it again in"
                                  + " {} ms", id, attempt, delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException stopping) {
                    // the scheduler stops: leave the deadline to the next start. The interrupt is not kept: this
                    // thread records the failure next, and an interrupted write closes the embedded H2's file
                    throw failure;
                }
            }
        }
    }
}
