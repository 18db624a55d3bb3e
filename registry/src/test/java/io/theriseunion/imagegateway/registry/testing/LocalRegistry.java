package io.theriseunion.imagegateway.registry.testing;

import io.theriseunion.imagegateway.registry.RegistryCredentials;
import io.theriseunion.imagegateway.registry.RegistryEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A real registry for tests: Debian's {@code docker-registry} (CNCF distribution 2.8) on a free loopback
 * port, with its own storage folder, anonymous or behind an htpasswd file. Close it to stop the process and
 * delete its folder.
 *
 * <pre>{@code
 * try (LocalRegistry registry = LocalRegistry.withHtpasswd("user", "pass")) {
 *     PushedImage image = registry.images().pushOciImage("team/app", "1.0");
 *     ManifestHead head = client.head(registry.endpoint(), "team/app", "1.0");
 * }
 * }</pre>
 */
public final class LocalRegistry implements AutoCloseable {

    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/docker-registry");
    public static final String MISSING_BINARY_HINT = "install Debian's docker-registry (apt-get install"
            + " docker-registry apache2-utils) or run the README's test command bash scripts/test.sh";

    private static final int START_ATTEMPTS = 3;

    private final Path folder;
    private final RegistryProcess process;
    private final int port;
    private final RegistryCredentials credentials;

    private LocalRegistry(Path folder, RegistryProcess process, int port, RegistryCredentials credentials) {
        this.folder = folder;
        this.process = process;
        this.port = port;
        this.credentials = credentials;
    }

    /** A registry anyone may push to and pull from. */
    public static LocalRegistry anonymous() {
        return builder().start();
    }

    /** A registry that wants Basic authentication as {@code username}/{@code password} for everything. */
    public static LocalRegistry withHtpasswd(String username, String password) {
        return builder().htpasswd(username, password).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** {@code 127.0.0.1:<port>}: the host the client names in messages and request listener calls. */
    public String authority() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The htpasswd user and password, or {@code null} for an anonymous registry. */
    public RegistryCredentials credentials() {
        return credentials;
    }

    /** An insecure (plain http) endpoint for this registry, with its credentials when it has some. */
    public RegistryEndpoint endpoint() {
        return endpoint(credentials);
    }

    /** The same registry with other credentials, or {@code null} for none, e.g. to try a wrong password. */
    public RegistryEndpoint endpoint(RegistryCredentials other) {
        return new RegistryEndpoint(url(), true, other, null);
    }

    /** Pushes test images to this registry, with its credentials. */
    public TestImages images() {
        return new TestImages(url(), credentials);
    }

    /** The registry's storage root (deleted on close). */
    public Path storage() {
        return folder.resolve("storage");
    }

    /** What the registry logged so far, for failure messages. */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.stop();
        deleteFolder(folder);
    }

    @Override
    public String toString() {
        return "LocalRegistry[" + url() + (credentials == null ? ", anonymous" : ", htpasswd") + "]";
    }

    /** Options of a {@link LocalRegistry}. */
    public static final class Builder {

        private Path binary = DEFAULT_BINARY;
        private RegistryCredentials credentials;
        private URI notifications;
        private String notificationAuthorization;

        private Builder() {
        }

        /** Another {@code docker-registry} binary; {@link #DEFAULT_BINARY} by default. */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary);
            return this;
        }

        /** Require Basic authentication as this user (an htpasswd file made with {@code htpasswd -Bbn}). */
        public Builder htpasswd(String username, String password) {
            this.credentials = new RegistryCredentials(username, password);
            return this;
        }

        /** Send the registry's event notifications (pushes and pulls, one event per POST) to {@code url}. */
        public Builder notifications(URI url) {
            this.notifications = Objects.requireNonNull(url);
            return this;
        }

        /** As {@link #notifications(URI)}, sending this {@code Authorization} header with every POST. */
        public Builder notifications(URI url, String authorization) {
            this.notifications = Objects.requireNonNull(url);
            this.notificationAuthorization = Objects.requireNonNull(authorization);
            return this;
        }

        /** Starts the registry; returns once {@code GET /v2/} answers. Fails when the binary is missing. */
        public LocalRegistry start() {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("no registry binary at " + binary + ": " + MISSING_BINARY_HINT);
            }
            Path folder = createFolder();
            try {
                Path htpasswd = credentials == null ? null : Htpasswd.write(folder, credentials);
                IllegalStateException failure = null;
                for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                    int port = freePort();
                    Path config = RegistryConfig.write(folder, port, htpasswd, notifications,
                                                        notificationAuthorization);
                    try {
                        RegistryProcess process = RegistryProcess.start(binary, config, folder.resolve("registry.log"),
                                port, credentials);
                        return new LocalRegistry(folder, process, port, credentials);
                    } catch (IllegalStateException e) {
                        failure = e; // most likely the free port was taken in between: try another
                    }
                }
                throw failure;
            } catch (RuntimeException e) {
                deleteFolder(folder);
                throw e;
            }
        }

        private static Path createFolder() {
            try {
                Path folder = Files.createTempDirectory("local-registry-");
                Files.createDirectories(folder.resolve("storage"));
                return folder;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
