package io.theriseunion.imagegateway.support;

import io.theriseunion.imagegateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several gateway nodes on one real PostgreSQL database, each a whole application context of its own in this JVM
 * (its own Axon configuration, token claims, db-scheduler and HTTP port), named {@code node-a}, {@code node-b}, …
 * They are started one after another (the first migrates the schema) and closed together.
 */
public final class ClusterNodes implements AutoCloseable {

    /** One node: its name (gateway.node-name), its context and its HTTP port. */
    public record Node(String name, ConfigurableApplicationContext context, int port) {

        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }
    }

    private final List<Node> nodes = new ArrayList<>();

    private ClusterNodes() {
    }

    /**
     * Starts count nodes on a new database named after purpose, with the postgres profile and the given
     * {@code key=value} settings on top.
     */
    public static ClusterNodes start(String purpose, int count, Map<String, String> settings) {
        String url = TestPostgres.createDatabase(purpose);
        ClusterNodes cluster = new ClusterNodes();
        try {
            for (int i = 0; i < count; i++) {
                String name = "node-" + (char) ('a' + i);
                Map<String, Object> properties = new HashMap<>(settings);
                properties.put("spring.datasource.url", url);
                properties.put("spring.datasource.username", env("GATEWAY_TEST_POSTGRES_USER", "postgres"));
                properties.put("spring.datasource.password", env("GATEWAY_TEST_POSTGRES_PASSWORD", ""));
                properties.put("server.port", "0");
                properties.put("gateway.node-name", name);
                properties.put("gateway.data-dir", "target/test-data/" + purpose + "-" + name);
                properties.put("gateway.credentials.key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
                // as arguments: they win over application.yml and its postgres profile, as on a command line
                ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                        .profiles("postgres").run(arguments(properties));
                int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
                cluster.nodes.add(new Node(name, context, port));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.context().close();
        }
    }

    static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null ? otherwise : value;
    }
}
