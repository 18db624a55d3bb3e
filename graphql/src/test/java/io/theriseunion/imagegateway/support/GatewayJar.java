package io.theriseunion.imagegateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
        public List<String> jvmOptions(List<String> more) {
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
        return start(built.jar(), port, data, built.jvmOptions(jvmOptions), arguments);
    }

    /**
     * The built jar as scripts/prepare-app.sh prepares it for scripts/run.sh: extracted (Spring Boot's
     * {@code jarmode=tools extract}) and started with a class data sharing archive recorded by a training start, so
     * the ITs run what a user runs, and each of their twenty-odd starts takes about 8 s instead of 17 on two cores.
     * Made once for the whole test run (the forks take turns under a file lock; a jar built again is extracted
     * again). Without an archive (its training start failed) the extracted jar alone.
     */
    public static synchronized AsRun built() throws IOException {
        if (asRun != null) {
            return asRun;
        }
        Path jar = Path.of("target", "image-gateway.jar").toAbsolutePath();
        assertThat(jar).as("the gateway jar, built by the package phase").exists();
        Path dir = jar.resolveSibling("it-app");
        Path extracted = dir.resolve(jar.getFileName());
        Path archive = dir.resolve("image-gateway.jsa");
        try (FileChannel channel = FileChannel.open(jar.resolveSibling("it-app.lock"), StandardOpenOption.CREATE,
                                                    StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (!Files.exists(extracted)
                    || Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(extracted)) > 0) {
                deleteTree(dir);
                run(List.of("java", "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                            dir.toString()), "extracting " + jar);
            }
            if (!Files.exists(archive)) {
                Path training = Files.createTempDirectory("gateway-cds");
                try {
                    List<String> command = new ArrayList<>(List.of("java"));
                    command.addAll(TEST_JVM_OPTIONS);
                    command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
                                           "-jar", extracted.toString(), "--gateway.data-dir=" + training,
                                           "--server.port=0", "--logging.level.root=WARN"));
                    run(command, "recording the class data sharing archive");
                } catch (IllegalStateException failed) {
                    System.err.println(failed.getMessage() + "; the gateways start without the archive");
                } finally {
                    deleteTree(training);
                }
            }
        }
        asRun = new AsRun(extracted, Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of());
        return asRun;
    }

    private static void run(List<String> command, String what) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                              .start();
        try {
            if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " failed: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException(what + " interrupted");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
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
