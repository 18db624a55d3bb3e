package io.theriseunion.imagegateway.app.access;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.theriseunion.imagegateway.support.GatewayClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two sources of callers: API tokens (bootstrap, create, list, use, revoke) and JWTs of an OIDC provider,
 * here a MockWebServer serving a JWK set, with the role bindings in the {@code gateway_roles} claim.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:tokens;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
@ExtendWith(OutputCaptureExtension.class)
class ApiTokenAndJwtTests {

    private static final RSAKey KEY;
    private static final RSAKey FORGER;
    private static final MockWebServer PROVIDER = new MockWebServer();

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("k1").generate();
            FORGER = new RSAKeyGenerator(2048).keyID("k1").generate();
            MockResponse keys = new MockResponse.Builder().setHeader("Content-Type", "application/json")
                                                          .body(new JWKSet(KEY.toPublicJWK()).toString()).build();
            PROVIDER.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                    return keys;
                }
            });
            PROVIDER.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("gateway.security.jwt.jwk-set-uri", () -> "http://127.0.0.1:" + PROVIDER.getPort() + "/jwks");
        registry.add("gateway.security.jwt.issuer", () -> ISSUER);
        registry.add("gateway.security.jwt.audience", () -> AUDIENCE);
    }

    private static final String ISSUER = "https://idp.example.test/realms/gw";
    private static final String AUDIENCE = "image-gateway";

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiTokens tokens;

    private static String jwt(RSAKey key, String user, List<String> roles, Instant expires) {
        return jwt(key, user, roles, expires, ISSUER, AUDIENCE);
    }

    private static String jwt(RSAKey key, String user, Object roles, Instant expires, String issuer, String audience) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                                          new JWTClaimsSet.Builder().subject("u-" + user).claim("preferred_username", user)
                                                                    .claim("gateway_roles", roles).issuer(issuer)
                                                                    .audience(audience)
                                                                    .expirationTime(Date.from(expires)).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aJwtCarriesItsUserAndRoleBindings() {
        String dev = freshNamespace("dev");
        String prod = freshNamespace("prod");
        HttpGraphQlTester admin = GatewayClient.graphQl(port);
        GatewayClient.ensureRegistry(admin, dev);
        GatewayClient.ensureRegistry(admin, prod);
        HttpGraphQlTester alice = GatewayClient.graphQl(port, jwt(KEY, "alice", List.of(dev + ":EDITOR"),
                                                                  Instant.now().plusSeconds(300)));

        alice.document("{ me { name roles { namespace role } } }").execute()
             .path("me.name").entity(String.class).isEqualTo("alice")
             .path("me.roles[0].role").entity(String.class).isEqualTo("EDITOR");
        alice.documentName("addRepository").fragmentName("repositoryFields")
             .variable("input", GatewayClient.addInput(dev, "app")).execute()
             .path("addRepository.version").entity(Integer.class).isEqualTo(1);
        alice.documentName("addRepository").fragmentName("repositoryFields")
             .variable("input", GatewayClient.addInput(prod, "app")).execute()
             .errors().satisfy(e -> assertThat(e).extracting(x -> x.getExtensions().get("code")).containsExactly("FORBIDDEN"));

        for (String refused : List.of(jwt(FORGER, "mallory", List.of("ADMIN"), Instant.now().plusSeconds(300)),
                                      jwt(KEY, "alice", List.of(dev + ":EDITOR"), Instant.now().minusSeconds(300)))) {
            GatewayClient.graphQl(port, refused).document("{ me { name } }").execute().errors().satisfy(
                    e -> assertThat(e).extracting(x -> x.getExtensions().get("code")).containsExactly("UNAUTHENTICATED"));
        }
    }

    @Test
    void tokensAreShownOnceListedWithoutTheirSecretAndStopWorkingWhenRevoked() {
        String ns = freshNamespace("tok");
        HttpGraphQlTester admin = GatewayClient.graphQl(port);
        String secret = admin.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { name token"
                                               + " roles { namespace role } } }")
                             .variable("in", Map.of("name", "ci-" + ns, "roles", List.of(Map.of("namespace", ns,
                                                                                              "role", "EDITOR"))))
                             .execute().path("createApiToken.token").entity(String.class).get();
        assertThat(secret).startsWith("gw_").hasSizeGreaterThan(40);
        GatewayClient.graphQl(port, secret).document("{ me { name } }").execute()
                     .path("me.name").entity(String.class).isEqualTo("token:ci-" + ns);

        String listed = admin.document("{ apiTokens { name roles { namespace role } createdAt lastUsedAt } }").execute()
                             .path("apiTokens[?(@.name == 'ci-" + ns + "')].lastUsedAt").entityList(String.class).get()
                             .toString();
        assertThat(listed).isNotEqualTo("[null]");
        assertThat(admin.document("{ apiTokens { name } }").execute().returnResponse().toString()).doesNotContain(secret);
        admin.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { name } }")
             .variable("in", Map.of("name", "ci-" + ns, "roles", List.of(Map.of("role", "VIEWER")))).execute()
             .errors().satisfy(e -> assertThat(e).extracting(x -> x.getExtensions().get("code")).containsExactly("ALREADY_EXISTS"));

        admin.document("mutation($n: String!) { revokeApiToken(name: $n) }").variable("n", "ci-" + ns).execute()
             .path("revokeApiToken").entity(Boolean.class).isEqualTo(true);
        GatewayClient.graphQl(port, secret).document("{ me { name } }").execute().errors().satisfy(
                e -> assertThat(e).extracting(x -> x.getExtensions().get("code")).containsExactly("UNAUTHENTICATED"));
        admin.document("mutation($n: String!) { revokeApiToken(name: $n) }").variable("n", "ci-" + ns).execute()
             .path("revokeApiToken").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void aJwtForAnotherAudienceOrFromAnotherIssuerIsRefused() {
        Instant soon = Instant.now().plusSeconds(300);
        for (String refused : List.of(jwt(KEY, "eve", List.of("ADMIN"), soon, ISSUER, "another-client"),
                                      jwt(KEY, "eve", List.of("ADMIN"), soon, "https://elsewhere.test", AUDIENCE))) {
            GatewayClient.graphQl(port, refused).document("{ me { name } }").execute().errors().satisfy(
                    e -> assertThat(e).extracting(x -> x.getExtensions().get("code")).containsExactly("UNAUTHENTICATED"));
        }
    }

    @Test
    void aJwtBindingWithAnEmptyOrInvalidNamespaceGrantsNothingRatherThanEveryNamespace() {
        String ns = freshNamespace("jwt");
        Instant soon = Instant.now().plusSeconds(300);
        List<Object> claims = List.of(List.of(Map.of("namespace", "", "role", "ADMIN")), List.of(":ADMIN"),
                                      List.of("*:ADMIN"), List.of(Map.of("namespace", "Not Valid", "role", "ADMIN")),
                                      List.of(ns + ":METRICS"));
        for (Object roles : claims) {
            HttpGraphQlTester caller = GatewayClient.graphQl(port, jwt(KEY, "mallory", roles, soon, ISSUER, AUDIENCE));
            caller.document("{ me { roles { namespace role } } }").execute()
                  .path("me.roles").entityList(Object.class).hasSize(0);
            caller.document("mutation($ns: String!) { deleteRegistry(namespace: $ns, name: \"harbor-prod\") { deleted } }")
                  .variable("ns", ns).execute().errors()
                  .satisfy(e -> assertThat(e).extracting(x -> x.getExtensions().get("code")).containsExactly("FORBIDDEN"));
        }
        GatewayClient.graphQl(port, jwt(KEY, "ops", List.of(Map.of("role", "VIEWER"), ns + ":EDITOR"), soon, ISSUER,
                                        AUDIENCE))
                     .document("{ me { roles { namespace role } } }").execute()
                     .path("me.roles[*].role").entityList(String.class).containsExactly("VIEWER", "EDITOR")
                     .path("me.roles[0].namespace").valueIsNull();
    }

    @Test
    void withoutAnAdminTokenTheFirstStartWritesOneToAnOwnerOnlyFileAndNeverToTheLog(CapturedOutput output)
            throws Exception {
        Path file = Files.createTempDirectory("gw-bootstrap").resolve("data").resolve("admin-token");
        AdminTokenBootstrap bootstrap = new AdminTokenBootstrap(tokens, new SecurityProperties(null, true,
                                                                                               file.toString(), null,
                                                                                               null));
        bootstrap.ensureAWayIn();
        String secret = Files.readString(file).trim();
        assertThat(secret).matches("gw_[A-Za-z0-9_-]{43}");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(output.getAll()).doesNotContain(secret).contains(file.toAbsolutePath().toString());
        GatewayClient.graphQl(port, secret).document("{ me { name roles { namespace role } } }").execute()
                     .path("me.name").entity(String.class).isEqualTo("token:admin")
                     .path("me.roles[*].role").entityList(String.class).containsExactly("ADMIN", "AUDITOR");

        Files.delete(file);
        bootstrap.ensureAWayIn();
        assertThat(file).as("generated on the first start only").doesNotExist();
    }

    @Test
    void aShortAdminTokenOrOidcWithoutAudienceRefusesToStartSayingWhy() {
        assertThatThrownBy(() -> new SecurityProperties("short-token", true, null, null, null))
                .hasMessageContaining("GATEWAY_ADMIN_TOKEN").hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> new SecurityProperties.Jwt("https://idp.example.test", null, null, null, null, null))
                .hasMessageContaining("gateway.security.jwt.audience").hasMessageContaining("GATEWAY_OIDC_AUDIENCE");
        assertThatThrownBy(() -> new SecurityProperties.Jwt(null, "https://idp.example.test/jwks", null, "gw", null,
                                                            null))
                .hasMessageContaining("gateway.security.jwt.issuer");
        assertThatThrownBy(() -> new SecurityProperties(null, true, null, "ninety days", null))
                .hasMessageContaining("gateway.security.api-token-default-lifetime");
    }
}
