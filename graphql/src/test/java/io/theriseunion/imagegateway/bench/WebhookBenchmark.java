package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.HdrHistogram.Histogram;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * Push to visible digest (issue: registry webhooks): the real docker-registry notifies the gateway jar of every
 * push; for each of N re-pushes of a tag, the time until {@code repository.digest} shows the new digest, beside
 * the floor of the same run: the time until a bare HEAD on the registry shows it. Run it with
 * {@code bash scripts/benchmark.sh webhook}.
 */
public final class WebhookBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json,"
            + "application/vnd.docker.distribution.manifest.v2+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int pushes;
    private final Path jar;

    private WebhookBenchmark(int pushes, Path jar) {
        this.pushes = pushes;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Gateway.jvmOptions = a.getOrDefault("jvm-opts", "");
        new WebhookBenchmark(Integer.parseInt(a.getOrDefault("pushes", "30")),
                             Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar"))).run();
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("webhook-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        Gateway gateway = Gateway.start(jar, data, port);
        try {
            gateway.awaitReady(http, base);
            graphQl(base, "mutation { addRegistry(input: {namespace: \"bench\", name: \"edge\", url: \"https://127.0.0.1:9\"})"
                    + " { name } }");
            JsonNode webhook = graphQl(base, "mutation { rotateRegistryWebhookSecret(namespace: \"bench\", name: \"edge\")"
                    + " { url secret } }").path("data").path("rotateRegistryWebhookSecret");
            try (LocalRegistry registry = LocalRegistry.builder()
                                                       .notifications(URI.create(webhook.path("url").asText()),
                                                                      "Bearer " + webhook.path("secret").asText())
                                                       .start()) {
                graphQl(base, "mutation { updateRegistry(input: {namespace: \"bench\", name: \"edge\", insecure: true, url: \""
                        + registry.url() + "\"}) { name } }");
                PushedImage first = registry.images().pushDockerImage("bench/web", "stable");
                graphQl(base, "mutation { addRepository(input: {namespace: \"bench\", name: \"web\", registry: {name: \"edge\"},"
                        + " repository: \"bench/web\", tag: \"stable\", syncInterval: \"720h\"}) { name } }");
                awaitDigest(base, first.digest(), Duration.ofSeconds(30));

                OkHttpClient bare = new OkHttpClient();
                Histogram gatewayMs = new Histogram(600_000, 3);
                Histogram floorMs = new Histogram(600_000, 3);
                for (int i = 0; i < pushes; i++) {
                    long pushed = System.nanoTime();
                    PushedImage moved = registry.images().repush("bench/web", "stable");
                    long afterPush = System.nanoTime();
                    // floor: a bare HEAD sees the new digest right after the push returned
                    try (Response head = bare.newCall(new Request.Builder().head().header("Accept", ACCEPT)
                                                                         .url(registry.url() + "/v2/bench/web/manifests/stable")
                                                                         .build()).execute()) {
                        if (!moved.digest().equals(head.header("Docker-Content-Digest"))) {
                            throw new IllegalStateException("the registry does not show the pushed digest yet");
                        }
                    }
                    floorMs.recordValue(Math.max(1, (System.nanoTime() - afterPush) / 1_000));
                    awaitDigest(base, moved.digest(), Duration.ofSeconds(30));
                    gatewayMs.recordValue(Math.max(1, (System.nanoTime() - afterPush) / 1_000));
                    Thread.sleep(200);
                }
                System.out.printf(Locale.ROOT, "- push → digest visible in the gateway's API, %d pushes: p50 %.0f ms, p99 %.0f ms,"
                                          + " max %.0f ms; floor (a bare HEAD right after the push) p50 %.1f ms; ratio %.0f×%n",
                                  pushes, gatewayMs.getValueAtPercentile(50) / 1000.0,
                                  gatewayMs.getValueAtPercentile(99) / 1000.0, gatewayMs.getMaxValue() / 1000.0,
                                  floorMs.getValueAtPercentile(50) / 1000.0,
                                  (double) gatewayMs.getValueAtPercentile(50) / floorMs.getValueAtPercentile(50));
            }
        } finally {
            gateway.stop();
        }
        System.out.println();
        System.out.println("Webhook benchmark, " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    private void awaitDigest(String base, String digest, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            JsonNode answer = graphQl(base, "{ repository(namespace: \"bench\", name: \"web\") { digest } }");
            if (digest.equals(answer.path("data").path("repository").path("digest").asText())) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the gateway did not show " + digest + " within " + timeout);
    }

    private JsonNode graphQl(String base, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                                         .header("Authorization", "Bearer " + Gateway.ADMIN_TOKEN)
                                         .header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofByteArray(
                                                 JSON.writeValueAsBytes(Map.of("query", query))))
                                         .build();
        JsonNode answer = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        if (answer.has("errors")) {
            throw new IllegalStateException(answer.toString());
        }
        return answer;
    }
}
