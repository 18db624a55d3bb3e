package io.theriseunion.imagegateway.registry.testing;

import io.theriseunion.imagegateway.registry.RegistryCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an htpasswd file with {@code htpasswd -Bbn} (bcrypt, the only hash distribution accepts). */
final class Htpasswd {

    private Htpasswd() {
    }

    static Path write(Path folder, RegistryCredentials credentials) {
        try {
            Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", credentials.username(), credentials.secret())
                    .redirectErrorStream(true).start();
            String line = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (htpasswd.waitFor() != 0 || !line.startsWith(credentials.username() + ":")) {
                throw new IllegalStateException("htpasswd failed for user " + credentials.username());
            }
            return Files.writeString(folder.resolve("htpasswd"), line + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("could not run htpasswd (" + e.getMessage() + "); "
                    + LocalRegistry.MISSING_BINARY_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running htpasswd", e);
        }
    }
}
