package io.theriseunion.imagegateway.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Writes the {@code config.yml} of a {@link LocalRegistry}. */
final class RegistryConfig {

    private RegistryConfig() {
    }

    /**
     * @param htpasswd      the htpasswd file, or {@code null} for anonymous access
     * @param notifications where to POST events, or {@code null}
     * @param authorization the Authorization header sent with them, or {@code null}
     */
    static Path write(Path folder, int port, Path htpasswd, URI notifications, String authorization) {
        StringBuilder yaml = new StringBuilder()
                .append("version: 0.1\n")
                // info: the "listening on" line tells that it started
                .append("log:\n  level: info\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(folder.resolve("storage")).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
                .append("  secret: ").append(UUID.randomUUID()).append('\n');
        if (htpasswd != null) {
            yaml.append("auth:\n  htpasswd:\n    realm: local-registry\n    path: ").append(htpasswd).append('\n');
        }
        if (notifications != null) {
            yaml.append("notifications:\n  endpoints:\n    - name: test\n      url: ").append(notifications).append('\n')
                    .append("      timeout: 2s\n      threshold: 5\n      backoff: 1s\n");
            if (authorization != null) {
                yaml.append("      headers:\n        Authorization: [\"").append(authorization).append("\"]\n");
            }
        }
        try {
            return Files.writeString(folder.resolve("config.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
