package io.theriseunion.imagegateway.app.registrysource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.registry.RegistryRequestListener;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Counts HTTP requests to registries: a metric per registry host and status, and per sync run (the client
 * sends on the calling thread, so a run's requests are those made on its thread while it is counted).
 */
@Component
public class RegistryRequests implements RegistryRequestListener {

    private final MeterRegistry meters;
    private final ThreadLocal<int[]> current = new ThreadLocal<>();
    private final ThreadLocal<int[]> lastStatus = new ThreadLocal<>();

    public RegistryRequests(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void onRequest(String host, String method, String path, int status) {
        Counter.builder("gateway.registry.requests")
               .description("HTTP requests sent to registries")
               .tag("host", host).tag("method", method).tag("status", Integer.toString(status))
               .register(meters).increment();
        int[] count = current.get();
        if (count != null) {
            count[0]++;
        }
        int[] last = lastStatus.get();
        if (last != null) {
            last[0] = status;
        }
    }

    /**
     * Runs work and returns its result with the HTTP status of the last request it sent: -1 when no answer came
     * (no connection, a timeout), 0 when it sent none (e.g. the network policy refused the address).
     */
    public <T> Answered<T> answering(Supplier<T> work) {
        int[] last = new int[1];
        lastStatus.set(last);
        try {
            return new Answered<>(work.get(), last[0]);
        } finally {
            lastStatus.remove();
        }
    }

    /** Runs work and returns its result with the number of requests it sent. */
    public <T> Counted<T> counting(Supplier<T> work) {
        int[] count = new int[1];
        current.set(count);
        try {
            return new Counted<>(work.get(), count[0]);
        } finally {
            current.remove();
        }
    }

    /** A result and the status of the last registry request it sent. */
    public record Answered<T>(T value, int lastStatus) {

        /** Whether the registry could not be reached at all: no answer, or a server error. */
        public boolean down() {
            return lastStatus == -1 || lastStatus >= 500;
        }
    }

    /** A result and the registry requests it took. */
    public record Counted<T>(T value, int requests) {
    }
}
