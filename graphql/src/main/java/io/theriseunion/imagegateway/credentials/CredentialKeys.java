package io.theriseunion.imagegateway.credentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

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
            writeOwnerOnly(keyFile, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            log.info("Generated the key for registry secrets in {}; back it up with the database", keyFile);
            return Optional.of(new SecretKeySpec(key, "AES"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the registry secrets key file " + keyFile, e);
        }
    }

    /**
     * Creates the file with owner-only permissions from its first byte (never readable by others, not even for a
     * moment), failing if it exists; on file systems without POSIX permissions, as the platform creates files.
     */
    static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, ownerOnly)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
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
