package io.theriseunion.imagegateway.registry;

/** One layer blob of an image, as its manifest describes it. */
public record Layer(String digest, long size, String mediaType) {
}
