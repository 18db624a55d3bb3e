package io.theriseunion.imagegateway.app.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How issued secrets (API tokens, webhook secrets) are stored: SHA-256 in hex. A fast hash suffices for
 * 256-bit random secrets; comparisons are constant-time.
 */
public final class SecretHash {

    private SecretHash() {
    }

    public static String of(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the secret hashes to the stored hash, compared in constant time. */
    public static boolean matches(String secret, String storedHash) {
        return secret != null && storedHash != null
                && MessageDigest.isEqual(of(secret).getBytes(StandardCharsets.US_ASCII),
                                         storedHash.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
