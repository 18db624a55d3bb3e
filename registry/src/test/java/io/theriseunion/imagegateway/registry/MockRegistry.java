package io.theriseunion.imagegateway.registry;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A MockWebServer on 127.0.0.1 (or another loopback address) that answers by route
 * ({@code "GET /v2/team/app/manifests/1.0"}), for what a real registry cannot show: tokens, rate limits, broken
 * bodies, redirects. Unrouted requests get 404.
 */
final class MockRegistry implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final String host;

    private MockRegistry(String host) {
        this.host = host;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Function<RecordedRequest, MockResponse> route =
                        routes.get(request.getMethod() + " " + request.getUrl().encodedPath());
                return route == null ? new MockResponse.Builder().code(404).build() : route.apply(request);
            }
        });
    }

    static MockRegistry start() {
        return startOn("127.0.0.1");
    }

    /** On another IPv4 address, e.g. {@code 127.0.0.2} (Linux routes all of 127.0.0.0/8 to loopback). */
    static MockRegistry startOn(String address) {
        MockRegistry registry = new MockRegistry(address);
        try {
            registry.server.start(InetAddress.getByName(address), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return registry;
    }

    MockRegistry on(String method, String path, MockResponse response) {
        return on(method, path, request -> response);
    }

    MockRegistry on(String method, String path, Function<RecordedRequest, MockResponse> answer) {
        routes.put(method + " " + path, answer);
        return this;
    }

    /** Serves a manifest by tag and by digest (GET and HEAD), with its media type and digest headers. */
    MockRegistry manifest(String repository, String tag, String mediaType, String json) {
        MockResponse get = MockContent.manifest(json, mediaType);
        MockResponse head = MockContent.head(json, mediaType);
        for (String reference : List.of(tag, MockContent.sha256(json))) {
            on("GET", "/v2/" + repository + "/manifests/" + reference, get);
            on("HEAD", "/v2/" + repository + "/manifests/" + reference, head);
        }
        return this;
    }

    MockRegistry blob(String repository, String json) {
        return on("GET", "/v2/" + repository + "/blobs/" + MockContent.sha256(json), MockContent.json(json));
    }

    int port() {
        return server.getPort();
    }

    String authority() {
        return host + ":" + server.getPort();
    }

    HttpUrl url(String path) {
        return HttpUrl.get("http://" + host + ":" + server.getPort() + path);
    }

    RegistryEndpoint endpoint() {
        return RegistryEndpoint.insecure("http://" + host + ":" + server.getPort());
    }

    RegistryEndpoint endpoint(RegistryCredentials credentials) {
        return endpoint().withCredentials(credentials);
    }

    int requestCount() {
        return server.getRequestCount();
    }

    /** The next request the server received, in arrival order. */
    RecordedRequest take() {
        try {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no request arrived at " + authority());
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every request received so far that was not taken yet. */
    List<RecordedRequest> drain() {
        List<RecordedRequest> requests = new ArrayList<>();
        try {
            RecordedRequest request;
            while ((request = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
                requests.add(request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return requests;
    }

    @Override
    public void close() {
        server.close();
    }
}
