package io.theriseunion.imagegateway.projections.layer;

/**
 * What a namespace's images take.
 *
 * @param totalBytes  the sum of its repositories' image sizes (for an index: all its platforms)
 * @param uniqueBytes each distinct layer digest counted once, plus each image's configs
 */
public record NamespaceStorage(long totalBytes, long uniqueBytes) {

    public static final NamespaceStorage NONE = new NamespaceStorage(0, 0);
}
