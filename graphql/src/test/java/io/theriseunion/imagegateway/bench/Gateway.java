package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The gateway jar running as its own process, as an operator runs it. */
final class Gateway {

    private final Process process;
    private final long startedAt;

    private Gateway(Process process, long startedAt) {
        this.process = process;
        this.startedAt = startedAt;
    }

    /** The cluster-admin token every benchmark gateway is started with. */
    static final String ADMIN_TOKEN = "bench-admin-token-for-the-gateway-benchmarks";

    /** JVM options for every start, e.g. the class data sharing archive that run.sh uses too. */
    static String jvmOptions = "";

    /** A benchmark's command line: {@code --key=value} (or {@code --flag}, read as "true"), in order. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        return options;
    }

    /** Bytes of the files below a directory (the gateway's data directory). */
    static long bytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static Gateway start(Path jar, Path data, int port, String... extraArgs) throws IOException {
        long t0 = System.nanoTime();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("java"));
        for (String option : jvmOptions.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(java.util.List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
                                         "--gateway.data-dir=" + data.toAbsolutePath(), "--logging.level.root=WARN",
                                         "--gateway.security.admin-token=" + ADMIN_TOKEN,
                                         // the benchmarks' registries listen on 127.0.0.1
                                         "--gateway.registry.network.allow-loopback=true"));
        command.addAll(java.util.List.of(extraArgs));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("gateway.log").toFile())
                .start();
        return new Gateway(p, t0);
    }

    /** Polls the readiness probe; returns seconds from process start to ready. */
    double awaitReady(HttpClient http, String base) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + "; see its log");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return (System.nanoTime() - startedAt) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
    }

    /** Heap in use after a full GC, as the gateway's own metrics report it. */
    long heapAfterGc(HttpClient http, String base) throws Exception {
        Process gc = new ProcessBuilder("jcmd", Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(60, TimeUnit.SECONDS);
        HttpRequest metric = HttpRequest.newBuilder(
                URI.create(base + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build();
        String body = http.send(metric, HttpResponse.BodyHandlers.ofString()).body();
        return new ObjectMapper().readTree(body).path("measurements").get(0).path("value").asLong();
    }

    long pid() {
        return process.pid();
    }

    /** CPU seconds (user + system) the gateway process has used so far, from /proc/<pid>/stat. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        // the fields after the command name, which is in parentheses and may hold spaces: utime is the 14th field
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) clockTicks();
    }

    /**
     * What the gateway process has written so far, from /proc/pid/io: {@code syscw} (write calls, files and sockets
     * alike: the embedded H2 writes each commit's chunk in about one) and {@code wchar} (the bytes of those calls).
     */
    long[] writes() throws IOException {
        long calls = 0;
        long bytes = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "io"))) {
            if (line.startsWith("syscw:")) {
                calls = Long.parseLong(line.substring(6).trim());
            } else if (line.startsWith("wchar:")) {
                bytes = Long.parseLong(line.substring(6).trim());
            }
        }
        return new long[]{calls, bytes};
    }

    /**
     * CPU seconds (user + system) of the gateway's threads whose name starts with one of the prefixes (e.g. the JIT
     * compiler's "C1 CompilerThre", "C2 CompilerThre", the collector's "GC Thread", "G1 "), from /proc/pid/task.
     */
    double threadCpuSeconds(String... prefixes) throws IOException {
        return threadCpu().entrySet().stream()
                          .filter(e -> java.util.Arrays.stream(prefixes).anyMatch(e.getKey()::startsWith))
                          .mapToDouble(java.util.Map.Entry::getValue).sum();
    }

    /** The same by thread name, digits folded ("sync-worker-3" and "-4" together as "sync-worker-N"). */
    java.util.Map<String, Double> threadCpuByName() throws IOException {
        java.util.Map<String, Double> byName = new java.util.HashMap<>();
        threadCpu().forEach((name, seconds) -> byName.merge(name.replaceAll("\\d+", "N"), seconds, Double::sum));
        return byName;
    }

    /** CPU seconds (user + system) of each of the gateway's threads so far, by its name, from /proc/pid/task. */
    private java.util.Map<String, Double> threadCpu() throws IOException {
        java.util.Map<String, Double> byName = new java.util.HashMap<>();
        double ticksPerSecond = clockTicks();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticksPerSecond,
                                 Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return byName;
    }

    private static long clockTicks() throws IOException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        return Long.parseLong(new String(getconf.getInputStream().readAllBytes()).trim());
    }

    /** A GraphQL call as the cluster admin; an answer with errors throws. */
    static JsonNode graphQl(HttpClient http, String base, String query, Map<String, Object> variables)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                                         .header("Authorization", "Bearer " + ADMIN_TOKEN)
                                         .timeout(Duration.ofMinutes(2))
                                         .header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofByteArray(
                                                 json.writeValueAsBytes(Map.of("query", query, "variables", variables))))
                                         .build();
        JsonNode answer = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        if (answer.has("errors")) {
            throw new IllegalStateException(answer.toString());
        }
        return answer;
    }

    /** The first measurement of an actuator metric ({@code name?tag=k:v}); 0 while the metric does not exist. */
    static double metric(HttpClient http, String base, String path) throws Exception {
        JsonNode measurements = measurements(http, base, path);
        return measurements.isEmpty() ? 0 : measurements.get(0).path("value").asDouble();
    }

    /** A statistic of a meter (COUNT, TOTAL, MAX, VALUE…); 0 while there is no such meter (a jar without it). */
    static double metric(HttpClient http, String base, String path, String statistic) throws Exception {
        for (JsonNode m : measurements(http, base, path)) {
            if (statistic.equals(m.path("statistic").asText())) {
                return m.path("value").asDouble();
            }
        }
        return 0;
    }

    /** Whether the gateway has the meter at all (a jar from before it has none). */
    static boolean hasMetric(HttpClient http, String base, String path) throws Exception {
        return !measurements(http, base, path).isEmpty();
    }

    private static JsonNode measurements(HttpClient http, String base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + path))
                                                      .header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                                           HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return new ObjectMapper().createArrayNode();
        }
        return new ObjectMapper().readTree(r.body()).path("measurements");
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
