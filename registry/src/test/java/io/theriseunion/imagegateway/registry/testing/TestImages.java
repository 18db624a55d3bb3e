package io.theriseunion.imagegateway.registry.testing;

import io.theriseunion.imagegateway.registry.Layer;
import io.theriseunion.imagegateway.registry.MediaTypes;
import io.theriseunion.imagegateway.registry.RegistryCredentials;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.registry.testing.ImageDocuments.*;

/**
 * Pushes test images through the distribution HTTP API alone (no docker, no skopeo). Layers are random bytes,
 * configs real image config JSON with architecture, os, variant and created; every push makes new content,
 * so every push has a new digest. Get one from {@link LocalRegistry#images()}.
 */
public final class TestImages {

    private static final String IN_TOTO_LAYER = "application/vnd.in-toto+json";

    private final PushApi api;

    /** @param credentials Basic credentials for every request, or {@code null} */
    public TestImages(URI registry, RegistryCredentials credentials) {
        this.api = new PushApi(registry, credentials);
    }

    /** A linux/amd64 Docker schema2 image with three layers. */
    public PushedImage pushDockerImage(String repository, String tag) {
        return push(repository, tag, ImageFormat.DOCKER, ImageSpec.linuxAmd64());
    }

    /** A linux/amd64 OCI image with three layers. */
    public PushedImage pushOciImage(String repository, String tag) {
        return push(repository, tag, ImageFormat.OCI, ImageSpec.linuxAmd64());
    }

    /** An image of {@code spec} under {@code tag}; with a {@code null} tag it is pushed by digest only. */
    public PushedImage push(String repository, String tag, ImageFormat format, ImageSpec spec) {
        List<Layer> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < spec.layers(); i++) {
            byte[] content = randomBytes(spec.layerBytes() + i * 512);
            layers.add(new Layer(api.pushBlob(repository, content), content.length, format.layerType()));
            diffIds.add(sha256(randomBytes(32)));
        }
        byte[] config = json(imageConfig(spec, diffIds));
        String configDigest = api.pushBlob(repository, config);
        byte[] manifest = json(imageManifest(format.manifestType(), format.configType(), configDigest, config.length,
                layers));
        String digest = api.pushManifest(repository, tag == null ? sha256(manifest) : tag, format.manifestType(),
                manifest);
        return new PushedImage(repository, tag, digest, format.manifestType(), manifest.length, configDigest,
                config.length, layers, spec);
    }

    /** An OCI index of linux/amd64 and linux/arm64/v8, plus a BuildKit-style attestation entry. */
    public PushedIndex pushOciIndex(String repository, String tag) {
        return pushIndex(repository, tag, ImageFormat.OCI, List.of(ImageSpec.linuxAmd64(), ImageSpec.linuxArm64V8()),
                true);
    }

    /** A Docker manifest list of linux/amd64 and linux/arm64/v8. */
    public PushedIndex pushDockerManifestList(String repository, String tag) {
        return pushIndex(repository, tag, ImageFormat.DOCKER,
                List.of(ImageSpec.linuxAmd64(), ImageSpec.linuxArm64V8()), false);
    }

    /**
     * Pushes one child image per spec (by digest), then the index under {@code tag}.
     *
     * @param withAttestation also push an attestation manifest for the first child and list it the way BuildKit
     *                        does (platform unknown/unknown, {@code vnd.docker.reference.type=attestation-manifest})
     */
    public PushedIndex pushIndex(String repository, String tag, ImageFormat format, List<ImageSpec> platforms,
                                 boolean withAttestation) {
        List<PushedImage> children = new ArrayList<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ImageSpec spec : platforms) {
            PushedImage child = push(repository, null, format, spec);
            children.add(child);
            entries.add(platformEntry(child));
        }
        String attestation = null;
        if (withAttestation) {
            Map<String, Object> entry = pushAttestation(repository, children.get(0).digest());
            attestation = (String) entry.get("digest");
            entries.add(entry);
        }
        String digest = api.pushManifest(repository, tag, format.indexType(), json(index(format.indexType(), entries)));
        return new PushedIndex(repository, tag, digest, format.indexType(), children, attestation);
    }

    /** One OCI image under {@code count} tags {@code tag-0001} … {@code tag-<count>}; returns them in push order. */
    public List<String> pushTags(String repository, int count) {
        List<String> tags = new ArrayList<>();
        PushedImage image = pushOciImage(repository, tagName(1));
        tags.add(image.tag());
        byte[] manifest = api.getManifest(repository, image.digest(), image.mediaType());
        for (int i = 2; i <= count; i++) {
            tags.add(tagName(i));
            api.pushManifest(repository, tagName(i), image.mediaType(), manifest);
        }
        return tags;
    }

    /** Moves {@code tag} to a new OCI image (new layers, so a new digest). */
    public PushedImage repush(String repository, String tag) {
        return pushOciImage(repository, tag);
    }

    /** Uploads a blob; returns its digest. */
    public String pushBlob(String repository, byte[] content) {
        return api.pushBlob(repository, content);
    }

    /** Puts a manifest under a tag or digest with its media type as Content-Type; returns its digest. */
    public String pushManifest(String repository, String reference, String mediaType, byte[] manifest) {
        return api.pushManifest(repository, reference, mediaType, manifest);
    }

    private Map<String, Object> pushAttestation(String repository, String subjectDigest) {
        byte[] statement = json(Map.of("_type", "https://in-toto.io/Statement/v0.1",
                "predicateType", "https://slsa.dev/provenance/v0.2", "nonce", sha256(randomBytes(16))));
        String statementDigest = api.pushBlob(repository, statement);
        byte[] config = json(Map.of("architecture", "unknown", "os", "unknown", "config", Map.of(),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(statementDigest))));
        String configDigest = api.pushBlob(repository, config);
        byte[] manifest = json(imageManifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, configDigest,
                config.length, List.of(new Layer(statementDigest, statement.length, IN_TOTO_LAYER))));
        String digest = api.pushManifest(repository, sha256(manifest), MediaTypes.OCI_MANIFEST, manifest);
        return attestationEntry(MediaTypes.OCI_MANIFEST, digest, manifest.length, subjectDigest);
    }

    private static String tagName(int number) {
        return String.format("tag-%04d", number);
    }
}
