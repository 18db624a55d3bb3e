package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.GatewayApplication;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A run that no worker will end (issue 14: no overdue deadline is stored per run any more) is failed as TIMEOUT by
 * the periodic sweep of overdue runs, as the deadline failed it: a run whose execution is gone from the queue (what a
 * failed enqueue leaves) ends FAILED with the overdue error in its history and in the audit log, shortly after its
 * syncTimeout. The queue is paused first, so that no node picks the run before its execution is removed.
 */
class OverdueSyncSweepTests {

    @TempDir
    Path data;

    private ServerSocket silent;

    @AfterEach
    void stop() throws IOException {
        if (silent != null) {
            silent.close();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--gateway.data-dir=" + data.toAbsolutePath(),
                     "--db-scheduler.polling-interval=1s", "--gateway.registry.network.allow-loopback=true",
                     "--gateway.sync.overdue-sweep=1s", "--gateway.sync.overdue-grace=1s");
    }

    private static GraphQlTester.Response status(HttpGraphQlTester graphQl, String name) {
        return graphQl.documentName("syncStatus").variable("namespace", "edge").variable("name", name).execute();
    }

    @Test
    void aRunWithoutAnExecutionInTheQueueFailsAsTimeoutAfterItsSyncTimeout() throws IOException {
        // a registry that accepts connections and never answers: nothing may reach it anyway
        silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        try (ConfigurableApplicationContext gateway = start()) {
            HttpGraphQlTester graphQl = GatewayClient.graphQl(
                    Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
            JdbcTemplate jdbc = new JdbcTemplate(gateway.getBean(DataSource.class));
            gateway.getBean(SyncRunScheduler.class).pause();
            graphQl.documentName("addRegistry").fragmentName("registryFields")
                   .variable("input", Map.of("namespace", "edge", "name", "silent", "insecure", true,
                                             "url", "http://127.0.0.1:" + silent.getLocalPort()))
                   .execute().path("addRegistry.name").entity(String.class).isEqualTo("silent");
            graphQl.documentName("addRepository").fragmentName("repositoryFields")
                   .variable("input", Map.of("namespace", "edge", "name", "orphan", "registry", Map.of("name", "silent"),
                                             "repository", "library/nginx", "tag", "latest", "syncTimeout", "10s"))
                   .execute().path("addRepository.version").entity(Integer.class).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> status(graphQl, "orphan").path("repository.syncHistory.edges[0].node.status")
                                                   .entity(String.class).isEqualTo("REQUESTED"));
            String runId = status(graphQl, "orphan").path("repository.syncHistory.edges[0].node.id")
                                                    .entity(String.class).get();
            // the sync process queued the run; its execution goes, as if the enqueue had failed
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "select count(*) from " + SyncRunScheduler.TABLE + " where task_instance = ?", Integer.class,
                    runId) == 1);
            assertThat(jdbc.update("delete from " + SyncRunScheduler.TABLE + " where task_instance = ?", runId))
                    .isEqualTo(1);
            status(graphQl, "orphan").path("repository.syncStatus").entity(String.class).isEqualTo("PENDING");
            // nor is there a deadline for it (Axon's task; the others there are the recurring tasks): only the sweep
            // can end it
            assertThat(jdbc.queryForList("select task_name from scheduled_tasks", String.class))
                    .contains(OverdueSyncSweep.TASK).doesNotContain("AxonDeadline");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> status(graphQl, "orphan").path("repository.syncStatus").entity(String.class)
                                                   .isEqualTo("FAILED"));
            String message = "the sync did not finish within its syncTimeout of 10s (the gateway may have restarted"
                    + " meanwhile)";
            status(graphQl, "orphan").path("repository.lastError.code").entity(String.class).isEqualTo("TIMEOUT")
                                     .path("repository.lastError.message").entity(String.class).isEqualTo(message)
                                     .path("repository.syncHistory.totalCount").entity(Integer.class).isEqualTo(1)
                                     .path("repository.syncHistory.edges[0].node.id").entity(String.class)
                                     .isEqualTo(runId)
                                     .path("repository.syncHistory.edges[0].node.status").entity(String.class)
                                     .isEqualTo("FAILED")
                                     .path("repository.syncHistory.edges[0].node.error.code").entity(String.class)
                                     .isEqualTo("TIMEOUT")
                                     .path("repository.syncHistory.edges[0].node.error.message").entity(String.class)
                                     .isEqualTo(message);
            // audited as the overdue deadline's failure was: by the scheduler
            await().atMost(Duration.ofSeconds(30)).until(() -> !jdbc.queryForList(
                    "select actor from audit_entry where namespace = 'edge' and target_name = 'orphan'"
                            + " and action = 'repository.sync.failed'", String.class).isEmpty());
            assertThat(jdbc.queryForList("select actor from audit_entry where namespace = 'edge'"
                                                 + " and target_name = 'orphan' and action = 'repository.sync.failed'",
                                         String.class)).isEqualTo(List.of("system:scheduler"));
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        SyncConfiguration configuration = new SyncConfiguration();
        assertThatThrownBy(() -> configuration.overdueSyncSweepTask(null, Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.sync.overdue-sweep must be at least 1s, not PT0.5S");
        assertThatThrownBy(() -> configuration.overdueSyncSweep(null, null, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.sync.overdue-grace must not be negative, not PT-1S");
    }
}
