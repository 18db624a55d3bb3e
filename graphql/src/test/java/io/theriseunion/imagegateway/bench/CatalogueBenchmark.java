package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.OrderDirection;
import io.theriseunion.imagegateway.projections.repository.OrderedCursor;
import io.theriseunion.imagegateway.projections.repository.RepositoryOrder;
import io.theriseunion.imagegateway.projections.repository.RepositoryOrderField;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The catalogue benchmark (issue: 100,000 repositories over 100 namespaces). Starts the gateway jar as its own
 * process on a fresh embedded H2 database, loads it through {@code addRepositories}, measures list queries
 * over HTTP with 16 clients, then stops the gateway and runs the same SQL through JDBC on the same database
 * file as the floor. Prints a Markdown report. Run it with {@code bash scripts/benchmark.sh}. Besides the default
 * (namespace, name) order it measures each {@code orderBy} (a first page ascending and a deep page descending) and
 * {@code statusCounts}. The load's repositories never sync (their source is a closed port), so after the load the
 * benchmark stops the gateway and gives the read model the spread of a gateway in use, by SQL on its file: 85%
 * synced (SUCCESS, last synced over the past day), 8% FAILED (half of them synced before), 5% PENDING, 2% SYNCING;
 * then it starts the gateway again on that file and measures. Syncing 100,000 images for real is the sync
 * benchmark's work; here the orders and counts must meet every status and both halves of LAST_SYNCED.
 */
