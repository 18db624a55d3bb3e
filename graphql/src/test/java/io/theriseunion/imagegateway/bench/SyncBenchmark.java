package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import okhttp3.Request;
import okhttp3.Response;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sync benchmark (issue: 1,000 repositories on the local real registry). Starts Debian's docker-registry
 * and the gateway jar, registers 1,000 repositories (1,000 tags of one image), then measures in one run:
 * the first sync of all, an unchanged scheduled cycle of all (time and HTTP requests, from the gateway's own
 * request metric), a bare OkHttp loop sending the same HEAD requests at the same concurrency, and
 * {@code skopeo inspect} per image. Run it with {@code bash scripts/benchmark.sh sync}.
 */
public final class SyncBenchmark {

    private static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json,"
            + "application/vnd.docker.distribution.manifest.v2+json,application/vnd.docker.distribution.manifest.list.v2+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int total;
    private final int concurrency;
    private final Path jar;

    private SyncBenchmark(int total, int concurrency, Path jar) {
        this.total = total;
        this.concurrency = concurrency;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Gateway.jvmOptions = a.getOrDefault("jvm-opts", "");
        new SyncBenchmark(Integer.parseInt(a.getOrDefault("repositories", "1000")),
                          Integer.parseInt(a.getOrDefault("concurrency", "8")),
                          Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar"))).run();
    }

    private void run() throws Exception {
        try (LocalRegistry registry = LocalRegistry.anonymous()) {
            List<String> tags = registry.images().pushTags("bench/app", total);
            Path data = Files.createTempDirectory("sync-bench");
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String base = "http://127.0.0.1:" + port;
            String[] args = {"--gateway.sync.concurrency=" + concurrency, "--db-scheduler.polling-interval=1s"};
            Gateway gateway = Gateway.start(jar, data, port, args);
            double cycle;
            try {
                gateway.awaitReady(http, base);
                graphQl(base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                        Map.of("in", Map.of("namespace", "bench", "name", "local", "url", registry.url().toString(),
                                            "insecure", true, "concurrencyLimit", concurrency)));
                double before = requests(base);
                long t0 = System.nanoTime();
                addRepositories(base, "bench", tags, "1m");
                awaitCount(base, "UNCHANGED|CHANGED", total);
                double first = (System.nanoTime() - t0) / 1e9;
                double firstRequests = requests(base) - before;
                System.out.printf(Locale.ROOT, "- first sync of %d repositories: %.1f s, %.0f HTTP requests (%.2f per repository)%n",
                                  total, first, firstRequests, firstRequests / total);

                // A running gateway spreads each cycle as the first one was spread (next = finish + interval +
                // jitter). To time a whole cycle, stop the gateway and set every stored schedule to one instant,
                // as after an outage when all are due at once. Before that instant the restarted gateway warms
                // up on the first syncs of another 1,000 repositories, so the cycle runs in a warm JVM, as the
                // bare loop does.
                gateway.stop();
                Instant due = Instant.now().plusSeconds(120);
                int aligned = alignSchedules(data, due);
                long restart = System.nanoTime();
                gateway = Gateway.start(jar, data, port, args);
                double ready = gateway.awaitReady(http, base);
                addRepositories(base, "warm", tags, "720h");
                awaitCount(base, "UNCHANGED|CHANGED", total);
                double warm = (System.nanoTime() - restart) / 1e9;
                if (Instant.now().isAfter(due.minusSeconds(5))) {
                    throw new IllegalStateException("warm-up took too long (" + warm + " s): raise the alignment delay");
                }
                double unchangedBefore = outcomes(base, "UNCHANGED");
                double beforeCycle = requests(base);
                while (outcomes(base, "UNCHANGED") == unchangedBefore) {
                    Thread.sleep(5);
                }
                long cycleStart = System.nanoTime();
                while (outcomes(base, "UNCHANGED") < unchangedBefore + total) {
                    Thread.sleep(5);
                }
                cycle = (System.nanoTime() - cycleStart) / 1e9;
                double cycleRequests = requests(base) - beforeCycle;
                System.out.printf(Locale.ROOT, "- unchanged scheduled cycle, %d schedules due at one instant, warm gateway"
                                          + " (ready %.1f s after the restart, warmed up by %d first syncs by %.1f s): %.2f s"
                                          + " from the first to the last result, %.0f HTTP requests (%.2f per repository)%n",
                                  aligned, ready, total, warm, cycle, cycleRequests, cycleRequests / total);

                double[] rounds = bareHeadLoop(tags.stream().map(t -> registry.url() + "/v2/bench/app/manifests/" + t)
                                                   .toList(), concurrency);
                double bare = rounds[1];
                System.out.printf(Locale.ROOT, "- bare OkHttp loop, %d HEAD requests at concurrency %d: %.2f s in a fresh"
                                          + " JVM, %.2f s warm; cycle / bare = %.2f (warm), %.2f (fresh)%n",
                                  total, concurrency, rounds[0], bare, cycle / bare, cycle / rounds[0]);

                double skopeo = skopeo(registry, tags.subList(0, Math.min(20, total)));
                System.out.printf(Locale.ROOT, "- skopeo inspect: %.1f ms per image; gateway unchanged cycle: %.2f ms per image"
                                          + " (%.0f× faster)%n", skopeo * 1000, cycle / total * 1000,
                                  skopeo / (cycle / total));
            } finally {
                gateway.stop();
            }
            System.out.println();
            System.out.println("Sync benchmark, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                                       + " cores, " + total + " repositories, concurrency " + concurrency);
        }
    }

    private void addRepositories(String base, String namespace, List<String> tags, String interval) throws Exception {
        for (int from = 0; from < total; from += 500) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = from; i < Math.min(total, from + 500); i++) {
                items.add(Map.of("namespace", namespace, "name", String.format("app-%05d", i),
                                 "registry", Map.of("namespace", "bench", "name", "local"), "repository", "bench/app",
                                 "tag", tags.get(i), "syncInterval", interval));
            }
            graphQl(base, "mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { failed } }",
                    Map.of("in", items));
        }
    }

