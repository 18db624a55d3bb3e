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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a restart, the first status change of a repository synced before it says where the repository came from
 * (its previous status and its run), although this node has not seen the repository's earlier events. And a
 * restarted gateway's subscribers are told of what happens after its start, not of the stored history: the live
 * updates follow the event stream from its head at the start (before, each start read the whole store again, and a
 * console opened then counted every repository ever added as a new one).
 */
class LiveAfterRestartTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int STORED = 30;

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

    @Test
    void aRestartedGatewayTellsItsSubscribersOnlyWhatHappensAfterItsStart() {
        try (ConfigurableApplicationContext first = start()) {
            HttpGraphQlTester graphQl = GatewayClient.graphQl(port(first));
            GatewayClient.ensureRegistry(graphQl, "history");
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < STORED; i++) {
                items.add(GatewayClient.addInput("history", "old-" + i));
            }
            graphQl.documentName("addRepositories").variable("input", items).execute()
                   .path("addRepositories.succeeded").entity(Integer.class).isEqualTo(STORED);
            // their first syncs (a closed port) over: nothing of the history is still going on at the restart
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> graphQl
                    .document("{ repositories(namespace: \"history\", syncStatus: [PENDING, SYNCING], first: 0) { totalCount } }")
                    .execute().path("repositories.totalCount").entity(Integer.class).isEqualTo(0));
        }

        try (ConfigurableApplicationContext second = start()) {
            int port = port(second);
            MeterRegistry meters = second.getBean(MeterRegistry.class);
            List<Map<?, ?>> changes = new CopyOnWriteArrayList<>();
            Disposable subscription = GatewayClient.webSocket(port, GatewayClient.ADMIN_TOKEN)
                    .document("subscription { repositoryChanged(namespace: \"history\") { type name } }")
                    .executeSubscription().toFlux("repositoryChanged", Map.class).subscribe(changes::add);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> meters.get("gateway.live.subscribers").gauge().value() >= 1);
                GatewayClient.graphQl(port).documentName("addRepository").fragmentName("repositoryFields")
                             .variable("input", GatewayClient.addInput("history", "new"))
                             .execute().path("addRepository.version").entity(Integer.class).isEqualTo(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> changes.stream().anyMatch(c -> "new".equals(c.get("name"))));
                // the only ADDED a subscriber of the restarted gateway is told of is the repository added after the start
                List<Object> added = changes.stream().filter(c -> "ADDED".equals(c.get("type")))
                                            .<Object>map(c -> c.get("name")).toList();
                assertThat(added).containsExactly("new");
                // and the live updates read the new events only, not the stored ones before them
                assertThat(meters.get("gateway.live.events").counter().count()).isLessThan(STORED);
            } finally {
                subscription.dispose();
            }
        }
    }
}
