package io.theriseunion.imagegateway.registry;

/** A manifest or index whose bytes were checked against their digest, and what they say. */
record FetchedManifest(String digest, String mediaType, long size, ManifestDocument document) {
}
