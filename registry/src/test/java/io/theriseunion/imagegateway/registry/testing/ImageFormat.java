package io.theriseunion.imagegateway.registry.testing;

import io.theriseunion.imagegateway.registry.MediaTypes;

/** The two manifest families a test image can be pushed in. */
public enum ImageFormat {
    /** Docker image manifest v2 schema 2 and Docker manifest list. */
    DOCKER(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_CONFIG, MediaTypes.DOCKER_LAYER),
    /** OCI image manifest and OCI image index. */
    OCI(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER);

    private final String manifestType;
    private final String indexType;
    private final String configType;
    private final String layerType;

    ImageFormat(String manifestType, String indexType, String configType, String layerType) {
        this.manifestType = manifestType;
        this.indexType = indexType;
        this.configType = configType;
        this.layerType = layerType;
    }

    public String manifestType() {
        return manifestType;
    }

    public String indexType() {
        return indexType;
    }

    public String configType() {
        return configType;
    }

    public String layerType() {
        return layerType;
    }
}
