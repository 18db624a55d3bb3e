package io.theriseunion.imagegateway.app.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Duration;
import java.util.List;

/**
 * CORS for a console served from another origin ({@link CorsProperties}): the GraphQL endpoint, the REST API
 * ({@code /oapis/**}) and the audit export answer the allowed origins, preflights included (Spring Security
 * answers those before any token is asked for). Bearer tokens, never cookies: no credentials mode. The GraphQL
 * WebSocket checks the same origins at its handshake ({@code WebSocketConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
public class CorsConfiguration {

    /** The paths a console calls. */
    static final List<String> PATHS = List.of("/graphql", "/oapis/**", "/audit/export");

    /** What Spring Security's CORS filter answers by (not a bean: Spring MVC's introspector is one too). */
    public static CorsConfigurationSource source(CorsProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.enabled()) {
            return source; // no configuration for any path: no CORS headers, preflights are ordinary requests
        }
        org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Correlation-ID"));
        cors.setExposedHeaders(List.of("X-Correlation-ID", "Location", "Retry-After", "Content-Disposition"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        PATHS.forEach(path -> source.registerCorsConfiguration(path, cors));
        return source;
    }
}
