package io.theriseunion.imagegateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
