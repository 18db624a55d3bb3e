package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.domain.sync.RegistryPort;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.theriseunion.imagegateway.app.live.LiveUpdates;
import io.theriseunion.imagegateway.projections.sync.SyncCheckRecords;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * The sync process, the scheduled checks and the workers that run both within the global and per-source limits.
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
    SyncProcess syncProcess(CommandGateway commands, RegistryPort registries, SyncWorkers workers) {
        return new SyncProcess(commands, registries, workers);
    }

    @Bean
    ScheduledChecks scheduledChecks(SyncCheckRecords records, RegistryPort registries, SyncWorkers workers,
                                    CommandGateway commands, LiveUpdates live,
                                    @Value("${gateway.sync.check-batch:500}") int batch,
                                    @Value("${gateway.sync.check-claim:10m}") Duration claim) {
        if (batch < 1) {
            throw new IllegalArgumentException("gateway.sync.check-batch must be at least 1, not " + batch);
        }
        if (claim.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("gateway.sync.check-claim must be at least 10s, not " + claim);
        }
        return new ScheduledChecks(records, registries, workers, commands, live, Clock.systemUTC(), batch, claim);
    }

    /**
     * The scheduled checks' tick: a db-scheduler recurring task, so one node at a time runs the due checks; each
     * tick runs all that are due, in batches. Noticed within db-scheduler's polling interval after it is due.
     */
    @Bean
    RecurringTask<Void> scheduledChecksTask(ScheduledChecks checks,
                                            @Value("${gateway.sync.check-poll:1s}") Duration poll) {
        return Tasks.recurring(ScheduledChecks.TASK, FixedDelay.of(poll)).execute((instance, context) -> checks.runDue());
    }
}
