package io.theriseunion.imagegateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

import static io.theriseunion.imagegateway.registry.RegistryErrorCode.INVALID_MANIFEST;

/**
 * The fields we read of an image manifest ({@code config}, {@code layers}) or an index ({@code manifests}).
 * Both shapes share one record: which one it is comes from the media type.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ManifestDocument(Integer schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
                        List<Descriptor> manifests) {

    /** The config plus the layer sizes. */
    long imageSize() {
        return config.size() + layers.stream().mapToLong(Descriptor::size).sum();
    }

    List<Layer> layerList() {
        return layers.stream().map(Descriptor::toLayer).toList();
    }

    /** Checks the fields an image manifest must have; {@code subject} names it in the message. */
    ManifestDocument requireImage(String subject) {
        requireDescriptor(config, "config", subject);
        if (layers == null) {
            throw invalid(subject, "has no layers list");
        }
        layers.forEach(layer -> requireDescriptor(layer, "layer", subject));
        return this;
    }

    ManifestDocument requireIndex(String subject) {
        if (manifests == null) {
            throw invalid(subject, "has no manifests list");
        }
        manifests.forEach(child -> requireDescriptor(child, "manifests entry", subject));
        return this;
    }

    private static void requireDescriptor(Descriptor descriptor, String what, String subject) {
        if (descriptor == null) {
            throw invalid(subject, "has no " + what);
        }
        if (!References.isDigest(descriptor.digest())) {
            throw invalid(subject, "has a " + what + " without a valid digest");
        }
        if (descriptor.size() == null || descriptor.size() < 0) {
            throw invalid(subject, "has a " + what + " without a valid size");
        }
    }

    private static RegistryException invalid(String subject, String problem) {
        return new RegistryException(INVALID_MANIFEST, "manifest " + subject + " " + problem);
    }
}
