package io.theriseunion.imagegateway.registry;

/**
 * Told about every HTTP request the client sends (each redirect hop and token request included), after its
 * answer arrived; for metrics and for counting requests.
 */
@FunctionalInterface
public interface RegistryRequestListener {

    RegistryRequestListener NONE = (host, method, path, status) -> {
    };

    /**
     * @param host   the registry's {@code host}, or {@code host:port} when the port is not the scheme's default;
     *               {@code other} for any other host (a redirect target, a token realm), so that a registry
     *               cannot make the set of hosts reported grow without bound
     * @param method {@code GET} or {@code HEAD}
     * @param path   the URL path, without the query
     * @param status the HTTP status, or {@code -1} when no answer came (I/O failure, timeout)
     */
    void onRequest(String host, String method, String path, int status);
}
