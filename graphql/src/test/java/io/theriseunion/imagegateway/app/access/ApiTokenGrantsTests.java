package io.theriseunion.imagegateway.app.access;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a token may carry and for how long: no role above its creator's (AUDITOR only from an AUDITOR), bindings
 * that fail closed, an expiry (given, or the default lifetime) after which it is refused like a revoked one, a
 * revoke that tells nothing about tokens the caller does not administer, and the cluster role METRICS that reads
 * metrics and nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // the Prometheus endpoint, as in production
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:grants;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class ApiTokenGrantsTests {

    private static final String CREATE = "mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) {"
            + " name token expiresAt roles { namespace role } } }";

    @LocalServerPort
    int port;

    private HttpGraphQlTester admin() {
        return GatewayClient.graphQl(port);
    }

    private static Map<String, Object> binding(String namespace, String role) {
        Map<String, Object> b = new HashMap<>();
        b.put("namespace", namespace);
        b.put("role", role);
        return b;
    }

    private static GraphQlTester.Response create(HttpGraphQlTester as, String name, List<Map<String, Object>> roles,
                                                 String expiresAt) {
        Map<String, Object> input = new HashMap<>(Map.of("name", name, "roles", roles));
        if (expiresAt != null) {
            input.put("expiresAt", expiresAt);
        }
        return as.document(CREATE).variable("in", input).execute();
    }

    private static String secret(GraphQlTester.Response response) {
        return response.path("createApiToken.token").entity(String.class).get();
    }

    private static List<ResponseError> errors(GraphQlTester.Response response) {
        List<ResponseError> seen = new ArrayList<>();
        response.errors().satisfy(seen::addAll);
        return seen;
    }

    @Test
    void aNamespaceAdminCannotMintAuditorsOrAnythingAboveItsOwnRoles() {
        String dev = freshNamespace("dev");
        HttpGraphQlTester devAdmin = GatewayClient.graphQl(port, secret(create(admin(), "adm-" + dev,
                                                                               List.of(binding(dev, "ADMIN")), null)));
        List<ResponseError> auditor = errors(create(devAdmin, "aud-" + dev, List.of(binding(dev, "AUDITOR")), null));
        assertThat(auditor).extracting(e -> e.getExtensions().get("code")).containsExactly("FORBIDDEN");
        assertThat(auditor.get(0).getMessage()).contains("AUDITOR").contains("only roles its creator holds");
        assertThat(errors(create(devAdmin, "all-" + dev, List.of(binding(null, "VIEWER")), null)))
                .extracting(e -> e.getExtensions().get("code")).containsExactly("FORBIDDEN");
        assertThat(errors(create(devAdmin, "met-" + dev, List.of(binding(null, "METRICS")), null)))
                .extracting(e -> e.getExtensions().get("code")).containsExactly("FORBIDDEN");
        create(devAdmin, "ed-" + dev, List.of(binding(dev, "EDITOR")), null)
                .path("createApiToken.roles[0].role").entity(String.class).isEqualTo("EDITOR");

        // an ADMIN who is also AUDITOR of dev may hand out AUDITOR there, and a cluster admin anywhere
        HttpGraphQlTester devAuditorAdmin = GatewayClient.graphQl(port, secret(create(admin(), "aa-" + dev,
                List.of(binding(dev, "ADMIN"), binding(dev, "AUDITOR")), null)));
        create(devAuditorAdmin, "aud2-" + dev, List.of(binding(dev, "AUDITOR")), null)
                .path("createApiToken.roles[0].role").entity(String.class).isEqualTo("AUDITOR");
        create(admin(), "aud3-" + dev, List.of(binding(dev, "AUDITOR")), null)
                .path("createApiToken.roles[0].role").entity(String.class).isEqualTo("AUDITOR");
    }

    @Test
    void bindingsFailClosedWithAnErrorNamingTheField() {
        String ns = freshNamespace("bind");
        for (String namespace : List.of("", "*", "a,b", "Not_A_Namespace")) {
            List<ResponseError> refused = errors(create(admin(), "bad-" + ns, List.of(binding(ns, "VIEWER"),
                                                                                      binding(namespace, "ADMIN")), null));
            assertThat(refused).extracting(e -> e.getExtensions().get("code")).containsExactly("VALIDATION_FAILED");
            assertThat(refused.get(0).getMessage()).contains("roles[1].namespace");
        }
        assertThat(errors(create(admin(), "bad-" + ns, List.of(binding(ns, "METRICS")), null)).get(0).getMessage())
                .contains("roles[0].namespace").contains("cluster role");
        assertThat(admin().document("{ apiTokens { name } }").execute().path("apiTokens[*].name")
                          .entityList(String.class).get()).doesNotContain("bad-" + ns);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTokenStoredCommaJoinedBeforeStructuredBindingsIsReadStrictly() {
        String ns = freshNamespace("legacy");
        String secret = ApiTokens.PREFIX + "legacy-" + ns + "-0123456789012345678901234567890";
        jdbc.update("insert into api_token (name, secret_hash, roles, created_at) values (?, ?, ?, ?)", "old-" + ns,
                    SecretHash.of(secret), ns + ":VIEWER,:ADMIN,*:ADMIN", OffsetDateTime.now());
        GatewayClient.graphQl(port, secret).document("{ me { roles { namespace role } } }").execute()
                     .path("me.roles[*].role").entityList(String.class).containsExactly("VIEWER")
                     .path("me.roles[0].namespace").entity(String.class).isEqualTo(ns);
    }

    @Test
    void aTokenExpiresAndIsThenRefusedExactlyLikeARevokedOne() {
        String ns = freshNamespace("exp");
        List<Map<String, Object>> viewer = List.of(binding(ns, "VIEWER"));
        assertThat(errors(create(admin(), "past-" + ns, viewer, OffsetDateTime.now().minusMinutes(1).toString())))
                .singleElement().satisfies(e -> {
                    assertThat(e.getExtensions()).containsEntry("code", "VALIDATION_FAILED");
                    assertThat(e.getMessage()).contains("expiresAt");
                });

        // without expiresAt: the default lifetime (90 days); the creator is recorded
        String defaulted = create(admin(), "default-" + ns, viewer, null).path("createApiToken.expiresAt")
                                                                             .entity(String.class).get();
        assertThat(Duration.between(Instant.now(), OffsetDateTime.parse(defaulted).toInstant()))
                .isBetween(Duration.ofDays(89), Duration.ofDays(91));
        admin().document("{ apiTokens { name expiresAt createdBy } }").execute()
               .path("apiTokens[?(@.name == 'default-" + ns + "')].createdBy").entityList(String.class)
               .containsExactly("admin");

        String revoked = secret(create(admin(), "revoked-" + ns, viewer, null));
        admin().document("mutation($n: String!) { revokeApiToken(name: $n) }").variable("n", "revoked-" + ns).execute();
        String soon = secret(create(admin(), "soon-" + ns, viewer, OffsetDateTime.now().plusSeconds(2).toString()));
        GatewayClient.graphQl(port, soon).document("{ me { name } }").execute()
                     .path("me.name").entity(String.class).isEqualTo("token:soon-" + ns);
        await().atMost(Duration.ofSeconds(20)).until(() -> !errors(GatewayClient.graphQl(port, soon)
                .document("{ me { name } }").execute()).isEmpty());
        List<ResponseError> expiredError = errors(GatewayClient.graphQl(port, soon).document("{ me { name } }").execute());
        List<ResponseError> revokedError = errors(GatewayClient.graphQl(port, revoked).document("{ me { name } }").execute());
        assertThat(expiredError).extracting(ResponseError::getMessage)
                                .isEqualTo(revokedError.stream().map(ResponseError::getMessage).toList());
        assertThat(expiredError).extracting(e -> e.getExtensions().get("code")).containsExactly("UNAUTHENTICATED");
        WebTestClient.ResponseSpec rest = GatewayClient.http(port).mutate()
                .defaultHeader("Authorization", "Bearer " + soon).build().get().uri("/audit/export").exchange();
        rest.expectStatus().isUnauthorized();
    }

    @Test
    void revokingATokenOneDoesNotAdministerAnswersAsForOneThatDoesNotExist() {
        String mine = freshNamespace("mine");
        String theirs = freshNamespace("theirs");
        String theirToken = secret(create(admin(), "t-" + theirs, List.of(binding(theirs, "VIEWER")), null));
        HttpGraphQlTester myAdmin = GatewayClient.graphQl(port, secret(create(admin(), "a-" + mine,
                                                                              List.of(binding(mine, "ADMIN")), null)));
        String revoke = "mutation($n: String!) { revokeApiToken(name: $n) }";
        GraphQlTester.Response existing = myAdmin.document(revoke).variable("n", "t-" + theirs).execute();
        GraphQlTester.Response missing = myAdmin.document(revoke).variable("n", "no-such-" + theirs).execute();
        assertThat(errors(existing)).isEmpty();
        existing.path("revokeApiToken").entity(Boolean.class).isEqualTo(false);
        missing.path("revokeApiToken").entity(Boolean.class).isEqualTo(false);
        GatewayClient.graphQl(port, theirToken).document("{ me { name } }").execute()
                     .path("me.name").entity(String.class).isEqualTo("token:t-" + theirs);
    }

    @Test
    void aMetricsTokenScrapesMetricsAndNothingElse() {
        String scraper = secret(create(admin(), "scraper-" + freshNamespace("m"), List.of(binding(null, "METRICS")),
                                       null));
        WebTestClient as = GatewayClient.http(port).mutate().defaultHeader("Authorization", "Bearer " + scraper).build();
        as.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        as.get().uri("/actuator/metrics").exchange().expectStatus().isOk();
        as.get().uri("/actuator/metrics/jvm.memory.used").exchange().expectStatus().isOk();
        as.get().uri("/actuator/health").exchange().expectStatus().isOk();
        as.get().uri("/actuator/projections").exchange().expectStatus().isForbidden();
        as.post().uri("/actuator/projections/audit-log").exchange().expectStatus().isForbidden();
        as.get().uri("/audit/export").exchange().expectStatus().isForbidden();
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port, scraper);
        graphQl.document("{ repositories(first: 5) { edges { node { name } } } }").execute()
               .path("repositories.edges").entityList(Object.class).hasSize(0);
        assertThat(errors(create(graphQl, "more-" + freshNamespace("m"), List.of(binding(null, "METRICS")), null)))
                .extracting(e -> e.getExtensions().get("code")).containsExactly("FORBIDDEN");
    }
}