    /**
     * Sets every stored interval-sync deadline (db-scheduler's table in the stopped gateway's H2 file) to one
     * instant; returns how many there are.
     */
    private static int alignSchedules(Path data, Instant due) throws Exception {
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("gateway");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            List<String[]> keys = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select task_name, task_instance, task_data from scheduled_tasks")) {
                while (rs.next()) {
                    if (new String(rs.getBytes(3), StandardCharsets.UTF_8).contains("scheduled-sync")) {
                        keys.add(new String[]{rs.getString(1), rs.getString(2)});
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement(
                    "update scheduled_tasks set execution_time = ? where task_name = ? and task_instance = ?")) {
                for (String[] key : keys) {
                    update.setObject(1, OffsetDateTime.ofInstant(due, ZoneOffset.UTC));
                    update.setString(2, key[0]);
                    update.setString(3, key[1]);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return keys.size();
        }
    }

    /**
     * Seconds for the first round (fresh JVM, new connections) and the second (warm) of a bare OkHttp loop sending
     * a manifest HEAD to each URL at the given concurrency; anything but 200 throws.
     */
    static double[] bareHeadLoop(List<String> manifestUrls, int concurrency) throws Exception {
        return BareLoop.twice(manifestUrls.size(), concurrency, (client, i) -> {
            String url = manifestUrls.get(i);
            Request head = new Request.Builder().url(url).head().header("Accept", ACCEPT).build();
            try (Response r = client.newCall(head).execute()) {
                if (r.code() != 200) {
                    throw new IllegalStateException("HEAD " + url + " answered " + r.code());
                }
            }
        });
    }

    private static double skopeo(LocalRegistry registry, List<String> tags) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/skopeo"))) {
            throw new IllegalStateException("skopeo is missing: apt-get install skopeo");
        }
        long t0 = System.nanoTime();
        for (String tag : tags) {
            Process p = new ProcessBuilder("skopeo", "inspect", "--tls-verify=false",
                                           "docker://" + registry.authority() + "/bench/app:" + tag)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("skopeo inspect failed for " + tag);
            }
        }
        return (System.nanoTime() - t0) / 1e9 / tags.size();
    }

    private void awaitCount(String base, String codes, int count) throws Exception {
        while (true) {
            double done = 0;
            for (String code : codes.split("\\|")) {
                done += outcomes(base, code);
            }
            double failed = outcomes(base, "NETWORK") + outcomes(base, "NOT_FOUND") + outcomes(base, "TIMEOUT");
            if (failed > 0) {
                throw new IllegalStateException(failed + " syncs failed");
            }
            if (done >= count) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private double outcomes(String base, String code) throws Exception {
        return metric(base, "gateway.sync.outcomes?tag=code:" + code);
    }

    private double requests(String base) throws Exception {
        return metric(base, "gateway.registry.requests");
    }

    private double metric(String base, String path) throws Exception {
        return Gateway.metric(http, base, path);
    }

    private JsonNode graphQl(String base, String query, Map<String, Object> variables) throws Exception {
        return Gateway.graphQl(http, base, query, variables);
    }
}
