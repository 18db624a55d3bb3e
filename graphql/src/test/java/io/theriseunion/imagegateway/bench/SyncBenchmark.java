package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import okhttp3.Request;
import okhttp3.Response;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * the first sync of all, an unchanged scheduled cycle of all (time, the gateway's process CPU per check and HTTP
 * requests), a bare OkHttp keep-alive loop sending the same HEAD requests at the same concurrency, the tables'
 * growth over 10 unchanged cycles (events and audit entries per cycle, bytes per check, projected per day), and
 * {@code skopeo inspect} per image. On the test PostgreSQL when {@code GATEWAY_TEST_POSTGRES_URL} is set, else on
 * the embedded H2 ({@link SyncCheckDatabase}). Run it with {@code bash scripts/benchmark.sh sync}.
 */
public final class SyncBenchmark {

    private static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json,"
            + "application/vnd.docker.distribution.manifest.v2+json,application/vnd.docker.distribution.manifest.list.v2+json";

    /** the JVM's JIT compiler threads and its garbage collector's, as /proc names them */
    private static final String[] JIT = {"C1 CompilerThre", "C2 CompilerThre"};
    private static final String[] GC = {"GC Thread", "G1 ", "VM Thread"};
    private final HttpClient http = HttpClient.newHttpClient();
    private final int total;
    private final int concurrency;
    /** unchanged cycles before the measured ones: the JIT compiler's work goes on for thousands of checks */
    private final int warmupCycles;
    private final Path jar;
    private SyncCheckDatabase db;

