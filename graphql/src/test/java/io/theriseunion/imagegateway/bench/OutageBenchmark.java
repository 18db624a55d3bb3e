package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.support.TcpRelay;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The registry-outage benchmark (issue 16). Starts Debian's docker-registry (one image, one tag per down source)
 * and the gateway jar, measures the idle gateway's CPU, then adds N repositories (default 100,000) through
 * {@code addRepositories} in batches of 500 over 100 registry sources whose registry is down (closed loopback
 * ports: connection refused), then one more source on the working registry with one repository, and measures:
 * the time from that repository's {@code addRepository} to its SUCCESS, the gateway's CPU while the outage lasts,
 * and — once a TCP relay to the real registry answers on each formerly refused port — the time until the held
 * repositories have synced, beside a bare OkHttp HEAD loop over the same URLs at the same concurrency.
 * Run it with {@code bash scripts/benchmark.sh outage}.
 */
public final class OutageBenchmark {

    private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json,"
            + " application/vnd.docker.distribution.manifest.v2+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int total;
    private final int sources;
    private final int concurrency;
    private final int window;
    private final Path jar;

    private OutageBenchmark(Map<String, String> a) {
        total = Integer.parseInt(a.getOrDefault("repositories", "100000"));
        sources = Integer.parseInt(a.getOrDefault("sources", "100"));
        concurrency = Integer.parseInt(a.getOrDefault("concurrency", "8"));
        window = Integer.parseInt(a.getOrDefault("cpu-window", "30"));
        jar = Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Gateway.jvmOptions = a.getOrDefault("jvm-opts", "");
        new OutageBenchmark(a).run();
    }

