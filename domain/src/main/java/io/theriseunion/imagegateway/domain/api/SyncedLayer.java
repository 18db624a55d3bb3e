package io.theriseunion.imagegateway.domain.api;

/** One layer of a synced image. */
public record SyncedLayer(String digest, long size, String mediaType) {
}
