package io.theriseunion.imagegateway.app.sync;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.theriseunion.imagegateway.app.cluster.GatewayNode;
import io.theriseunion.imagegateway.app.command.GroupCommits;
import io.theriseunion.imagegateway.domain.sync.RegistryPort;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import io.theriseunion.imagegateway.app.live.LiveUpdates;
import io.theriseunion.imagegateway.projections.sync.SyncCheckRecords;
import io.theriseunion.imagegateway.projections.sync.SyncHistoryQueries;
import io.theriseunion.imagegateway.domain.api.RecordSyncResultCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * The sync process, the queue of its runs, the scheduled checks, the workers that run both within the global and
 * per-source limits, and this node's share of it all ({@link SyncNode}).
 */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    @Bean(destroyMethod = "close")
    SyncWorkers syncWorkers(RegistryPort registries, @Value("${gateway.sync.concurrency:8}") int concurrency,
                            @Value("${gateway.sync.max-share-per-source:0.5}") double maxShare) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("gateway.sync.concurrency must be at least 1, not " + concurrency);
        }
        if (!(maxShare > 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("gateway.sync.max-share-per-source must be above 0 and at most 1"
                    + " (a fraction of gateway.sync.concurrency), not " + maxShare);
        }
        return new SyncWorkers(concurrency, SyncWorkers.perSourceCap(concurrency, maxShare),
                               registries::concurrencyLimit, Clock.systemUTC());
    }

    @Bean
    SyncProcess syncProcess(CommandGateway commands, GroupCommits commits, RegistryPort registries,
                            SyncWorkers workers, SyncRunScheduler queue,
                            @Value("${gateway.sync.long-wait:30s}") Duration longWait,
                            @Value("${gateway.sync.group-commits:true}") boolean groupCommits) {
        // the starts and results of runs that end together (a burst of first syncs, a source's outage) share
        // commits on the embedded H2 (GroupCommits); on PostgreSQL each goes through the gateway, in parallel
        return new SyncProcess(groupCommits ? commits::sendAndWait : commands::sendAndWait, registries, workers, queue,
                               longWait);
    }

    /**
     * The queue of sync runs (db-scheduler, table sync_run_task): each node holds at most
     * {@code gateway.sync.runs-per-node} runs at once (by default 4 × {@code gateway.sync.concurrency}: enough to keep
     * its workers busy over several sources, few enough that the runs spread over the nodes).
     */
    @Bean
    SyncRunScheduler syncRunScheduler(DataSource dataSource, ObjectProvider<SyncProcess> process, EventStore events,
                                      @Value("${gateway.sync.concurrency:8}") int concurrency,
                                      @Value("${gateway.sync.runs-per-node:0}") int runsPerNode,
                                      @Value("${gateway.sync.run-poll:1s}") Duration poll,
                                      @Value("${gateway.sync.run-claim-timeout:20s}") Duration claimTimeout,
                                      GatewayNode node) {
        if (poll.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("gateway.sync.run-poll must be at least 100ms, not " + poll);
        }
        if (claimTimeout.compareTo(Duration.ofSeconds(4)) < 0) {
            throw new IllegalArgumentException("gateway.sync.run-claim-timeout must be at least 4s, not "
                    + claimTimeout);
        }
        if (runsPerNode < 0) {
            throw new IllegalArgumentException("gateway.sync.runs-per-node must be at least 1 (0: 4 ×"
                    + " gateway.sync.concurrency), not " + runsPerNode);
        }
        int held = runsPerNode > 0 ? runsPerNode : 4 * Math.max(1, concurrency);
        return new SyncRunScheduler(dataSource, process::getObject, events, Clock.systemUTC(), held,
                                    poll, claimTimeout, Duration.ofSeconds(5), node.name());
    }

    /**
     * The command that records a run's result removes the run's execution from the queue in its own transaction
     * ({@link SyncRunScheduler#removeWithResult}): one commit where the run's end and its execution's removal were
     * two. Should the command fail (the run closed meanwhile), nothing is removed, and the run's node removes the
     * execution as for any refused run.
     */
    @Bean
    SmartInitializingSingleton syncResultsLeaveTheQueue(CommandBus commandBus, SyncRunScheduler queue) {
        return () -> commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof RecordSyncResultCommand result) {
                unitOfWork.onPrepareCommit(u -> queue.removeWithResult(result.runId()));
            }
            return chain.proceed();
        });
    }

    /**
     * The sweep of runs left open past their syncTimeout ({@link OverdueSyncSweep}): every
     * {@code gateway.sync.overdue-sweep}, by one node at a time (a db-scheduler recurring task has one execution,
     * which one node picks), for the runs overdue by more than {@code gateway.sync.overdue-grace}.
     */
    @Bean
    OverdueSyncSweep overdueSyncSweep(SyncHistoryQueries runs, CommandGateway commands,
                                      @Value("${gateway.sync.overdue-grace:1m}") Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("gateway.sync.overdue-grace must not be negative, not " + grace);
        }
        return new OverdueSyncSweep(runs, commands, Clock.systemUTC(), grace);
    }

    @Bean
    RecurringTask<Void> overdueSyncSweepTask(OverdueSyncSweep sweep,
                                             @Value("${gateway.sync.overdue-sweep:1m}") Duration interval) {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("gateway.sync.overdue-sweep must be at least 1s, not " + interval);
        }
        return Tasks.recurring(OverdueSyncSweep.TASK, FixedDelay.of(interval))
                    .execute((instance, context) -> sweep.sweep());
    }

    @Bean
    SyncNode syncNode(SyncRunScheduler runs, ScheduledChecks checks, SyncWorkers workers,
                      @Value("${gateway.sync.check-poll:100ms}") Duration checkPoll,
                      @Value("${gateway.sync.drain-timeout:20s}") Duration drainTimeout) {
        if (checkPoll.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("gateway.sync.check-poll must be at least 10ms, not " + checkPoll);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("gateway.sync.drain-timeout must not be negative, not " + drainTimeout);
        }
        return new SyncNode(runs, checks, workers, checkPoll, drainTimeout);
    }

    @Bean
    ScheduledChecks scheduledChecks(SyncCheckRecords records, RegistryPort registries, SyncWorkers workers,
                                    CommandGateway commands, LiveUpdates live,
                                    @Value("${gateway.sync.check-batch:32}") int batch,
                                    @Value("${gateway.sync.check-claim:10m}") Duration claim,
                                    @Value("${gateway.sync.check-record-within:20ms}") Duration recordWithin,
                                    @Value("${gateway.sync.check-poll:100ms}") Duration checkPoll) {
        if (batch < 1) {
            throw new IllegalArgumentException("gateway.sync.check-batch must be at least 1, not " + batch);
        }
        if (claim.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("gateway.sync.check-claim must be at least 10s, not " + claim);
        }
        if (recordWithin.isNegative() || recordWithin.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("gateway.sync.check-record-within must be between 0 and 10s, not "
                                               + recordWithin);
        }
        return new ScheduledChecks(records, registries, workers, commands, live, Clock.systemUTC(), batch, claim,
                                   recordWithin, checkLead(checkPoll, claim));
    }

    /**
     * How far ahead checks are claimed: two polls (the next look may come a poll late), but at most a quarter of the
     * claim, so that a check claimed ahead starts long before its claim ends (a claim that ended first would let the
     * check be claimed, and run, again).
     */
    static Duration checkLead(Duration checkPoll, Duration claim) {
        Duration twoPolls = checkPoll.multipliedBy(2);
        Duration quarter = claim.dividedBy(4);
        return twoPolls.compareTo(quarter) < 0 ? twoPolls : quarter;
    }
}
