package io.theriseunion.imagegateway.app.config;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Periodic work (the embedded store's housekeeping, the health probe) runs on a thread of its own, beside an
 * application that has other scheduled executors (the command retries'), and a stop lets a running round end.
 */
class PeriodicWorkConfigurationTests {

    @Test
    void aRoundRunsOnThePeriodicWorkThreadAndEndsUninterruptedWhenTheGatewayStops() throws Exception {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
                PeriodicWorkConfiguration.class, OtherExecutors.class, Round.class);
        Round round = context.getBean(Round.class);
        ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
        assertThat(round.started.await(30, TimeUnit.SECONDS)).as("a round started").isTrue();

        // the gateway stops while the round runs; the round goes on until it is let finish
        CompletableFuture<Void> stop = CompletableFuture.runAsync(context::close);
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.getScheduledExecutor().isShutdown());
        assertThat(stop).as("the stop waits for the running round").isNotDone();
        round.release.countDown();
        stop.get(30, TimeUnit.SECONDS);

        assertThat(round.thread.get()).startsWith("periodic-work-");
        assertThat(round.interrupted).as("the round was interrupted by the stop").isFalse();
        assertThat(round.finished).as("the round ended before the stop returned").isTrue();
    }

    @Configuration(proxyBeanMethods = false)
    static class OtherExecutors {

        @Bean(destroyMethod = "shutdownNow")
        ScheduledExecutorService commandRetryExecutor() {
            return Executors.newScheduledThreadPool(1, r -> new Thread(r, "command-retry"));
        }
    }

    /** A round that lasts until the test lets it end, as a housekeeping round that writes the file takes a while. */
    static class Round {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<String> thread = new AtomicReference<>();
        final AtomicBoolean once = new AtomicBoolean();
        volatile boolean interrupted;
        volatile boolean finished;

        @Scheduled(fixedDelay = 10)
        void run() {
            if (!once.compareAndSet(false, true)) {
                return;
            }
            thread.set(Thread.currentThread().getName());
            started.countDown();
            try {
                finished = release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
