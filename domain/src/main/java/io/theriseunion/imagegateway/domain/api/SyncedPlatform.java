package io.theriseunion.imagegateway.domain.api;

import java.util.List;

/** One platform of a multi-architecture image (an entry of an OCI index or Docker manifest list). */
public record SyncedPlatform(String os, String architecture, String variant, String digest, long size,
                             List<SyncedLayer> layers) {
}
