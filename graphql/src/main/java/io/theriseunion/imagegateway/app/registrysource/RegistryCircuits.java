package io.theriseunion.imagegateway.app.registrysource;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A Resilience4j circuit breaker per registry source, on this node. It opens after
 * {@code gateway.sync.circuit.failures-to-open} connection failures in a row of the source's syncs, or when
 * its health check finds no answer at all (no connection, a timeout, a server error); while it is open the
 * source's syncs end at once as SOURCE_UNAVAILABLE without touching the network. It never half-opens by
 * itself: the health check probes an open source every {@code gateway.sync.circuit.probe-interval} and
 * closes it when the registry answers again. Each source gets the gauges {@code gateway.sync.circuit.open}
 * (1 while open) and {@code gateway.sync.backlog} (its syncs queued, running and waiting on this node).
 */
@Component
public class RegistryCircuits {

    private static final Logger log = LoggerFactory.getLogger(RegistryCircuits.class);
    public static final String FAILURES_TO_OPEN = "gateway.sync.circuit.failures-to-open";

    private final CircuitBreakerRegistry breakers;
    private final MeterRegistry meters;
    private final ObjectProvider<SyncWorkers> workers;
    private final Clock clock = Clock.systemUTC();
    private final Map<RegistryRef, CircuitBreaker> bySource = new ConcurrentHashMap<>();
    private final Map<RegistryRef, Instant> openSince = new ConcurrentHashMap<>();

    public RegistryCircuits(@Value("${" + FAILURES_TO_OPEN + ":5}") int failuresToOpen, MeterRegistry meters,
                            ObjectProvider<SyncWorkers> workers) {
        if (failuresToOpen < 1) {
            throw new IllegalArgumentException(FAILURES_TO_OPEN + " must be at least 1, not " + failuresToOpen);
        }
        this.meters = meters;
        this.workers = workers;
        // the last N calls all failed: N connection failures in a row. No timed half-open: only a probe closes it.
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failuresToOpen)
                .minimumNumberOfCalls(failuresToOpen)
                .failureRateThreshold(100f)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .waitDurationInOpenState(Duration.ofDays(3650))
                .writableStackTraceEnabled(false)
                .build());
    }

    /** Since when the source's syncs are held because it is unavailable; empty while it is available. */
    public Optional<Instant> unavailableSince(RegistryRef source) {
        return Optional.ofNullable(openSince.get(source));
    }

    /** The sources that are open (unavailable) now. */
    public List<RegistryRef> unavailable() {
        return List.copyOf(openSince.keySet());
    }

    /** A sync reached the registry (whatever it answered): the count of failures in a row starts again. */
    public void answered(RegistryRef source) {
        CircuitBreaker breaker = breaker(source);
        if (breaker.getState() == CircuitBreaker.State.CLOSED) {
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        }
    }

    /** A sync could not connect to the registry; the last of N in a row opens the breaker. */
    public void connectionFailed(RegistryRef source, Throwable failure) {
        CircuitBreaker breaker = breaker(source);
        if (breaker.getState() == CircuitBreaker.State.CLOSED) {
            breaker.onError(0, TimeUnit.NANOSECONDS, failure);
        }
    }

    /** The health check found no answer: the source's syncs are held from now on. True when it was closed. */
    public boolean markUnreachable(RegistryRef source) {
        CircuitBreaker breaker = breaker(source);
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            return false;
        }
        breaker.transitionToOpenState();
        return true;
    }

    /** A probe found the registry answering: its syncs go through again. True when it was open. */
    public boolean markReachable(RegistryRef source) {
        CircuitBreaker breaker = bySource.get(source);
        if (breaker == null || breaker.getState() == CircuitBreaker.State.CLOSED) {
            return false;
        }
        breaker.transitionToClosedState();
        return true;
    }

    /** The source was removed: its breaker and its gauges go. */
    public void forget(RegistryRef source) {
        CircuitBreaker breaker = bySource.remove(source);
        if (breaker == null) {
            return;
        }
        openSince.remove(source);
        breakers.remove(breaker.getName());
        String key = source.namespace() + "/" + source.name();
        meters.find("gateway.sync.circuit.open").tag("source", key).meters().forEach(meters::remove);
        meters.find("gateway.sync.backlog").tag("source", key).meters().forEach(meters::remove);
    }

    private CircuitBreaker breaker(RegistryRef source) {
        return bySource.computeIfAbsent(source, this::create);
    }

    private CircuitBreaker create(RegistryRef source) {
        String key = source.namespace() + "/" + source.name();
        CircuitBreaker breaker = breakers.circuitBreaker(key);
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN, FORCED_OPEN -> {
                    openSince.putIfAbsent(source, clock.instant());
                    log.warn("Registry source {} is unavailable: its syncs fail as SOURCE_UNAVAILABLE without"
                                     + " contacting it until a health probe finds it answering", key);
                }
                case CLOSED -> {
                    if (openSince.remove(source) != null) {
                        log.info("Registry source {} answers again: its syncs go through", key);
                    }
                }
                default -> {
                }
            }
        });
        Gauge.builder("gateway.sync.circuit.open", openSince, m -> m.containsKey(source) ? 1 : 0)
             .description("1 while the registry source's syncs are held because it is unavailable")
             .tag("source", key).register(meters);
        backlogGauge(key, source, "queued", SyncWorkers.Backlog::queued);
        backlogGauge(key, source, "running", SyncWorkers.Backlog::running);
        backlogGauge(key, source, "waiting", SyncWorkers.Backlog::parked);
        return breaker;
    }

    private void backlogGauge(String key, RegistryRef source, String state, ToIntFunction<SyncWorkers.Backlog> count) {
        Gauge.builder("gateway.sync.backlog", workers, w -> {
                 SyncWorkers pool = w.getIfAvailable();
                 return pool == null ? 0 : count.applyAsInt(pool.backlog(source));
             })
             .description("Syncs of the registry source on this node: queued for a worker, running, or waiting"
                                  + " (a retry backoff or rate-limit pause, holding no worker)")
             .tag("source", key).tag("state", state).register(meters);
    }
}
