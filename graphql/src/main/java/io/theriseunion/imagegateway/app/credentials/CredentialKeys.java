package io.theriseunion.imagegateway.app.credentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the key for registry secrets comes from: {@code gateway.credentials.key} (base64 of 32 bytes, e.g.
 * from the environment variable GATEWAY_CREDENTIALS_KEY), else a key file ({@code gateway.credentials.key-file};
 * on the embedded default {@code ./data/credentials.key}, generated on first use with owner-only permissions).
 */
public final class CredentialKeys {

    private static final Logger log = LoggerFactory.getLogger(CredentialKeys.class);

    private CredentialKeys() {
    }

    public static Optional<SecretKey> resolve(String base64Key, Path keyFile, boolean generateFile) {
        if (base64Key != null && !base64Key.isBlank()) {
            return Optional.of(decode(base64Key.trim(), "gateway.credentials.key"));
        }
        if (keyFile == null) {
            return Optional.empty();
        }
        try {
            if (Files.exists(keyFile)) {
                return Optional.of(decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(), keyFile.toString()));
            }
            if (!generateFile) {
                return Optional.empty();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            OwnerOnlyFile.create(keyFile, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            log.info("Generated the key for registry secrets in {}; back it up with the database", keyFile);
            return Optional.of(new SecretKeySpec(key, "AES"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the registry secrets key file " + keyFile, e);
        }
    }

    private static SecretKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the registry secrets key in " + source + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("the registry secrets key in " + source + " must be 32 bytes (base64 of"
                                                    + " 32 random bytes, e.g. `openssl rand -base64 32`), not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }
}
