package io.theriseunion.imagegateway.registry;

import java.util.Collection;
import java.util.Set;

/**
 * How an image's signature is found: cosign's tag convention (the signature manifest is tagged
 * {@code sha256-<hex>.sig} beside the image) or a referrer whose artifact type is a cosign, Sigstore bundle or
 * Notation signature.
 */
public final class Signatures {

    /** cosign's signature artifact (OCI 1.1 mode), Sigstore bundles (cosign 3) and Notary Project (notation). */
    public static final Set<String> ARTIFACT_TYPES = Set.of("application/vnd.dev.cosign.artifact.sig.v1+json",
                                                            "application/vnd.dev.sigstore.bundle.v0.3+json",
                                                            "application/vnd.cncf.notary.signature");

    private Signatures() {
    }

    /** {@code sha256:abc…} → {@code sha256-abc….sig}, the tag cosign signs an image under. */
    public static String cosignTag(String digest) {
        int colon = digest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a digest: " + digest);
        }
        return digest.substring(0, colon) + "-" + digest.substring(colon + 1) + ".sig";
    }

    /** Whether the tags hold cosign's signature tag of the digest. */
    public static boolean signedByTag(Collection<String> tags, String digest) {
        return tags != null && tags.contains(cosignTag(digest));
    }

    /** Whether one of the referrers is a signature. */
    public static boolean signedByReferrer(Collection<Referrer> referrers) {
        return referrers.stream().anyMatch(r -> r.artifactType() != null
                && (ARTIFACT_TYPES.contains(r.artifactType())
                    || r.artifactType().startsWith("application/vnd.dev.sigstore.bundle")));
    }
}
