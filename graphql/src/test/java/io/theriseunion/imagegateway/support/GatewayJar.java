package io.theriseunion.imagegateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    /** The jar as scripts/run.sh starts it (extracted, with a class data sharing archive); made once per fork. */
    private static AsRun asRun;

    /** A jar to start and the JVM options it needs. */
    public record AsRun(Path jar, List<String> jvmOptions) {

        /** These options, then more. */
        public List<String> withJvmOptions(List<String> more) {
            List<String> all = new ArrayList<>(jvmOptions);
            all.addAll(more);
            return all;
        }
    }

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
        AsRun built = built();
        return start(built.jar(), port, data, built.withJvmOptions(jvmOptions), arguments);
    }

    /**
     * The built jar as scripts/run.sh starts it: scripts/prepare-app.sh extracts it (graphql/target/app) and records
     * a class data sharing archive, so the ITs run what a user runs, and each of their twenty-odd starts takes about
     * 9 s instead of 19 on two cores. Prepared once for the whole test run (the forks take turns under a file lock;
     * the script does nothing when the extracted jar is newer than the built one). Without an archive (its training
     * start failed) the extracted jar alone.
     */
    public static synchronized AsRun built() throws IOException {
        if (asRun != null) {
            return asRun;
        }
        Path jar = Path.of("target", "image-gateway.jar").toAbsolutePath();
        assertThat(jar).as("the gateway jar, built by the package phase").exists();
        Path app = jar.resolveSibling("app");
        try (FileChannel channel = FileChannel.open(jar.resolveSibling("app.lock"), StandardOpenOption.CREATE,
                                                    StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            prepare(jar.getParent().getParent().getParent());
        }
        Path archive = app.resolve("image-gateway.jsa");
        asRun = new AsRun(app.resolve("image-gateway.jar"),
                          Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of());
        return asRun;
    }

    /** Runs scripts/prepare-app.sh in the project's root. */
    private static void prepare(Path root) throws IOException {
        Path log = Files.createTempFile("prepare-app", ".log");
        Process p = new ProcessBuilder("bash", "scripts/prepare-app.sh").directory(root.toFile())
                                                                       .redirectErrorStream(true)
                                                                       .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("scripts/prepare-app.sh failed in " + root + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("scripts/prepare-app.sh interrupted");
        }
        Files.delete(log);
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
