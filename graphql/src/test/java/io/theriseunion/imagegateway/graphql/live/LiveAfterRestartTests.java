package io.theriseunion.imagegateway.graphql.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.GatewayApplication;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import reactor.core.Disposable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a restart, the first status change of a repository synced before it says where the repository came from
 * (its previous status and its run), although this node has not seen the repository's earlier events.
 */
class LiveAfterRestartTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--gateway.data-dir=" + data.toAbsolutePath());
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static String status(HttpGraphQlTester graphQl) {
        return graphQl.document("{ repository(namespace: \"default\", name: \"web\") { syncStatus } }").execute()
                      .path("repository.syncStatus").entity(String.class).get();
    }

    @Test
    void theFirstStatusChangeAfterARestartHasThePreviousStatus() {
        try (ConfigurableApplicationContext first = start()) {
            HttpGraphQlTester graphQl = GatewayClient.graphQl(port(first));
            GatewayClient.ensureRegistry(graphQl, "default");
            Map<String, Object> input = new HashMap<>(GatewayClient.addInput("default", "web"));
            input.put("retryCount", 0);
            graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute()
                   .path("addRepository.version").entity(Integer.class).isEqualTo(1);
            await().atMost(WAIT).until(() -> "FAILED".equals(status(graphQl)));
        }

        try (ConfigurableApplicationContext second = start()) {
            int port = port(second);
            MeterRegistry meters = second.getBean(MeterRegistry.class);
            double before = meters.get("gateway.live.subscribers").gauge().value();
            List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
            Disposable subscription = GatewayClient.webSocket(port, GatewayClient.ADMIN_TOKEN)
                    .document("subscription { syncStatusChanged(namespace: \"default\", name: \"web\") {"
                                      + " syncStatus previousStatus syncRun { trigger status } } }")
                    .executeSubscription().toFlux("syncStatusChanged", Map.class)
                    .subscribe(change -> seen.add(typed(change)));
            await().atMost(WAIT).until(() -> meters.get("gateway.live.subscribers").gauge().value() >= before + 1);

            GatewayClient.graphQl(port).documentName("triggerSync").variable("namespace", "default")
                         .variable("name", "web").execute().path("triggerSync.id").hasValue();

            await().atMost(WAIT).until(() -> seen.size() >= 2);
            assertThat(seen.get(0)).containsEntry("syncStatus", "SYNCING").containsEntry("previousStatus", "FAILED");
            assertThat(seen.get(0).get("syncRun")).isEqualTo(Map.of("trigger", "MANUAL", "status", "RUNNING"));
            assertThat(seen.get(1)).containsEntry("syncStatus", "FAILED").containsEntry("previousStatus", "SYNCING");
            subscription.dispose();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> typed(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
