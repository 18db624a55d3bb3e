package io.theriseunion.imagegateway.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link ImageManifest}: a single image from its manifest and config blob, an index from each of
 * its child images. Child manifests are kept by digest, like config blobs, so inspecting unchanged content
 * again costs one manifest request; the cache of children is bounded by their bytes. The layers of all platforms
 * together are bounded by {@link Limits#imageLayers()}.
 */
final class ImageInspector {

    private static final Logger log = LoggerFactory.getLogger(ImageInspector.class);

    private final ManifestFetcher manifests;
    private final ConfigReader configs;
    private final BoundedCache<String, FetchedManifest> children;
    private final Limits limits;

    /** @param cacheBytes the child manifests kept, in bytes of their documents */
    ImageInspector(ManifestFetcher manifests, ConfigReader configs, long cacheBytes, Limits limits) {
        this.manifests = manifests;
        this.configs = configs;
        this.children = new BoundedCache<>(cacheBytes, FetchedManifest::size);
        this.limits = limits;
    }

    ImageManifest inspect(RegistryEndpoint endpoint, String repository, String reference, Deadline deadline) {
        FetchedManifest top = manifests.fetch(endpoint, repository, reference, deadline);
        if (MediaTypes.isIndex(top.mediaType())) {
            return fromIndex(endpoint, repository, top, deadline);
        }
        ManifestDocument image = top.document();
        ImageConfig config = configs.read(endpoint, repository, image.config(), deadline);
        return new ImageManifest(top.digest(), top.mediaType(), image.imageSize(), config.architecture(), config.os(),
                config.variant(), config.createdAt(), image.layerList(), List.of());
    }

    private ImageManifest fromIndex(RegistryEndpoint endpoint, String repository, FetchedManifest index,
                                    Deadline deadline) {
        List<Platform> platforms = new ArrayList<>();
        Platform amd64 = null;
        Instant amd64Created = null;
        long layers = 0;
        for (Descriptor entry : index.document().manifests()) {
            if (entry.attestation() || !MediaTypes.isImageManifest(entry.mediaType())) {
                log.debug("skipping index entry {} ({}) of {}", entry.digest(), entry.mediaType(), repository);
                continue;
            }
            ManifestDocument child = child(endpoint, repository, entry, deadline);
            layers += child.layers().size();
            if (layers > limits.imageLayers()) {
                throw limits.exceeded(endpoint.authority(), "more than " + limits.imageLayers()
                        + " layers over the platforms of index " + References.display(repository, index.digest()),
                        Limits.IMAGE_LAYERS, limits.imageLayers());
            }
            ImageConfig config = configs.read(endpoint, repository, child.config(), deadline);
            Descriptor.PlatformSpec spec = entry.platform();
            Platform platform = new Platform(
                    spec != null && spec.os() != null ? spec.os() : config.os(),
                    spec != null && spec.architecture() != null ? spec.architecture() : config.architecture(),
                    spec != null && spec.variant() != null ? spec.variant() : config.variant(),
                    entry.digest(), child.imageSize(), child.layerList());
            platforms.add(platform);
            if (amd64 == null && "linux".equals(platform.os()) && "amd64".equals(platform.architecture())) {
                amd64 = platform;
                amd64Created = config.createdAt();
            }
        }
        if (amd64 == null) {
            return new ImageManifest(index.digest(), index.mediaType(), 0, null, null, null, null, List.of(), platforms);
        }
        return new ImageManifest(index.digest(), index.mediaType(), amd64.size(), amd64.architecture(), amd64.os(),
                amd64.variant(), amd64Created, amd64.layers(), platforms);
    }

    private ManifestDocument child(RegistryEndpoint endpoint, String repository, Descriptor entry,
                                   Deadline deadline) {
        FetchedManifest cached = children.get(entry.digest());
        if (cached != null) {
            return cached.document();
        }
        FetchedManifest fetched = manifests.fetch(endpoint, repository, entry.digest(), deadline);
        if (!MediaTypes.isImageManifest(fetched.mediaType())) {
            throw new RegistryException(RegistryErrorCode.INVALID_MANIFEST, "index entry "
                    + References.display(repository, entry.digest()) + " is listed as an image but is " + fetched.mediaType());
        }
        children.put(entry.digest(), fetched);
        return fetched.document();
    }
}
