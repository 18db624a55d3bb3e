package io.theriseunion.imagegateway.domain.api;

import java.util.HashMap;
import java.util.Map;

/**
 * Who caused a change and from where: travels as message metadata (never as command fields) from the request
 * to the command, and from the command to its events, where the audit log reads it.
 *
 * @param actor         the authenticated user, or a system actor such as {@code system:scheduler}
 * @param correlationId shared by everything one request caused
 */
public record RequestOrigin(String actor, String clientAddress, String userAgent, String correlationId) {

    public static final String ACTOR = "actor";
    public static final String CLIENT_ADDRESS = "clientAddress";
    public static final String USER_AGENT = "userAgent";
    public static final String CORRELATION_ID = "correlationId";

    public static final String SCHEDULER = "system:scheduler";
    public static final String SYNC = "system:sync";
    public static final String HEALTH_CHECK = "system:health-check";
    public static final String WEBHOOK = "system:webhook";
    /** Asks for a repository's first sync, right after it was added. */
    public static final String CATALOGUE = "system:catalogue";

    /** An origin inside the gateway itself, continuing a correlation (or starting one when null). */
    public static RequestOrigin system(String actor, String correlationId) {
        return new RequestOrigin(actor, null, null, correlationId);
    }

    /** The metadata entries; absent values are left out. */
    public Map<String, Object> asMetaData() {
        Map<String, Object> meta = new HashMap<>();
        put(meta, ACTOR, actor);
        put(meta, CLIENT_ADDRESS, clientAddress);
        put(meta, USER_AGENT, userAgent);
        put(meta, CORRELATION_ID, correlationId);
        return meta;
    }

    private static void put(Map<String, Object> meta, String key, String value) {
        if (value != null) {
            meta.put(key, value);
        }
    }
}
