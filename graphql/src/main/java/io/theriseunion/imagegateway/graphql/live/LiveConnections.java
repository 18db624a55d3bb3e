package io.theriseunion.imagegateway.graphql.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The WebSocket connections the gateway holds: at most {@code gateway.live.max-connections} in all (counted from
 * the moment a socket opens) and {@code gateway.live.max-connections-per-caller} per authenticated caller (the
 * API token or the JWT's subject, counted once its {@code connection_init} is accepted). Each connection costs
 * its socket's buffers and up to {@code max-subscriptions} buffers of {@code buffer-size} events. A connection past a
 * limit is closed with a reason that starts with TOO_MANY_CONNECTIONS and names the setting: 1013 (try again
 * later) for the gateway's limit, 1008 (policy) for the caller's.
 */
@Component
public class LiveConnections {

    /** The session attribute holding the status a refused connection is closed with. */
    static final String REFUSAL = LiveConnections.class.getName() + ".refusal";

    private final int maxConnections;
    private final int maxPerCaller;
    private final Set<String> open = new HashSet<>();
    private final Map<String, String> callers = new HashMap<>();
    private final Map<String, Integer> perCaller = new HashMap<>();

    public LiveConnections(@Value("${gateway.live.max-connections:2000}") int maxConnections,
                           @Value("${gateway.live.max-connections-per-caller:20}") int maxPerCaller,
                           MeterRegistry meters) {
        this.maxConnections = maxConnections;
        this.maxPerCaller = maxPerCaller;
        meters.gauge("gateway.live.connections", this, LiveConnections::openConnections);
    }

    /** A socket opened: null, or the status to close it with when the gateway holds its most already. */
    synchronized CloseStatus opened(String session) {
        if (open.size() >= maxConnections) {
            return new CloseStatus(1013, ErrorCode.TOO_MANY_CONNECTIONS + ": the gateway holds " + maxConnections
                    + ", its most (gateway.live.max-connections); try again later");
        }
        open.add(session);
        return null;
    }

    /** A socket's caller authenticated: null, or the status to close it with when the caller holds its most. */
    synchronized CloseStatus authenticated(String session, String caller) {
        if (!open.contains(session) || callers.containsKey(session)) {
            return null;
        }
        int held = perCaller.getOrDefault(caller, 0);
        if (held >= maxPerCaller) {
            return new CloseStatus(1008, ErrorCode.TOO_MANY_CONNECTIONS + ": this caller holds " + maxPerCaller
                    + ", its most (gateway.live.max-connections-per-caller); close one first");
        }
        callers.put(session, caller);
        perCaller.put(caller, held + 1);
        return null;
    }

    /** A socket closed, for whatever reason. */
    synchronized void closed(String session) {
        open.remove(session);
        String caller = callers.remove(session);
        if (caller != null) {
            perCaller.computeIfPresent(caller, (c, held) -> held <= 1 ? null : held - 1);
        }
    }

    synchronized double openConnections() {
        return open.size();
    }
}
