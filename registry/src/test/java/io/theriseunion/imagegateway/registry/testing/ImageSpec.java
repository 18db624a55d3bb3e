package io.theriseunion.imagegateway.registry.testing;

import java.time.Instant;

/**
 * What a test image is made of: its platform, how many layers of random bytes, and its creation time.
 *
 * @param variant {@code null} unless the platform has one ({@code v8} for arm64)
 */
public record ImageSpec(String os, String architecture, String variant, int layers, int layerBytes, Instant created) {

    private static final Instant CREATED = Instant.parse("2024-05-01T12:30:00Z");

    public static ImageSpec linuxAmd64() {
        return new ImageSpec("linux", "amd64", null, 3, 2048, CREATED);
    }

    public static ImageSpec linuxArm64V8() {
        return new ImageSpec("linux", "arm64", "v8", 2, 2048, CREATED.plusSeconds(60));
    }

    public ImageSpec withLayers(int count) {
        return new ImageSpec(os, architecture, variant, count, layerBytes, created);
    }

    public ImageSpec withCreated(Instant instant) {
        return new ImageSpec(os, architecture, variant, layers, layerBytes, instant);
    }
}
