package io.theriseunion.imagegateway.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Content digests: compute sha256 and check bytes against a digest of a supported algorithm. */
final class Digests {

    private static final Map<String, String> ALGORITHMS = Map.of(
            "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    private Digests() {
    }

    static String sha256(byte[] bytes) {
        return "sha256:" + hex("SHA-256", bytes);
    }

    static boolean supported(String digest) {
        return ALGORITHMS.containsKey(algorithm(digest));
    }

    /** Whether {@code bytes} hash to {@code digest}; the algorithm must be {@link #supported(String)}. */
    static boolean matches(String digest, byte[] bytes) {
        String algorithm = algorithm(digest);
        return digest.equals(algorithm + ":" + hex(ALGORITHMS.get(algorithm), bytes));
    }

    private static String algorithm(String digest) {
        int colon = digest.indexOf(':');
        return colon < 0 ? "" : digest.substring(0, colon);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
