package io.theriseunion.imagegateway.registrysource;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code gateway.registry.*}: how the gateway talks to registries.
 *
 * @param connectTimeout  TCP and TLS connect timeout
 * @param readTimeout     longest silence while reading an answer
 * @param healthInterval  how often every registry source is checked with {@code GET /v2/}
 */
@ConfigurationProperties("gateway.registry")
public record RegistryClientProperties(Duration connectTimeout, Duration readTimeout, Duration healthInterval) {

    public RegistryClientProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        healthInterval = healthInterval == null ? Duration.ofMinutes(1) : healthInterval;
    }
}
