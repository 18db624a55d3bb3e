package io.theriseunion.imagegateway.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.graphql.live.GraphQlWsSubscriber;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.support.GatewayJar;
import io.theriseunion.imagegateway.support.GatewayCluster;
import io.theriseunion.imagegateway.support.SlowRegistry;
import io.theriseunion.imagegateway.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: three gateway processes of the built jar on one real PostgreSQL and a real docker-registry, reached
 * through a slow relay (every request held 200 ms) so that runs take seconds and the nodes hold some when they go.
 * Each node counts the registry requests it made (its metric {@code gateway.registry.requests}); a sync, full run or
 * scheduled check, makes exactly one manifest HEAD, so the HEADs of all nodes tell how often repositories were synced
 * and which node did it.
 * <ul>
 *   <li>a burst of requested runs is spread over the nodes (each makes 20–50 % of the HEADs) and no repository is
 *       synced twice;</li>
 *   <li>the runs a node held when it was killed (SIGKILL) are taken up by the others and succeed, long before
 *       their syncTimeout (2m) would have failed them;</li>
 *   <li>a rolling restart (SIGTERM, restart, next node) while every node holds runs: the stopped node holds no run
 *       once it has exited (it handed them back) and no run fails;</li>
 *   <li>a cycle of scheduled checks of every repository is shared by the nodes, each check made once;</li>
 *   <li>a repository added on one node is read at once on the others, the subscribers of every node see its
 *       statuses in the same order, and one name added on every node at once has exactly one winner.</li>
 * </ul>
 * The sizes are small (hundreds of repositories, the defaults but for a short run claim timeout and 16 runs held per node) to keep this within a couple of minutes; the 1,000-repository rolling
 * restart is a benchmark ({@code scripts/benchmark.sh cluster}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeSyncIT {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(6);
    private static final int ROLLING_RUNS = 60;

    private GatewayCluster cluster;
    private LocalRegistry registry;
    private SlowRegistry slow;
    private int repositories;

    @BeforeAll
    void startCluster() throws Exception {
        registry = LocalRegistry.anonymous();
        registry.images().pushDockerImage("library/app", "latest");
        slow = new SlowRegistry(registry.port(), Duration.ofMillis(200));
        cluster = new GatewayCluster(3, TestPostgres.createDatabase("multinode"), GatewayCluster.postgresUser(),
                                     GatewayCluster.postgresPassword(),
                                     Path.of("target", "multi-node-sync-" + System.nanoTime()).toAbsolutePath(),
                                     List.of("-Xmx384m"),
                                     List.of("--gateway.sync.run-claim-timeout=" + CLAIM_TIMEOUT.toSeconds() + "s",
                                             "--gateway.sync.runs-per-node=16",
                                             "--db-scheduler.polling-interval=1s"));
        cluster.startAll();
        cluster.graphQl(0, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                        Map.of("in", Map.of("namespace", "mn", "name", "slow", "url", "http://127.0.0.1:" + slow.port(),
                                            "insecure", true)));
    }

    @AfterAll
    void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (slow != null) {
            slow.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void aBurstOfRunsIsSpreadOverTheNodesAndNoRepositoryIsSyncedTwice() throws Exception {
        long[] before = cluster.heads();
        add("burst", 120);

        awaitAllSynced("burst", 120);
        long[] made = GatewayCluster.grown(cluster.heads(), before);
        System.out.printf("burst of 120 runs: HEADs per node %s%n", Arrays.toString(made));
        assertThat(sum(made)).as("one HEAD per repository: none synced twice").isEqualTo(120);
        assertShares(made);
    }

    @Test
    @Order(2)
    void theRunsOfAKilledNodeAreTakenUpByAnotherLongBeforeTheirTimeout() throws Exception {
        int victim = 2;
        add("crash", 90);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
               .until(() -> cluster.runsHeldBy(victim) > 0);
        int held = cluster.runsHeldBy(victim);
        Instant killed = Instant.now();
        cluster.kill(victim);

        // their syncTimeout is 2m: a run left to it would fail as TIMEOUT (and awaitAllSynced fails on FAILED)
        awaitAllSynced("crash", 90);
        System.out.printf("kill -9 of %s holding %d run(s): all 90 runs SUCCESS %d ms after the kill"
                                  + " (claim timeout %s)%n", GatewayCluster.name(victim), held,
                          Duration.between(killed, Instant.now()).toMillis(), CLAIM_TIMEOUT);
        assertThat(cluster.runsHeldBy(victim)).isZero();
        cluster.start(victim);
    }

    @Test
    @Order(3)
    void aRollingRestartWhileTheNodesHoldRunsFailsNoRun() throws Exception {
        // a node holds up to runs-per-node (16 here) at once: 60 runs are more than two nodes hold, so the node
        // about to stop gets some too (with the default 32, two nodes took all 60 in one CI run)
        for (int i = 0; i < cluster.size(); i++) {
            int node = i;
            add("roll" + node, ROLLING_RUNS);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                   .until(() -> cluster.runsHeldBy(node) > 0);
            int held = cluster.runsHeldBy(node);
            cluster.stop(node); // SIGTERM
            int after = cluster.runsHeldBy(node);
            System.out.printf("graceful stop of %s holding %d run(s): it holds %d after its exit%n",
                              GatewayCluster.name(node), held, after);
            assertThat(after).as("a stopped node hands back what it holds").isZero();
            cluster.start(node);
        }
        for (int i = 0; i < cluster.size(); i++) {
            awaitAllSynced("roll" + i, ROLLING_RUNS);
        }
    }

    @Test
    @Order(4)
    void aCycleOfScheduledChecksIsSharedByTheNodesAndEachCheckIsMadeOnce() throws Exception {
        long[] before = cluster.heads();
        Instant cycle = Instant.now();
        int due;
        try (Connection c = cluster.database(); Statement s = c.createStatement()) {
            due = s.executeUpdate("update sync_check set next_check_at = now()");
        }
        assertThat(due).isEqualTo(repositories);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
               .until(() -> cluster.checkedSince(cycle) == repositories);
        long[] made = GatewayCluster.grown(cluster.heads(), before);
        System.out.printf("cycle of %d scheduled checks: HEADs per node %s%n", repositories, Arrays.toString(made));
        assertThat(sum(made)).as("one HEAD per repository: none checked twice").isEqualTo(repositories);
        assertShares(made);
    }

    @Test
    @Order(5)
    void aChangeOnOneNodeIsReadAtOnceAndSeenLiveOnEveryNodeAndANameHasOneWinner() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<GraphQlWsSubscriber> watchers = new ArrayList<>();
        try {
            for (int i = 0; i < cluster.size(); i++) {
                watchers.add(GraphQlWsSubscriber.connect(
                        http, cluster.port(i), GatewayJar.ADMIN_TOKEN,
                        "subscription { syncStatusChanged(namespace: \"live\") { name syncStatus } }", Map.of())
                                                .get(30, TimeUnit.SECONDS));
            }
            // every subscription is live once each has seen a first repository's sync. A subscription starts on its
            // node a moment after its connection is acknowledged: one that began after a run's SUCCESS (a loaded
            // machine) sees the next run's, so the warm-up repository is synced again until all have seen one
            addOne(0, "warm-up");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3))
                   .alias("a SUCCESS of warm-up seen by every node's subscriber")
                   .until(() -> {
                       if (watchers.stream().allMatch(w -> statuses(w, "warm-up").contains("SUCCESS"))) {
                           return true;
                       }
                       cluster.graphQl(0, "mutation { triggerSync(namespace: \"live\", name: \"warm-up\") { id } }",
                                       Map.of());
                       return false;
                   });

            // read-your-writes across nodes: added on one node, read at once on each other node
            addOne(1, "app");
            for (int i = 0; i < cluster.size(); i++) {
                assertThat(cluster.graphQl(i, "{ repository(namespace: \"live\", name: \"app\") { name } }", Map.of())
                                  .path("repository").path("name").asText()).as(GatewayCluster.name(i)).isEqualTo("app");
            }
            // live fan-out: the subscribers of every node see the same statuses of its first sync, in order
            await().atMost(Duration.ofSeconds(60))
                   .until(() -> watchers.stream().allMatch(w -> statuses(w, "app").contains("SUCCESS")));
            List<String> seen = statuses(watchers.get(0), "app");
            assertThat(seen).startsWith("PENDING").endsWith("SUCCESS");
            for (GraphQlWsSubscriber w : watchers) {
                assertThat(statuses(w, "app")).isEqualTo(seen);
            }

            // uniqueness: one name added on every node at once has exactly one winner, the others ALREADY_EXISTS
            for (int round = 1; round <= 5; round++) {
                String name = "contested-" + round;
                List<CompletableFuture<String>> answers = new ArrayList<>();
                for (int i = 0; i < cluster.size(); i++) {
                    int node = i;
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            addOne(node, name);
                            return "added";
                        } catch (IllegalStateException refused) {
                            return refused.getMessage();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                List<String> outcomes = answers.stream().map(CompletableFuture::join).toList();
                assertThat(outcomes).as(name).filteredOn("added"::equals).hasSize(1);
                assertThat(outcomes).as(name).filteredOn(o -> !o.equals("added"))
                                    .allSatisfy(o -> assertThat(o).contains("ALREADY_EXISTS"));
            }
        } finally {
            watchers.forEach(GraphQlWsSubscriber::close);
        }
    }

    private void addOne(int node, String name) throws Exception {
        cluster.graphQl(node, "mutation($in: AddRepositoryInput!) { addRepository(input: $in) { version } }",
                        Map.of("in", Map.of("namespace", "live", "name", name,
                                            "registry", Map.of("namespace", "mn", "name", "slow"),
                                            "repository", "library/app", "tag", "latest", "syncTimeout", "2m")));
    }

    /** The statuses a subscriber saw for one repository of its namespace, in order. */
    private static List<String> statuses(GraphQlWsSubscriber watcher, String name) {
        return watcher.data().stream().map(d -> d.path("syncStatusChanged"))
                      .filter(e -> name.equals(e.path("name").asText()))
                      .map(e -> e.path("syncStatus").asText()).toList();
    }

    private void add(String namespace, int count) throws Exception {
        assertThat(cluster.addRepositories(0, namespace, count, "mn", "slow", "library/app", "2m")).isEqualTo(count);
        repositories += count;
    }

    /** Awaits every repository of the namespace SUCCESS; fails at once on a FAILED one. */
    private void awaitAllSynced(String namespace, int count) {
        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode counts = cluster.statusCounts(namespace);
            assertThat(counts.path("failed").asInt()).as(namespace + ": " + counts).isZero();
            return counts.path("success").asInt() == count;
        });
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }

    private static void assertShares(long[] made) {
        long total = sum(made);
        for (int i = 0; i < made.length; i++) {
            assertThat(made[i] * 100.0 / total).as("%s's share of %d syncs (%s)", GatewayCluster.name(i), total,
                                                   Arrays.toString(made))
                                               .isBetween(20.0, 50.0);
        }
    }
}
