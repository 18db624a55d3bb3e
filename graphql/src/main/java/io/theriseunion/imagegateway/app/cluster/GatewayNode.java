package io.theriseunion.imagegateway.app.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This gateway process's name among the nodes that share one database: {@code gateway.node-name}
 * ({@code GATEWAY_NODE_NAME}) when set, else the host name and the HTTP port ({@code vm:18181}), so that nodes on one
 * host are told apart. It names this node as the owner of Axon's token claims ({@code TokenEntry.owner}) and as the
 * db-scheduler instance that picked an execution ({@code scheduled_tasks.picked_by}).
 */
public record GatewayNode(String name) {

    /** db-scheduler's {@code picked_by} and Axon's {@code owner} are VARCHAR(50) and VARCHAR(255). */
    static final int MAX_LENGTH = 50;

    public GatewayNode {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("gateway.node-name must not be blank");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("gateway.node-name must be at most " + MAX_LENGTH
                                                       + " characters, not " + name.length());
        }
    }

    /**
     * The configured name, or host:port; when the port is chosen at random (0, as tests do) the process id and a
     * random part stand in for it, so that two contexts in one process are still two nodes.
     */
    public static GatewayNode of(String configured, int port) {
        if (configured != null && !configured.isBlank()) {
            return new GatewayNode(configured.strip());
        }
        String host = host();
        String suffix = port > 0 ? Integer.toString(port)
                : ProcessHandle.current().pid() + "-" + Integer.toHexString(new java.util.Random().nextInt(0x10000));
        String name = host + ":" + suffix;
        return new GatewayNode(name.length() <= MAX_LENGTH ? name
                                       : host.substring(0, MAX_LENGTH - suffix.length() - 1) + ":" + suffix);
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
