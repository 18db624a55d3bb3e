package io.theriseunion.imagegateway.registry;

import mockwebserver3.MockResponse;
import okhttp3.Dns;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every connection the client makes is checked against its network policy: the registry itself, redirect targets,
 * token realms, names that resolve to denied addresses and IP literals. The denied server listens on 127.0.0.2,
 * which the policies here deny while the allowed one listens on 127.0.0.1.
 */
class NetworkPolicyEnforcementTests {

    private static final String CONFIG = MockContent.config("amd64");
    private static final String MANIFEST = MockContent.ociManifest(CONFIG);
    private static final String BLOB_PATH = "/v2/team/app/blobs/" + MockContent.sha256(CONFIG);
    private static final RegistryNetworkPolicy DENY_127_0_0_2 =
            LoopbackClients.POLICY.denying(List.of("127.0.0.2/32"));

    private MockRegistry registry;
    private MockRegistry denied;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = MockRegistry.start().manifest("team/app", "1.0", MediaTypes.OCI_MANIFEST, MANIFEST);
        denied = MockRegistry.startOn("127.0.0.2").manifest("team/app", "1.0", MediaTypes.OCI_MANIFEST, MANIFEST)
                .blob("team/app", CONFIG);
        client = RegistryClient.builder().networkPolicy(DENY_127_0_0_2).dns(testDns()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
        denied.close();
    }

    /** {@code *.test} names for the mock servers; everything else as the system resolves it. */
    private static Dns testDns() {
        Map<String, List<String>> names = Map.of("registry.test", List.of("127.0.0.1"),
                "denied.test", List.of("127.0.0.2"), "mixed.test", List.of("127.0.0.2", "127.0.0.1"));
        return hostname -> {
            List<String> addresses = names.get(hostname);
            if (addresses == null) {
                return Dns.SYSTEM.lookup(hostname);
            }
            return addresses.stream().map(IpAddresses::literal).toList();
        };
    }

    private static MockResponse redirectTo(String location) {
        return new MockResponse.Builder().code(307).setHeader("Location", location).build();
    }

    private static RegistryException forbidden(Runnable call) {
        RegistryException e = catchThrowableOfType(RegistryException.class, call::run);
        assertThat(e).as("a RegistryException").isNotNull();
        assertThat(e.code()).isEqualTo(RegistryErrorCode.FORBIDDEN_HOST);
        assertThat(e.transientFailure()).isFalse();
        assertThat(e.httpStatus()).isNull();
        return e;
    }

    @Test
    void aRedirectToADeniedAddressIsNotFollowed() {
        registry.on("GET", BLOB_PATH, redirectTo(denied.url("/v2/team/app/blobs/" + MockContent.sha256(CONFIG))
                .toString()));

        RegistryException e = forbidden(() -> client.inspect(registry.endpoint(), "team/app", "1.0"));

        assertThat(e).hasMessage("registry " + registry.authority() + " sent the client to another host for config"
                + " blob " + MockContent.sha256(CONFIG) + " of team/app, but address 127.0.0.2 is denied by the gateway's network"
                + " policy (127.0.0.2/32)");
        assertThat(denied.requestCount()).isZero();
    }

    @Test
    void aRedirectToANameThatResolvesToADeniedAddressIsNotFollowed() {
        registry.on("GET", BLOB_PATH, redirectTo("http://denied.test:" + denied.port() + BLOB_PATH));

        RegistryException e = forbidden(() -> client.inspect(registry.endpoint(), "team/app", "1.0"));

        assertThat(e).hasMessageEndingWith(", but host denied.test resolves to 127.0.0.2, which the gateway's network"
                + " policy denies (127.0.0.2/32)");
        assertThat(denied.requestCount()).isZero();
    }

