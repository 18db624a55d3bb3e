package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.GatewayApplication;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sync runs still open when the gateway stops (finding L8) go on after the next start, as the same runs,
 * instead of waiting to be failed as overdue: one queued in memory, and one that was reading. One worker,
 * held by a sync on a registry that never answers, keeps the second repository's run queued until the stop.
 * A run without an execution in the queue (as a gateway from before the queue left its runs) is resumed too.
 */
class QueuedSyncRestartTests {

    @TempDir
    Path data;

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket silent;
    private LocalRegistry registry;

    @AfterEach
    void stop() throws IOException {
        closeSilentRegistry();
        if (registry != null) {
            registry.close();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--gateway.data-dir=" + data.toAbsolutePath(), "--gateway.sync.concurrency=1",
                     "--db-scheduler.polling-interval=1s", "--gateway.registry.network.allow-loopback=true",
                     // the reading run is not waited for at the stop (it stays claimed), and its claim runs out soon
                     "--gateway.sync.drain-timeout=1s", "--gateway.sync.run-claim-timeout=5s");
    }

    private static HttpGraphQlTester graphQl(ConfigurableApplicationContext context) {
        return GatewayClient.graphQl(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private int startSilentRegistry() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-registry");
        acceptor.setDaemon(true);
        acceptor.start();
        return silent.getLocalPort();
    }

    private void closeSilentRegistry() throws IOException {
        if (silent != null) {
            silent.close();
        }
        for (Socket s : held) {
            s.close();
        }
    }

    private static void addRegistry(HttpGraphQlTester graphQl, String name, String url) {
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", "edge", "name", name, "url", url, "insecure", true))
               .execute().path("addRegistry.name").entity(String.class).isEqualTo(name);
    }

    private static void addRepository(HttpGraphQlTester graphQl, String name, String registry) {
        graphQl.documentName("addRepository").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", "edge", "name", name, "registry", Map.of("name", registry),
                                         "repository", "library/nginx", "tag", "latest", "syncTimeout", "1h"))
               .execute().path("addRepository.version").entity(Integer.class).isEqualTo(1);
    }

    private static GraphQlTester.Response status(HttpGraphQlTester graphQl, String name) {
        return graphQl.documentName("syncStatus").variable("namespace", "edge").variable("name", name).execute();
    }

    @Test
    void runsOpenAtAStopGoOnAfterTheRestartAsTheSameRuns() throws IOException {
        registry = LocalRegistry.anonymous();
        registry.images().pushDockerImage("library/nginx", "latest");
        int silentPort = startSilentRegistry();
        String runId;
        String stuckRunId;
        try (ConfigurableApplicationContext first = start()) {
            HttpGraphQlTester graphQl = graphQl(first);
            addRegistry(graphQl, "silent", "http://127.0.0.1:" + silentPort);
            addRegistry(graphQl, "local", registry.url().toString());
            addRepository(graphQl, "stuck", "silent");
            await().atMost(Duration.ofSeconds(30)).until(() -> !held.isEmpty());
            stuckRunId = status(graphQl, "stuck").path("repository.syncHistory.edges[0].node.id").entity(String.class).get();
            addRepository(graphQl, "queued", "local");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> status(graphQl, "queued").path("repository.syncHistory.edges[0].node.status")
                                                   .entity(String.class).isEqualTo("REQUESTED"));
            runId = status(graphQl, "queued").path("repository.syncHistory.edges[0].node.id").entity(String.class).get();
        }
        closeSilentRegistry();

        try (ConfigurableApplicationContext second = start()) {
            HttpGraphQlTester graphQl = graphQl(second);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> status(graphQl, "queued").path("repository.syncStatus").entity(String.class).isEqualTo("SUCCESS"));
            status(graphQl, "queued").path("repository.syncHistory.totalCount").entity(Integer.class).isEqualTo(1)
                                     .path("repository.syncHistory.edges[0].node.id").entity(String.class).isEqualTo(runId)
                                     .path("repository.syncHistory.edges[0].node.status").entity(String.class)
                                     .isEqualTo("SUCCESS");
            // the run that was reading when the gateway stopped goes on too: its registry is gone now, so it
            // fails as unreachable at once instead of waiting an hour for its deadline
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> status(graphQl, "stuck").path("repository.syncStatus").entity(String.class).isEqualTo("FAILED"));
            status(graphQl, "stuck").path("repository.syncHistory.totalCount").entity(Integer.class).isEqualTo(1)
                                    .path("repository.syncHistory.edges[0].node.id").entity(String.class)
                                    .isEqualTo(stuckRunId)
                                    .path("repository.lastError.code").entity(String.class)
                                    .satisfies(code -> assertThat(code).isNotEqualTo("TIMEOUT"));
            // both runs ended, so nothing of them is left in the queue for a later start to take up again (the
            // execution of a recorded run goes with its result, in the same commit)
            JdbcTemplate jdbc = new JdbcTemplate(second.getBean(DataSource.class));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(jdbc.queryForObject("select count(*) from " + SyncRunScheduler.TABLE,
                                                         Integer.class)).isZero());
        }
    }

    @Test
    void aRunOpenWithoutAnExecutionIsResumedAfterTheStart() throws IOException, SQLException {
        int silentPort = startSilentRegistry();
        String runId;
        try (ConfigurableApplicationContext first = start()) {
            HttpGraphQlTester graphQl = graphQl(first);
            addRegistry(graphQl, "silent", "http://127.0.0.1:" + silentPort);
            addRepository(graphQl, "orphan", "silent");
            await().atMost(Duration.ofSeconds(30)).until(() -> !held.isEmpty());
            runId = status(graphQl, "orphan").path("repository.syncHistory.edges[0].node.id").entity(String.class).get();
        }
        closeSilentRegistry();
        // what a gateway from before the queue left: the run open in the store, no execution for it
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("gateway"), "sa", "");
             Statement statement = c.createStatement()) {
            assertThat(statement.executeUpdate("delete from " + SyncRunScheduler.TABLE)).isEqualTo(1);
        }

        try (ConfigurableApplicationContext second = start()) {
            HttpGraphQlTester graphQl = graphQl(second);
            // resumed at once: its registry is gone, so it fails as unreachable instead of waiting out its hour
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> status(graphQl, "orphan").path("repository.syncStatus").entity(String.class).isEqualTo("FAILED"));
            status(graphQl, "orphan").path("repository.syncHistory.totalCount").entity(Integer.class).isEqualTo(1)
                                     .path("repository.syncHistory.edges[0].node.id").entity(String.class).isEqualTo(runId)
                                     .path("repository.lastError.code").entity(String.class)
                                     .satisfies(code -> assertThat(code).isNotEqualTo("TIMEOUT"));
        }
    }
}