    private void run() throws Exception {
        try (LocalRegistry registry = LocalRegistry.anonymous()) {
            List<String> tags = registry.images().pushTags("bench/app", sources);
            Set<Integer> distinct = new LinkedHashSet<>();
            while (distinct.size() < sources) {
                distinct.add(TcpRelay.closedPort());
            }
            List<Integer> down = List.copyOf(distinct);
            Path data = Files.createTempDirectory("outage-bench");
            int port = TcpRelay.closedPort();
            String base = "http://127.0.0.1:" + port;
            Gateway gateway = Gateway.start(jar, data, port, "--gateway.sync.concurrency=" + concurrency,
                                            "--db-scheduler.polling-interval=1s");
            List<TcpRelay> relays = new ArrayList<>();
            try {
                gateway.awaitReady(http, base);
                Thread.sleep(15_000);
                double idle = cpuShare(gateway);
                System.out.printf(Locale.ROOT, "- idle gateway (ready, nothing added, 15 s after ready): %.2f%% of one"
                                          + " core over %d s (the floor)%n", idle * 100, window);

                for (int s = 0; s < sources; s++) {
                    addRegistry(base, source(s), "http://127.0.0.1:" + down.get(s));
                }
                double cpuBefore = gateway.cpuSeconds();
                long load0 = System.nanoTime();
                for (int from = 0; from < total; from += 500) {
                    List<Map<String, Object>> items = new ArrayList<>();
                    for (int i = from; i < Math.min(total, from + 500); i++) {
                        items.add(repository(String.format("held-%06d", i), source(i % sources), tags.get(i % sources)));
                    }
                    int added = Gateway.graphQl(http, base, "mutation($in: [AddRepositoryInput!]!) {"
                            + " addRepositories(input: $in) { succeeded } }", Map.of("in", items))
                                       .path("data").path("addRepositories").path("succeeded").asInt();
                    if (added != items.size()) {
                        throw new IllegalStateException("only " + added + " of " + items.size() + " repositories added");
                    }
                }
                double load = (System.nanoTime() - load0) / 1e9;
                System.out.printf(Locale.ROOT, "- %,d repositories over %d down sources added in %.1f s (%.0f/s)%n",
                                  total, sources, load, total / load);

                addRegistry(base, "up", registry.url().toString());
                long healthy0 = System.nanoTime();
                Gateway.graphQl(http, base, "mutation($in: AddRepositoryInput!) { addRepository(input: $in) { version } }",
                                Map.of("in", repository("healthy", "up", tags.get(0))));
                String status = awaitHealthy(base);
                double healthy = (System.nanoTime() - healthy0) / 1e9;
                System.out.printf(Locale.ROOT, "- healthy source's repository, addRepository to %s: %.2f s (goal ≤ 2 s: %s)%n",
                                  status, healthy, "SUCCESS".equals(status) && healthy <= 2 ? "met" : "not met");

                awaitEnded(base);
                double ended = (System.nanoTime() - load0) / 1e9;
                double cpuEnding = gateway.cpuSeconds() - cpuBefore;
                int held = (int) outcomes(base, "SOURCE_UNAVAILABLE");
                System.out.printf(Locale.ROOT, "- all %,d first syncs of the down sources ended %.1f s after the load"
                                          + " began (%.0f/s; gateway CPU %.0f s in that time, %.0f%% of one core):"
                                          + " %,d SOURCE_UNAVAILABLE, %.0f NETWORK, %.0f TIMEOUT; breakers open: %.0f of %d%n",
                                  total, ended, total / ended, cpuEnding, 100 * cpuEnding / ended, held,
                                  outcomes(base, "NETWORK"), outcomes(base, "TIMEOUT"),
                                  Gateway.metric(http, base, "gateway.sync.circuit.open"), sources + 1);
                JsonNode view = Gateway.graphQl(http, base, "query($n: String!) { registry(namespace: \"bench\", name: $n)"
                        + " { health unavailableSince syncBacklog { queued running waiting } } }", Map.of("n", source(0)))
                                       .path("data").path("registry");
                System.out.println("- " + source(0) + " as the API shows it: " + view);

                double outage = cpuShare(gateway);
                System.out.printf(Locale.ROOT, "- gateway CPU while the outage lasts (after the backlog ended): %.2f%% of"
                                          + " one core over %d s; idle floor %.2f%%%n", outage * 100, window, idle * 100);

                double successBefore = successes(base);
                long drain0 = System.nanoTime();
                for (int p : down) {
                    relays.add(new TcpRelay(p, registry.port()));
                }
                while (successes(base) == successBefore) {
                    Thread.sleep(20);
                }
                double firstSuccess = (System.nanoTime() - drain0) / 1e9;
                long progress = System.nanoTime();
                while (successes(base) < successBefore + held) {
                    if (System.nanoTime() - progress > 30e9) {
                        System.err.printf(Locale.ROOT, "  drained %.0f of %d; SOURCE_UNAVAILABLE since the relays started:"
                                                  + " %.0f, breakers open: %.0f%n", successes(base) - successBefore, held,
                                          outcomes(base, "SOURCE_UNAVAILABLE") - held,
                                          Gateway.metric(http, base, "gateway.sync.circuit.open"));
                        progress = System.nanoTime();
                    }
                    Thread.sleep(20);
                }
                double drained = (System.nanoTime() - drain0) / 1e9;
                double draining = drained - firstSuccess;
                System.out.printf(Locale.ROOT, "- drain after the registries came back (%d TCP relays to one"
                                          + " docker-registry on the formerly refused ports): first resumed sync %.1f s"
                                          + " after the relays started (the probe interval), all %,d held syncs succeeded"
                                          + " after %.1f s: %.0f syncs/s from the first to the last, %.0f syncs/s overall;"
                                          + " breakers open after: %.0f%n", sources, firstSuccess, held, drained,
                                  held / draining, held / drained, Gateway.metric(http, base, "gateway.sync.circuit.open"));

                List<String> urls = new ArrayList<>();
                for (int i = 0; i < held; i++) {
                    urls.add("http://127.0.0.1:" + down.get(i % sources) + "/v2/bench/app/manifests/" + tags.get(i % sources));
                }
                double[] bare = SyncBenchmark.bareHeadLoop(urls, concurrency);
                System.out.printf(Locale.ROOT, "- bare OkHttp loop, %,d HEAD requests over the same relays at concurrency"
                                          + " %d: %.1f s fresh (%.0f/s), %.1f s warm (%.0f/s); drain / bare (warm) = %.1f×%n",
                                  held, concurrency, bare[0], held / bare[0], bare[1], held / bare[1], draining / bare[1]);
                double[] first = bareFirstSyncLoop(down, tags, held, concurrency);
                System.out.printf(Locale.ROOT, "- bare OkHttp loop of what a first sync asks, %,d times (HEAD and GET of"
                                          + " the manifest, GET of its config blob, GET of the tag list) at concurrency"
                                          + " %d: %.1f s fresh (%.0f/s), %.1f s warm (%.0f/s); drain / bare (warm) = %.1f×%n",
                                  held, concurrency, first[0], held / first[0], first[1], held / first[1],
                                  draining / first[1]);
                System.out.printf(Locale.ROOT, "- the gateway's data directory after the run: %,d MB%n",
                                  Gateway.bytes(data) / (1024 * 1024));
            } finally {
                for (TcpRelay relay : relays) {
                    relay.close();
                }
                gateway.stop();
            }
            System.out.println();
            System.out.println("Outage benchmark, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                                       + " cores, " + total + " repositories over " + sources
                                       + " down sources, sync concurrency " + concurrency);
        }
    }

