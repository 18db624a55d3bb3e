package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The sync benchmark (issue: 1,000 repositories on the local real registry). Starts Debian's docker-registry
 * and the gateway jar, registers 1,000 repositories (1,000 tags of one image), then measures in one run:
 * the first sync of all, an unchanged scheduled cycle of all (time and HTTP requests, from the gateway's own
 * request metric), a bare OkHttp loop sending the same HEAD requests at the same concurrency, and
 * {@code skopeo inspect} per image. Run it with {@code bash scripts/benchmark.sh sync}.
 */
public final class SyncBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
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
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
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
            Gateway gateway = Gateway.start(jar, data, port, "--gateway.sync.concurrency=" + concurrency,
                                            "--db-scheduler.polling-interval=1s");
            try {
                gateway.awaitReady(http, base);
                graphQl(base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                        Map.of("in", Map.of("namespace", "bench", "name", "local", "url", registry.url().toString(),
                                            "insecure", true, "concurrencyLimit", concurrency)));
                double before = requests(base);
                long t0 = System.nanoTime();
                for (int from = 0; from < total; from += 500) {
                    List<Map<String, Object>> items = new ArrayList<>();
                    for (int i = from; i < Math.min(total, from + 500); i++) {
                        items.add(Map.of("namespace", "bench", "name", String.format("app-%05d", i),
                                         "registry", Map.of("name", "local"), "repository", "bench/app",
                                         "tag", tags.get(i), "syncInterval", "1m"));
                    }
                    graphQl(base, "mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { failed } }",
                            Map.of("in", items));
                }
                awaitCount(base, "UNCHANGED|CHANGED", total);
                double first = (System.nanoTime() - t0) / 1e9;
                double firstRequests = requests(base) - before;
                System.out.printf(Locale.ROOT, "- first sync of %d repositories: %.1f s, %.0f HTTP requests (%.2f per repository)%n",
                                  total, first, firstRequests, firstRequests / total);

                double beforeCycle = requests(base);
                double unchangedBefore = outcomes(base, "UNCHANGED");
                long waitStart = System.nanoTime();
                while (outcomes(base, "UNCHANGED") == unchangedBefore) {
                    Thread.sleep(50);
                }
                long cycleStart = System.nanoTime();
                while (outcomes(base, "UNCHANGED") < unchangedBefore + total) {
                    Thread.sleep(20);
                }
                double cycle = (System.nanoTime() - cycleStart) / 1e9;
                double cycleRequests = requests(base) - beforeCycle;
                System.out.printf(Locale.ROOT, "- unchanged scheduled cycle: %.2f s from the first to the last result"
                                          + " (it started %.0f s after the first sync), %.0f HTTP requests (%.2f per repository)%n",
                                  cycle, (cycleStart - waitStart) / 1e9, cycleRequests, cycleRequests / total);

                double bare = bareHeadLoop(registry, tags);
                System.out.printf(Locale.ROOT, "- bare OkHttp loop, %d HEAD requests at concurrency %d: %.2f s; cycle / bare = %.2f%n",
                                  total, concurrency, bare, cycle / bare);

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

    private double bareHeadLoop(LocalRegistry registry, List<String> tags) throws Exception {
        OkHttpClient client = new OkHttpClient.Builder().build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (int round = 0; round < 2; round++) { // the first round warms connections and the JIT
                long t0 = System.nanoTime();
                List<Future<?>> all = new ArrayList<>();
                for (String tag : tags) {
                    all.add(pool.submit(() -> {
                        Request head = new Request.Builder().url(registry.url() + "/v2/bench/app/manifests/" + tag)
                                                            .head().header("Accept", ACCEPT).build();
                        try (Response r = client.newCall(head).execute()) {
                            if (r.code() != 200) {
                                throw new IllegalStateException("HEAD " + tag + " answered " + r.code());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
                if (round == 1) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            }
            throw new IllegalStateException();
        } finally {
            pool.shutdownNow();
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
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
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + path)).build(),
                                           HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return 0;
        }
        return JSON.readTree(r.body()).path("measurements").get(0).path("value").asDouble();
    }

    private JsonNode graphQl(String base, String query, Map<String, Object> variables) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                                         .timeout(Duration.ofMinutes(2))
                                         .header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofByteArray(
                                                 JSON.writeValueAsBytes(Map.of("query", query, "variables", variables))))
                                         .build();
        JsonNode answer = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        if (answer.has("errors")) {
            throw new IllegalStateException(answer.toString());
        }
        return answer;
    }
}
