package io.theriseunion.imagegateway.projections.layer;

/** A layer of a repository's image, and whether the image of another repository has it too. */
public record StoredLayer(String digest, long size, boolean shared) {
}
