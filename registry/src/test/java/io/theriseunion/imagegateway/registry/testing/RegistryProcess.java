package io.theriseunion.imagegateway.registry.testing;

import io.theriseunion.imagegateway.registry.RegistryCredentials;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running {@code docker-registry serve config.yml}. Its output goes to {@code registry.log}; it counts as
 * started when it logged "listening on" and then answered {@code GET /v2/}. No polling sleeps.
 */
final class RegistryProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;

    private RegistryProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static RegistryProcess start(Path binary, Path config, Path log, int port, RegistryCredentials credentials) {
        Process process;
        try {
            process = new ProcessBuilder(binary.toString(), "serve", config.toString()).redirectErrorStream(true).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + binary + " (" + e.getMessage() + "); "
                    + LocalRegistry.MISSING_BINARY_HINT, e);
        }
        RegistryProcess started = new RegistryProcess(process, log);
        started.awaitReady(port, credentials);
        return started;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(int port, RegistryCredentials credentials) {
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread drain = new Thread(() -> drain(listening), "docker-registry-" + port);
        drain.setDaemon(true);
        drain.start();
        process.onExit().thenRun(() -> listening.completeExceptionally(
                new IllegalStateException("docker-registry exited with " + process.exitValue())));
        try {
            listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!answersApiRoot(port, credentials)) {
                throw new IllegalStateException("it does not answer GET /v2/");
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            process.destroyForcibly();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("docker-registry did not start on 127.0.0.1:" + port + " (" + cause
                    + "); its log:\n" + log(), cause);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting docker-registry", e);
        }
    }

    private void drain(CompletableFuture<Void> listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.contains("listening on")) {
                    listening.complete(null);
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
    }

    private static boolean answersApiRoot(int port, RegistryCredentials credentials) {
        OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + "/v2/");
        if (credentials != null) {
            request.header("Authorization", Credentials.basic(credentials.username(), credentials.secret(),
                    StandardCharsets.UTF_8));
        }
        try (Response response = client.newCall(request.build()).execute()) {
            return response.isSuccessful();
        } catch (IOException e) {
            return false;
        } finally {
            client.connectionPool().evictAll();
        }
    }
}
