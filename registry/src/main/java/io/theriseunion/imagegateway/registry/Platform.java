package io.theriseunion.imagegateway.registry;

import java.util.List;

/**
 * One image of a multi-platform index.
 *
 * @param digest the child manifest's digest
 * @param size   the child's config size plus its layer sizes
 */
public record Platform(String os, String architecture, String variant, String digest, long size, List<Layer> layers) {

    public Platform {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** {@code linux/arm64/v8}, {@code linux/amd64}. */
    public String name() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
