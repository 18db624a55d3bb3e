package io.theriseunion.imagegateway.domain.api;

/**
 * Everything a sync needs to know about its repository, so that the sync process never reads a read model:
 * the image, its registry source, the limits, and the digest and layers known from the last success.
 */
public record SyncTarget(String namespace,
                         String name,
                         RegistryRef registry,
                         String repository,
                         String tag,
                         String syncTimeout,
                         int retryCount,
                         String knownDigest,
                         boolean refreshTags) {
}
