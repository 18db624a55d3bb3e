package io.theriseunion.imagegateway.registry;

/**
 * One manifest that refers to an image through its {@code subject}, as the OCI referrers API lists it.
 *
 * @param artifactType what it is, e.g. {@code application/vnd.dev.cosign.artifact.sig.v1+json}; may be null
 */
public record Referrer(String digest, String mediaType, String artifactType) {
}
