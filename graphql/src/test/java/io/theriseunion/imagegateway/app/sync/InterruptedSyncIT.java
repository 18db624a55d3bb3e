package io.theriseunion.imagegateway.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.support.GatewayJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sync interrupted by a crash: the gateway jar runs as its own process (so this runs after {@code package},
 * with failsafe), is killed (SIGKILL) while a sync hangs
 * on a registry that never answers, and started again on the same data. The run must not stay SYNCING: the
 * restarted gateway takes it over (its claim in the queue runs out), and as the registry still does not answer it
 * fails as TIMEOUT at its deadline (the run's overdueAt, which the resumed worker keeps).
 */
class InterruptedSyncIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Under target/, so that the two gateways' logs stay for a look when the test fails. */
    private final Path data = Path.of("target", "interrupted-sync-" + System.nanoTime()).toAbsolutePath();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> gateways = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket silentRegistry;

    @AfterEach
    void stop() throws IOException {
        gateways.forEach(Process::destroyForcibly);
        for (Socket s : held) {
            s.close();
        }
        if (silentRegistry != null) {
            silentRegistry.close();
        }
    }

    /** Accepts connections and never answers: a registry that hangs. */
    private int startSilentRegistry() throws IOException {
        silentRegistry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silentRegistry.isClosed()) {
                try {
                    held.add(silentRegistry.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-registry");
        acceptor.setDaemon(true);
        acceptor.start();
        return silentRegistry.getLocalPort();
    }

    private Process startGateway(int port) throws IOException {
        Process p = GatewayJar.start(port, data, List.of(),
                                     List.of("--db-scheduler.polling-interval=1s", "--gateway.registry.read-timeout=5m",
                                             "--gateway.registry.network.allow-loopback=true"));
        gateways.add(p);
        return p;
    }

    private JsonNode graphQl(int port, String query, Map<String, Object> variables) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql")).header("Authorization", "Bearer " + GatewayJar.ADMIN_TOKEN)
                                         .header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofByteArray(
                                                 JSON.writeValueAsBytes(Map.of("query", query, "variables", variables))))
                                         .build();
        JsonNode answer = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.path("data");
    }

    private JsonNode repository(int port) throws Exception {
        return graphQl(port, "{ repository(namespace: \"edge\", name: \"stuck\") { syncStatus lastError { code message }"
                + " syncHistory(first: 5) { edges { node { status error { code } } } } } }", Map.of()).path("repository");
    }

    @Test
    void aSyncInterruptedByACrashIsFailedAsTimeoutAfterTheRestart() throws Exception {
        int registryPort = startSilentRegistry();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process first = startGateway(port);
        graphQl(port, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                Map.of("in", Map.of("namespace", "edge", "name", "silent", "url", "http://127.0.0.1:" + registryPort,
                                    "insecure", true)));
        graphQl(port, "mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name } }",
                Map.of("in", Map.of("namespace", "edge", "name", "stuck", "registry", Map.of("name", "silent"),
                                    "repository", "library/nginx", "tag", "latest", "syncTimeout", "15s")));
        await().atMost(Duration.ofSeconds(20)).until(() -> repository(port).path("syncStatus").asText().equals("SYNCING"));
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        startGateway(port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
               .until(() -> repository(port).path("syncStatus").asText().equals("FAILED"));
        JsonNode after = repository(port);
        assertThat(after.path("lastError").path("code").asText()).isEqualTo("TIMEOUT");
        assertThat(after.path("lastError").path("message").asText()).contains("syncTimeout of 15s");
        assertThat(after.path("syncHistory").path("edges").get(0).path("node").path("status").asText()).isEqualTo("FAILED");
    }
}
