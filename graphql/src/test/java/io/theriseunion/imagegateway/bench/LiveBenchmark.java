package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live and audit benchmark (issue: subscriptions, audit log): 1,000 WebSocket subscribers of
 * {@code syncStatusChanged} on one gateway while 100 sync results a second are recorded — event-to-client
 * latency, heap per idle subscriber, CPU — then {@code auditLog} queries over 1,000,000 entries beside the same
 * SQL through JDBC. Run it with {@code bash scripts/benchmark.sh live}.
 */
public final class LiveBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPOSITORIES = 200;

    private final HttpClient http = HttpClient.newHttpClient();
    private final int subscribers;
    private final int rate;
    private final int seconds;
    private final int auditEntries;
    private final Path jar;
    private final boolean histogram;

    private LiveBenchmark(Map<String, String> a) {
        subscribers = Integer.parseInt(a.getOrDefault("subscribers", "1000"));
        rate = Integer.parseInt(a.getOrDefault("rate", "100"));
        seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
        auditEntries = Integer.parseInt(a.getOrDefault("audit-entries", "1000000"));
        jar = Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar"));
        histogram = a.containsKey("histogram");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Gateway.jvmOptions = a.getOrDefault("jvm-opts", "");
        new LiveBenchmark(a).run();
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("live-bench");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        // every client authenticates as the one admin: lift the per-caller and overall connection limits above them
        Gateway gateway = Gateway.start(jar, data, port, "--gateway.sync.concurrency=16",
                                        "--gateway.live.max-connections-per-caller=" + (subscribers + 10),
                                        "--gateway.live.max-connections=" + (subscribers + 10));
        try {
            gateway.awaitReady(http, base);
            live(gateway, base, port);
        } finally {
            gateway.stop();
        }
        if (auditEntries > 0) {
            audit(data, port, base);
        }
        System.out.println();
        System.out.println("Live and audit benchmark, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                                   + " cores");
    }

    private void live(Gateway gateway, String base, int port) throws Exception {
        int closed = freePort(); // nothing listens: every sync fails at once with NETWORK, as a result still
        graphQl(base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                Map.of("in", Map.of("namespace", "bench", "name", "gone", "url", "http://127.0.0.1:" + closed,
                                    "insecure", true, "concurrencyLimit", 16)));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < REPOSITORIES; i++) {
            items.add(Map.of("namespace", team(i), "name", String.format("app-%03d", i),
                             "registry", Map.of("namespace", "bench", "name", "gone"),
                             "repository", "bench/app", "tag", "v" + i, "syncInterval", "720h", "retryCount", 0));
        }
        graphQl(base, "mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { failed } }", Map.of("in", items));
        Thread.sleep(3000);
        long heapBefore = gateway.heapAfterGc(http, base);

        Histogram latency = new Histogram(60_000_000L, 3);
        AtomicLong delivered = new AtomicLong();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        HttpClient sockets = HttpClient.newHttpClient();
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            open.add(sockets.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"),
                                        new Subscriber(team(i), latency, delivered, acknowledged, measureFrom))
                            .get(30, TimeUnit.SECONDS));
        }
        long subscribing = System.nanoTime();
        while ((acknowledged.get() < subscribers || metric(base, "gateway.live.subscribers") < subscribers)
                && System.nanoTime() - subscribing < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(100);
        }
        System.out.printf(Locale.ROOT, "- %d of %d subscribers acknowledged, %.0f subscriptions open on the gateway%n",
                          acknowledged.get(), subscribers, metric(base, "gateway.live.subscribers"));
        long heapSubscribed = gateway.heapAfterGc(http, base);
        if (histogram) {
            Process p = new ProcessBuilder("jcmd", Long.toString(gateway.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            new String(p.getInputStream().readAllBytes()).lines().limit(25).forEach(System.out::println);
        }
        System.out.printf(Locale.ROOT, "- %d idle subscribers: heap %.1f MB → %.1f MB after a full GC = %.1f KB per subscriber%n",
                          subscribers, heapBefore / 1e6, heapSubscribed / 1e6,
                          (heapSubscribed - heapBefore) / 1024.0 / subscribers);

        ScheduledExecutorService load = Executors.newScheduledThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger triggered = new AtomicInteger();
        long periodMicros = 1_000_000L / rate;
        java.util.concurrent.ExecutorService callers = Executors.newFixedThreadPool(16);
        // the clock only hands out triggers: each call runs on its own thread, so slow answers do not lower the rate
        load.scheduleAtFixedRate(() -> callers.submit(() -> {
            int i = next.getAndIncrement() % REPOSITORIES;
            try {
                graphQl(base, "mutation($ns: String!, $n: String!) { triggerSync(namespace: $ns, name: $n) { id } }",
                        Map.of("ns", team(i), "n", String.format("app-%03d", i)));
                triggered.incrementAndGet();
            } catch (Exception e) {
                System.err.println("trigger failed: " + e.getMessage());
            }
        }), 0, periodMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(5_000); // warm-up, not recorded
        long deliveredAtStart = delivered.get();
        int triggeredAtStart = triggered.get();
        measureFrom.set(System.currentTimeMillis());
        double cpuSum = 0;
        int cpuSamples = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < seconds; s++) {
            Thread.sleep(1000);
            cpuSum += metric(base, "process.cpu.usage");
            cpuSamples++;
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        load.shutdownNow();
        callers.shutdownNow();
        long deliveries = delivered.get() - deliveredAtStart;
        System.out.printf(Locale.ROOT, "- triggers answered during the measurement: %.0f/s%n",
                          (triggered.get() - triggeredAtStart) / elapsed);
        System.out.printf(Locale.ROOT, "- %d subscribers (each watching one of 100 namespaces), %d triggered syncs/s (each:"
                                  + " SYNCING then FAILED): %,d deliveries"
                                  + " in %.0f s = %,.0f/s; event-to-client latency p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                                  + " gateway CPU %.0f%% of the machine%n",
                          subscribers, rate, deliveries, elapsed, deliveries / elapsed,
                          latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                          latency.getMaxValue() / 1000.0, 100 * cpuSum / cpuSamples);
        for (WebSocket s : open) {
            s.abort();
        }
    }

    /** A graphql-transport-ws client subscribed to every status change; records now − the event's time. */
    private static final class Subscriber implements WebSocket.Listener {

        private final Histogram latency;
        private final AtomicLong delivered;
        private final AtomicInteger acknowledged;
        private final AtomicLong measureFrom;
        private final StringBuilder frame = new StringBuilder();
        private final String namespace;

        Subscriber(String namespace, Histogram latency, AtomicLong delivered, AtomicInteger acknowledged, AtomicLong measureFrom) {
            this.namespace = namespace;
            this.latency = latency;
            this.delivered = delivered;
            this.acknowledged = acknowledged;
            this.measureFrom = measureFrom;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer "
                                    + Gateway.ADMIN_TOKEN + "\"}}", true);
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            System.err.println("WebSocket closed by the gateway: " + status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            System.err.println("WebSocket failed: " + error);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                String text = frame.toString();
                frame.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    switch (message.path("type").asText()) {
                        case "connection_ack" -> {
                            socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                                                    + "\"subscription { syncStatusChanged(namespace: \\\"" + namespace
                                                    + "\\\") { namespace name syncStatus at } }\"}}", true);
                            acknowledged.incrementAndGet();
                        }
                        case "next" -> {
                            delivered.incrementAndGet();
                            long at = Instant.parse(message.path("payload").path("data").path("syncStatusChanged")
                                                           .path("at").asText()).toEpochMilli();
                            if (at >= measureFrom.get()) {
                                synchronized (latency) {
                                    latency.recordValue(Math.max(1, (now - at) * 1000));
                                }
                            }
                        }
                        case "ping" -> socket.sendText("{\"type\":\"pong\"}", true);
                        case "error", "complete" -> System.err.println("subscription ended: " + text);
                        default -> {
                        }
                    }
                } catch (Exception e) {
                    System.err.println("bad frame: " + text);
                }
            }
            socket.request(1);
            return null;
        }
    }

    /** auditLog over 1,000,000 entries: GraphQL p50/p99 beside the same SQL through JDBC (the floor). */
    private void audit(Path data, int port, String base) throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("gateway") + ";CACHE_SIZE=65536";
        long existing;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            existing = count(c);
            fill(c, auditEntries - existing);
            System.out.printf(Locale.ROOT, "- audit log: %,d entries%n", count(c));
        }
        // each call asks for another namespace, actor or repository, so that no result cache answers it
        Map<String, java.util.function.IntFunction<Object[]>> shapes = new LinkedHashMap<>();
        shapes.put("newest first, no filter", i -> new Object[]{"{}", "1 = 1"});
        shapes.put("one namespace", i -> new Object[]{"{\"namespace\": \"" + ns(i) + "\"}", "namespace = ?", ns(i)});
        shapes.put("one actor", i -> new Object[]{"{\"actor\": \"" + actor(i) + "\"}", "actor = ?", actor(i)});
        shapes.put("one repository's entries", i -> new Object[]{"{\"namespace\": \"" + ns(i) + "\", \"targetKind\":"
                + " \"REPOSITORY\", \"targetName\": \"" + app(i) + "\"}",
                "target_kind = 'REPOSITORY' and namespace = ? and target_name = ?", ns(i), app(i)});
        Map<String, Histogram> floors = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (Map.Entry<String, java.util.function.IntFunction<Object[]>> shape : shapes.entrySet()) {
                floors.put(shape.getKey(), LatencyRecorder.measure(1, 500, 100, (t, i) -> {
                    Object[] q = shape.getValue().apply(i);
                    // the same SQL the gateway sends (AuditLogQueries), the fixed columns named in the ORDER BY
                    String sql = "select position, id, at, actor, action, target_kind, target_id, namespace, target_name,"
                            + " details, correlation_id, client_address, user_agent from audit_entry where " + q[1]
                            + " order by " + fixedColumns((String) q[1]) + "position desc fetch first 51 rows only";
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        for (int p = 2; p < q.length; p++) {
                            s.setObject(p - 1, q[p]);
                        }
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                rs.getString(10);
                            }
                        }
                    }
                }));
            }
        }
        Gateway gateway = Gateway.start(jar, data, port);
        try {
            gateway.awaitReady(http, base);
            for (Map.Entry<String, java.util.function.IntFunction<Object[]>> shape : shapes.entrySet()) {
                String query = "query($f: AuditLogFilter) { auditLog(filter: $f, first: 50) { edges { node { id at actor"
                        + " action targetKind targetId namespace targetName details correlationId } } pageInfo { endCursor } } }";
                Histogram h = LatencyRecorder.measure(1, 500, 200, (t, i) -> graphQl(
                        base, query, Map.of("f", JSON.readValue((String) shape.getValue().apply(i)[0], Map.class))));
                Histogram floor = floors.get(shape.getKey());
                System.out.printf(Locale.ROOT, "- auditLog %s (first: 50): p50 %.2f ms, p99 %.2f ms; SQL floor p50 %.2f ms,"
                                          + " p99 %.2f ms; p50 ratio %.1f×%n", shape.getKey(),
                                  h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                                  floor.getValueAtPercentile(50) / 1000.0, floor.getValueAtPercentile(99) / 1000.0,
                                  (double) h.getValueAtPercentile(50) / floor.getValueAtPercentile(50));
            }
        } finally {
            gateway.stop();
        }
    }

    /** Subscribers and repositories are spread over 100 team namespaces: each event goes to 10 subscribers. */
    private static String team(int i) {
        return String.format("team-%02d", i % 100);
    }

    /** The columns a condition fixes by equality, as the gateway names them before position in its ORDER BY. */
    private static String fixedColumns(String condition) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z_]+) = ").matcher(condition);
        StringBuilder columns = new StringBuilder();
        while (m.find()) {
            columns.append(m.group(1)).append(", ");
        }
        return columns.toString();
    }

    private static String ns(int i) {
        return String.format("ns-%03d", i % 100);
    }

    private static String actor(int i) {
        return String.format("user-%02d", i % 20);
    }

    private static String app(int i) {
        // the repositories of namespace ns(i): app numbers ≡ i (mod 100)
        return String.format("app-%04d", (i * 37 % 100) * 100 + i % 100);
    }

    private static long count(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement("select count(*) from audit_entry"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Entries over 100 namespaces, 20 actors and 10,000 repositories, one a second, as a long history leaves them. */
    private static void fill(Connection c, long n) throws Exception {
        String[] actions = {"repository.added", "repository.metadata.edited", "repository.sync.requested",
                "repository.sync.started", "repository.sync.succeeded", "repository.sync.failed", "repository.deleted"};
        c.setAutoCommit(false);
        OffsetDateTime start = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        try (PreparedStatement insert = c.prepareStatement(
                "insert into audit_entry (position, id, at, actor, action, target_kind, target_id, namespace,"
                        + " target_name, details, correlation_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (long i = 0; i < n; i++) {
                int repository = (int) (i % 10_000);
                insert.setLong(1, 1_000_000_000L + i);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setObject(3, start.plusSeconds(i));
                insert.setString(4, String.format("user-%02d", i % 20));
                insert.setString(5, actions[(int) (i % actions.length)]);
                insert.setString(6, "REPOSITORY");
                insert.setString(7, "repo-" + repository);
                insert.setString(8, String.format("ns-%03d", repository % 100));
                insert.setString(9, String.format("app-%04d", repository));
                insert.setString(10, "{\"runId\":\"" + UUID.randomUUID() + "\",\"trigger\":\"SCHEDULED\"}");
                insert.setString(11, "c-" + i);
                insert.addBatch();
                if (i % 10_000 == 9_999) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private double metric(String base, String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + name)).header("Authorization", "Bearer " + Gateway.ADMIN_TOKEN).build(),
                                           HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 404 ? 0 : JSON.readTree(r.body()).path("measurements").get(0).path("value").asDouble();
    }

    private JsonNode graphQl(String base, String query, Map<String, Object> variables) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Authorization", "Bearer " + Gateway.ADMIN_TOKEN)
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

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
