package io.theriseunion.imagegateway.app.operations;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Property: whatever the domain accepts, every read model and the audit log can hold. Each repetition draws new
 * values of the greatest length every rule allows (names, paths, tags, display names and descriptions of
 * characters outside the BMP, URLs, user names), drives them through every command and through refusals of
 * every kind (a role missing, an invalid input, a webhook path), and checks that each read model shows them as
 * sent, that the audit log records them and keeps up, and that no dead letter was left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MaximumLengthsContract {

    /** Letters of several scripts and planes, and characters that need quoting in JSON or SQL. */
    private static final String[] TEXT = {"a", "Z", "镜", "像", "é", "🚀", "𝔘", "'", "\"", "\\", "%", "_", " "};
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final long seed = new Random().nextLong();
    private final Random random = new Random(seed);

    private String label(int length) {
        StringBuilder s = new StringBuilder();
        s.append(LOWER.charAt(random.nextInt(26)));
        while (s.length() < length - 1) {
            s.append(random.nextInt(8) == 0 ? '-' : LOWER.charAt(random.nextInt(LOWER.length())));
        }
        return s.append(LOWER.charAt(random.nextInt(26))).toString();
    }

    /** A DNS-1123 subdomain of exactly 253 characters. */
    private String subdomain() {
        return label(63) + "." + label(63) + "." + label(63) + "." + label(61);
    }

    /** Text of exactly n code points. */
    private String text(int codePoints) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            s.append(TEXT[random.nextInt(TEXT.length)]);
        }
        return s.toString().strip().isEmpty() ? "x".repeat(codePoints) : s.toString().replace(" ", "x");
    }

    private static String path() {
        return "x".repeat(100) + "/" + "y".repeat(100) + "/" + "z".repeat(53);
    }

    @RepeatedTest(3)
    void everyAcceptedMaximumFitsEveryReadModelAndTheAuditLog() {
        String ns = label(63);
        String registry = label(63);
        String name = subdomain();
        String tag = "T" + "a1._-".repeat(25) + "xy";
        String display = text(128);
        String description = text(2048);
        String why = "seed " + seed;
        HttpGraphQlTester admin = GatewayClient.graphQl(port);

        Map<String, Object> source = new HashMap<>(Map.of("namespace", ns, "name", registry,
                                                          "url", "https://" + subdomain() + ":65535",
                                                          "description", text(2048), "username", label(255).replace("-", "_"),
                                                          "password", text(300), "concurrencyLimit", 64));
        admin.documentName("addRegistry").fragmentName("registryFields").variable("input", source).execute()
             .path("addRegistry.description").entity(String.class).isEqualTo((String) source.get("description"));
        String updatedDescription = text(2048);
        admin.documentName("updateRegistry").fragmentName("registryFields")
             .variable("input", Map.of("namespace", ns, "name", registry, "description", updatedDescription))
             .execute().path("updateRegistry.description").entity(String.class).isEqualTo(updatedDescription);

        Map<String, Object> add = new HashMap<>(Map.of("namespace", ns, "name", name, "displayName", display,
                                                       "description", description,
                                                       "registry", Map.of("name", registry), "repository", path(),
                                                       "tag", tag, "syncInterval", "720h", "syncTimeout", "10s",
                                                       "retryCount", 0));
        admin.documentName("addRepository").fragmentName("repositoryFields").variable("input", add).execute()
             .path("addRepository.displayName").entity(String.class).satisfies(v -> assertThat(v).as(why).isEqualTo(display));
        String edited = text(2048);
        admin.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
             .variable("input", Map.of("namespace", ns, "name", name, "displayName", text(128), "description", edited))
             .execute().path("editRepositoryMetadata.description").entity(String.class).satisfies(v -> assertThat(v).as(why).isEqualTo(edited));
        admin.document("mutation($ns: String!, $n: String!) { triggerSync(namespace: $ns, name: $n) { id } }")
             .variable("ns", ns).variable("n", name).execute().path("triggerSync.id").hasValue();
        admin.document("mutation($ns: String!, $n: String!) { rotateRegistryWebhookSecret(namespace: $ns, name: $n)"
                               + " { secret } }").variable("ns", ns).variable("n", registry).execute()
             .path("rotateRegistryWebhookSecret.secret").hasValue();
        String tokenName = label(63);
        String viewer = admin.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                             .variable("in", Map.of("name", tokenName,
                                                    "roles", List.of(Map.of("namespace", ns, "role", "VIEWER"))))
                             .execute().path("createApiToken.token").entity(String.class).get();

        // refusals of every kind, each with the longest values it can carry
        HttpGraphQlTester asViewer = GatewayClient.graphQl(port, viewer);
        asViewer.document("mutation($ns: String!, $n: String!) { deleteRepository(namespace: $ns, name: $n,"
                                  + " confirmName: $n) { deleted } }")
                .variable("ns", ns).variable("n", name).execute().errors()
                .satisfy(errors -> assertThat(errors).extracting(e -> e.getExtensions().get("code")).containsExactly("FORBIDDEN"));
        Map<String, Object> tooLong = new HashMap<>(add);
        tooLong.put("namespace", "n".repeat(5000));
        tooLong.put("name", "m".repeat(5000));
        asViewer.documentName("addRepository").fragmentName("repositoryFields").variable("input", tooLong).execute()
                .errors().satisfy(errors -> assertThat(errors).isNotEmpty());
        admin.documentName("addRepository").fragmentName("repositoryFields").variable("input", tooLong).execute()
             .errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getExtensions().get("code"))
                                                           .containsOnly("VALIDATION_FAILED"));
        WebTestClient anonymous = GatewayClient.anonymousHttp(port);
        anonymous.post().uri("/webhooks/registry/" + ns + "/" + registry).header("Authorization", "Bearer whs_" + "x".repeat(4000))
                 .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isUnauthorized();
        anonymous.post().uri("/webhooks/registry/" + "w".repeat(3000) + "/" + "v".repeat(3000))
                 .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isNotFound();
        GatewayClient.http(port).delete().uri("/oapis/image.theriseunion.io/v1alpha1/namespaces/" + "q".repeat(2000)
                                                      + "/repositories/" + "r".repeat(2000))
                     .exchange().expectStatus().value(status -> assertThat(status).isBetween(400, 499));

        // every read model shows what was sent
        admin.document("query($ns: String!, $n: String!) { repository(namespace: $ns, name: $n) { name tag repository"
                               + " description } }").variable("ns", ns).variable("n", name).execute()
             .path("repository.description").entity(String.class).satisfies(v -> assertThat(v).as(why).isEqualTo(edited))
             .path("repository.tag").entity(String.class).isEqualTo(tag);
        admin.documentName("registry").fragmentName("registryFields").variable("namespace", ns).variable("name", registry).execute()
             .path("registry.description").entity(String.class).satisfies(v -> assertThat(v).as(why).isEqualTo(updatedDescription));
        await().atMost(WAIT).untilAsserted(() -> {
            var runs = admin.document("query($ns: String!, $n: String!) { repository(namespace: $ns, name: $n) {"
                                              + " syncHistory(first: 5) { edges { node { status requestedBy } } } } }")
                            .variable("ns", ns).variable("n", name).execute()
                            .path("repository.syncHistory.edges[*].node.status").entityList(String.class).get();
            assertThat(runs).as(why).contains("FAILED");
        });
        // and it is on the schedule of the scheduled checks, due again after its interval
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select next_check_at from sync_check where namespace = ? and name = ?", ns, name))
                .as(why).hasSize(1).allSatisfy(row -> assertThat(row.get("next_check_at")).isNotNull()));

        // the audit log has it all, and keeps up: a change made last appears too
        admin.document("mutation($ns: String!, $n: String!) { deleteRepository(namespace: $ns, name: $n,"
                               + " confirmName: $n) { deleted } }")
             .variable("ns", ns).variable("n", name).execute().path("deleteRepository.deleted").entity(Boolean.class)
             .isEqualTo(true);
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin
                .document("query($ns: String) { auditLog(filter: {namespace: $ns}, first: 200) { edges { node { action } } } }")
                .variable("ns", ns).execute().path("auditLog.edges[*].node.action").entityList(String.class).get())
                .as(why)
                .contains("registry.added", "registry.updated", "registry.credentials.changed", "registry.webhook.rotated",
                          "repository.added", "repository.metadata.edited", "repository.sync.requested",
                          "repository.sync.failed", "access.denied", "repository.deleted"));
        GatewayClient.http(port).get().uri("/actuator/deadletters").exchange().expectStatus().isOk().expectBody()
                     .jsonPath("$['repository-catalogue'].size").isEqualTo(0)
                     .jsonPath("$['registry-catalogue'].size").isEqualTo(0)
                     .jsonPath("$['audit-log'].size").isEqualTo(0)
                     .jsonPath("$['repository-layers'].size").isEqualTo(0);
    }
}
