package io.theriseunion.imagegateway.app.webhook;

import io.theriseunion.imagegateway.app.origin.CurrentOrigin;
import io.theriseunion.imagegateway.app.origin.OriginEvents;
import io.theriseunion.imagegateway.domain.api.AccessDeniedEvent;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refused webhook calls for an existing registry source, which anyone who can reach the gateway can send. The
 * first refusal of an interval is audited at once; the others of the same interval are folded into one audit
 * entry with their count, written when the interval ends, so that a loop of bad calls grows the event store by
 * one entry per source and interval. Past {@code max-per-interval} refusals, callers are told to wait (429).
 */
@Component
public class WebhookRefusals {

    private static final Logger log = LoggerFactory.getLogger(WebhookRefusals.class);

    private final OriginEvents events;
    private final Duration interval;
    private final int maxPerInterval;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-refusals");
        t.setDaemon(true);
        return t;
    });

    public WebhookRefusals(OriginEvents events,
                           @Value("${gateway.webhook.refusal-interval:1m}") Duration interval,
                           @Value("${gateway.webhook.max-refusals-per-interval:30}") int maxPerInterval) {
        this.events = events;
        this.interval = interval;
        this.maxPerInterval = maxPerInterval;
        long period = Math.max(1, interval.toMillis() / 4);
        flusher.scheduleWithFixedDelay(this::flushEnded, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Records a refused call on the source; returns until when its caller should wait (the end of the interval)
     * when the source had too many refusals in this interval, else null.
     */
    public Instant refuse(String namespace, String name) {
        Instant now = clock.instant();
        Window[] ended = new Window[1];
        boolean[] first = new boolean[1];
        Window window = windows.compute(namespace + "/" + name, (key, current) -> {
            if (current == null || !now.isBefore(current.end)) {
                ended[0] = current;
                first[0] = true;
                return new Window(namespace, name, now.plus(interval));
            }
            synchronized (current) {
                current.folded++;
                // the folded entry says where the last of its calls came from
                current.lastCaller = CurrentOrigin.wrap(() -> {
                    events.publish(refusal(namespace, name, current.publishing));
                    return null;
                });
            }
            return current;
        });
        if (ended[0] != null) {
            publishFolded(ended[0]);
        }
        if (first[0]) {
            events.publish(refusal(namespace, name, null));
        }
        return window.folded + 1 > maxPerInterval ? window.end : null;
    }

    /** Writes the folded count of every interval that has ended. */
    void flushEnded() {
        Instant now = clock.instant();
        windows.forEach((key, window) -> {
            if (!now.isBefore(window.end) && windows.remove(key, window)) {
                publishFolded(window);
            }
        });
    }

    @PreDestroy
    void stop() {
        flusher.shutdownNow();
        windows.forEach((key, window) -> {
            if (windows.remove(key, window)) {
                publishFolded(window);
            }
        });
    }

    private void publishFolded(Window window) {
        Callable<Object> publish;
        synchronized (window) {
            if (window.folded == 0) {
                return;
            }
            window.publishing = window.folded;
            window.folded = 0;
            publish = window.lastCaller;
        }
        try {
            publish.call();
        } catch (Exception e) {
            log.warn("{} refused webhook calls for {}/{} not recorded: {}", window.publishing, window.namespace,
                     window.name, e.getMessage());
        }
    }

    private static AccessDeniedEvent refusal(String namespace, String name, Integer count) {
        return new AccessDeniedEvent("registryWebhook", "REGISTRY", namespace, name, "webhook secret", count);
    }

    private static final class Window {
        private final String namespace;
        private final String name;
        private final Instant end;
        private int folded;
        private int publishing;
        private Callable<Object> lastCaller;

        private Window(String namespace, String name, Instant end) {
            this.namespace = namespace;
            this.name = name;
            this.end = end;
        }
    }
}
