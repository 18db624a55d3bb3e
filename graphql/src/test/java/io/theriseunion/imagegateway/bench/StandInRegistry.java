package io.theriseunion.imagegateway.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A registry that answers its health probe ({@code /v2/}) but knows no manifest: every sync against it runs
 * (SYNCING) and fails at once with MANIFEST_UNKNOWN (FAILED), a recorded result. A closed port would open the
 * source's breaker instead, and a run that never starts moves no status.
 */
final class StandInRegistry implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    private StandInRegistry(HttpServer server) {
        this.server = server;
    }

    static StandInRegistry start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            boolean probe = exchange.getRequestURI().getPath().equals("/v2/");
            byte[] body = (probe ? "{}" : "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}")
                    .getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            exchange.sendResponseHeaders(probe ? 200 : 404, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
            if (!"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        StandInRegistry registry = new StandInRegistry(server);
        server.setExecutor(registry.threads);
        server.start();
        return registry;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
