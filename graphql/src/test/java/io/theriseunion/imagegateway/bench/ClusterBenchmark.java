package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.registry.MediaTypes;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.support.GatewayCluster;
import io.theriseunion.imagegateway.support.SlowRegistry;
import io.theriseunion.imagegateway.support.TestPostgres;
import okhttp3.Request;
import okhttp3.Response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sync work across gateway nodes (issue 15): N gateway processes of the jar on one PostgreSQL (the test server that
 * {@code GATEWAY_TEST_POSTGRES_URL} names), a local docker-registry behind a slow relay (every request held
 * {@code --delay-ms}), R repositories following one image. Prints, per phase, the wall time, each node's
 * manifest HEADs (one per sync or check, from the nodes' metrics) and all its registry requests, and the most
 * requests the relay had in hand at once from all nodes together (against the source's {@code concurrencyLimit}):
 * <ol>
 *   <li>the first sync of R repositories (full runs), beside the floor: the same requests (manifest HEAD and GET,
 *       config blob, tag list) through the same relay from one OkHttp client at the cluster's concurrency;</li>
 *   <li>an unchanged cycle of R scheduled checks (all made due at once), beside the floor: the same R HEADs through
 *       the same relay from one OkHttp client at the cluster's concurrency (nodes × per-node cap);</li>
 *   <li>with 2 nodes or more: a rolling restart (SIGTERM, restart, next node) of every node while R new repositories
 *       have their first sync and the R old ones a cycle of checks: FAILED and TIMEOUT runs after it, and the time
 *       each stop took;</li>
 *   <li>with 2 nodes or more: kill -9 of a node holding runs: the time from the kill until none of its runs is
 *       claimed by it any more, until every one of them is held by another node or done (resumed), and until all
 *       the repositories show SUCCESS.</li>
 * </ol>
 * Run it with {@code bash scripts/benchmark.sh cluster [--nodes=3 --repositories=1000 --delay-ms=200]}.
 */
public final class ClusterBenchmark {

    private final int nodes;
    private final int total;
    private final int delayMs;
    private final int concurrency;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** the queue's claim timeout: the nodes' default {@code gateway.sync.run-claim-timeout} */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(20);

    private final Path jar;
    private GatewayCluster cluster;
    private SlowRegistry slow;
    /** the node the crash phase kills */
    private int victim;

    private ClusterBenchmark(int nodes, int total, int delayMs, int concurrency, Path jar) {
        this.nodes = nodes;
        this.total = total;
        this.delayMs = delayMs;
        this.concurrency = concurrency;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        new ClusterBenchmark(Integer.parseInt(a.getOrDefault("nodes", "3")),
                             Integer.parseInt(a.getOrDefault("repositories", "1000")),
                             Integer.parseInt(a.getOrDefault("delay-ms", "200")),
                             Integer.parseInt(a.getOrDefault("concurrency", "8")),
                             Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar")).toAbsolutePath()).run();
        System.exit(0);
    }

    private void run() throws Exception {
        try (LocalRegistry registry = LocalRegistry.anonymous();
             SlowRegistry relay = new SlowRegistry(registry.port(), Duration.ofMillis(delayMs))) {
            slow = relay;
            registry.images().pushDockerImage("bench/app", "latest");
            Path data = Files.createTempDirectory("cluster-bench");
            cluster = new GatewayCluster(jar, nodes, TestPostgres.createDatabase("cluster" + nodes),
                                         GatewayCluster.postgresUser(), GatewayCluster.postgresPassword(), data,
                                         List.of("-Xmx512m"),
                                         List.of("--gateway.sync.concurrency=" + concurrency,
                                                 "--gateway.sync.max-share-per-source=1",
                                                 "--db-scheduler.polling-interval=1s"));
            try (GatewayCluster c = cluster) {
                long t0 = System.nanoTime();
                cluster.startAll();
                System.out.printf("%d node(s) started in %.1f s; %d repositories, every registry request held %d ms,"
                                          + " %d syncs at once per node, the source's concurrencyLimit %d%n", nodes,
                                  seconds(t0), total, delayMs, concurrency, concurrency);
                cluster.graphQl(0, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                                Map.of("in", Map.of("namespace", "bench", "name", "slow", "url",
                                                    "http://127.0.0.1:" + slow.port(), "insecure", true,
                                                    "concurrencyLimit", concurrency)));
                firstSync();
                cycle();
                if (nodes >= 2) {
                    rollingRestart();
                    crash();
                }
            }
        }
    }

    private void firstSync() throws Exception {
        long[] heads = cluster.heads();
        long[] calls = cluster.registryCalls();
        slow.takePeak();
        long t0 = System.nanoTime();
        add("bench", total);
        awaitSynced("bench", total, "first sync");
        double took = seconds(t0);
        System.out.printf("first sync of %d (full runs): %.1f s; HEADs per node %s; all registry requests per node %s;"
                                  + " most requests at the source at once %d%n", total, took,
                          shares(GatewayCluster.grown(cluster.heads(), heads)),
                          shares(GatewayCluster.grown(cluster.registryCalls(), calls)),
                          slow.takePeak());
        String base = "http://127.0.0.1:" + slow.port() + "/v2/bench/app/";
        String config;
        try (Response r = new okhttp3.OkHttpClient().newCall(new Request.Builder().url(base + "manifests/latest")
                                                                     .header("Accept", MediaTypes.MANIFEST_ACCEPT)
                                                                     .build()).execute()) {
            config = JSON.readTree(r.body().bytes()).path("config").path("digest").asText();
        }
        double floor = BareLoop.once(total, nodes * concurrency, (client, i) -> {
            call(client, new Request.Builder().url(base + "manifests/latest").head());
            call(client, new Request.Builder().url(base + "manifests/latest"));
            call(client, new Request.Builder().url(base + "blobs/" + config));
            call(client, new Request.Builder().url(base + "tags/list"));
        });
        System.out.printf("floor: %d × (manifest HEAD, manifest GET, config blob GET, tag list GET) through the same"
                                  + " relay at concurrency %d: %.1f s; most requests at the source at once %d%n",
                          total, nodes * concurrency, floor, slow.takePeak());
    }

    private static void call(okhttp3.OkHttpClient client, Request.Builder request) throws Exception {
        try (Response r = client.newCall(request.header("Accept", MediaTypes.MANIFEST_ACCEPT).build()).execute()) {
            if (r.code() != 200) {
                throw new IllegalStateException(r.request().method() + " " + r.request().url() + " answered "
                                                        + r.code());
            }
            r.body().bytes();
        }
    }

    private void cycle() throws Exception {
        long[] before = cluster.heads();
        long[] calls = cluster.registryCalls();
        slow.takePeak();
        Instant due = makeDue();
        long t0 = System.nanoTime();
        while (cluster.checkedSince(due) < total) {
            Thread.sleep(200);
        }
        double took = seconds(t0);
        System.out.printf("cycle of %d unchanged checks: %.1f s; HEADs per node %s; all registry requests per node"
                                  + " %s; most requests at the source at once %d%n", total, took,
                          shares(GatewayCluster.grown(cluster.heads(), before)),
                          shares(GatewayCluster.grown(cluster.registryCalls(), calls)),
                          slow.takePeak());
        String url = "http://127.0.0.1:" + slow.port() + "/v2/bench/app/manifests/latest";
        double[] floor = BareLoop.twice(total, nodes * concurrency, (client, i) -> {
            try (Response r = client.newCall(new Request.Builder().url(url).head()
                                                     .header("Accept", MediaTypes.MANIFEST_ACCEPT)
                                                     .build()).execute()) {
                if (r.code() != 200) {
                    throw new IllegalStateException("HEAD answered " + r.code());
                }
            }
        });
        System.out.printf("floor: %d HEADs through the same relay at concurrency %d: %.1f s (fresh), %.1f s (warm)%n",
                          total, nodes * concurrency, floor[0], floor[1]);
    }

    private void rollingRestart() throws Exception {
        slow.takePeak();
        Instant start = Instant.now();
        makeDue();
        add("roll", total);
        long t0 = System.nanoTime();
        for (int i = 0; i < nodes; i++) {
            int held = cluster.runsHeldBy(i);
            long s0 = System.nanoTime();
            cluster.stop(i);
            double stopped = seconds(s0);
            int after = cluster.runsHeldBy(i);
            long r0 = System.nanoTime();
            cluster.start(i);
            System.out.printf("  %s: SIGTERM holding %d run(s), exited after %.1f s holding %d; up again in %.1f s"
                                      + " (%.1f s into the restart)%n", GatewayCluster.name(i), held, stopped, after,
                              seconds(r0), seconds(t0));
        }
        double restart = seconds(t0);
        awaitSynced("roll", total, "rolling restart");
        int checked = cluster.checkedSince(start);
        System.out.printf("rolling restart of %d nodes in %.1f s during the first sync of %d repositories and a cycle of"
                                  + " %d checks: all %d SUCCESS or FAILED %.1f s after it began; FAILED runs %d,"
                                  + " TIMEOUT %d; repositories FAILED %d; checks of the cycle recorded: %d; most"
                                  + " requests at the source at once %d%n", nodes, restart, total, total, total,
                          seconds(t0), failedRunsSince(start, null), failedRunsSince(start, "TIMEOUT"),
                          cluster.statusCounts("roll").path("failed").asInt() + cluster.statusCounts("bench")
                                  .path("failed").asInt(), checked, slow.takePeak());
    }

    private void crash() throws Exception {
        // as many runs as the survivors may hold at once (gateway.sync.runs-per-node's default), so that the time
        // until the victim's runs are resumed is the takeover's, not a wait for room behind other runs
        int count = (nodes - 1) * 4 * concurrency;
        add("crash", count);
        // the victim: the first node seen holding more runs than it reads at once (the nodes that poll first
        // take a burst; which one does varies)
        int victim = -1;
        long w0 = System.nanoTime();
        while (victim < 0) {
            for (int i = 0; i < nodes && victim < 0; i++) {
                if (cluster.runsHeldBy(i) > concurrency) {
                    victim = i;
                }
            }
            if (victim < 0 && seconds(w0) > 60) {
                throw new IllegalStateException("no node held more than " + concurrency + " runs within 60 s");
            }
            Thread.sleep(20);
        }
        this.victim = victim;
        List<String> held = runsHeld(victim);
        long t0 = System.nanoTime();
        cluster.kill(victim);
        while (cluster.runsHeldBy(victim) > 0) {
            Thread.sleep(100);
        }
        double released = seconds(t0);
        while (notResumed(held) > 0) {
            Thread.sleep(100);
        }
        double resumed = seconds(t0);
        awaitSynced("crash", count, "crash");
        System.out.printf("kill -9 of %s holding %d run(s): its claims ended after %.1f s, every one of its runs held"
                                  + " by another node or done after %.1f s (run claim timeout %d s: the bar is 2× = %d"
                                  + " s); all %d SUCCESS or FAILED after %.1f s; FAILED %d%n",
                          GatewayCluster.name(victim), held.size(), released, resumed, CLAIM_TIMEOUT.toSeconds(),
                          2 * CLAIM_TIMEOUT.toSeconds(), count, seconds(t0),
                          cluster.statusCounts("crash").path("failed").asInt());
    }

    /** The runs (their executions' ids) node i holds. */
    private List<String> runsHeld(int i) throws Exception {
        try (Connection c = cluster.database();
             PreparedStatement s = c.prepareStatement("select task_instance from sync_run_task where picked and"
                                                              + " picked_by = ?")) {
            s.setString(1, GatewayCluster.name(i));
            List<String> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        }
    }

    /** How many of these runs are neither done (their execution gone) nor held by a live node. */
    private int notResumed(List<String> runs) throws Exception {
        try (Connection c = cluster.database();
             PreparedStatement s = c.prepareStatement("select count(*) from sync_run_task where task_instance = any(?)"
                                                              + " and (not picked or picked_by = ?)")) {
            s.setArray(1, c.createArrayOf("varchar", runs.toArray()));
            s.setString(2, GatewayCluster.name(victim));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private void add(String namespace, int count) throws Exception {
        int added = cluster.addRepositories(0, namespace, count, "bench", "slow", "bench/app", "10m");
        if (added != count) {
            throw new IllegalStateException(added + " of " + count + " repositories added");
        }
    }

    private void awaitSynced(String namespace, int count, String phase) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            JsonNode counts = cluster.statusCounts(namespace);
            if (counts.path("success").asInt() + counts.path("failed").asInt() == count) {
                return;
            }
            if (seconds(t0) > 1800) {
                throw new IllegalStateException(phase + ": not done after 30 min: " + counts);
            }
            Thread.sleep(250);
        }
    }

    private Instant makeDue() throws Exception {
        Instant at = Instant.now();
        try (Connection c = cluster.database(); Statement s = c.createStatement()) {
            s.executeUpdate("update sync_check set next_check_at = now()");
        }
        return at;
    }

    private int failedRunsSince(Instant at, String code) throws Exception {
        return cluster.count("select count(*) from sync_run where status = 'FAILED' and requested_at >= ?"
                                     + " and (? is null or error_code = ?)",
                             OffsetDateTime.ofInstant(at, ZoneOffset.UTC), code, code);
    }

    private static String shares(long[] made) {
        long sum = Arrays.stream(made).sum();
        StringBuilder s = new StringBuilder(Arrays.toString(made)).append(" = ");
        for (int i = 0; i < made.length; i++) {
            s.append(i == 0 ? "" : " / ").append(String.format("%.0f %%", made[i] * 100.0 / Math.max(1, sum)));
        }
        return s.append(" (sum ").append(sum).append(')').toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
