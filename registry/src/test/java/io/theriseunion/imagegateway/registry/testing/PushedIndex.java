package io.theriseunion.imagegateway.registry.testing;

import java.util.List;

/**
 * A multi-platform index (OCI index or Docker manifest list) {@link TestImages} pushed.
 *
 * @param platforms         the child images, in index order
 * @param attestationDigest the BuildKit-style attestation entry's manifest digest, or {@code null} when the
 *                          index has none
 */
public record PushedIndex(String repository, String tag, String digest, String mediaType, List<PushedImage> platforms,
                          String attestationDigest) {

    public PushedIndex {
        platforms = List.copyOf(platforms);
    }

    public PushedImage platform(String architecture) {
        return platforms.stream().filter(p -> p.spec().architecture().equals(architecture)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + architecture + " image in " + this));
    }
}