    @Test
    void aRedirectToAnIpLiteralTheUrlDoesNotSpellAsOneIsCheckedAtConnect() {
        // 2130706434 is 127.0.0.2: OkHttp connects to it without asking the Dns, so the socket's check stops it
        registry.on("GET", BLOB_PATH, redirectTo("http://2130706434:" + denied.port() + BLOB_PATH));

        RegistryException e = forbidden(() -> client.inspect(registry.endpoint(), "team/app", "1.0"));

        assertThat(e).hasMessageEndingWith(", but address 127.0.0.2 is denied by the gateway's network policy"
                + " (127.0.0.2/32)");
        assertThat(denied.requestCount()).isZero();
    }

    @Test
    void aTokenRealmOnADeniedAddressIsNotAskedForAToken() {
        String challenge = "Bearer realm=\"" + denied.url("/token") + "\",service=\"mock\"";
        registry.on("HEAD", "/v2/team/app/manifests/2.0",
                new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", challenge).build());
        denied.on("GET", "/token", MockContent.json("{\"token\":\"stolen\"}"));

        RegistryException e = forbidden(() -> client.head(registry.endpoint(), "team/app", "2.0"));

        assertThat(e).hasMessageStartingWith("registry " + registry.authority() + " sent the client to another host for"
                + " a token for repository:team/app:pull, but address 127.0.0.2 is denied");
        assertThat(denied.requestCount()).isZero();
        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void aRegistryNameThatResolvesToADeniedAddressIsRefused() {
        RegistryEndpoint endpoint = RegistryEndpoint.insecure("http://denied.test:" + denied.port());

        RegistryException e = forbidden(() -> client.head(endpoint, "team/app", "1.0"));

        assertThat(e).hasMessageStartingWith("registry host denied.test resolves to 127.0.0.2, which the gateway's"
                + " network policy denies (127.0.0.2/32); nothing was sent for ");
        assertThat(denied.requestCount()).isZero();
    }

    @Test
    void theDefaultPolicyRefusesLoopbackAndSaysWhatAllowsIt() {
        RegistryNetworkPolicy defaults = RegistryNetworkPolicy.defaults().withLoopback(false, "allow-loopback");
        RegistryEndpoint byName = RegistryEndpoint.insecure("http://localhost:" + registry.port());

        try (RegistryClient strict = RegistryClient.builder().networkPolicy(defaults).build()) {
            RegistryException named = forbidden(() -> strict.head(byName, "team/app", "1.0"));
            RegistryException literal = forbidden(() -> strict.inspect(registry.endpoint(), "team/app", "1.0"));

            assertThat(named).hasMessageStartingWith("registry host localhost resolves to ")
                    .hasMessageContaining(", which the gateway's network policy denies (")
                    .hasMessageContaining("loopback is denied by default; allow-loopback=true allows it");
            assertThat(literal).hasMessage("registry address 127.0.0.1 is denied by the gateway's network policy"
                    + " (127.0.0.0/8, loopback is denied by default; allow-loopback=true allows it); nothing was sent"
                    + " for team/app:1.0");
            assertThat(strict.ping(registry.endpoint())).isEqualTo(RegistryHealth.UNREACHABLE);
        }
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void aProxyOfTheJvmIsNotUsedSoTheAddressRulesStillApply() {
        ProxySelector before = ProxySelector.getDefault();
        // an open proxy at 127.0.0.1 that would fetch anything for us: it answers the manifest itself
        try (MockRegistry proxy = MockRegistry.start()) {
            proxy.on("HEAD", "/v2/team/app/manifests/1.0", MockContent.head(MANIFEST, MediaTypes.OCI_MANIFEST));
            ProxySelector.setDefault(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())));
            RegistryEndpoint viaName = RegistryEndpoint.insecure("http://denied.test:" + denied.port());

            try (RegistryClient proxied = RegistryClient.builder().networkPolicy(DENY_127_0_0_2).dns(testDns())
                    .build()) {
                RegistryException e = forbidden(() -> proxied.head(viaName, "team/app", "1.0"));

                assertThat(e).hasMessageContaining("host denied.test resolves to 127.0.0.2");
            }
            assertThat(proxy.requestCount()).isZero();
            assertThat(denied.requestCount()).isZero();
        } finally {
            ProxySelector.setDefault(before);
        }
    }

    @Test
    void onlyTheAllowedAddressesOfANameAreConnectedTo() {
        RegistryEndpoint endpoint = RegistryEndpoint.insecure("http://mixed.test:" + registry.port());

        ManifestHead head = client.head(endpoint, "team/app", "1.0");

        assertThat(head.digest()).isEqualTo(MockContent.sha256(MANIFEST));
        assertThat(registry.requestCount()).isEqualTo(1);
        assertThat(denied.requestCount()).isZero();
    }

    @Test
    void anIpLiteralInADeniedBlockIsRefused() {
        RegistryException e = forbidden(() -> client.head(denied.endpoint(), "team/app", "1.0"));

        assertThat(e).hasMessage("registry address 127.0.0.2 is denied by the gateway's network policy (127.0.0.2/32);"
                + " nothing was sent for team/app:1.0");
        assertThat(denied.requestCount()).isZero();
        assertThat(client.ping(denied.endpoint())).isEqualTo(RegistryHealth.UNREACHABLE);
        assertThat(denied.requestCount()).isZero();
    }

    @Test
    void endpointsWithTheirOwnCaBundleKeepThePolicy() {
        String pem = new HeldCertificate.Builder().certificateAuthority(0).build().certificatePem();
        RegistryEndpoint endpoint = RegistryEndpoint.of("https://127.0.0.2:" + denied.port()).withCaCertificatePem(pem);

        forbidden(() -> client.head(endpoint, "team/app", "1.0"));

        assertThat(denied.requestCount()).isZero();
    }

    @Test
    void anAllowListRefusesWhatItDoesNotName() {
        RegistryNetworkPolicy onlyRegistryTest = RegistryNetworkPolicy.of(List.of("registry.test"), List.of());

        try (RegistryClient strict = RegistryClient.builder().networkPolicy(onlyRegistryTest).dns(testDns()).build()) {
            ManifestHead head = strict.head(RegistryEndpoint.insecure("http://registry.test:" + registry.port()),
                    "team/app", "1.0");
            RegistryException e = forbidden(() -> strict.head(registry.endpoint(), "team/app", "1.0"));

            assertThat(head.digest()).isEqualTo(MockContent.sha256(MANIFEST));
            assertThat(e).hasMessageStartingWith("registry address 127.0.0.1 is not allowed by the gateway's network"
                    + " policy (allowed: registry.test)");
        }
        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void theDefaultPolicyRefusesMetadataServicesWithoutLookingThemUp() {
        try (RegistryClient defaults = RegistryClient.builder().build()) {
            RegistryException byName = forbidden(() -> defaults.head(RegistryEndpoint.of("metadata.google.internal"),
                    "team/app", "1.0"));
            RegistryException byAddress = forbidden(() -> defaults.tags(RegistryEndpoint.of("169.254.169.254"),
                    "team/app"));

            assertThat(byName).hasMessage("registry host metadata.google.internal is denied by the gateway's network"
                    + " policy (metadata.google.internal); nothing was sent for team/app:1.0");
            assertThat(byAddress).hasMessageStartingWith("registry address 169.254.169.254 is denied by the gateway's"
                    + " network policy (169.254.0.0/16)");
            assertThat(defaults.ping(RegistryEndpoint.of("[fd00:ec2::254]"))).isEqualTo(RegistryHealth.UNREACHABLE);
        }
    }

    @Test
    void theSocketChecksTheAddressItConnectsTo() throws Exception {
        PolicySocketFactory sockets = new PolicySocketFactory(DENY_127_0_0_2);
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), denied.port());

        try (Socket socket = sockets.createSocket()) {
            UnknownHostException e = catchThrowableOfType(UnknownHostException.class, () -> socket.connect(target));

            assertThat(e).isInstanceOf(ForbiddenHostException.class)
                    .hasMessage("address 127.0.0.2 is denied by the gateway's network policy (127.0.0.2/32)");
            assertThat(socket.isConnected()).isFalse();
        }
        try (Socket socket = sockets.createSocket(InetAddress.getByName("127.0.0.1"), registry.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
    }
}
