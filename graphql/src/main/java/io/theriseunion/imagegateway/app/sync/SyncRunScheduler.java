package io.theriseunion.imagegateway.app.sync;

import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import io.theriseunion.imagegateway.domain.sync.SyncRunQueue;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The queue of requested sync runs (issue 15), on db-scheduler: one execution of the task {@value #TASK} per open
 * run (its id is the run's id) in the table {@value #TABLE}, run by a scheduler of its own (threads, heartbeats and
 * claim timeout apart from Axon's deadlines). Every node polls it and runs at most {@code threads} runs at once,
 * so the runs spread over the nodes and none is run by two. A run's execution is claimed (picked) by the node that
 * runs it until its result is recorded:
 * <ul>
 *   <li>a node that stops hands back every run it holds but is not reading now (queued for a worker, or parked for a
 *       retry): the execution is due again at once, unclaimed, and another node resumes it;</li>
 *   <li>a node that dies stops renewing its claims (heartbeats); once a claim is older than the claim timeout, a
 *       live node's scheduler revives the execution and resumes the run (within about twice the claim timeout).</li>
 * </ul>
 * Sequencing per repository is the repository's: it has one open run at a time, and that run's commands refuse a
 * run that closed meanwhile.
 */
public class SyncRunScheduler implements SyncRunQueue {

    public static final String TASK = "sync-run";
    public static final String TABLE = "sync_run_task";
    private static final Logger log = LoggerFactory.getLogger(SyncRunScheduler.class);
    /** How long a run whose execution failed (the store was unreachable) waits before it is tried again. */
    private static final Duration RETRY = Duration.ofSeconds(5);

    /** What an execution keeps: where to read the run's request back, and whether the run may have started. */
    public record QueuedRun(String repositoryId, String runId, long sequenceNumber, String correlationId,
                            boolean resume) implements Serializable {

        QueuedRun resumed() {
            return resume ? this : new QueuedRun(repositoryId, runId, sequenceNumber, correlationId, true);
        }
    }

    /** How many requests queued here are kept in memory for this node's own pick of them (see {@link #enqueue}). */
    private static final int KEPT_REQUESTS = 1024;

    private final Supplier<SyncProcess> process;
    private final EventStore events;
    private final Clock clock;
    private final CustomTask<QueuedRun> task;
    private final Scheduler scheduler;
    private final JdbcTemplate jdbc;
    /** Requests this node queued and has not run yet, by run id: the newest {@value #KEPT_REQUESTS}. */
    private final Map<String, SyncRequestedEvent> queuedHere = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SyncRequestedEvent> eldest) {
                    return size() > KEPT_REQUESTS;
                }
            });

    /**
     * @param threads      runs this node holds at once (reading, queued for a worker or parked for a short wait)
     * @param claimTimeout how old a claim may get before its run is taken from its node as dead
     * @param shutdownWait how long the scheduler's stop waits for the executions still in hand (after the drain)
     */
    public SyncRunScheduler(DataSource dataSource, Supplier<SyncProcess> process, EventStore events, Clock clock,
                            int threads, Duration poll, Duration claimTimeout, Duration shutdownWait,
                            String nodeName) {
        this.process = process;
        this.events = events;
        this.clock = clock;
        this.task = Tasks.custom(TASK, QueuedRun.class)
                         .onDeadExecution(this::revive)
                         .onFailure(this::retryLater)
                         .execute((instance, context) -> run(instance));
        DataSource transactional = dataSource instanceof TransactionAwareDataSourceProxy
                                   ? dataSource : new TransactionAwareDataSourceProxy(dataSource);
        this.jdbc = new JdbcTemplate(transactional);
        this.scheduler = Scheduler.create(transactional, List.of(task))
                                  .tableName(TABLE)
                                  .threads(threads)
                                  .pollingInterval(poll)
                                  .heartbeatInterval(claimTimeout.dividedBy(4))
                                  .missedHeartbeatsLimit(4)
                                  .shutdownMaxWait(shutdownWait)
                                  .schedulerName(new SchedulerName.Fixed(nodeName))
                                  .alwaysPersistTimestampInUTC()
                                  .build();
    }

    /**
     * Queues the run, in the caller's transaction (the sync process's token); once that commits, this node looks
     * for due runs at once instead of at its next poll. The request stays in memory here for a while: when this
     * node picks the run (as it mostly does, looking at once), it is not read back from the event store.
     */
    @Override
    public void enqueue(SyncRequestedEvent request, long sequenceNumber, String correlationId) {
        queuedHere.put(request.runId(), request);
        schedule(new QueuedRun(request.repositoryId().value(), request.runId(), sequenceNumber, correlationId, false));
    }

    /**
     * Removes the run's execution in the caller's transaction: that of the command that records the run's result
     * (see {@link SyncConfiguration}), so that a run's end and its leaving the queue are one commit, not two. The
     * run's node then completes the execution without a write ({@link SyncProcess.RunEnd#RECORDED}). Should that
     * transaction roll back, the execution stays, and the run ends as any other refused run.
     */
    public void removeWithResult(String runId) {
        jdbc.update("DELETE FROM " + TABLE + " WHERE task_name = ? AND task_instance = ?", TASK, runId);
    }

    /**
     * Queues a run that has no execution (requested before this queue existed); false when it has one already.
     * The run is resumed: it may have started.
     */
    public boolean ensureQueued(String repositoryId, String runId, long sequenceNumber, String correlationId) {
        boolean queued = scheduler.scheduleIfNotExists(
                task.instance(runId, new QueuedRun(repositoryId, runId, sequenceNumber, correlationId, true)),
                clock.instant());
        wakeAfterCommit();
        return queued;
    }

    /** The ids of the runs that have an execution: queued, or held by a node. */
    public Set<String> queuedRunIds() {
        Set<String> ids = new HashSet<>();
        scheduler.fetchScheduledExecutionsForTask(TASK, QueuedRun.class, ScheduledExecutionsFilter.all(),
                                                  e -> ids.add(e.getTaskInstance().getId()));
        return ids;
    }

    private void schedule(QueuedRun run) {
        scheduler.scheduleIfNotExists(task.instance(run.runId(), run), clock.instant());
        wakeAfterCommit();
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.triggerCheckForDueExecutions();
                }
            });
        } else {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    /** Runs the run here until it ends, or until this node hands it back (it is then due again at once). */
    private CompletionHandler<QueuedRun> run(TaskInstance<QueuedRun> instance) {
        QueuedRun queued = instance.getData();
        SyncRequestedEvent kept = queuedHere.remove(queued.runId());
        Optional<SyncRequestedEvent> request = kept != null ? Optional.of(kept) : read(queued);
        if (request.isEmpty()) {
            log.warn("Sync run {} of repository {} not found at its sequence number {}; dropped", queued.runId(),
                     queued.repositoryId(), queued.sequenceNumber());
            return new CompletionHandler.OnCompleteRemove<>();
        }
        SyncProcess.RunEnd end;
        try {
            end = process.get().run(request.get(), queued.correlationId(), queued.resume()).get();
        } catch (InterruptedException stopping) {
            // the scheduler stops (its wait for this execution ran out): the run is handed back. The interrupt is
            // not kept: db-scheduler writes the hand-back on this thread next, and an interrupted thread that
            // writes to the embedded H2 closes its file channel, and the database with it. The thread ends anyway.
            end = new SyncProcess.RunEnd(clock.instant());
        } catch (ExecutionException unexpected) {
            throw new IllegalStateException(unexpected.getCause());
        }
        if (end.recorded()) {
            // the execution went with the result, in its transaction
            return (complete, operations) -> {
            };
        }
        if (!end.handedBack()) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        Instant due = end.dueAgainAt();
        log.debug("Sync run {} handed back, due again at {}", queued.runId(), due);
        return (complete, operations) -> operations.reschedule(complete, due, queued.resumed());
    }

    /** The run's request, read back from its repository's stream at the sequence number it was queued with. */
    private Optional<SyncRequestedEvent> read(QueuedRun queued) {
        return events.readEvents(queued.repositoryId(), queued.sequenceNumber())
                     .asStream().limit(1)
                     .map(DomainEventMessage::getPayload)
                     .filter(p -> p instanceof SyncRequestedEvent r && r.runId().equals(queued.runId()))
                     .map(SyncRequestedEvent.class::cast)
                     .findFirst();
    }

    /** Its node died (its claim is older than the claim timeout): the run is due again at once, to be resumed. */
    private void revive(ExecutionComplete complete, ExecutionOperations<QueuedRun> operations) {
        QueuedRun queued = (QueuedRun) complete.getExecution().taskInstance.getData();
        log.info("Sync run {} taken back from {}, whose claim ran out", queued.runId(),
                 complete.getExecution().pickedBy);
        operations.reschedule(complete, clock.instant(), queued.resumed());
    }

    private void retryLater(ExecutionComplete complete, ExecutionOperations<QueuedRun> operations) {
        QueuedRun queued = (QueuedRun) complete.getExecution().taskInstance.getData();
        log.warn("Sync run {} could not be run here ({}); tried again in {}", queued.runId(),
                 complete.getCause().map(Throwable::getMessage).orElse("unknown"), RETRY);
        operations.reschedule(complete, clock.instant().plus(RETRY), queued.resumed());
    }

    /** Starts polling (and heartbeats). */
    public void start() {
        scheduler.start();
    }

    /** Takes no new runs from the queue; what this node holds goes on. */
    public void pause() {
        scheduler.pause();
    }

    /**
     * Stops: waits (up to the drain timeout) for the executions this node holds; those still open after it stay
     * claimed and are taken up by another node once the claim runs out.
     */
    public void stop() {
        scheduler.stop();
    }
}
