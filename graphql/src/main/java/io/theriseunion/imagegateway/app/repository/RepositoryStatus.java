package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The read-only {@code status} of a repository resource: where the image is pulled from ({@code domain}), how its
 * last sync went, and the manifest it read. Sizes are strings: the manifest's in decimal units ({@code 142MB},
 * see {@link HumanSize}), a layer's in bytes ({@code "12345678"}), as the product document writes them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryStatus(String domain, String syncStatus, Instant lastSynced, Instant nextSyncAt,
                               String digest, Manifest manifest, LastError lastError) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Manifest(String digest, String mediaType, String architecture, String os, String variant,
                           String size, Instant created, List<Layer> layers, List<Platform> platforms) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Layer(String digest, String size, String mediaType) {
    }

    /** One platform of a multi-architecture image. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Platform(String os, String architecture, String variant, String digest, String size) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastError(String code, String message, Integer httpStatus, Instant at) {
    }
}
