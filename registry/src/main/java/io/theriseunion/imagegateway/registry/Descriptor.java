package io.theriseunion.imagegateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/** A content descriptor inside a manifest or index: what a blob or child manifest is and where to find it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record Descriptor(String mediaType, String digest, Long size, PlatformSpec platform, Map<String, String> annotations) {

    static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    static final String ATTESTATION = "attestation-manifest";

    /** The {@code platform} object of an index entry. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlatformSpec(String architecture, String os, String variant) {
    }

    /** A build attestation (BuildKit's provenance and SBOM entries), not a runnable image. */
    boolean attestation() {
        boolean unknownPlatform = platform != null && "unknown".equals(platform.os())
                && "unknown".equals(platform.architecture());
        return unknownPlatform || (annotations != null && ATTESTATION.equals(annotations.get(REFERENCE_TYPE)));
    }

    Layer toLayer() {
        return new Layer(digest, size, mediaType);
    }
}
