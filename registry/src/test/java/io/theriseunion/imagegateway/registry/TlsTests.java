package io.theriseunion.imagegateway.registry;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An endpoint's PEM CA bundle is the only trust for its TLS; without it a private CA is refused. */
class TlsTests {

    private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("test registry CA").build();
    private static final HeldCertificate OTHER_CA = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("another CA").build();
    private static final HeldCertificate SERVER = new HeldCertificate.Builder().signedBy(CA)
            .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").build();

    private final MockWebServer server = new MockWebServer();
    private RegistryClient client;
    private RegistryEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        HandshakeCertificates certificates = new HandshakeCertificates.Builder()
                .heldCertificate(SERVER, CA.certificate()).build();
        server.useHttps(certificates.sslSocketFactory());
        server.enqueue(MockContent.json("{}"));
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        endpoint = RegistryEndpoint.of("https://127.0.0.1:" + server.getPort());
        client = LoopbackClients.builder().build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theEndpointsCaBundleIsTrusted() {
        assertThat(client.ping(endpoint.withCaCertificatePem(CA.certificatePem()))).isEqualTo(RegistryHealth.HEALTHY);
    }

    @Test
    void aBundleOfSeveralCertificatesIsRead() {
        String bundle = OTHER_CA.certificatePem() + CA.certificatePem();

        assertThat(client.ping(endpoint.withCaCertificatePem(bundle))).isEqualTo(RegistryHealth.HEALTHY);
    }

    @Test
    void withoutTheBundleThePrivateCaIsATlsFailure() {
        RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.head(endpoint, "team/app", "1.0"));

        assertThat(e.code()).isEqualTo(RegistryErrorCode.TLS);
        assertThat(e.transientFailure()).isFalse();
        assertThat(e).hasMessageStartingWith("TLS with registry 127.0.0.1:" + server.getPort() + " failed for team/app:1.0");
    }

    @Test
    void aBundleOfAnotherCaIsNotTrusted() {
        RegistryEndpoint wrongCa = endpoint.withCaCertificatePem(OTHER_CA.certificatePem());

        assertThat(client.ping(wrongCa)).isEqualTo(RegistryHealth.UNREACHABLE);
        RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.head(wrongCa, "team/app", "1.0"));
        assertThat(e.code()).isEqualTo(RegistryErrorCode.TLS);
    }

    @Test
    void anUnreadableBundleIsATlsFailure() {
        RegistryEndpoint broken = endpoint.withCaCertificatePem("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.head(broken, "team/app", "1.0"));

        assertThat(e.code()).isEqualTo(RegistryErrorCode.TLS);
        assertThat(e).hasMessageContaining("CA certificate bundle");
    }

    @Test
    void aSecureRegistryMayNotSendCredentialsToAPlainHttpTokenRealm() throws IOException {
        try (MockRegistry plainRealm = MockRegistry.start()) {
            server.setDispatcher(new mockwebserver3.QueueDispatcher());
            server.enqueue(new MockResponse.Builder().code(401).setHeader("WWW-Authenticate",
                    "Bearer realm=\"" + plainRealm.url("/token") + "\",service=\"x\"").build());
            RegistryEndpoint secure = endpoint.withCaCertificatePem(CA.certificatePem())
                    .withCredentials(new RegistryCredentials("robot", "realm-s3cret"));

            RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.head(secure, "team/app", "1.0"));

            assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ERROR);
            assertThat(e).hasMessageContaining("token realm on plain http").hasMessageNotContaining("realm-s3cret");
            assertThat(plainRealm.requestCount()).isZero();
        }
    }

    @Test
    void aTagPageLinkedToPlainHttpIsNotFollowedFromAnHttpsRegistry() throws IOException {
        HandshakeCertificates certificates = new HandshakeCertificates.Builder()
                .heldCertificate(SERVER, CA.certificate()).build();
        try (MockRegistry plain = MockRegistry.start(); MockWebServer secure = new MockWebServer()) {
            plain.on("GET", "/v2/team/app/tags/list", MockContent.json("{\"tags\":[\"b\"]}"));
            secure.useHttps(certificates.sslSocketFactory());
            secure.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                    .body("{\"tags\":[\"a\"]}")
                    .setHeader("Link", "<" + plain.url("/v2/team/app/tags/list?last=a") + ">; rel=\"next\"").build());
            secure.start(InetAddress.getByName("127.0.0.1"), 0);
            RegistryEndpoint https = RegistryEndpoint.of("https://127.0.0.1:" + secure.getPort())
                    .withCaCertificatePem(CA.certificatePem());

            RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.tags(https, "team/app"));

            assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ERROR);
            assertThat(e).hasMessage("registry 127.0.0.1:" + secure.getPort() + " linked the next page of tags of"
                    + " team/app to another origin (http://" + plain.authority() + "); tag pages are only read from"
                    + " the registry's own origin");
            assertThat(plain.requestCount()).isZero();
        }
    }
}
