package io.theriseunion.imagegateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Gateway processes of the built jar ({@link GatewayJar}) sharing one PostgreSQL database (the {@code postgres}
 * profile), named {@code node-1}, {@code node-2}, …: started, stopped (SIGTERM) or killed (SIGKILL) one by one, with
 * what a test or a benchmark reads of them: GraphQL answers, each node's registry requests (its metrics), and the
 * sync runs each holds in the queue of sync runs.
 */
public final class GatewayCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIALS_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private final Path jar;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Path data;
    private final List<String> jvmOptions;
    private final List<String> settings;
    private final Process[] nodes;
    private final int[] ports;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param settings more {@code --setting=value} arguments for every node
     */
    public GatewayCluster(int size, String jdbcUrl, String user, String password, Path data, List<String> jvmOptions,
                          List<String> settings) throws IOException {
        this(GatewayJar.built().jar(), size, jdbcUrl, user, password, data, GatewayJar.built().withJvmOptions(jvmOptions),
             settings);
    }

    public GatewayCluster(Path jar, int size, String jdbcUrl, String user, String password, Path data,
                          List<String> jvmOptions, List<String> settings) throws IOException {
        this.jar = jar;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.data = data;
        this.jvmOptions = jvmOptions;
        this.settings = settings;
        this.nodes = new Process[size];
        this.ports = new int[size];
        for (int i = 0; i < size; i++) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports[i] = probe.getLocalPort();
            }
        }
    }

    /** The test PostgreSQL's user and password, as {@code scripts/test.sh} sets them. */
    public static String postgresUser() {
        String v = System.getenv("GATEWAY_TEST_POSTGRES_USER");
        return v == null ? "postgres" : v;
    }

    public static String postgresPassword() {
        String v = System.getenv("GATEWAY_TEST_POSTGRES_PASSWORD");
        return v == null ? "" : v;
    }

    public int size() {
        return nodes.length;
    }

    /** Starts the first node alone (it migrates the database), then the others at once; waits until all are ready. */
    public void startAll() {
        start(0);
        CompletableFuture.allOf(IntStream.range(1, nodes.length)
                                         .mapToObj(i -> CompletableFuture.runAsync(() -> start(i)))
                                         .toArray(CompletableFuture[]::new)).join();
    }

    /** Starts node i (0-based) and waits until it is ready. */
    public void start(int i) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=postgres", "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--gateway.credentials.key=" + CREDENTIALS_KEY, "--gateway.registry.network.allow-loopback=true",
                "--gateway.node-name=" + name(i)));
        arguments.addAll(settings);
        try {
            nodes[i] = GatewayJar.start(jar, ports[i], data.resolve(name(i)), jvmOptions, arguments);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM: a graceful stop; waits until the process has exited. */
    public void stop(int i) throws InterruptedException {
        nodes[i].destroy();
        if (!nodes[i].waitFor(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name(i) + " did not stop within 90 s of SIGTERM");
        }
    }

    /** SIGKILL: a crash; waits until the process is gone. */
    public void kill(int i) throws InterruptedException {
        nodes[i].destroyForcibly();
        if (!nodes[i].waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name(i) + " did not die within 30 s of SIGKILL");
        }
    }

    /** Node i's HTTP port. */
    public int port(int i) {
        return ports[i];
    }

    public static String name(int i) {
        return "node-" + (i + 1);
    }

    /** A node that is up. */
    public int anyUp() {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null && nodes[i].isAlive()) {
                return i;
            }
        }
        throw new IllegalStateException("no node is up");
    }

    public Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** The sync runs node i holds: its claims (picked) in the queue of sync runs. */
    public int runsHeldBy(int i) throws SQLException {
        return count("select count(*) from sync_run_task where picked and picked_by = ?", name(i));
    }

    /** The scheduled checks made at or after the instant, by any node. */
    public int checkedSince(Instant at) throws SQLException {
        return count("select count(*) from sync_check where checked_at >= ?", OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    /** The answer of a {@code select count(*)} on the cluster's database. */
    public int count(String sql, Object... parameters) throws SQLException {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Per node, what a counter grew by between two readings. */
    public static long[] grown(long[] after, long[] before) {
        long[] d = new long[after.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    /**
     * The manifest HEADs each node made since it started (its metric {@code gateway.registry.requests}); a sync, full
     * run or scheduled check, makes exactly one. 0 for a node that is down.
     */
    public long[] heads() throws IOException, InterruptedException {
        return registryRequests("?tag=method:HEAD");
    }

    /**
     * Every request each node made to registries since it started (manifest HEADs and GETs, blobs, tag lists, and
     * the sources' health checks); 0 for a node that is down.
     */
    public long[] registryCalls() throws IOException, InterruptedException {
        return registryRequests("");
    }

    private long[] registryRequests(String filter) throws IOException, InterruptedException {
        long[] made = new long[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == null || !nodes[i].isAlive()) {
                continue;
            }
            HttpResponse<byte[]> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i]
                                                              + "/actuator/metrics/gateway.registry.requests" + filter))
                               .header("Authorization", "Bearer " + GatewayJar.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 404) {
                continue; // no such request made yet
            }
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(name(i) + " answered " + answer.statusCode() + " for its metrics");
            }
            made[i] = JSON.readTree(answer.body()).path("measurements").get(0).path("value").asLong();
        }
        return made;
    }

    /** Runs the GraphQL document on node i as the cluster admin; an answer with errors is an exception. */
    public JsonNode graphQl(int i, String query, Map<String, Object> variables) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i] + "/graphql"))
                                         .header("Authorization", "Bearer " + GatewayJar.ADMIN_TOKEN)
                                         .header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofByteArray(
                                                 JSON.writeValueAsBytes(Map.of("query", query, "variables", variables))))
                                         .build();
        JsonNode answer = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        if (answer.has("errors")) {
            throw new IllegalStateException(name(i) + ": " + answer.path("errors"));
        }
        return answer.path("data");
    }

    /**
     * addRepositories of count repositories app-1… in the namespace, following image:tag of the source, 100 a
     * request; answers how many succeeded. A batch answered "saved, but the catalogue did not show it in time" (a
     * busy machine) counts as stored: the namespace's count says so once the catalogue shows it.
     */
    public int addRepositories(int node, String namespace, int count, String sourceNamespace, String source,
                               String image, String syncTimeout) throws IOException, InterruptedException {
        int succeeded = 0;
        for (int from = 1; from <= count; from += 100) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = from; i <= Math.min(count, from + 99); i++) {
                items.add(Map.of("namespace", namespace, "name", "app-" + i,
                                 "registry", Map.of("namespace", sourceNamespace, "name", source),
                                 "repository", image, "tag", "latest", "syncTimeout", syncTimeout));
            }
            try {
                succeeded += graphQl(node, "mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) {"
                                             + " succeeded } }", Map.of("in", items))
                        .path("addRepositories").path("succeeded").asInt();
            } catch (IllegalStateException lagging) {
                if (!lagging.getMessage().contains("was saved")) {
                    throw lagging;
                }
                succeeded += items.size();
            }
        }
        return succeeded;
    }

    /** The namespace's statusCounts (pending, syncing, success, failed), read on a node that is up. */
    public JsonNode statusCounts(String namespace) throws IOException, InterruptedException {
        return graphQl(anyUp(), "query($ns: String) { repositories(namespace: $ns, first: 1) {"
                               + " statusCounts { pending syncing success failed } } }", Map.of("ns", namespace))
                .path("repositories").path("statusCounts");
    }

    @Override
    public void close() {
        for (Process p : nodes) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }
}
