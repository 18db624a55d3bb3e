package io.theriseunion.imagegateway.app.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The thread the gateway's {@code @Scheduled} work runs on: the embedded store's housekeeping and the registry health
 * probe, each a short round every second or few.
 * <p>
 * Without a task scheduler of its own, Spring runs that work on the application's only {@code ScheduledExecutorService}
 * bean, the command retries' executor: profiles then showed the housekeeping under "command-retry", a retried
 * command could wait behind a round, and the retries' {@code shutdownNow} at a stop interrupted a round that was
 * writing the embedded file (an interrupted write closes an H2 file). Here a stop lets the round that runs end, and
 * starts no other.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PeriodicWorkConfiguration {

    /** The name Spring's {@code @Scheduled} support looks for first. */
    @Bean
    ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("periodic-work-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(30);
        return scheduler;
    }
}
