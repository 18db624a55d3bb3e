package io.theriseunion.imagegateway.registry;

/**
 * What a HEAD on a manifest tells: enough to see whether a tag moved.
 *
 * @param size the manifest's length in bytes, or -1 when the registry did not say
 */
public record ManifestHead(String digest, String mediaType, long size) {
}
