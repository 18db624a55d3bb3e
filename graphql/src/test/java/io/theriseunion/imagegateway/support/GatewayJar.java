package io.theriseunion.imagegateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged gateway run as its own process, for the tests that kill and restart it (failsafe's *IT, after
 * {@code package}). Its output goes to a log in its data directory, which stays under target/ for a look when a
 * test fails.
 */
public final class GatewayJar {

    /**
     * JVM options the test run puts before every gateway's own (failsafe's {@code gateway.test.jvm-options}, see
     * graphql/pom.xml): the ITs start the jar some twenty times, and a process that lives for seconds spends much of
     * its CPU on the optimizing compiler. Not set for the benchmarks, which measure the jar as it runs in production.
     */
    private static final List<String> TEST_JVM_OPTIONS =
            List.of(System.getProperty("gateway.test.jvm-options", "").trim().split("\\s+")).stream()
                .filter(o -> !o.isEmpty()).toList();

    /** The cluster-admin token the gateways started here accept. */
    public static final String ADMIN_TOKEN = "it-admin-token-for-the-gateway-integration";

    private GatewayJar() {
    }

    /**
     * Starts the jar on the port with the data directory and waits until it is ready.
     *
     * @param jvmOptions options before {@code -jar} (heap size, …)
     * @param arguments  more {@code --setting=value} arguments
     */
    public static Process start(int port, Path data, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        return start(Path.of("target", "image-gateway.jar").toAbsolutePath(), port, data, jvmOptions, arguments);
    }

    /** As {@link #start(int, Path, List, List)}, with the jar at another place (a benchmark run from the top). */
    public static Process start(Path jar, int port, Path data, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        Files.createDirectories(data);
        assertThat(jar).as("the gateway jar, built by the package phase").exists();
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(TEST_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--gateway.data-dir=" + data,
                               "--logging.level.root=WARN", "--gateway.security.admin-token=" + ADMIN_TOKEN));
        command.addAll(arguments);
        Path log = data.resolve("gateway-" + System.nanoTime() + ".log");
        Process gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(gateway.isAlive()).as("the gateway exited; see " + log).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                                           + "/actuator/health/readiness")).build(),
                                 HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return gateway;
    }
}