public final class CatalogueBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = {"nginx", "redis", "mysql", "postgres", "kafka", "envoy", "prometheus",
            "grafana", "etcd", "coredns"};
    private static final String FIELDS = "totalCount edges { cursor node { namespace name displayName image"
            + " syncStatus lastSynced version } } pageInfo { hasNextPage endCursor }";

    private final Path jar;
    private final int total;
    private final int namespaces;
    private final int batch;
    private final int loaders;
    private final int clients;
    private final int calls;
    /** Positions ~90% into each descending order, read from the loaded catalogue before measuring. */
    private Instant deepCreated;
    private Instant deepSynced;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> report = new LinkedHashMap<>() {
        @Override
        public String put(String key, String value) {
            System.out.println("- " + key + ": " + value);
            return super.put(key, value);
        }
    };

    private CatalogueBenchmark(Map<String, String> args) {
        jar = Path.of(args.getOrDefault("jar", "graphql/target/image-gateway.jar"));
        total = Integer.parseInt(args.getOrDefault("repositories", "100000"));
        namespaces = Integer.parseInt(args.getOrDefault("namespaces", "100"));
        batch = Integer.parseInt(args.getOrDefault("batch", "500"));
        loaders = Integer.parseInt(args.getOrDefault("loaders", "2"));
        clients = Integer.parseInt(args.getOrDefault("clients", "16"));
        calls = Integer.parseInt(args.getOrDefault("calls", "200"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = Gateway.options(argv);
        Gateway.jvmOptions = args.getOrDefault("jvm-opts", "");
        new CatalogueBenchmark(args).run();
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("gateway-bench");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;

        Gateway gateway = Gateway.start(jar, data, port);
        Map<String, Histogram> gatewayLatency = new LinkedHashMap<>();
        long heap;
        try {
            double coldStart = gateway.awaitReady(http, base);
            report.put("startup to ready, empty database", String.format(Locale.ROOT, "%.2f s", coldStart));
            load(base);
        } finally {
            gateway.stop();
        }
        // OPTIMIZE_REUSE_RESULTS=FALSE: H2 would otherwise answer a repeated query on an unchanged table from the
        // result it kept (0.01 ms), which the gateway's database, written by its syncs all along, never can
        String url = "jdbc:h2:file:" + data.resolve("gateway").toAbsolutePath()
                + ";CACHE_SIZE=65536;OPTIMIZE_REUSE_RESULTS=FALSE";
        spreadStatuses(url);
        Gateway measured = Gateway.start(jar, data, port);
        try {
            measured.awaitReady(http, base);
            prepareCursors(base);
            measureFixedCost(base);
            measureGateway(base, gatewayLatency);
            heap = measured.heapAfterGc(http, base);
        } finally {
            measured.stop();
        }

        Map<String, Histogram> sqlLatency = new LinkedHashMap<>();
        List<Connection> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            for (Case c : cases()) {
                ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
                    Connection connection = open(url);
                    opened.add(connection);
                    return connection;
                });
                sqlLatency.put(c.name, LatencyRecorder.measure(clients, calls, 20,
                                                               (t, i) -> c.sql(connections.get(), t, i)));
                System.out.printf(Locale.ROOT, "- SQL floor, %s: p50 %.2f ms, p99 %.2f ms%n", c.name,
                                  ms(sqlLatency.get(c.name), 50), ms(sqlLatency.get(c.name), 99));
            }
        } finally {
            for (Connection connection : opened) {
                connection.close();
            }
        }

        Gateway again = Gateway.start(jar, data, port);
        double warmStart;
        try {
            warmStart = again.awaitReady(http, base);
        } finally {
            again.stop();
        }
        report.put("startup to ready, " + total + " repositories", String.format(Locale.ROOT, "%.2f s", warmStart));
        report.put("heap used after load (after a full GC)", (heap / (1024 * 1024)) + " MB");

        print(gatewayLatency, sqlLatency);
        deleteTree(data);
    }

    /**
     * Gives the stopped gateway's read model the statuses of a gateway in use (see the class comment), by the
     * repository's number so that every namespace gets the same mix.
     */
    private void spreadStatuses(String url) throws Exception {
        String n = "mod(cast(substring(name, 5) as int), 100)";
        try (Connection c = open(url); PreparedStatement s = c.prepareStatement(
                "update repository_view set sync_status = case when " + n + " < 85 then 'SUCCESS' when " + n
                        + " < 93 then 'FAILED' when " + n + " < 98 then 'PENDING' else 'SYNCING' end");
             PreparedStatement times = c.prepareStatement(
                "update repository_sync_time set last_synced = case when " + n + " < 89 or " + n + " >= 98"
                        + " then dateadd('SECOND', -mod(cast(substring(name, 5) as int) * 7919, 86400),"
                        + " current_timestamp) end")) {
            long start = System.nanoTime();
            int updated = s.executeUpdate();
            times.executeUpdate();
            report.put("status spread written by SQL", String.format(Locale.ROOT, "%,d rows in %.1f s", updated,
                                                                     (System.nanoTime() - start) / 1e9));
        }
    }

    /** The creation instant ~90% down the CREATED DESC order (interpolated between the oldest and the newest). */
    private void prepareCursors(String base) throws Exception {
        Instant[] ends = new Instant[2];
        for (int d = 0; d < 2; d++) {
            JsonNode answer = graphQl(base, Map.of("query", "{ repositories(first: 1, orderBy: {field: CREATED, direction: "
                    + (d == 0 ? "ASC" : "DESC") + "}) { edges { node { createdAt } } } }"));
            ends[d] = Instant.parse(answer.path("data").path("repositories").path("edges").path(0).path("node")
                                          .path("createdAt").asText());
        }
        deepCreated = ends[0].plusMillis((ends[1].toEpochMilli() - ends[0].toEpochMilli()) / 10);
        for (int d = 0; d < 2; d++) {
            JsonNode answer = graphQl(base, Map.of("query", "{ repositories(first: 1, orderBy: {field: LAST_SYNCED,"
                    + " direction: " + (d == 0 ? "ASC" : "DESC") + "}) { edges { node { lastSynced } } } }"));
            ends[d] = Instant.parse(answer.path("data").path("repositories").path("edges").path(0).path("node")
                                          .path("lastSynced").asText());
        }
        deepSynced = ends[0].plusMillis((ends[1].toEpochMilli() - ends[0].toEpochMilli()) / 10);
    }

    /**
     * The gateway's own floor: a query that reads nothing ({ __typename }) over HTTP from the same clients, i.e.
     * what every request costs before any SQL (HTTP, authentication, GraphQL parsing and execution, JSON).
     */
    private void measureFixedCost(String base) throws Exception {
        Histogram fixed = LatencyRecorder.measure(clients, calls, 20, (t, i) -> graphQl(base, Map.of("query",
                                                                                                  "{ __typename }")));
        report.put("gateway fixed cost per request ({ __typename }, " + clients + " clients)",
                   String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", ms(fixed, 50), ms(fixed, 99)));
    }

    private void measureGateway(String base, Map<String, Histogram> latency) throws Exception {
        for (Case c : cases()) {
            latency.put(c.name, LatencyRecorder.measure(clients, calls, 20, (t, i) -> graphQl(base, c.query(t, i))));
            System.out.printf(Locale.ROOT, "- gateway, %s: p50 %.2f ms, p99 %.2f ms%n", c.name,
                              ms(latency.get(c.name), 50), ms(latency.get(c.name), 99));
        }
    }

    private void load(String base) throws Exception {
        for (int n = 0; n < namespaces; n++) {
            graphQl(base, Map.of("query", "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                                 "variables", Map.of("in", Map.of("namespace", namespace(n), "name", "harbor-prod",
                                                                  "url", "https://127.0.0.1:9"))));
        }
        int requests = (total + batch - 1) / batch;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(loaders);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int l = 0; l < loaders; l++) {
            work.add(pool.submit(() -> {
                for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                    List<Map<String, Object>> items = new ArrayList<>();
                    for (int i = r * batch; i < Math.min(total, (r + 1) * batch); i++) {
                        items.add(item(i));
                    }
                    JsonNode answer = graphQl(base, Map.of(
                            "query", "mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { succeeded failed } }",
                            "variables", Map.of("in", items)));
                    failed.addAndGet(answer.path("data").path("addRepositories").path("failed").asInt(items.size()));
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        report.put("bulk add through addRepositories (" + loaders + " clients, batches of " + batch + ")",
                   String.format(Locale.ROOT, "%,d repositories in %.1f s = %,.0f repositories/s (%d failed)",
                                 total, seconds, total / seconds, failed.get()));
    }

    private Map<String, Object> item(int i) {
        String word = WORDS[i % WORDS.length];
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("namespace", namespace(i % namespaces));
        item.put("name", String.format("app-%06d", i));
        item.put("displayName", word + " 服务 " + i);
        item.put("registry", Map.of("name", "harbor-prod"));
        item.put("repository", "team-" + (i % 50) + "/" + word + "-" + (i % 1000));
        item.put("tag", "v1." + (i % 20) + ".0");
        return item;
    }

    private static String namespace(int n) {
        return String.format("ns-%03d", n);
    }

    private record Case(String name, QueryFor query, SqlFor sql) {
        Map<String, Object> query(int t, int i) {
            return query.at(t, i);
        }

        void sql(Connection c, int t, int i) throws Exception {
            sql.run(c, t, i);
        }
    }

    private interface QueryFor {
        Map<String, Object> at(int thread, int call);
    }

    private interface SqlFor {
        void run(Connection c, int thread, int call) throws Exception;
    }

    private static final String COLUMNS = "v.repository_id, v.namespace, v.name, v.display_name, v.description,"
            + " v.registry_namespace, v.registry_name, v.repository, v.tag, v.sync_interval, v.sync_timeout,"
            + " v.retry_count, v.sync_status, t.last_synced, v.created_at, v.updated_at, v.version";
    /** as the gateway reads the catalogue: each row's sync times by id (the LAST_SYNCED order: the other way round) */
    private static final String VIEW = " from repository_view v left join repository_sync_time t"
            + " on t.repository_id = v.repository_id";
    private static final String SYNC_TIMES = " from repository_sync_time t left join repository_view v"
            + " on v.repository_id = t.repository_id";

    /** The four list queries, and the SQL the gateway issues for each (page of 51 rows, then the count). */
    private List<Case> cases() {
        List<Case> cases = new ArrayList<>(List.of(
                new Case("no filter, first page",
                         (t, i) -> Map.of("query", "{ repositories(first: 50) { " + FIELDS + " } }"),
                         (c, t, i) -> {
                             rows(c, "select " + COLUMNS + VIEW + " order by v.namespace, v.name limit ?", 51);
                             rows(c, "select count(*) from repository_view");
                         }),
                new Case("namespace filter",
                         (t, i) -> Map.of("query", "query($ns: String) { repositories(namespace: $ns, first: 50) { "
                                 + FIELDS + " } }", "variables", Map.of("ns", namespace((t * 31 + i) % namespaces))),
                         (c, t, i) -> {
                             String ns = namespace((t * 31 + i) % namespaces);
                             rows(c, "select " + COLUMNS + VIEW + " where v.namespace = ?"
                                     + " order by v.namespace, v.name limit ?", ns, 51);
                             rows(c, "select count(*) from repository_view where namespace = ?", ns);
                         }),
                new Case("search (substring, ~1% of rows match)",
                         (t, i) -> Map.of("query", "query($q: String) { repositories(search: $q, first: 50) { "
                                 + FIELDS + " } }", "variables", Map.of("q", search(t, i))),
                         (c, t, i) -> {
                             String like = "%" + search(t, i) + "%";
                             rows(c, "select " + COLUMNS + VIEW + " where v.search_text like ? escape '\\'"
                                     + " order by v.namespace, v.name limit ?", like, 51);
                             rows(c, "select count(*) from repository_view where search_text like ? escape '\\'", like);
                         }),
                new Case("deep page (after item ~90,000)",
                         (t, i) -> Map.of("query", "query($after: String) { repositories(first: 50, after: $after) { "
                                 + FIELDS + " } }", "variables", Map.of("after", deepCursor(t, i).encode())),
                         (c, t, i) -> {
                             NameCursor after = deepCursor(t, i);
                             rows(c, "select " + COLUMNS + VIEW + " where (v.namespace, v.name) > (?, ?)"
                                     + " order by v.namespace, v.name limit ?", after.namespace(), after.name(), 51);
                             rows(c, "select count(*) from repository_view");
                         })));
        cases.addAll(orderedCases());
        cases.addAll(statusCountCases());
        return cases;
    }

    private static final String STATUS_COUNTS = " statusCounts { pending syncing success failed }";

    /** Each order: its first page ascending and a page ~90% deep descending, with totalCount, beside their SQL. */
    private List<Case> orderedCases() {
        List<Case> cases = new ArrayList<>();
        for (RepositoryOrderField field : RepositoryOrderField.values()) {
            String key = switch (field) {
                case NAME -> "v.name, v.namespace";
                case LAST_SYNCED -> "t.last_synced, t.namespace, t.name";
                case SYNC_STATUS -> "v.sync_status, v.namespace, v.name";
                case CREATED -> "v.created_at, v.namespace, v.name";
            };
            String descKey = key.replace(",", " desc,") + " desc";
            cases.add(new Case("orderBy " + field + " ASC, first page",
                               (t, i) -> Map.of("query", "{ repositories(first: 50, orderBy: {field: " + field + "}) { "
                                       + FIELDS + " } }"),
                               (c, t, i) -> {
                                   if (field == RepositoryOrderField.LAST_SYNCED) {
                                       int synced = rows(c, "select " + COLUMNS + SYNC_TIMES + " where"
                                               + " t.last_synced is not null order by " + key + " limit ?", 51);
                                       if (synced < 51) {
                                           rows(c, "select " + COLUMNS + SYNC_TIMES + " where t.last_synced is null"
                                                   + " order by " + key + " limit ?", 51 - synced);
                                       }
                                   } else {
                                       rows(c, "select " + COLUMNS + VIEW + " order by " + key + " limit ?", 51);
                                   }
                                   rows(c, "select count(*) from repository_view");
                               }));
            RepositoryOrder desc = new RepositoryOrder(field, OrderDirection.DESC);
            cases.add(new Case("orderBy " + field + " DESC, deep page (~90%)",
                               (t, i) -> Map.of("query", "query($after: String) { repositories(first: 50, after: $after,"
                                       + " orderBy: {field: " + field + ", direction: DESC}) { " + FIELDS + " } }",
                                                "variables", Map.of("after", deepOrdered(desc, t, i).encode())),
                               (c, t, i) -> {
                                   OrderedCursor after = deepOrdered(desc, t, i);
                                   switch (field) {
                                       case NAME -> rows(c, "select " + COLUMNS + VIEW + " where"
                                               + " (v.name, v.namespace) < (?, ?) order by " + descKey + " limit ?",
                                                         after.name(), after.namespace(), 51);
                                       case LAST_SYNCED -> rows(c, "select " + COLUMNS + SYNC_TIMES + " where t.last_synced is not null"
                                               + " and (t.last_synced, t.namespace, t.name) < (?, ?, ?)"
                                               + " order by " + descKey + " limit ?",
                                                                Timestamp.from(Instant.parse(after.value())),
                                                                after.namespace(), after.name(), 51);
                                       case SYNC_STATUS -> rows(c, "select " + COLUMNS + VIEW + " where"
                                               + " (v.sync_status, v.namespace, v.name) < (?, ?, ?) order by " + descKey
                                               + " limit ?", after.value(), after.namespace(), after.name(), 51);
                                       case CREATED -> rows(c, "select " + COLUMNS + VIEW + " where"
                                               + " (v.created_at, v.namespace, v.name) < (?, ?, ?) order by " + descKey
                                               + " limit ?", Timestamp.from(Instant.parse(after.value())),
                                                            after.namespace(), after.name(), 51);
                                   }
                                   rows(c, "select count(*) from repository_view");
                               }));
        }
        return cases;
    }

    /** A position ~90% down the descending order (it need not be a row: a keyset cursor is a position). */
    private OrderedCursor deepOrdered(RepositoryOrder order, int t, int i) {
        // ~90% down a descending order is ~10% up the ascending one: early namespaces, early names, early instants
        String namespace = namespace((t + i) % Math.max(1, namespaces / 10));
        String name = String.format("app-%06d", Math.max(0, total / 10 - (t * 13 + i) % Math.max(1, total / 100)));
        return switch (order.field()) {
            case NAME -> new OrderedCursor(order, null, namespace, name);
            case LAST_SYNCED -> new OrderedCursor(order, deepSynced.toString(), namespace, name);
            case SYNC_STATUS -> new OrderedCursor(order, "FAILED", namespace, name);
            case CREATED -> new OrderedCursor(order, deepCreated.toString(), namespace, name);
        };
    }

    /** statusCounts beside totalCount, on the first page with no filter and with a namespace filter. */
    private List<Case> statusCountCases() {
        return List.of(
                new Case("statusCounts, no filter, first page",
                         (t, i) -> Map.of("query", "{ repositories(first: 50) { " + FIELDS + STATUS_COUNTS + " } }"),
                         (c, t, i) -> {
                             rows(c, "select " + COLUMNS + VIEW + " order by v.namespace, v.name limit ?", 51);
                             rows(c, "select count(*) from repository_view");
                             rows(c, "select sync_status, count(*) from repository_view group by sync_status");
                         }),
                new Case("statusCounts, namespace filter",
                         (t, i) -> Map.of("query", "query($ns: String) { repositories(namespace: $ns, first: 50) { "
                                 + FIELDS + STATUS_COUNTS + " } }", "variables", Map.of("ns", namespace((t * 31 + i) % namespaces))),
                         (c, t, i) -> {
                             String ns = namespace((t * 31 + i) % namespaces);
                             rows(c, "select " + COLUMNS + VIEW + " where v.namespace = ?"
                                     + " order by v.namespace, v.name limit ?", ns, 51);
                             rows(c, "select count(*) from repository_view where namespace = ?", ns);
                             rows(c, "select sync_status, count(*) from repository_view where namespace = ?"
                                     + " group by sync_status", ns);
                         }));
    }

    private String search(int t, int i) {
        return WORDS[(t + i) % WORDS.length] + "-" + (10 + (t * 7 + i) % 90);
    }

    private NameCursor deepCursor(int t, int i) {
        int n = namespaces * 9 / 10 + (t + i) % Math.max(1, namespaces / 10);
        int perNamespace = total / namespaces;
        int k = n + namespaces * ((t * 13 + i) % Math.max(1, perNamespace));
        return new NameCursor(namespace(n), String.format("app-%06d", k));
    }

    private static int rows(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int p = 0; p < params.length; p++) {
                s.setObject(p + 1, params[p]);
            }
            int n = 0;
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int col = 1; col <= columns; col++) {
                        rs.getObject(col);
                    }
                    n++;
                }
            }
            return n;
        }
    }

    private static Connection open(String url) {
        try {
            return DriverManager.getConnection(url, "sa", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode graphQl(String base, Map<String, Object> body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Authorization", "Bearer " + Gateway.ADMIN_TOKEN)
                                         .timeout(Duration.ofMinutes(2))
                                         .header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                                         .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200 || json.has("errors")) {
            throw new IllegalStateException("GraphQL call failed: " + response.statusCode() + " " + json);
        }
        return json;
    }

    private void print(Map<String, Histogram> gateway, Map<String, Histogram> sql) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                          .filter(l -> l.startsWith("model name")).findFirst()
                          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        System.out.println();
        System.out.println("## Catalogue benchmark, " + LocalDate.now());
        System.out.println();
        System.out.printf(Locale.ROOT, "Machine: %d cores (%s), %d GB RAM; %s %s; embedded H2 database.%n",
                          Runtime.getRuntime().availableProcessors(), cpu, memoryGb(),
                          System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "Load: %,d repositories over %d namespaces. Queries: %d concurrent clients,"
                + " %d calls each after 20 warm-up calls, every call asks for 50 items and totalCount.%n%n",
                          total, namespaces, clients, calls);
        for (Map.Entry<String, String> e : report.entrySet()) {
            System.out.println("- " + e.getKey() + ": " + e.getValue());
        }
        System.out.println();
        System.out.println();
        System.out.println("| query (first: 50) | gateway p50 | gateway p99 | SQL floor p50 | SQL floor p99 | p50 ratio |");
        System.out.println("|---|---|---|---|---|---|");
        for (String name : gateway.keySet()) {
            Histogram g = gateway.get(name);
            Histogram s = sql.get(name);
            System.out.printf(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.1f× |%n", name,
                              ms(g, 50), ms(g, 99), ms(s, 50), ms(s, 99), ms(g, 50) / Math.max(0.001, ms(s, 50)));
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static long memoryGb() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            return Long.parseLong(line.replaceAll("\\D", "")) / (1024 * 1024);
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
