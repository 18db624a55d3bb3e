package io.theriseunion.imagegateway.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code inspect} learns about an image.
 * <p>
 * For a single image, {@code size} is the config size plus the layer sizes, the platform fields come from the
 * config blob, and {@code platforms} is empty. For an index (OCI index or Docker manifest list),
 * {@code platforms} holds one entry per image (attestations left out) and the top-level fields describe its
 * {@code linux/amd64} image, the one a plain {@code docker pull} on a server fetches: architecture, os,
 * variant, created, layers and size are that child's. An index without a {@code linux/amd64} image has
 * {@code null} architecture, os, variant and created, no layers and size 0.
 *
 * @param digest    the digest of the manifest (or index) bytes
 * @param mediaType one of the four {@link MediaTypes} manifest types
 */
public record ImageManifest(String digest, String mediaType, long size, String architecture, String os, String variant,
                            Instant created, List<Layer> layers, List<Platform> platforms) {

    public ImageManifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** Whether this is an OCI index or a Docker manifest list. */
    public boolean index() {
        return MediaTypes.isIndex(mediaType);
    }

    public Optional<Platform> platform(String os, String architecture) {
        return platforms.stream()
                .filter(p -> os.equals(p.os()) && architecture.equals(p.architecture()))
                .findFirst();
    }
}
