package io.theriseunion.imagegateway.registry.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.registry.Layer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The JSON documents of test images: image configs, manifests and index entries. */
final class ImageDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageDocuments() {
    }

    static Map<String, Object> imageConfig(ImageSpec spec, List<String> diffIds) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", spec.architecture());
        config.put("os", spec.os());
        if (spec.variant() != null) {
            config.put("variant", spec.variant());
        }
        config.put("created", spec.created().toString());
        config.put("config", Map.of("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                "Cmd", List.of("/bin/sh")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        config.put("history", List.of(Map.of("created", spec.created().toString(), "created_by", "test image")));
        return config;
    }

    static Map<String, Object> imageManifest(String mediaType, String configType, String configDigest,
                                             long configSize, List<Layer> layers) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", mediaType);
        manifest.put("config", descriptor(configType, configDigest, configSize));
        manifest.put("layers", layers.stream().map(l -> descriptor(l.mediaType(), l.digest(), l.size())).toList());
        return manifest;
    }

    static Map<String, Object> index(String mediaType, List<Map<String, Object>> entries) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", mediaType);
        index.put("manifests", entries);
        return index;
    }

    static Map<String, Object> platformEntry(PushedImage child) {
        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("architecture", child.spec().architecture());
        platform.put("os", child.spec().os());
        if (child.spec().variant() != null) {
            platform.put("variant", child.spec().variant());
        }
        Map<String, Object> entry = descriptor(child.mediaType(), child.digest(), child.manifestSize());
        entry.put("platform", platform);
        return entry;
    }

    /** How BuildKit lists an attestation: platform unknown/unknown and a reference-type annotation. */
    static Map<String, Object> attestationEntry(String mediaType, String digest, long size, String subjectDigest) {
        Map<String, Object> entry = descriptor(mediaType, digest, size);
        entry.put("annotations", Map.of("vnd.docker.reference.digest", subjectDigest,
                "vnd.docker.reference.type", "attestation-manifest"));
        entry.put("platform", Map.of("architecture", "unknown", "os", "unknown"));
        return entry;
    }

    static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("size", size);
        descriptor.put("digest", digest);
        return descriptor;
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
