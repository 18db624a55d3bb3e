package io.theriseunion.imagegateway.bench;

import io.theriseunion.imagegateway.support.TcpRelay;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Disk used by the embedded store (issue 10's durable commits): the gateway jar on a fresh data directory,
 * N sources on a closed port, M repositories over them through {@code addRepositories} in batches of 500, and
 * the data directory's size after the load, after their first syncs ended, 60 s later, and after a stop.
 * Run it with {@code bash scripts/benchmark.sh disk [--repositories=8000] [--sources=20] [--url-options=...]};
 * {@code --url-options} replaces the embedded URL's options (e.g. {@code ";WRITE_DELAY=500"} for H2's own
 * background writer) to compare.
 */
public final class DiskBenchmark {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int total;
    private final int sources;
    private final String urlOptions;
    private final Path jar;

    private DiskBenchmark(Map<String, String> a) {
        total = Integer.parseInt(a.getOrDefault("repositories", "8000"));
        sources = Integer.parseInt(a.getOrDefault("sources", "20"));
        urlOptions = a.get("url-options");
        jar = Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Gateway.jvmOptions = a.getOrDefault("jvm-opts", "");
        new DiskBenchmark(a).run();
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("disk-bench");
        int port = TcpRelay.closedPort();
        int down = TcpRelay.closedPort();
        String base = "http://127.0.0.1:" + port;
        List<String> args = new ArrayList<>(List.of("--db-scheduler.polling-interval=1s"));
        if (urlOptions != null) {
            args.add("--spring.datasource.url=jdbc:h2:file:" + data + "/gateway;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536"
                             + urlOptions);
        }
        Gateway gateway = Gateway.start(jar, data, port, args.toArray(String[]::new));
        try {
            gateway.awaitReady(http, base);
            System.out.printf(Locale.ROOT, "- ready: %,d MB%n", megabytes(data));
            for (int s = 0; s < sources; s++) {
                Gateway.graphQl(http, base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                                Map.of("in", Map.of("namespace", "bench", "name", source(s),
                                                    "url", "http://127.0.0.1:" + down, "insecure", true)));
            }
            long t0 = System.nanoTime();
            for (int from = 0; from < total; from += 500) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = from; i < Math.min(total, from + 500); i++) {
                    items.add(new HashMap<>(Map.of("namespace", "bench", "name", String.format("repo-%06d", i),
                                                   "registry", Map.of("namespace", "bench", "name", source(i % sources)),
                                                   "repository", "bench/app", "tag", "v1", "syncInterval", "720h")));
                }
                int added = Gateway.graphQl(http, base, "mutation($in: [AddRepositoryInput!]!) {"
                        + " addRepositories(input: $in) { succeeded } }", Map.of("in", items))
                                   .path("data").path("addRepositories").path("succeeded").asInt();
                if (added != items.size()) {
                    throw new IllegalStateException("only " + added + " of " + items.size() + " repositories added");
                }
            }
            double load = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "- %,d repositories added in %.1f s (%.0f/s): %,d MB%n", total, load,
                              total / load, megabytes(data));
            while (Gateway.metric(http, base, "gateway.sync.outcomes") < total) {
                Thread.sleep(200);
            }
            System.out.printf(Locale.ROOT, "- their first syncs ended %.1f s after the load began: %,d MB%n",
                              (System.nanoTime() - t0) / 1e9, megabytes(data));
            Thread.sleep(60_000);
            System.out.printf(Locale.ROOT, "- 60 s later: %,d MB%n", megabytes(data));
        } finally {
            gateway.stop();
        }
        System.out.printf(Locale.ROOT, "- after the gateway stopped: %,d MB%n", megabytes(data));
        System.out.println();
        System.out.println("Disk benchmark, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                                   + " cores, " + total + " repositories over " + sources + " down sources, URL options "
                                   + (urlOptions == null ? "(the default)" : urlOptions));
    }

    private static String source(int s) {
        return String.format("down-%03d", s);
    }

    private static long megabytes(Path dir) throws Exception {
        return Gateway.bytes(dir) / (1024 * 1024);
    }
}
