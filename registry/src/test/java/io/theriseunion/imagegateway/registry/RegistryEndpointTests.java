package io.theriseunion.imagegateway.registry;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Endpoint URLs, Docker Hub naming and names that never reach a URL unchecked. */
class RegistryEndpointTests {

    @Test
    void anHttpsUrlIsKeptWithoutTrailingSlash() {
        RegistryEndpoint endpoint = RegistryEndpoint.of("https://Harbor.Example.com:8443/");

        assertThat(endpoint.url()).isEqualTo(URI.create("https://harbor.example.com:8443"));
        assertThat(endpoint.authority()).isEqualTo("harbor.example.com:8443");
        assertThat(endpoint.insecure()).isFalse();
    }

    @Test
    void aBareHostMeansHttps() {
        assertThat(RegistryEndpoint.of("quay.example:5000").url()).isEqualTo(URI.create("https://quay.example:5000"));
    }

    @Test
    void plainHttpNeedsAnInsecureEndpoint() {
        assertThatIllegalArgumentException().isThrownBy(() -> RegistryEndpoint.of("http://127.0.0.1:5000"))
                .withMessageContaining("plain http, which is only allowed for an insecure endpoint");
        assertThat(RegistryEndpoint.insecure("http://127.0.0.1:5000").url()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    }

    @Test
    void urlsWithPathsUserInfoOrOtherSchemesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> RegistryEndpoint.of("https://host/v2/"))
                .withMessageContaining("without a path");
        assertThatIllegalArgumentException().isThrownBy(() -> RegistryEndpoint.of("https://user:pw@host"))
                .withMessageContaining("use RegistryCredentials").withMessageNotContaining("pw");
        assertThatIllegalArgumentException().isThrownBy(() -> RegistryEndpoint.of("ftp://host"))
                .withMessageContaining("must start with https://");
    }

    @Test
    void dockerHubNamesMeanItsApiHost() {
        assertThat(RegistryEndpoint.of("docker.io").url()).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(RegistryEndpoint.of("https://index.docker.io").url()).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(RegistryEndpoint.of("docker.io").dockerHub()).isTrue();
    }

    @Test
    void dockerHubPutsSingleNamesUnderLibrary() {
        RegistryEndpoint hub = RegistryEndpoint.of("docker.io");
        RegistryEndpoint other = RegistryEndpoint.of("harbor.example.com");

        assertThat(hub.repositoryPath("nginx")).isEqualTo("library/nginx");
        assertThat(hub.repositoryPath("bitnami/nginx")).isEqualTo("bitnami/nginx");
        assertThat(other.repositoryPath("nginx")).isEqualTo("nginx");
    }

    @Test
    void repositoryNamesFollowTheOciRule() {
        RegistryEndpoint endpoint = RegistryEndpoint.of("harbor.example.com");

        assertThat(endpoint.repositoryPath("team-a/app_1.web")).isEqualTo("team-a/app_1.web");
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint.repositoryPath("Team/App"))
                .withMessageContaining("OCI naming rule");
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint.repositoryPath("team/../admin"));
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint.repositoryPath("team//app"));
    }

    @Test
    void referencesAreTagsOrDigests() {
        assertThat(References.isTag("1.25-alpine")).isTrue();
        assertThat(References.isTag("-bad")).isFalse();
        assertThat(References.isDigest("sha256:" + "a".repeat(64))).isTrue();
        assertThat(References.isDigest("sha256:" + "A".repeat(64))).isFalse();
        assertThat(References.isDigest("sha256:abc")).isFalse();
        try (RegistryClient client = LoopbackClients.builder().build()) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> client.head(RegistryEndpoint.of("h.example"), "team/app", "../../v2/_catalog"))
                    .withMessageContaining("neither a tag");
        }
    }

    @Test
    void secretsNeverShowInToString() {
        RegistryCredentials credentials = new RegistryCredentials("robot", "hunter2");
        RegistryEndpoint endpoint = RegistryEndpoint.of("harbor.example.com").withCredentials(credentials);

        assertThat(credentials.toString()).contains("robot").doesNotContain("hunter2");
        assertThat(endpoint.toString()).contains("robot").doesNotContain("hunter2");
    }

    @Test
    void aCaBundleMustBePem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistryEndpoint.of("harbor.example.com").withCaCertificatePem("not a certificate"))
                .withMessageContaining("PEM");
    }
}
