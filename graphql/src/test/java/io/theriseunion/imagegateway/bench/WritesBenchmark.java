package io.theriseunion.imagegateway.bench;

import io.theriseunion.imagegateway.support.TcpRelay;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Writes (issue 14): one client in sequence over GraphQL HTTP, each answer read-your-writes, as the console sends
 * them: {@code addRepository}, {@code editRepositoryMetadata} and {@code triggerSync}, p50 and p99 beside two floors
 * measured in the same run: a point query ({@code repository(namespace:, name:)}) and a raw JDBC insert and commit of
 * the same bytes the write stores as events, on a database like the gateway's (an H2 file with the gateway's URL
 * options, or a table in the same PostgreSQL database). Then the bulk add: {@code --repositories} through
 * {@code addRepositories} in batches of 500 from one client, each with its first sync requested, beside a raw JDBC
 * batch insert of the same bytes, 500 rows per commit, and its whole life until every first sync has ended: the
 * gateway's CPU per repository, with and without the JIT compiler's threads and by thread, and its write calls and
 * bytes per repository (the embedded H2 writes each commit's chunk in about one call). And {@code addRegistry}
 * ({@code --registry-calls}, 60), a source with a password: its command joins the transaction that stores the
 * encrypted credentials.
 * <p>
 * Every repository's registry source is a closed loopback port, so the first syncs the adds request end at once
 * (connection refused) and their work is part of the load, as for a real catalogue whose first syncs fail.
 * <p>
 * {@code --warm-all=N} (0 by default) first runs N adds, then N edits and N triggers of other repositories, unmeasured,
 * so that every write is measured on a gateway whose compiler is done with them all (a fresh gateway's JIT takes
 * several milliseconds of CPU per add for its first few thousand: docs/benchmarks.md, session 38); by default the adds
 * are measured from the gateway's first writes on, after their own {@code --warmup}.
 * {@code bash scripts/benchmark.sh writes [--calls=300] [--warmup=100] [--warm-all=0] [--repositories=20000]
 * [--postgres-url=jdbc:postgresql://… --postgres-user=… --postgres-password=…]}
 */
public final class WritesBenchmark {

    private static final String ADD = "mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name version } }";
    private static final String EDIT = "mutation($in: EditRepositoryMetadataInput!) {"
            + " editRepositoryMetadata(input: $in) { name version description } }";
    private static final String TRIGGER = "mutation($ns: String!, $n: String!) { triggerSync(namespace: $ns, name: $n)"
            + " { id status } }";
    /** a registry source with its (encrypted) credentials: its command runs inside the gateway's own transaction */
    private static final String ADD_REGISTRY = "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }";
    private static final String POINT = "query($ns: String!, $n: String!) { repository(namespace: $ns, name: $n)"
            + " { name version } }";

    /** the group commit's summary of commands per commit (sync runs' starts and results) */
    private static final String GROUPS = "gateway.commands.group.size";
    /**
     * the JIT compiler's threads ("C1 CompilerThre", "C2 CompilerThre") as {@link Gateway#threadCpuByName} folds their
     * names: still compiling a fresh gateway's code for minutes (docs/benchmarks.md)
     */
    private static final String COMPILER = "CN CompilerThre";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int calls;
    private final int warmup;
    /** unmeasured rounds of every write before any is measured */
    private final int warmAll;
    /** addRegistry calls measured (after a tenth as many warm-up calls): fewer, as each took about a second once */
    private final int registryCalls;
    private final int bulk;
    private final Path jar;
    private final String postgresUrl;
    private final String postgresUser;
    private final String postgresPassword;

    private WritesBenchmark(Map<String, String> a) {
        calls = Integer.parseInt(a.getOrDefault("calls", "300"));
        warmup = Integer.parseInt(a.getOrDefault("warmup", "100"));
        warmAll = Integer.parseInt(a.getOrDefault("warm-all", "0"));
        bulk = Integer.parseInt(a.getOrDefault("repositories", "20000"));
        registryCalls = Integer.parseInt(a.getOrDefault("registry-calls", "60"));
        jar = Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar"));
        postgresUrl = a.get("postgres-url");
        postgresUser = a.getOrDefault("postgres-user", "postgres");
        postgresPassword = a.getOrDefault("postgres-password", "");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Gateway.jvmOptions = a.getOrDefault("jvm-opts", "");
        new WritesBenchmark(a).run();
    }

    private void run() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Path data = Files.createTempDirectory("writes-bench");
        int port = TcpRelay.closedPort();
        int down = TcpRelay.closedPort();
        String base = "http://127.0.0.1:" + port;
        List<String> args = new ArrayList<>();
        if (postgresUrl != null) {
            args.addAll(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + postgresUrl,
                                "--spring.datasource.username=" + postgresUser,
                                "--spring.datasource.password=" + postgresPassword,
                                "--gateway.credentials.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
        }
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        double bulkSeconds;
        double bulkCommits;
        double bulkRunCommands;
        boolean grouped;
        Gateway gateway = Gateway.start(jar, data, port, args.toArray(String[]::new));
        double cpuBefore;
        double cpuAfter;
        // the bulk's whole life, its first syncs included: CPU, by thread, the writes; and its first syncs not ended
        double lifeSeconds;
        double lifeCpu;
        long[] lifeWrites;
        Map<String, Double> lifeThreads;
        double runsNotEnded;
        try {
            gateway.awaitReady(http, base);
            Gateway.graphQl(http, base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                            Map.of("in", Map.of("namespace", "bench", "name", "down",
                                                "url", "http://127.0.0.1:" + down, "insecure", true)));
            // the warm-up of every write: adds, then (their first syncs ended) edits and triggers, each run ended
            for (int i = 0; i < warmAll; i++) {
                Gateway.graphQl(http, base, ADD, Map.of("in", add("warm", i)));
            }
            awaitRuns(base, warmAll);
            for (int i = 0; i < warmAll; i++) {
                Gateway.graphQl(http, base, EDIT, Map.of("in", Map.of("namespace", "bench", "name", name("warm", i),
                                                                      "description", "warm " + i)));
            }
            for (int i = 0; i < warmAll; i++) {
                Gateway.graphQl(http, base, TRIGGER, Map.of("ns", "bench", "n", name("warm", i)));
            }
            awaitRuns(base, 2.0 * warmAll);
            int singles = warmup + calls;
            latencies.put("addRepository", measure(i -> Gateway.graphQl(http, base, ADD, Map.of("in", add("one", i)))));
            // the first syncs of those adds end at once (refused); a triggerSync meanwhile would join an open run
            awaitRuns(base, 2.0 * warmAll + singles);
            latencies.put("editRepositoryMetadata", measure(i -> Gateway.graphQl(http, base, EDIT, Map.of("in", Map.of(
                    "namespace", "bench", "name", name("one", i),
                    "description", "edited " + ThreadLocalRandom.current().nextLong())))));
            latencies.put("triggerSync", measure(i -> Gateway.graphQl(http, base, TRIGGER,
                                                                       Map.of("ns", "bench", "n", name("one", i)))));
            latencies.put("addRegistry", LatencyRecorder.measure(1, registryCalls, registryCalls / 10, (t, i) ->
                    Gateway.graphQl(http, base, ADD_REGISTRY, Map.of("in", Map.of(
                            "namespace", "bench", "name", String.format("source-%06d", registryCounter++),
                            "url", "http://127.0.0.1:" + down, "insecure", true,
                            "username", "bench", "password", "secret-" + i)))));
            latencies.put("point query (floor)", measure(i -> Gateway.graphQl(http, base, POINT,
                                                                               Map.of("ns", "bench", "n", name("one", i)))));
            double[] groupsBefore = {Gateway.metric(http, base, GROUPS, "COUNT"), Gateway.metric(http, base, GROUPS, "TOTAL")};
            double runsBefore = Gateway.metric(http, base, "gateway.sync.outcomes");
            cpuBefore = gateway.cpuSeconds();
            long[] writesBefore = gateway.writes();
            Map<String, Double> threadsBefore = gateway.threadCpuByName();
            long t0 = System.nanoTime();
            for (int from = 0; from < bulk; from += 500) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = from; i < Math.min(bulk, from + 500); i++) {
                    items.add(add("bulk", i));
                }
                int added = Gateway.graphQl(http, base, "mutation($in: [AddRepositoryInput!]!) {"
                        + " addRepositories(input: $in) { succeeded } }", Map.of("in", items))
                                   .path("data").path("addRepositories").path("succeeded").asInt();
                if (added != items.size()) {
                    throw new IllegalStateException("only " + added + " of " + items.size() + " repositories added");
                }
            }
            bulkSeconds = (System.nanoTime() - t0) / 1e9;
            cpuAfter = gateway.cpuSeconds();
            // the bulk's first syncs go on after its last batch: how their starts and results were committed
            while (Gateway.metric(http, base, "gateway.sync.outcomes") < runsBefore + bulk
                    && System.nanoTime() - t0 < 600_000_000_000L) {
                Thread.sleep(200);
            }
            lifeSeconds = (System.nanoTime() - t0) / 1e9;
            lifeCpu = gateway.cpuSeconds() - cpuBefore;
            runsNotEnded = runsBefore + bulk - Gateway.metric(http, base, "gateway.sync.outcomes");
            long[] writesAfter = gateway.writes();
            lifeWrites = new long[]{writesAfter[0] - writesBefore[0], writesAfter[1] - writesBefore[1]};
            lifeThreads = gateway.threadCpuByName();
            threadsBefore.forEach((name, before) -> lifeThreads.merge(name, -before, Double::sum));
            grouped = Gateway.hasMetric(http, base, GROUPS);
            bulkCommits = Gateway.metric(http, base, GROUPS, "COUNT") - groupsBefore[0];
            bulkRunCommands = Gateway.metric(http, base, GROUPS, "TOTAL") - groupsBefore[1];
        } finally {
            gateway.stop();
        }
        Map<String, Long> bytes = storedBytes(data);
        Floor floor = postgresUrl != null ? new Floor(postgresUrl, postgresUser, postgresPassword)
                : new Floor("jdbc:h2:file:" + data.resolve("floor") + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536;"
                                    + "WRITE_DELAY=0", "sa", "");
        long addBytes = bytes.getOrDefault("RepositoryAddedEvent", 0L) + bytes.getOrDefault("SyncRequestedEvent", 0L);
        Histogram addFloor;
        Histogram editFloor;
        Histogram triggerFloor;
        Histogram registryFloor;
        double bulkFloor;
        try (floor) {
            addFloor = floor.commits(addBytes);
            editFloor = floor.commits(bytes.getOrDefault("RepositoryMetadataEditedEvent", 0L));
            triggerFloor = floor.commits(bytes.getOrDefault("SyncRequestedEvent", 0L));
            registryFloor = floor.commits(bytes.getOrDefault("RegistrySourceAddedEvent", 0L));
            bulkFloor = floor.batches(addBytes, bulk);
        }
        Map<String, Histogram> floors = Map.of("addRepository", addFloor, "editRepositoryMetadata", editFloor,
                                               "triggerSync", triggerFloor, "addRegistry", registryFloor);

        System.out.println();
        System.out.println("Writes benchmark, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                                   + " cores, " + (postgresUrl == null ? "embedded H2" : "PostgreSQL") + ", one client,"
                                   + " " + calls + " calls each after " + warmup + " warm-up calls"
                                   + (warmAll > 0 ? " and " + warmAll + " unmeasured adds, edits and triggers before"
                                                    + " any" : "") + "; load average before"
                                   + " the run: " + load + ", after: " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println();
        System.out.println("| mutation (one client, read-your-writes) | p50 | p99 | JDBC insert+commit of its bytes"
                                   + " p50 / p99 (floor) | point query p50 / p99 (floor) |");
        System.out.println("|---|---|---|---|---|");
        Histogram point = latencies.get("point query (floor)");
        for (String mutation : List.of("addRepository", "editRepositoryMetadata", "triggerSync", "addRegistry")) {
            Histogram h = latencies.get(mutation);
            Histogram f = floors.get(mutation);
            System.out.printf(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.2f / %.2f ms | %.2f / %.2f ms |%n", mutation,
                              ms(h, 50), ms(h, 99), ms(f, 50), ms(f, 99), ms(point, 50), ms(point, 99));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Bytes stored per write (events' payload + metadata): add %d, edit %d, trigger"
                                  + " %d.%n", addBytes, bytes.getOrDefault("RepositoryMetadataEditedEvent", 0L),
                          bytes.getOrDefault("SyncRequestedEvent", 0L));
        System.out.printf(Locale.ROOT, "Bulk add: %,d repositories in batches of 500 in %.1f s = %,.0f repositories/s"
                                  + " (gateway CPU %.1f s, %.2f ms per repository); floor, a JDBC batch insert of the"
                                  + " same bytes, 500 rows per commit: %,.0f rows/s.%n", bulk, bulkSeconds,
                          bulk / bulkSeconds, cpuAfter - cpuBefore, (cpuAfter - cpuBefore) * 1000 / bulk, bulkFloor);
        System.out.printf(Locale.ROOT, "The bulk's whole life, %s (%.1f s after its first batch): gateway CPU %.1f s,"
                                  + " %.2f ms per repository (%.2f ms without the JIT compiler's threads); %.2f write"
                                  + " calls and %.1f KB written per repository (/proc/pid/io: syscw, wchar%s).%n",
                          runsNotEnded > 0 ? String.format(Locale.ROOT, "cut off with %,.0f of its first syncs not"
                                  + " ended", runsNotEnded) : "until its first syncs had ended",
                          lifeSeconds, lifeCpu, lifeCpu * 1000 / bulk,
                          (lifeCpu - lifeThreads.getOrDefault(COMPILER, 0.0)) * 1000 / bulk,
                          (double) lifeWrites[0] / bulk, lifeWrites[1] / 1024.0 / bulk,
                          postgresUrl != null ? "; the gateway's own: PostgreSQL's writes are its server's" : "");
        System.out.println("Its CPU by thread, ms per repository (the ten largest): "
                + lifeThreads.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() * 1000 / bulk))
                .collect(java.util.stream.Collectors.joining(", ")) + ".");
        if (grouped && bulkRunCommands > 0) {
            System.out.printf(Locale.ROOT, "The bulk's first syncs: %,.0f commands (starts and results) in %,.0f commits,"
                                      + " %.1f per commit (%s).%n", bulkRunCommands, bulkCommits,
                              bulkRunCommands / bulkCommits, GROUPS);
        } else {
            System.out.println("The bulk's first syncs: not counted (no group commit: a jar from before it, or"
                                       + " gateway.sync.group-commits off, as on PostgreSQL; one commit per command).");
        }
    }

    private int registryCounter;

    /** Waits until the gateway has ended this many sync runs (each add's first sync, each trigger's run). */
    private void awaitRuns(String base, double runs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        double ended;
        while ((ended = Gateway.metric(http, base, "gateway.sync.outcomes")) < runs) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (long) ended + " of " + (long) runs + " sync runs ended"
                        + " within 10 minutes (gateway.sync.outcomes); see the gateway's log in its data directory");
            }
            Thread.sleep(100);
        }
    }

    /** One numbered write (or read) of the sequence. */
    private interface Step {
        Object run(int i) throws Exception;
    }

    /** The client's latencies of warm-up + calls steps in sequence, numbered on (warm-up first, not recorded). */
    private Histogram measure(Step step) throws Exception {
        int[] next = {0};
        return LatencyRecorder.measure(1, calls, warmup, (thread, i) -> step.run(next[0]++));
    }

    private static Map<String, Object> add(String prefix, int i) {
        return new HashMap<>(Map.of("namespace", "bench", "name", name(prefix, i),
                                    "registry", Map.of("namespace", "bench", "name", "down"),
                                    "repository", "bench/app-" + i, "tag", "v1", "syncInterval", "720h"));
    }

    private static String name(String prefix, int i) {
        return String.format("%s-%06d", prefix, i);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Average payload + metadata bytes of each stored event type, read from the gateway's store once it stopped. */
    private Map<String, Long> storedBytes(Path data) throws Exception {
        String url = postgresUrl != null ? postgresUrl
                : "jdbc:h2:file:" + data.resolve("gateway") + ";DB_CLOSE_ON_EXIT=FALSE";
        Map<String, Long> bytes = new HashMap<>();
        try (Connection c = postgresUrl != null ? DriverManager.getConnection(url, postgresUser, postgresPassword)
                : DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(postgresUrl != null
                     ? "select payloadtype, avg(octet_length(payload) + coalesce(octet_length(metadata), 0))"
                       + " from domainevententry group by payloadtype"
                     : "select payloadType, avg(octet_length(payload) + coalesce(octet_length(metaData), 0))"
                       + " from DomainEventEntry group by payloadType")) {
            while (rs.next()) {
                String type = rs.getString(1);
                bytes.put(type.substring(type.lastIndexOf('.') + 1), Math.round(rs.getDouble(2)));
            }
        }
        return bytes;
    }

    /** Raw JDBC writes of given sizes, each committed: what a durable write costs the database alone. */
    private final class Floor implements AutoCloseable {

        private final Connection connection;

        Floor(String url, String user, String password) throws Exception {
            connection = DriverManager.getConnection(url, user, password);
            try (Statement s = connection.createStatement()) {
                s.execute("drop table if exists bench_floor");
                s.execute("create table bench_floor (id bigint primary key, payload "
                                  + (postgresUrl != null ? "bytea" : "varbinary(1000000)") + ")");
            }
            connection.setAutoCommit(false);
        }

        private long id;

        Histogram commits(long size) throws Exception {
            byte[] row = new byte[(int) size];
            ThreadLocalRandom.current().nextBytes(row);
            try (PreparedStatement insert = connection.prepareStatement("insert into bench_floor values (?, ?)")) {
                return LatencyRecorder.measure(1, calls, warmup, (t, i) -> {
                    insert.setLong(1, id++);
                    insert.setBytes(2, row);
                    insert.executeUpdate();
                    connection.commit();
                });
            }
        }

        /** Rows per second, in batches of 500 rows per commit. */
        double batches(long size, int rows) throws Exception {
            byte[] row = new byte[(int) size];
            ThreadLocalRandom.current().nextBytes(row);
            long t0 = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("insert into bench_floor values (?, ?)")) {
                for (int from = 0; from < rows; from += 500) {
                    for (int i = from; i < Math.min(rows, from + 500); i++) {
                        insert.setLong(1, id++);
                        insert.setBytes(2, row);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                }
            }
            return rows / ((System.nanoTime() - t0) / 1e9);
        }

        @Override
        public void close() throws Exception {
            try (Statement s = connection.createStatement()) {
                s.execute("drop table bench_floor");
            }
            connection.commit();
            connection.close();
        }
    }
}
