package io.theriseunion.imagegateway.registry;

import okhttp3.HttpUrl;

/**
 * One logical request to a registry, before authentication and redirects.
 *
 * @param scope    the token scope it needs ({@code repository:<name>:pull}), or {@code null} for {@code /v2/}
 * @param accept   the Accept header, or {@code null}
 * @param subject  what it is about, for messages: {@code library/nginx:latest}, {@code tags of library/nginx}
 * @param deadline when it, its redirects and the token request it may need must be done
 */
record RegistryRequest(RegistryEndpoint endpoint, String method, HttpUrl url, String scope, String accept,
                       String subject, Deadline deadline) {

    static RegistryRequest get(RegistryEndpoint endpoint, HttpUrl url, String scope, String accept, String subject,
                               Deadline deadline) {
        return new RegistryRequest(endpoint, "GET", url, scope, accept, subject, deadline);
    }

    static RegistryRequest head(RegistryEndpoint endpoint, HttpUrl url, String scope, String accept, String subject,
                                Deadline deadline) {
        return new RegistryRequest(endpoint, "HEAD", url, scope, accept, subject, deadline);
    }

    static String pullScope(String repository) {
        return "repository:" + repository + ":pull";
    }

    String authority() {
        return endpoint.authority();
    }

    /** Whether the URL is on the registry's own origin, the only place its credentials may go. */
    boolean onRegistryOrigin() {
        return Origins.same(url, Origins.base(endpoint));
    }
}
