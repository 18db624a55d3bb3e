package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The metadata a sync read from the registry: digest and media type of what the tag points at, the image
 * config's architecture, os, variant and created time, total size, layers, and for an index the platforms.
 */
public record SyncedManifest(String digest,
                             String mediaType,
                             String architecture,
                             String os,
                             String variant,
                             long size,
                             Instant created,
                             List<SyncedLayer> layers,
                             List<SyncedPlatform> platforms) {

    /** The digests of its layers, each once in the order first met; for an index, of all its platforms. */
    public List<String> layerDigests() {
        Set<String> digests = new LinkedHashSet<>();
        if (layers != null) {
            layers.stream().map(SyncedLayer::digest).forEach(digests::add);
        }
        if (platforms != null) {
            for (SyncedPlatform p : platforms) {
                if (p.layers() != null) {
                    p.layers().stream().map(SyncedLayer::digest).forEach(digests::add);
                }
            }
        }
        return List.copyOf(digests);
    }
}
