package io.theriseunion.imagegateway.projections.layer;

import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.domain.api.SyncedPlatform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code repository_image} and {@code repository_layer} keep of a synced manifest.
 *
 * @param imageBytes  the bytes the image takes in its registry: its size (config plus layers), or for a
 *                    multi-architecture image the sum of its platforms' sizes (its {@code Manifest.size} is that
 *                    of one platform)
 * @param configBytes the part of imageBytes that is not layers: the image configs, one per image or platform
 * @param layers      its distinct layers, each once at its first position: the image's layers in manifest order,
 *                    then each platform's in index order
 */
record ImageLayers(long imageBytes, long configBytes, List<Entry> layers) {

    /** The longest digest a layer may have and still be stored (the column's length). */
    static final int MAX_DIGEST = 160;

    /** One distinct layer. */
    record Entry(String digest, long size, int position) {
    }

    static ImageLayers of(SyncedManifest manifest) {
        List<SyncedPlatform> platforms = manifest.platforms() == null ? List.of() : manifest.platforms();
        long imageBytes;
        long layerBytes;
        if (platforms.isEmpty()) {
            imageBytes = manifest.size();
            layerBytes = sum(manifest.layers());
        } else {
            imageBytes = platforms.stream().mapToLong(SyncedPlatform::size).sum();
            layerBytes = platforms.stream().mapToLong(p -> sum(p.layers())).sum();
        }
        Map<String, Entry> distinct = new LinkedHashMap<>();
        add(distinct, manifest.layers());
        platforms.forEach(p -> add(distinct, p.layers()));
        return new ImageLayers(imageBytes, Math.max(0, imageBytes - layerBytes), List.copyOf(distinct.values()));
    }

    private static void add(Map<String, Entry> distinct, List<SyncedLayer> layers) {
        if (layers == null) {
            return;
        }
        for (SyncedLayer layer : layers) {
            if (layer.digest() != null && layer.digest().length() <= MAX_DIGEST) {
                distinct.putIfAbsent(layer.digest(), new Entry(layer.digest(), layer.size(), distinct.size()));
            }
        }
    }

    private static long sum(List<SyncedLayer> layers) {
        return layers == null ? 0 : layers.stream().mapToLong(SyncedLayer::size).sum();
    }

    /** The layer lists of an image whose leading runs are its base: its own, or for an index each platform's. */
    static List<List<SyncedLayer>> stacks(SyncedManifest manifest) {
        List<List<SyncedLayer>> stacks = new ArrayList<>();
        if (manifest.platforms() != null && !manifest.platforms().isEmpty()) {
            manifest.platforms().forEach(p -> stacks.add(p.layers() == null ? List.of() : p.layers()));
        } else if (manifest.layers() != null) {
            stacks.add(manifest.layers());
        }
        return stacks;
    }
}
