package io.theriseunion.imagegateway.registry;

import okhttp3.Response;
import okio.BufferedSource;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.theriseunion.imagegateway.registry.RegistryErrorCode.*;

/** Turns error answers and I/O failures into {@link RegistryException}s with plain messages. */
final class Failures {

    private static final Set<String> NOT_FOUND_CODES = Set.of("MANIFEST_UNKNOWN", "NAME_UNKNOWN", "BLOB_UNKNOWN");
    private static final long ERROR_BODY_LIMIT = 64 * 1024;

    private Failures() {
    }

    /** For a non-2xx answer; reads at most a small error body and closes nothing (the caller owns it). */
    static RegistryException fromResponse(Response response, RegistryRequest request, Clock clock) {
        int status = response.code();
        List<String> codes = ErrorBody.codes(errorBody(response));
        RegistryErrorCode code = classify(status, codes);
        Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), clock);
        String message = "registry " + request.authority() + " answered " + status
                + (codes.isEmpty() ? "" : " " + String.join(", ", codes)) + " for " + request.subject()
                + explanation(code, request, retryAfter);
        return new RegistryException(code, message, status, retryAfter, null);
    }

    static RegistryException fromIo(IOException e, RegistryRequest request) {
        String where = "registry " + request.authority();
        String what = " for " + request.subject();
        ForbiddenHostException forbidden = ForbiddenHostException.find(e);
        if (forbidden != null) {
            return forbidden(forbidden, request);
        }
        if (e instanceof InterruptedIOException) {
            return request.deadline().passed()
                    ? new RegistryException(TIMEOUT, where + " did not answer before the deadline ("
                    + request.deadline() + ")" + what, e)
                    : new RegistryException(TIMEOUT, where + " did not answer in time" + what, e);
        }
        if (e instanceof SSLException) {
            return new RegistryException(TLS, "TLS with " + where + " failed" + what + ": " + e.getMessage(), e);
        }
        if (e instanceof UnknownHostException) {
            return new RegistryException(NETWORK, where + " has an unknown host name" + what, e);
        }
        if (e instanceof ConnectException) {
            return new RegistryException(NETWORK, "could not connect to " + where + what + ": " + e.getMessage(), e);
        }
        return new RegistryException(NETWORK, "connection to " + where + " failed" + what + ": " + e.getMessage(), e);
    }

    /** Names the registry too when the refused host is another one: a redirect target or a token realm. */
    private static RegistryException forbidden(ForbiddenHostException e, RegistryRequest request) {
        String message = sameHost(e.host(), request.endpoint().host())
                ? "registry " + e.getMessage() + "; nothing was sent for " + request.subject()
                : "registry " + request.authority() + " sent the client to another host for " + request.subject()
                + ", but " + e.getMessage();
        return new RegistryException(FORBIDDEN_HOST, message, e);
    }

    private static boolean sameHost(String a, String b) {
        return HostRule.normalize(unbracketed(a)).equals(HostRule.normalize(unbracketed(b)));
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static RegistryErrorCode classify(int status, List<String> codes) {
        if (status == 404 || codes.stream().anyMatch(NOT_FOUND_CODES::contains)) {
            return NOT_FOUND;
        }
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 429 -> RATE_LIMITED;
            default -> REGISTRY_ERROR;
        };
    }

    private static String explanation(RegistryErrorCode code, RegistryRequest request, Duration retryAfter) {
        RegistryCredentials credentials = request.endpoint().credentials();
        return switch (code) {
            case UNAUTHORIZED -> credentials == null
                    ? ": it needs credentials"
                    : ": it refused the stored credentials"; // never the user name: errors reach other namespaces
            case FORBIDDEN -> ": access denied";
            case RATE_LIMITED -> retryAfter == null ? ": rate limited" : ": rate limited, retry after " + retryAfter;
            default -> "";
        };
    }

    private static byte[] errorBody(Response response) {
        try {
            BufferedSource source = response.body().source();
            source.request(ERROR_BODY_LIMIT);
            return source.getBuffer().snapshot().toByteArray();
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }
}
