package io.theriseunion.imagegateway.registry;

import mockwebserver3.MockResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Small manifests, configs and answers for {@link MockRegistry}. */
final class MockContent {

    static final String CREATED = "2024-01-02T03:04:05Z";

    private MockContent() {
    }

    static String sha256(String content) {
        return Digests.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    static String config(String architecture) {
        return "{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"created\":\"" + CREATED + "\","
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    }

    static List<Layer> layers() {
        return List.of(new Layer(sha256("layer one"), 100, MediaTypes.OCI_LAYER),
                new Layer(sha256("layer two"), 250, MediaTypes.OCI_LAYER));
    }

    static String ociManifest(String config) {
        return imageManifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, config, layers());
    }

    static String imageManifest(String mediaType, String configType, String config, List<Layer> layers) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":"
                + descriptor(configType, sha256(config), config.getBytes(StandardCharsets.UTF_8).length) + ",\"layers\":["
                + layers.stream().map(l -> descriptor(l.mediaType(), l.digest(), l.size())).collect(Collectors.joining(","))
                + "]}";
    }

    static String descriptor(String mediaType, String digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    static MockResponse manifest(String json, String mediaType) {
        return new MockResponse.Builder().setHeader("Content-Type", mediaType)
                .setHeader("Docker-Content-Digest", sha256(json)).body(json).build();
    }

    static MockResponse head(String json, String mediaType) {
        return new MockResponse.Builder().setHeader("Content-Type", mediaType)
                .setHeader("Docker-Content-Digest", sha256(json))
                .setHeader("Content-Length", json.getBytes(StandardCharsets.UTF_8).length).build();
    }

    static MockResponse json(String json) {
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(json).build();
    }

    static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }
}
