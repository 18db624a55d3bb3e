package io.theriseunion.imagegateway.app.registrysource;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The periodic health checks of the registry sources, once per {@code gateway.registry.health-interval} across all
 * the nodes that share the database: a db-scheduler recurring task has one execution row, which one node picks at a
 * time, so N nodes make one {@code GET /v2/} per source per interval, not N. Should that node stop, another picks the
 * next execution. Noticed within db-scheduler's polling interval after it is due.
 */
@Configuration(proxyBeanMethods = false)
public class RegistryHealthSchedule {

    /** The db-scheduler recurring task that checks every source. */
    public static final String TASK = "registry-health-checks";

    @Bean
    RecurringTask<Void> registryHealthChecksTask(RegistryHealthMonitor monitor,
                                                 @Value("${gateway.registry.health-interval:1m}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("gateway.registry.health-interval must be positive, not " + interval);
        }
        return Tasks.recurring(TASK, FixedDelay.of(interval)).execute((instance, context) -> monitor.checkAll());
    }
}
