package io.theriseunion.imagegateway.registry;

import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.theriseunion.imagegateway.registry.RegistryErrorCode.REGISTRY_ERROR;
import static io.theriseunion.imagegateway.registry.RegistryErrorCode.TIMEOUT;

/**
 * Sends one request and follows its redirects itself, so that the number of hops is bounded, every hop is
 * reported to the listener, and the Authorization header never leaves the origin it was meant for.
 */
final class HttpSender {

    private static final Logger log = LoggerFactory.getLogger(HttpSender.class);
    /** The listener's host for every request off the registry's own host: redirect targets, token realms. */
    static final String OTHER_HOST = "other";

    private final String userAgent;
    private final int maxRedirects;
    private final RegistryRequestListener listener;

    HttpSender(String userAgent, int maxRedirects, RegistryRequestListener listener) {
        this.userAgent = userAgent;
        this.maxRedirects = maxRedirects;
        this.listener = listener;
    }

    /**
     * The first answer that is not a redirect; the caller closes it.
     *
     * @param authorization sent with the request and its redirects until one leaves the origin; from there on
     *                      never again (as OkHttp does), or {@code null}
     */
    Response send(OkHttpClient client, RegistryRequest request, String authorization) {
        HttpUrl url = request.url();
        for (int hop = 0; ; hop++) {
            Request.Builder builder = new Request.Builder().url(url).method(request.method(), null)
                    .header("User-Agent", userAgent);
            if (request.accept() != null) {
                builder.header("Accept", request.accept());
            }
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            Response response = execute(client, builder.build(), request);
            HttpUrl next = redirectTarget(response, url);
            if (next == null) {
                return response;
            }
            response.close();
            if (hop >= maxRedirects) {
                throw new RegistryException(REGISTRY_ERROR, "registry " + request.authority() + " redirected more than "
                        + maxRedirects + " times for " + request.subject(), response.code(), null, null);
            }
            if (url.isHttps() && !next.isHttps() && !request.endpoint().insecure()) {
                throw new RegistryException(REGISTRY_ERROR, "registry " + request.authority()
                        + " redirected from https to plain http for " + request.subject(), response.code(), null, null);
            }
            if (!Origins.same(url, next)) {
                authorization = null;
            }
            url = next;
        }
    }

    private Response execute(OkHttpClient client, Request request, RegistryRequest about) {
        String host = Origins.authority(request.url());
        String label = host.equals(Origins.authority(Origins.base(about.endpoint()))) ? host : OTHER_HOST;
        String path = request.url().encodedPath();
        Call call = client.newCall(request);
        boundByDeadline(call, about);
        try {
            Response response = call.execute();
            log.debug("{} {}{} -> {}", request.method(), host, path, response.code());
            report(label, request.method(), path, response.code());
            return response;
        } catch (IOException e) {
            log.debug("{} {}{} failed: {}", request.method(), host, path, e.toString());
            report(label, request.method(), path, -1);
            throw Failures.fromIo(e, about);
        }
    }

    /** The call ends at the deadline at the latest: connecting, waiting and reading the body included. */
    private static void boundByDeadline(Call call, RegistryRequest about) {
        Duration left = about.deadline().remaining();
        if (left == null) {
            return;
        }
        if (left.isNegative() || left.isZero()) {
            call.cancel();
            throw new RegistryException(TIMEOUT, "the deadline (" + about.deadline() + ") passed before "
                    + about.subject() + " was asked of registry " + about.authority());
        }
        long configured = call.timeout().timeoutNanos();
        long nanos = left.toNanos();
        if (configured == 0 || nanos < configured) {
            call.timeout().timeout(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static HttpUrl redirectTarget(Response response, HttpUrl from) {
        if (!response.isRedirect()) {
            return null;
        }
        String location = response.header("Location");
        return location == null ? null : from.resolve(location);
    }

    private void report(String host, String method, String path, int status) {
        try {
            listener.onRequest(host, method, path, status);
        } catch (RuntimeException e) {
            log.warn("registry request listener failed for {} {}{}", method, host, path, e);
        }
    }
}
