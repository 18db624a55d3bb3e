package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;

/**
 * A real registry seen through a MockWebServer that passes every request on to it, and whose manifest HEADs (what a
 * scheduled check sends) can be made to answer late: the slow source a real registry cannot be made into.
 */
final class SlowedRegistry implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).build();
    private volatile Duration headDelay = Duration.ZERO;

    SlowedRegistry(LocalRegistry behind) {
        String base = behind.url().toString().replaceAll("/$", "");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getMethod().equals("HEAD") && request.getTarget().contains("/manifests/")) {
                    Thread.sleep(headDelay.toMillis());
                }
                return forward(base, request);
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** From now on each manifest HEAD is answered this late. */
    void slowHeadsBy(Duration delay) {
        headDelay = delay;
    }

    private MockResponse forward(String base, RecordedRequest request) {
        Request.Builder upstream = new Request.Builder().url(base + request.getTarget());
        for (String name : request.getHeaders().names()) {
            if (name.equalsIgnoreCase("Accept") || name.equalsIgnoreCase("Authorization")) {
                request.getHeaders().values(name).forEach(value -> upstream.addHeader(name, value));
            }
        }
        upstream.method(request.getMethod(), null);
        try (Response answer = client.newCall(upstream.build()).execute()) {
            Headers.Builder headers = answer.headers().newBuilder().removeAll("Transfer-Encoding")
                                            .removeAll("Connection");
            MockResponse.Builder response = new MockResponse.Builder().code(answer.code());
            ResponseBody body = answer.body();
            if (request.getMethod().equals("HEAD")) {
                return response.headers(headers.build()).build();
            }
            byte[] bytes = body.bytes();
            return response.headers(headers.removeAll("Content-Length").build()).body(new okio.Buffer().write(bytes))
                           .build();
        } catch (IOException e) {
            return new MockResponse.Builder().code(502).build();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
