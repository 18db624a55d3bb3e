package io.theriseunion.imagegateway.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a registry is and how to talk to it.
 *
 * @param url              {@code https://host[:port]}, or {@code http://host[:port]} when {@code insecure}; Docker
 *                         Hub's names ({@code docker.io}, {@code index.docker.io}) become {@link DockerHub#API_HOST}
 * @param insecure         allows plain http; TLS certificates are still verified for https
 * @param credentials      user and secret, or {@code null} for anonymous access
 * @param caCertificatePem PEM certificates that are the only trust anchors for this endpoint's TLS, or {@code null}
 *                         for the JDK's default trust store
 */
public record RegistryEndpoint(URI url, boolean insecure, RegistryCredentials credentials, String caCertificatePem) {

    public RegistryEndpoint {
        Objects.requireNonNull(url, "url");
        url = normalize(url, insecure);
        if (caCertificatePem != null && caCertificatePem.isBlank()) {
            caCertificatePem = null;
        }
        if (caCertificatePem != null && !caCertificatePem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("caCertificatePem must hold PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
    }

    /** An anonymous https endpoint; a bare {@code host[:port]} means https. */
    public static RegistryEndpoint of(String url) {
        return new RegistryEndpoint(parse(url), false, null, null);
    }

    /** An anonymous endpoint that may use plain http. */
    public static RegistryEndpoint insecure(String url) {
        return new RegistryEndpoint(parse(url), true, null, null);
    }

    public RegistryEndpoint withCredentials(RegistryCredentials credentials) {
        return new RegistryEndpoint(url, insecure, credentials, caCertificatePem);
    }

    public RegistryEndpoint withCaCertificatePem(String pem) {
        return new RegistryEndpoint(url, insecure, credentials, pem);
    }

    public String host() {
        return url.getHost();
    }

    /** {@code host} or {@code host:port}, as used in messages and request listener calls. */
    public String authority() {
        return url.getRawAuthority();
    }

    public boolean dockerHub() {
        return DockerHub.isDockerHub(host());
    }

    /**
     * The repository path this registry serves {@code path} under: checked against the OCI naming rule, and
     * with {@code library/} in front of a single-component name on Docker Hub.
     */
    public String repositoryPath(String path) {
        Objects.requireNonNull(path, "repository");
        return References.requireRepository(dockerHub() ? DockerHub.repositoryPath(path) : path);
    }

    @Override
    public String toString() {
        return "RegistryEndpoint[url=" + url + ", insecure=" + insecure
                + ", username=" + (credentials == null ? null : credentials.username())
                + ", caCertificate=" + (caCertificatePem != null) + "]";
    }

    private static URI parse(String url) {
        Objects.requireNonNull(url, "url");
        String text = url.strip();
        try {
            return new URI(text.contains("://") ? text : "https://" + text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("registry URL '" + url + "' is not a URL: " + e.getReason(), e);
        }
    }

    private static URI normalize(URI url, boolean insecure) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("registry URL must start with https:// (or http:// when insecure): " + url);
        }
        if (scheme.equals("http") && !insecure) {
            throw new IllegalArgumentException(
                    "registry URL uses plain http, which is only allowed for an insecure endpoint: " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("registry URL must not carry user info; use RegistryCredentials");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("registry URL has no host: " + url);
        }
        String path = url.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw new IllegalArgumentException("registry URL must be just scheme://host[:port], without a path: " + url);
        }
        String host = DockerHub.apiHost(url.getHost().toLowerCase(Locale.ROOT));
        return URI.create(scheme + "://" + host + (url.getPort() == -1 ? "" : ":" + url.getPort()));
    }
}