    private SyncBenchmark(int total, int concurrency, int warmupCycles, Path jar) {
        this.warmupCycles = warmupCycles;
        this.total = total;
        this.concurrency = concurrency;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Gateway.jvmOptions = a.getOrDefault("jvm-opts", "");
        new SyncBenchmark(Integer.parseInt(a.getOrDefault("repositories", "1000")),
                          Integer.parseInt(a.getOrDefault("concurrency", "8")),
                          Integer.parseInt(a.getOrDefault("warmup-cycles", "20")),
                          Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar"))).run();
    }

    private void run() throws Exception {
        try (LocalRegistry registry = LocalRegistry.anonymous()) {
            List<String> tags = registry.images().pushTags("bench/app", total);
            Path data = Files.createTempDirectory("sync-bench");
            db = SyncCheckDatabase.forRun(data);
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String base = "http://127.0.0.1:" + port;
            List<String> args = new ArrayList<>(List.of("--gateway.sync.concurrency=" + concurrency,
                                                        "--db-scheduler.polling-interval=1s"));
            args.addAll(db.gatewayArguments());
            Gateway gateway = Gateway.start(jar, data, port, args.toArray(String[]::new));
            try (Connection c = connectWhenReady(gateway, base, db)) {
                graphQl(base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                        Map.of("in", Map.of("namespace", "bench", "name", "local", "url", registry.url().toString(),
                                            "insecure", true, "concurrencyLimit", concurrency)));
                double before = requests(base);
                long t0 = System.nanoTime();
                addRepositories(base, "bench", tags, "1h");
                awaitCount(base, "UNCHANGED|CHANGED", total);
                double first = (System.nanoTime() - t0) / 1e9;
                double firstRequests = requests(base) - before;
                System.out.printf(Locale.ROOT, "- database: %s%n", db.describe());
                System.out.printf(Locale.ROOT, "- first sync of %d repositories: %.1f s, %.0f HTTP requests (%.2f per repository)%n",
                                  total, first, firstRequests, firstRequests / total);

                // Scheduled checks (issue 14): every repository's next check is made due at one instant, as after
                // an outage when all are due at once, by moving sync_check.next_check_at while the gateway runs.
                // Cycles warm the JVM up first (--warmup-cycles, 20), as the bare loop's first round does for it: the JIT
                // compiler works for about 13,000 checks (docs/benchmarks.md), and a gateway that checks all day runs
                // compiled code; each warm-up cycle's CPU and the compiler's share of it are printed.
                awaitSchedule(c);
                double idle = settle(gateway);
                for (int i = 0; i < warmupCycles; i++) {
                    Cycle warm = cycle(c, gateway, base);
                    System.out.printf(Locale.ROOT, "  - warm-up cycle %d: %.2f s, gateway CPU %.3f ms per check (JIT %.3f ms)%n",
                                      i + 1, warm.seconds, warm.cpuSeconds / total * 1000, warm.jitSeconds / total * 1000);
                }
                // Three measured cycles, each followed by the bare loop at once (side by side: the machine is shared
                // and its load moves within seconds); the verdict is the median of the three ratios.
                List<String> manifests = tags.stream().map(t -> registry.url() + "/v2/bench/app/manifests/" + t).toList();
                List<Cycle> cycles = new ArrayList<>();
                List<double[]> bares = new ArrayList<>();
                double[] ratios = new double[3];
                for (int i = 0; i < 3; i++) {
                    cycles.add(cycle(c, gateway, base));
                    bares.add(bareHeadLoop(manifests, concurrency));
                    ratios[i] = cycles.get(i).seconds / bares.get(i)[1];
                }
                Cycle cycle = cycles.get(median(ratios));
                double cpuSeconds = cycles.stream().mapToDouble(Cycle::cpuSeconds).sum();
                double backendSeconds = cycles.stream().mapToDouble(Cycle::backendCpuSeconds).sum();
                double perCheck = cpuSeconds / (3.0 * total);
                double jitSeconds = cycles.stream().mapToDouble(Cycle::jitSeconds).sum();
                double gcSeconds = cycles.stream().mapToDouble(Cycle::gcSeconds).sum();
                System.out.printf(Locale.ROOT, "- unchanged scheduled cycle, %d checks due at one instant, warm gateway: %.2f s"
                                          + " from the first to the last result (%.2f s from due), %.0f HTTP requests (%.2f per"
                                          + " repository)%n", total, cycle.seconds, cycle.fromDue, cycle.requests,
                                  cycle.requests / total);
                System.out.printf(Locale.ROOT, "- gateway CPU per unchanged check: %.3f ms (process CPU %.2f s over three cycles /"
                                          + " %d checks; the idle gateway uses %.3f CPU s/s; floor ≤ 1 ms)%n",
                                  perCheck * 1000, cpuSeconds, 3 * total, idle);
                System.out.printf(Locale.ROOT, "  - of which the JIT compiler's threads %.3f ms and the collector's (and VM thread's) %.3f"
                                          + " ms per check; the rest %.3f ms%n", jitSeconds / (3.0 * total) * 1000,
                                  gcSeconds / (3.0 * total) * 1000,
                                  (cpuSeconds - jitSeconds - gcSeconds) / (3.0 * total) * 1000);
                if (db.isPostgres()) {
                    System.out.printf(Locale.ROOT, "  - and the database's: PostgreSQL backends of this database %.3f ms per check"
                                              + " (%.2f CPU s, the benchmark's polling included); gateway + backends %.3f ms%n",
                                      backendSeconds / (3.0 * total) * 1000, backendSeconds,
                                      (cpuSeconds + backendSeconds) / (3.0 * total) * 1000);
                }
                for (int i = 0; i < 3; i++) {
                    System.out.printf(Locale.ROOT, "  - pair %d: cycle %.2f s (%.2f s from due), then a bare OkHttp keep-alive loop,"
                                              + " %d HEAD requests at concurrency %d: %.2f s fresh, %.2f s warm; cycle / bare"
                                              + " %.2f%n", i + 1, cycles.get(i).seconds, cycles.get(i).fromDue, total,
                                      concurrency, bares.get(i)[0], bares.get(i)[1], ratios[i]);
                }
                double bare = bares.get(median(ratios))[1];
                System.out.printf(Locale.ROOT, "- bare OkHttp keep-alive loop, %d HEAD requests at concurrency %d: %.2f s warm;"
                                          + " cycle / bare = %.2f (median of three side-by-side pairs: %.2f, %.2f, %.2f;"
                                          + " floor ≤ 1.5)%n", total, concurrency, bare, ratios[median(ratios)], ratios[0],
                                  ratios[1], ratios[2]);
                System.out.printf(Locale.ROOT, "- projected capacity of one node: %,.0f repositories at a 1 h interval per core"
                                          + " (3,600 s / CPU per check)%n", 3600 / perCheck);

                storage(c, db, gateway, base, Between.NOTHING, false);
                if (db.isPostgres()) {
                    storage(c, db, gateway, base, Between.NOTHING, true);
                    storage(c, db, gateway, base, Between.VACUUM, false);
                }

                double skopeo = skopeo(registry, tags.subList(0, Math.min(20, total)));
                System.out.printf(Locale.ROOT, "- skopeo inspect: %.1f ms per image; gateway unchanged cycle: %.2f ms per image"
                                          + " (%.0f× faster)%n", skopeo * 1000, cycle.seconds / total * 1000,
                                  skopeo / (cycle.seconds / total));
            } finally {
                gateway.stop();
            }
            System.out.println();
            System.out.println("Sync benchmark, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                                       + " cores, " + total + " repositories, concurrency " + concurrency + ", "
                                       + db.describe());
        }
    }

    private Connection connectWhenReady(Gateway gateway, String base, SyncCheckDatabase db) throws Exception {
        gateway.awaitReady(http, base);
        return db.connect();
    }

    /** One unchanged cycle's figures. */
    private record Cycle(double seconds, double fromDue, double cpuSeconds, double requests, double backendCpuSeconds,
                         double jitSeconds, double gcSeconds) {
    }

    /**
     * Makes every check due now and waits until all are recorded: the time from the first to the last recorded check
     * (their checked_at, read afterwards, so the gateway is not polled during the cycle), the gateway's process CPU
     * from just before they were due until all were recorded, and the registry requests.
     */
    private Cycle cycle(Connection c, Gateway gateway, String base) throws Exception {
        double requestsBefore = requests(base);
        double backendBefore = db.backendCpuSeconds();
        double cpuBefore = gateway.cpuSeconds();
        double jitBefore = gateway.threadCpuSeconds(JIT);
        double gcBefore = gateway.threadCpuSeconds(GC);
        Instant due = Instant.now();
        try (PreparedStatement s = c.prepareStatement("update sync_check set next_check_at = ?")) {
            s.setObject(1, OffsetDateTime.ofInstant(due, ZoneOffset.UTC));
            if (s.executeUpdate() != total) {
                throw new IllegalStateException("expected " + total + " schedules");
            }
        }
        Instant limit = due.plusSeconds(300);
        while (checkedSince(c, due) < total) {
            if (Instant.now().isAfter(limit)) {
                throw new IllegalStateException("only " + checkedSince(c, due) + " of " + total
                                                        + " checks recorded as unchanged in 300 s");
            }
            Thread.sleep(100);
        }
        double cpu = gateway.cpuSeconds() - cpuBefore;
        double jit = gateway.threadCpuSeconds(JIT) - jitBefore;
        double gc = gateway.threadCpuSeconds(GC) - gcBefore;
        double backend = db.backendCpuSeconds() - backendBefore;
        double requests = requests(base) - requestsBefore;
        try (PreparedStatement s = c.prepareStatement("select min(checked_at), max(checked_at) from sync_check"
                                                              + " where checked_at >= ?")) {
            s.setObject(1, OffsetDateTime.ofInstant(due, ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Instant firstResult = rs.getObject(1, OffsetDateTime.class).toInstant();
                Instant lastResult = rs.getObject(2, OffsetDateTime.class).toInstant();
                return new Cycle(java.time.Duration.between(firstResult, lastResult).toNanos() / 1e9,
                                 java.time.Duration.between(due, lastResult).toNanos() / 1e9, cpu, requests, backend, jit,
                                 gc);
            }
        }
    }

    private static long checkedSince(Connection c, Instant since) throws Exception {
        try (PreparedStatement s = c.prepareStatement("select count(*) from sync_check where checked_at >= ?")) {
            s.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits until the sync-checks processor has planned every repository's next check. */
    private void awaitSchedule(Connection c) throws Exception {
        while (SyncCheckDatabase.count(c, "select count(*) from sync_check where next_check_at is not null") < total) {
            Thread.sleep(100);
        }
    }

    /**
     * Waits, up to two minutes, until the gateway is idle after the first syncs (below 0.1 CPU s/s over 5 s: on the
     * embedded H2 its housekeeping compacts the file for a while after a burst of writes); returns the last rate.
     */
    private static double settle(Gateway gateway) throws Exception {
        long t0 = System.nanoTime();
        double rate = idleCpu(gateway, 5);
        while (rate >= 0.1 && System.nanoTime() - t0 < 120e9) {
            rate = idleCpu(gateway, 5);
        }
        System.out.printf(Locale.ROOT, "- idle after the first syncs: %.3f CPU s/s, %.0f s after they ended%n", rate,
                          (System.nanoTime() - t0) / 1e9);
        return rate;
    }

    /** The idle gateway's CPU seconds per second, over a few seconds. */
    private static double idleCpu(Gateway gateway, int seconds) throws Exception {
        double before = gateway.cpuSeconds();
        Thread.sleep(seconds * 1000L);
        return (gateway.cpuSeconds() - before) / seconds;
    }

    /** What runs between two cycles of a storage series. */
    private enum Between {
        /** nothing: the cycles back to back */
        NOTHING,
        /** a plain VACUUM, as autovacuum runs (every minute by default) within the hour between two real cycles */
        VACUUM
    }

    /**
     * Table growth over 10 unchanged cycles: bytes per check, events and audit entries per cycle, and what that makes
     * a day at 1,000 and 100,000 repositories on a 1 h interval. The series starts after a plain VACUUM, which leaves
     * the free space of the cycles before it for the series to reuse; compact: after a VACUUM FULL, which rewrites
     * every table and index without free space, so that the series shows what the checks take from a compact start
     * (PostgreSQL only).
     */
    private void storage(Connection c, SyncCheckDatabase db, Gateway gateway, String base, Between between,
                         boolean compact) throws Exception {
        int cycles = 10;
        boolean vacuumed = between == Between.VACUUM;
        if (compact) {
            db.vacuumFull(c);
        } else {
            db.vacuum(c);
        }
        SyncCheckDatabase.Sizes before = db.sizes(c);
        java.util.Map<String, Long> relationsBefore = db.relations(c);
        for (int i = 0; i < cycles; i++) {
            cycle(c, gateway, base);
            if (vacuumed) {
                db.vacuum(c);
            }
        }
        SyncCheckDatabase.Sizes after = db.sizes(c);
        long checks = (long) cycles * total;
        double perCheck = (after.allBytes() - before.allBytes()) / (double) checks;
        double events = (after.events() - before.events()) / (double) cycles;
        double audit = (after.auditEntries() - before.auditEntries()) / (double) cycles;
        String how = db.isPostgres() ? (vacuumed ? "PostgreSQL, a plain VACUUM after each cycle as autovacuum within the"
                + " hour" : "PostgreSQL, no vacuum between the cycles, starting " + (compact ? "compact (VACUUM FULL)"
                : "after a plain VACUUM")) : "H2 data file";
        System.out.printf(Locale.ROOT, "- storage over %d unchanged cycles of %d (%s): all tables %+,d B = %.1f B per check"
                                  + " (floor ≤ 200 B); %.1f events and %.1f audit entries per cycle%n", cycles, total, how,
                          after.allBytes() - before.allBytes(), perCheck, events, audit);
        java.util.Map<String, Long> relationsAfter = db.relations(c);
        String grown = relationsAfter.entrySet().stream()
                                     .map(e -> java.util.Map.entry(e.getKey(), e.getValue()
                                             - relationsBefore.getOrDefault(e.getKey(), 0L)))
                                     .filter(e -> e.getValue() != 0)
                                     .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                                     .limit(12)
                                     .map(e -> String.format(Locale.ROOT, "%s %+.1f", e.getKey(),
                                                             e.getValue() / (double) checks))
                                     .collect(java.util.stream.Collectors.joining(", "));
        if (!grown.isEmpty()) {
            System.out.printf(Locale.ROOT, "  - B per check by relation (heap, index or TOAST): %s%n", grown);
        }
        if (db.isPostgres()) {
            double eventBytes = (after.eventBytes() - before.eventBytes()) / (double) checks;
            double auditBytes = (after.auditBytes() - before.auditBytes()) / (double) checks;
            for (int repositories : new int[]{1_000, 100_000}) {
                long perDay = 24L * repositories;
                System.out.printf(Locale.ROOT, "  - projected per day at %,d repositories, 1 h interval (%,d unchanged checks):"
                                          + " event store %s, audit log %s (%,.0f entries), all tables %s%n", repositories,
                                  perDay, size(eventBytes * perDay), size(auditBytes * perDay), audit / total * perDay,
                                  size(perCheck * perDay));
            }
        }
    }

    /** The index of the median of three values. */
    private static int median(double[] three) {
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> three[i]));
        return order[1];
    }

    private static String size(double bytes) {
        double b = Math.max(0, bytes);
        return b >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", b / 1e9)
                : b >= 1e6 ? String.format(Locale.ROOT, "%.1f MB", b / 1e6)
                : b >= 1e3 ? String.format(Locale.ROOT, "%.1f kB", b / 1e3) : String.format(Locale.ROOT, "%.0f B", b);
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
