package io.theriseunion.imagegateway.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * {@code gateway.cors.allowed-origins}: the origins (scheme://host[:port], or {@code *} for any) of consoles served
 * elsewhere that may call the API from a browser. Empty (the default): no CORS headers at all, so only pages of the
 * gateway's own origin can; the GraphQL WebSocket then accepts only its own origin (or clients sending none).
 * A malformed origin stops the start, naming it.
 */
@ConfigurationProperties("gateway.cors")
public record CorsProperties(List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).map(CorsProperties::checked)
                                .toList();
    }

    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    private static String checked(String origin) {
        if (origin.equals("*")) {
            return origin;
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && bare) {
                return origin;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("gateway.cors.allowed-origins: \"" + origin + "\" is not an origin;"
                + " give scheme://host[:port] without a path (e.g. https://console.example.com), or *");
    }
}
