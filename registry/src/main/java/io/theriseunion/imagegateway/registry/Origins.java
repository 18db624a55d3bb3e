package io.theriseunion.imagegateway.registry;

import okhttp3.HttpUrl;

/** Scheme, host and port: the unit that credentials are bound to. */
final class Origins {

    private Origins() {
    }

    static HttpUrl base(RegistryEndpoint endpoint) {
        return HttpUrl.get(endpoint.url().toString());
    }

    static boolean same(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    /** {@code host}, or {@code host:port} when the port is not the scheme's default. */
    static String authority(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }
}
