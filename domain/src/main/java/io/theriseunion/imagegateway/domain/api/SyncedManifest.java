package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;
import java.util.List;

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
}
