package io.theriseunion.imagegateway.registry.testing;

import io.theriseunion.imagegateway.registry.Layer;

import java.util.List;

/**
 * An image {@link TestImages} pushed: what a client should find when it reads it back.
 *
 * @param tag    the tag it was pushed under, or {@code null} for an index child pushed by digest
 * @param digest the manifest digest the registry answered with
 */
public record PushedImage(String repository, String tag, String digest, String mediaType, long manifestSize,
                          String configDigest, long configSize, List<Layer> layers, ImageSpec spec) {

    public PushedImage {
        layers = List.copyOf(layers);
    }

    /** The config size plus the layer sizes. */
    public long size() {
        return configSize + layers.stream().mapToLong(Layer::size).sum();
    }
}