    /** The requests a first sync of a single-platform image makes, without the gateway: the floor of a drain. */
    private static double[] bareFirstSyncLoop(List<Integer> ports, List<String> tags, int n, int concurrency)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        return BareLoop.twice(n, concurrency, (client, i) -> {
            String repo = "http://127.0.0.1:" + ports.get(i % ports.size()) + "/v2/bench/app";
            String manifest = repo + "/manifests/" + tags.get(i % ports.size());
            call(client, new Request.Builder().url(manifest).head().header("Accept", MANIFEST_TYPES).build());
            JsonNode m = json.readTree(call(client, new Request.Builder().url(manifest)
                    .header("Accept", MANIFEST_TYPES).build()));
            call(client, new Request.Builder().url(repo + "/blobs/" + m.path("config").path("digest").asText()).build());
            call(client, new Request.Builder().url(repo + "/tags/list").build());
        });
    }

    private static String call(OkHttpClient client, Request request) throws Exception {
        try (Response r = client.newCall(request).execute()) {
            if (r.code() != 200) {
                throw new IllegalStateException(request.method() + " " + request.url() + " answered " + r.code());
            }
            return r.body().string();
        }
    }

    private static String source(int s) {
        return String.format("down-%03d", s);
    }

    private void addRegistry(String base, String name, String url) throws Exception {
        Gateway.graphQl(http, base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                        Map.of("in", Map.of("namespace", "bench", "name", name, "url", url, "insecure", true)));
    }

    private static Map<String, Object> repository(String name, String source, String tag) {
        return new HashMap<>(Map.of("namespace", "bench", "name", name, "registry",
                                    Map.of("namespace", "bench", "name", source), "repository", "bench/app",
                                    "tag", tag, "syncInterval", "720h"));
    }

    /** Polls the healthy repository every 10 ms until its first sync has ended; gives up after 10 minutes. */
    private String awaitHealthy(String base) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            String status = Gateway.graphQl(http, base, "{ repository(namespace: \"bench\", name: \"healthy\")"
                    + " { syncStatus } }", Map.of()).path("data").path("repository").path("syncStatus").asText();
            if (status.equals("SUCCESS") || status.equals("FAILED") || System.nanoTime() - t0 > 600e9) {
                return status;
            }
            Thread.sleep(10);
        }
    }

    /** Waits until every repository of the down sources has ended its first sync (any outcome but a success). */
    private void awaitEnded(String base) throws Exception {
        long progress = System.nanoTime();
        while (true) {
            double failed = Gateway.metric(http, base, "gateway.sync.outcomes") - successes(base);
            if (failed >= total) {
                return;
            }
            if (System.nanoTime() - progress > 30e9) {
                System.err.printf(Locale.ROOT, "  ended %.0f of %d%n", failed, total);
                progress = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    /** The gateway's CPU seconds per wall second over the window, the benchmark sending it nothing meanwhile. */
    private double cpuShare(Gateway gateway) throws Exception {
        double cpu0 = gateway.cpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep(window * 1000L);
        return (gateway.cpuSeconds() - cpu0) / ((System.nanoTime() - t0) / 1e9);
    }

    private double successes(String base) throws Exception {
        return outcomes(base, "CHANGED") + outcomes(base, "UNCHANGED");
    }

    private double outcomes(String base, String code) throws Exception {
        return Gateway.metric(http, base, "gateway.sync.outcomes?tag=code:" + code);
    }
}
