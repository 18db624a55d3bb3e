package io.theriseunion.imagegateway.app.registrysource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * {@code gateway.registry.*}: how the gateway talks to registries.
 *
 * @param connectTimeout  TCP and TLS connect timeout
 * @param readTimeout     longest silence while reading an answer
 * @param healthInterval  how often every registry source is checked with {@code GET /v2/}
 * @param network         which hosts and addresses registry calls may reach (beyond the built-in denial of
 *                        loopback, link-local and cloud metadata addresses)
 * @param limits          how much work one registry answer may cause
 */
@ConfigurationProperties("gateway.registry")
public record RegistryClientProperties(Duration connectTimeout, Duration readTimeout, Duration healthInterval,
                                       Network network, Limits limits) {

    /** Where {@link Limits}' settings live, as LIMIT_EXCEEDED messages name them. */
    public static final String LIMITS_PREFIX = "gateway.registry.limits.";
    /** The setting that re-opens loopback, as FORBIDDEN_HOST messages name it. */
    public static final String ALLOW_LOOPBACK = "gateway.registry.network.allow-loopback";

    /**
     * @param allow         when not empty, only these hosts ({@code harbor.example.com}, {@code *.example.com}) and
     *                      CIDRs ({@code 10.0.0.0/8}) may be reached
     * @param deny          hosts and CIDRs never reached, e.g. {@code 10.0.0.0/8}; deny wins
     * @param allowLoopback lifts the built-in denial of loopback (127.0.0.0/8, ::1), and nothing else
     */
    public record Network(List<String> allow, List<String> deny, boolean allowLoopback) {
        public Network {
            allow = allow == null ? List.of() : List.copyOf(allow);
            deny = deny == null ? List.of() : List.copyOf(deny);
        }
    }

    /**
     * @param tagPages          tag-list pages read per listing
     * @param tags              tags kept per listing (the list stops there, no error)
     * @param indexEntries      entries of one index (manifest list)
     * @param layersPerManifest layers of one image manifest
     * @param imageLayers       layers over all platforms of one index
     * @param cacheBytes        child manifests kept in memory, by the size of their documents
     */
    public record Limits(Integer tagPages, Integer tags, Integer indexEntries, Integer layersPerManifest,
                         Integer imageLayers, DataSize cacheBytes) {
        public Limits {
            tagPages = positive(tagPages, 100, "tag-pages");
            tags = positive(tags, 1000, "tags");
            indexEntries = positive(indexEntries, 256, "index-entries");
            layersPerManifest = positive(layersPerManifest, 1000, "layers-per-manifest");
            imageLayers = positive(imageLayers, 4_000, "image-layers");
            cacheBytes = cacheBytes == null ? DataSize.ofMegabytes(64) : cacheBytes;
            if (cacheBytes.isNegative()) {
                throw new IllegalArgumentException(LIMITS_PREFIX + "cache-bytes must not be negative");
            }
        }

        private static int positive(Integer value, int fallback, String name) {
            if (value == null) {
                return fallback;
            }
            if (value < 1) {
                throw new IllegalArgumentException(LIMITS_PREFIX + name + " must be at least 1, not " + value);
            }
            return value;
        }
    }

    public RegistryClientProperties {
        network = network == null ? new Network(null, null, false) : network;
        limits = limits == null ? new Limits(null, null, null, null, null, null) : limits;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        healthInterval = healthInterval == null ? Duration.ofMinutes(1) : healthInterval;
    }
}
