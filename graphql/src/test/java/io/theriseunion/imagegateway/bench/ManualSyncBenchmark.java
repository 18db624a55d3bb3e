package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one manual sync costs the gateway (issues 14 and 17): {@code triggerSync} called {@code --rate} times a
 * second (each on another of {@code --repositories} repositories, round robin) against {@link StandInRegistry}, so
 * that every run is the whole manual path (SyncRequested, SyncStarted, one registry round trip answered 404,
 * SyncFailed, their audit entries, sync-run rows, catalogue rows and live updates). Printed: the gateway's CPU over
 * the window (from {@code /proc}) divided by the runs that ended in it ({@code gateway.sync.outcomes}), and the
 * trigger's latency at that rate; beside it, in the same run, the floor: the same number of bare GraphQL POSTs
 * ({@code { __typename }}, with the same token) at the same rate, and the idle gateway's CPU. The gateway's threads'
 * CPU in the window is printed by name (digits folded), the largest first, and how long the runs asked for in the
 * window took from their request to their start ({@code requestedAt} to {@code startedAt} of their history: the
 * queue, and the sync process's gather, on a node busy with the other runs). The idle figure is taken after the
 * rounds (a gateway just loaded still compiles and finishes its first syncs).
 * {@code bash scripts/benchmark.sh manual [--rate=30] [--seconds=20] [--warmup=10] [--repositories=200]
 * [--rounds=1]}
 */
public final class ManualSyncBenchmark {

    private static final String TRIGGER = "mutation($ns: String!, $n: String!) { triggerSync(namespace: $ns, name: $n)"
            + " { id status } }";
    private static final String BARE = "{ __typename }";
    private static final String HISTORY = "query($ns: String!, $n: String!) { repository(namespace: $ns, name: $n) {"
            + " syncHistory(first: 100) { edges { node { trigger requestedAt startedAt } } } } }";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path jar;
    private final int rate;
    private final int seconds;
    private final int warmup;
    private final int repositories;
    private final int rounds;
    private final int cores = Runtime.getRuntime().availableProcessors();

    private ManualSyncBenchmark(Map<String, String> a) {
        jar = Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar"));
        rate = Integer.parseInt(a.getOrDefault("rate", "30"));
        seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
        warmup = Integer.parseInt(a.getOrDefault("warmup", "10"));
        repositories = Integer.parseInt(a.getOrDefault("repositories", "200"));
        rounds = Integer.parseInt(a.getOrDefault("rounds", "1"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Gateway.jvmOptions = a.getOrDefault("jvm-opts", "");
        new ManualSyncBenchmark(a).run();
        System.exit(0); // the HTTP client's and the schedulers' threads would keep the JVM (and the machine's lock)
    }

    private void run() throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Path data = Files.createTempDirectory("manual-sync-bench");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        try (StandInRegistry registry = StandInRegistry.start()) {
            Gateway gateway = Gateway.start(jar, data, port, "--gateway.sync.concurrency=16");
            try {
                gateway.awaitReady(http, base);
                load(base, registry);
                awaitOutcomes(base, repositories); // every first sync ended
                System.out.printf(Locale.ROOT, "Manual syncs: %d repositories, %d triggers/s, windows of %d s after"
                        + " %d s of warm-up, %d round(s)%n", repositories, rate, seconds, warmup, rounds);
                List<Window[]> measured = new ArrayList<>();
                List<Histogram> toStart = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    Window floor = drive(gateway, base, (i) -> Gateway.graphQl(http, base, BARE, Map.of()));
                    Set<Integer> triggered = ConcurrentHashMap.newKeySet();
                    Window manual = drive(gateway, base, (i) -> {
                        int r = i % repositories;
                        Gateway.graphQl(http, base, TRIGGER, Map.of("ns", namespace(r), "n", name(r)));
                        triggered.add(r);
                    });
                    measured.add(new Window[]{floor, manual});
                    toStart.add(requestToStart(base, triggered, manual));
                }
                // measured after the rounds: right after the load, the JIT compiler and the first syncs' aftermath
                // still ran, and an idle figure taken then was larger than a warm round's floor
                double idle = idle(gateway);
                System.out.printf(Locale.ROOT, "- idle gateway (after the rounds): CPU %.1f%% of the machine%n", idle);
                for (int round = 1; round <= measured.size(); round++) {
                    Window floor = measured.get(round - 1)[0];
                    Window manual = measured.get(round - 1)[1];
                    System.out.printf(Locale.ROOT, "- floor, round %d: %,d bare GraphQL POSTs in %.1f s (%.1f/s), gateway"
                                              + " CPU %.1f%% of the machine, %.2f ms of CPU per request (%.2f above idle);"
                                              + " p50 %.1f ms, p99 %.1f ms; window %s – %s%n", round, floor.calls,
                                      floor.elapsed, floor.calls / floor.elapsed, floor.cpuPercent(cores),
                                      1000 * floor.cpu / floor.calls, 1000 * floor.aboveIdle(idle, cores) / floor.calls,
                                      floor.p(50), floor.p(99), floor.from, floor.to);
                    System.out.printf(Locale.ROOT, "- manual syncs, round %d: %,d triggers, %,.0f runs ended in %.1f s"
                                              + " (%.1f/s), gateway CPU %.1f%% of the machine, **%.2f ms of CPU per run**"
                                              + " (%.2f above idle, %.2f above the floor's request above idle);"
                                              + " triggerSync p50 %.1f ms, p99 %.1f ms; window %s – %s%n",
                                      round, manual.calls, manual.runs, manual.elapsed, manual.runs / manual.elapsed,
                                      manual.cpuPercent(cores), 1000 * manual.cpu / manual.runs,
                                      1000 * manual.aboveIdle(idle, cores) / manual.runs,
                                      1000 * manual.aboveIdle(idle, cores) / manual.runs
                                              - 1000 * floor.aboveIdle(idle, cores) / floor.calls,
                                      manual.p(50), manual.p(99), manual.from, manual.to);
                    Histogram started = toStart.get(round - 1);
                    System.out.printf(Locale.ROOT, "  request to start of the %,d runs asked for in the window: p50 %.1f"
                                              + " ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", started.getTotalCount(),
                                      started.getValueAtPercentile(50) / 1000.0,
                                      started.getValueAtPercentile(90) / 1000.0,
                                      started.getValueAtPercentile(99) / 1000.0, started.getMaxValue() / 1000.0);
                    System.out.println("  gateway threads' CPU per run in the window (ms), largest first:");
                    manual.threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                                  .limit(14)
                                  .forEach(e -> System.out.printf(Locale.ROOT, "    %-36s %.2f%n", e.getKey(),
                                                                  1000 * e.getValue() / manual.runs));
                }
            } finally {
                gateway.stop();
            }
        }
        System.out.println();
        System.out.println("Manual sync benchmark, " + LocalDate.now() + ", " + cores + " cores (client, stand-in"
                + " registry and gateway share them); load average before: " + loadBefore + ", after: "
                + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private interface Call {
        void run(int index) throws Exception;
    }

    private record Window(long calls, double runs, double elapsed, double cpu, Histogram latency,
                          Map<String, Double> threads, Instant from, Instant to) {

        /** CPU seconds above what the idle gateway used in as long (idle in % of the machine). */
        double aboveIdle(double idle, int cores) {
            return cpu - idle / 100 * cores * elapsed;
        }

        double cpuPercent(int cores) {
            return 100 * cpu / elapsed / cores;
        }

        double p(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** The call at the benchmark's rate: warm-up, then the measured window, then the runs in flight end. */
    private Window drive(Gateway gateway, String base, Call call) throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        AtomicInteger next = new AtomicInteger();
        AtomicLong measuredCalls = new AtomicLong();
        Histogram latency = new Histogram(60_000_000L, 3);
        long[] window = {Long.MAX_VALUE};
        clock.scheduleAtFixedRate(() -> callers.submit(() -> {
            long start = System.nanoTime();
            try {
                call.run(next.getAndIncrement());
            } catch (Exception e) {
                System.err.println("call failed: " + e.getMessage());
                return;
            }
            if (start >= window[0]) {
                measuredCalls.incrementAndGet();
                synchronized (latency) {
                    latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                }
            }
        }), 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
        Thread.sleep(warmup * 1000L);
        double outcomes0 = Gateway.metric(http, base, "gateway.sync.outcomes");
        double cpu0 = gateway.cpuSeconds();
        Map<String, Double> threads0 = gateway.threadCpuByName();
        long t0 = System.nanoTime();
        Instant from = Instant.now();
        window[0] = t0;
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Instant to = Instant.now();
        double cpu = gateway.cpuSeconds() - cpu0;
        double runs = Gateway.metric(http, base, "gateway.sync.outcomes") - outcomes0;
        Map<String, Double> threads = gateway.threadCpuByName();
        threads0.forEach((name, before) -> threads.merge(name, -before, Double::sum));
        window[0] = Long.MAX_VALUE;
        clock.shutdownNow();
        callers.shutdown();
        callers.awaitTermination(1, TimeUnit.MINUTES);
        Thread.sleep(3000); // the runs in flight end before the next window
        synchronized (latency) {
            return new Window(measuredCalls.get(), runs, elapsed, cpu, latency.copy(), threads, from, to);
        }
    }

    /** From each triggered repository's history: requestedAt to startedAt of the runs requested in the window. */
    private Histogram requestToStart(String base, Set<Integer> triggered, Window window) throws Exception {
        Histogram histogram = new Histogram(60_000_000L, 3);
        for (int r : triggered) {
            JsonNode edges = Gateway.graphQl(http, base, HISTORY, Map.of("ns", namespace(r), "n", name(r)))
                                    .path("data").path("repository").path("syncHistory").path("edges");
            for (JsonNode edge : edges) {
                JsonNode run = edge.path("node");
                Instant requested = Instant.parse(run.path("requestedAt").asText());
                if (run.path("trigger").asText().equals("MANUAL") && run.hasNonNull("startedAt")
                        && !requested.isBefore(window.from) && requested.isBefore(window.to)) {
                    long micros = Duration.between(requested, Instant.parse(run.path("startedAt").asText())).toNanos()
                            / 1000;
                    histogram.recordValue(Math.max(1, micros));
                }
            }
        }
        return histogram;
    }

    private double idle(Gateway gateway) throws Exception {
        double cpu0 = gateway.cpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return 100 * (gateway.cpuSeconds() - cpu0) / ((System.nanoTime() - t0) / 1e9) / cores;
    }

    private void load(String base, StandInRegistry registry) throws Exception {
        Gateway.graphQl(http, base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                        Map.of("in", Map.of("namespace", "bench", "name", "stand-in", "url", registry.url(),
                                            "insecure", true, "concurrencyLimit", 16)));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < repositories; i++) {
            items.add(Map.of("namespace", namespace(i), "name", name(i),
                             "registry", Map.of("namespace", "bench", "name", "stand-in"),
                             "repository", "bench/app", "tag", "v1", "syncInterval", "720h", "retryCount", 0));
        }
        for (int from = 0; from < items.size(); from += 500) {
            Gateway.graphQl(http, base, "mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { failed } }",
                            Map.of("in", items.subList(from, Math.min(items.size(), from + 500))));
        }
    }

    private void awaitOutcomes(String base, int runs) throws Exception {
        long waiting = System.nanoTime();
        while (Gateway.metric(http, base, "gateway.sync.outcomes") < runs
                && System.nanoTime() - waiting < TimeUnit.MINUTES.toNanos(5)) {
            Thread.sleep(200);
        }
        Thread.sleep(2000);
    }

    private static String namespace(int i) {
        return String.format("team-%02d", i % 20);
    }

    private static String name(int i) {
        return String.format("app-%04d", i);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
