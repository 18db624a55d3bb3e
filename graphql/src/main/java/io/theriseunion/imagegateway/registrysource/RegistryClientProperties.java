package io.theriseunion.imagegateway.registrysource;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code gateway.registry.*}: how the gateway talks to registries.
 *
 * @param connectTimeout  TCP and TLS connect timeout
 * @param readTimeout     longest silence while reading an answer
 * @param healthInterval  how often every registry source is checked with {@code GET /v2/}
 * @param network         which hosts and addresses registry calls may reach (beyond the built-in denial of
 *                        link-local and cloud metadata addresses)
 */
@ConfigurationProperties("gateway.registry")
public record RegistryClientProperties(Duration connectTimeout, Duration readTimeout, Duration healthInterval,
                                       Network network) {

    /**
     * @param allow when not empty, only these hosts ({@code harbor.example.com}, {@code *.example.com}) and CIDRs
     *              ({@code 10.0.0.0/8}) may be reached
     * @param deny  hosts and CIDRs never reached, e.g. {@code 127.0.0.0/8} or {@code 10.0.0.0/8}; deny wins
     */
    public record Network(List<String> allow, List<String> deny) {
        public Network {
            allow = allow == null ? List.of() : List.copyOf(allow);
            deny = deny == null ? List.of() : List.copyOf(deny);
        }
    }

    public RegistryClientProperties {
        network = network == null ? new Network(null, null) : network;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        healthInterval = healthInterval == null ? Duration.ofMinutes(1) : healthInterval;
    }
}
