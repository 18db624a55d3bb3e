package io.theriseunion.imagegateway.registry;

import java.util.Locale;
import java.util.Set;

/** The manifest and config media types this client reads, and the ones it refuses. */
public final class MediaTypes {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /** Every manifest type we read, and no schema1: a registry then never converts down to schema1. */
    public static final String MANIFEST_ACCEPT = String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST,
            DOCKER_MANIFEST_LIST);

    private static final Set<String> IMAGE_MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final Set<String> IMAGE_CONFIGS = Set.of(OCI_CONFIG, DOCKER_CONFIG);

    private MediaTypes() {
    }

    public static boolean isImageManifest(String mediaType) {
        return IMAGE_MANIFESTS.contains(mediaType);
    }

    public static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    public static boolean isManifest(String mediaType) {
        return isImageManifest(mediaType) || isIndex(mediaType);
    }

    public static boolean isSchema1(String mediaType) {
        return DOCKER_SCHEMA1.equals(mediaType) || DOCKER_SCHEMA1_SIGNED.equals(mediaType);
    }

    /** Whether a config blob of this type holds architecture, os and created (an image, not some artifact). */
    public static boolean isImageConfig(String mediaType) {
        return IMAGE_CONFIGS.contains(mediaType);
    }

    /** {@code application/json; charset=utf-8} becomes {@code application/json}; null stays null. */
    static String essence(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
    }
}
