package io.theriseunion.imagegateway.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.support.GatewayJar;
import io.theriseunion.imagegateway.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acknowledged means durable: four writers add repositories (two one at a time with addRepository, two in batches of
 * {@value #BATCH} with addRepositories, whose items share one unit of work and one commit), the gateway process is
 * killed (SIGKILL) while they write, and after a restart on the same database every add that was answered with
 * success is there. Two rounds on each store; the jar runs as its own process (failsafe, after {@code package}).
 */
class AcknowledgedWritesSurviveKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 25;
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final Path data = Path.of("target", "kill-" + System.nanoTime()).toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> gateways = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        gateways.forEach(Process::destroyForcibly);
    }

    private Process start(int port, List<String> store) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--gateway.credentials.key=" + KEY));
        arguments.addAll(store);
        Process p = GatewayJar.start(port, data, List.of(), arguments);
        gateways.add(p);
        return p;
    }

    /** The data of a successful answer, or null for a failed one (an error, a refused or broken connection). */
    private JsonNode graphQl(int port, String query, Map<String, Object> variables) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                                             .header("Authorization", "Bearer " + GatewayJar.ADMIN_TOKEN)
                                             .header("Content-Type", "application/json")
                                             .timeout(Duration.ofSeconds(30))
                                             .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
                                                     Map.of("query", query, "variables", variables))))
                                             .build();
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = JSON.readTree(answer.body());
            return answer.statusCode() == 200 && !body.has("errors") ? body.path("data") : null;
        } catch (IOException | InterruptedException failed) {
            return null;
        }
    }

    private boolean add(int port, String name) {
        JsonNode data = graphQl(port, "mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name } }",
                                Map.of("in", Map.of("namespace", "edge", "name", name, "registry", Map.of("name", "hub"),
                                                    "repository", "library/nginx", "tag", "latest",
                                                    "syncInterval", "24h")));
        return data != null && name.equals(data.path("addRepository").path("name").asText());
    }

    private static Map<String, Object> item(String name) {
        return Map.of("namespace", "edge", "name", name, "registry", Map.of("name", "hub"),
                      "repository", "library/nginx", "tag", "latest", "syncInterval", "24h");
    }

    /** The names of a batch that addRepositories answered as added (none for a failed answer). */
    private List<String> addBatch(int port, List<String> names) {
        JsonNode data = graphQl(port, "mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in)"
                + " { items { name ok } } }", Map.of("in", names.stream().map(AcknowledgedWritesSurviveKillIT::item)
                                                           .toList()));
        List<String> added = new ArrayList<>();
        if (data != null) {
            data.path("addRepositories").path("items").forEach(i -> {
                if (i.path("ok").asBoolean()) {
                    added.add(i.path("name").asText());
                }
            });
        }
        return added;
    }

    private boolean exists(int port, String name) {
        JsonNode data = graphQl(port, "query($n: String!) { repository(namespace: \"edge\", name: $n) { name } }",
                                Map.of("n", name));
        return data != null && name.equals(data.path("repository").path("name").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded H2", "PostgreSQL"})
    void everyAcknowledgedAddIsThereAfterAKillDashNine(String storeName) throws Exception {
        List<String> store = storeName.startsWith("PostgreSQL")
                ? List.of("--spring.profiles.active=postgres",
                          "--spring.datasource.url=" + TestPostgres.createDatabase("kill"),
                          "--spring.datasource.username=" + env("GATEWAY_TEST_POSTGRES_USER", "postgres"),
                          "--spring.datasource.password=" + env("GATEWAY_TEST_POSTGRES_PASSWORD", ""))
                : List.of();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 2; round++) {
            Process gateway = start(port, store);
            if (round == 0) {
                assertThat(graphQl(port, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                                   Map.of("in", Map.of("namespace", "edge", "name", "hub",
                                                       "url", "https://registry.invalid")))).isNotNull();
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            int thisRound = round;
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String name = "r" + thisRound + "-w" + writer + "-" + i;
                        if (writer % 2 == 1) { // batches: one shared unit of work and commit per batch
                            List<String> names = new ArrayList<>();
                            for (int k = 0; k < BATCH; k++) {
                                names.add(name + "-" + k);
                            }
                            acknowledged.addAll(addBatch(port, names));
                        } else if (add(port, name)) {
                            acknowledged.add(name);
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            int before = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= before + 100);
            gateway.destroyForcibly(); // SIGKILL, right after the latest acknowledgements
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            writing.set(false);
            for (Thread t : writers) {
                t.join();
            }
        }
        start(port, store);
        List<String> missing = new ArrayList<>();
        for (String name : acknowledged) {
            if (!exists(port, name)) {
                missing.add(name);
            }
        }
        assertThat(missing).as("acknowledged adds missing after kill -9 (of " + acknowledged.size() + ")").isEmpty();
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null ? otherwise : value;
    }
}
