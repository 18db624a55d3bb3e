package io.theriseunion.imagegateway.app.access;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.context.TestPropertySource;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query, mutation and subscription as each role, bound to its own namespace, against that namespace and a
 * foreign one: allowed operations work, denied mutations answer FORBIDDEN (and are audited), denied reads look
 * like an empty namespace. One mismatch table at the end names every cell that differs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:access;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

    enum Outcome { ALLOWED, FORBIDDEN, EMPTY }

    /** The roles bound in one namespace (METRICS is a cluster role, tested on its own). */
    static final List<Role> NAMESPACED = java.util.Arrays.stream(Role.values()).filter(r -> !r.clusterOnly()).toList();

    @LocalServerPort
    int port;

    HttpGraphQlTester admin;
    final Map<Role, String> tokens = new LinkedHashMap<>();
    final Map<Role, String> own = new LinkedHashMap<>();
    String foreign;
    final List<String> mismatches = new CopyOnWriteArrayList<>();

    @BeforeAll
    void setUp() {
        admin = GatewayClient.graphQl(port);
        foreign = freshNamespace("foreign");
        seed(foreign);
        for (Role role : NAMESPACED) {
            String ns = freshNamespace(role.name().toLowerCase());
            own.put(role, ns);
            seed(ns);
            tokens.put(role, admin.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                                  .variable("in", Map.of("name", "m-" + ns, "roles", List.of(Map.of("namespace", ns,
                                                                                                    "role", role.name()))))
                                  .execute().path("createApiToken.token").entity(String.class).get());
        }
    }

    private void seed(String ns) {
        GatewayClient.ensureRegistry(admin, ns);
        for (String name : List.of("seed", "victim-1", "victim-2", "victim-3")) {
            Map<String, Object> input = new HashMap<>(GatewayClient.addInput(ns, name));
            input.put("retryCount", 0);
            admin.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute();
        }
        // the stored audit log follows the events on its own (gathered into batches, up to 100 ms later): the
        // matrix reads it as an AUDITOR of its own namespace and expects the seed's entries there
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin
                .document("query($ns: String) { auditLog(filter: {namespace: $ns, actions: [\"repository.added\"]},"
                                  + " first: 0) { totalCount } }")
                .variable("ns", ns).execute().path("auditLog.totalCount").entity(Integer.class).isEqualTo(4));
    }

    /** Runs one cell and records a mismatch; returns the response for further checks. */
    private void cell(Role role, String where, String ns, String operation, Outcome expected,
                      Function<HttpGraphQlTester, GraphQlTester.Response> call,
                      Function<GraphQlTester.Response, Boolean> isEmpty) {
        HttpGraphQlTester as = GatewayClient.graphQl(port, tokens.get(role));
        AtomicReference<Outcome> actual = new AtomicReference<>();
        GraphQlTester.Response response = call.apply(as);
        response.errors().satisfy(errors -> {
            if (!errors.isEmpty()) {
                Object code = errors.get(0).getExtensions().get("code");
                actual.set("FORBIDDEN".equals(code) ? Outcome.FORBIDDEN : null);
                if (actual.get() == null) {
                    mismatches.add(role + " " + where + " " + operation + ": unexpected error " + errors);
                }
            }
        });
        if (actual.get() == null && mismatches.stream().noneMatch(m -> m.startsWith(role + " " + where + " " + operation + ":"))) {
            if (operation.endsWith("Repositories") && !operation.startsWith("repositories")) {
                // a batch refuses item by item
                List<String> codes = response.path(operation + ".items[*].error.code").entityList(String.class).get();
                actual.set(codes.contains("FORBIDDEN") ? Outcome.FORBIDDEN : Outcome.ALLOWED);
            } else {
                actual.set(isEmpty.apply(response) ? Outcome.EMPTY : Outcome.ALLOWED);
            }
        }
        if (actual.get() != null && actual.get() != expected) {
            mismatches.add(role + " " + where + " " + operation + ": expected " + expected + " but was " + actual.get());
        }
    }

    private static Function<GraphQlTester.Response, Boolean> never() {
        return r -> false;
    }

    private static Function<GraphQlTester.Response, Boolean> emptyList(String path) {
        return r -> r.path(path).entityList(Object.class).get().isEmpty();
    }

    private static Function<GraphQlTester.Response, Boolean> nullAt(String path) {
        return r -> {
            try {
                r.path(path).valueIsNull();
                return true;
            } catch (AssertionError present) {
                return false;
            }
        };
    }

    @Test
    void everyOperationAsEveryRoleInItsOwnAndAForeignNamespace() {
        for (Role role : NAMESPACED) {
            for (String where : List.of("own", "foreign")) {
                String ns = where.equals("own") ? own.get(role) : foreign;
                boolean mine = where.equals("own");
                Outcome read = mine && role != Role.AUDITOR ? Outcome.ALLOWED : Outcome.EMPTY;
                Outcome write = mine && (role == Role.EDITOR || role == Role.ADMIN) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                Outcome manage = mine && role == Role.ADMIN ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                Outcome audit = role != Role.AUDITOR ? Outcome.FORBIDDEN : mine ? Outcome.ALLOWED : Outcome.EMPTY;
                String tag = role.name().toLowerCase() + "-" + where;

                cell(role, where, ns, "repositories", read,
                     as -> as.documentName("repositories").variable("namespace", ns).execute(),
                     emptyList("repositories.edges"));
                cell(role, where, ns, "repositories(all)", mine && role != Role.AUDITOR ? Outcome.ALLOWED : Outcome.EMPTY,
                     as -> as.documentName("repositories").variable("first", 200).execute(),
                     r -> r.path("repositories.edges[*].node.namespace").entityList(String.class).get().stream()
                           .noneMatch(ns::equals));
                cell(role, where, ns, "repository", read,
                     as -> as.document("query($ns: String!) { repository(namespace: $ns, name: \"seed\") { name"
                                               + " syncHistory(first: 5) { totalCount } history(first: 5) { edges { node { action } } } } }")
                             .variable("ns", ns).execute(), nullAt("repository"));
                cell(role, where, ns, "registries", read,
                     as -> as.documentName("registries").variable("namespace", ns).execute(),
                     emptyList("registries.edges"));
                cell(role, where, ns, "registry", read,
                     as -> as.document("query($ns: String!) { registry(namespace: $ns, name: \"harbor-prod\") { name hasCredentials } }")
                             .variable("ns", ns).execute(), nullAt("registry"));
                cell(role, where, ns, "auditLog", audit,
                     as -> as.document("query($ns: String) { auditLog(filter: {namespace: $ns}) { edges { node { action namespace } } } }")
                             .variable("ns", ns).execute(), emptyList("auditLog.edges"));
                cell(role, where, ns, "addRepository", write,
                     as -> as.documentName("addRepository").fragmentName("repositoryFields")
                             .variable("input", GatewayClient.addInput(ns, "added-" + tag)).execute(), never());
                cell(role, where, ns, "addRepositories", write,
                     as -> as.document("mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) {"
                                               + " succeeded items { ok error { code } } } }")
                             .variable("in", List.of(GatewayClient.addInput(ns, "batch-" + tag))).execute(),
                     r -> false);
                cell(role, where, ns, "editRepositoryMetadata", write,
                     as -> as.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
                             .variable("input", Map.of("namespace", ns, "name", "seed", "description", "by " + tag))
                             .execute(), never());
                cell(role, where, ns, "triggerSync", write,
                     as -> as.documentName("triggerSync").variable("namespace", ns).variable("name", "seed").execute(),
                     never());
                cell(role, where, ns, "deleteRepository", manage,
                     as -> as.documentName("deleteRepository").variable("namespace", ns).variable("name", "victim-1")
                             .variable("confirmName", "victim-1").execute(), never());
                cell(role, where, ns, "deleteRepositories", manage,
                     as -> as.documentName("deleteRepositories")
                             .variable("refs", List.of(Map.of("namespace", ns, "name", "victim-2")))
                             .variable("confirmCount", 1).execute(), never());
                cell(role, where, ns, "addRegistry", manage,
                     as -> as.documentName("addRegistry").fragmentName("registryFields")
                             .variable("input", Map.of("namespace", ns, "name", "reg-" + tag, "url", "https://127.0.0.1:9"))
                             .execute(), never());
                cell(role, where, ns, "updateRegistry", manage,
                     as -> as.documentName("updateRegistry").fragmentName("registryFields")
                             .variable("input", Map.of("namespace", ns, "name", "harbor-prod", "description", tag))
                             .execute(), never());
                cell(role, where, ns, "deleteRegistry", manage,
                     as -> as.documentName("deleteRegistry").variable("namespace", ns).variable("name", "reg-admin-own")
                             .execute(), never());
                cell(role, where, ns, "createApiToken", manage,
                     as -> as.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { name } }")
                             .variable("in", Map.of("name", "t-" + tag, "roles", List.of(Map.of("namespace", ns, "role", "VIEWER"))))
                             .execute(), never());
            }
        }
        assertThat(mismatches).as("cells that differ from the role table").isEmpty();
    }

    private String token(String name, List<Map<String, Object>> roles) {
        return admin.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                    .variable("in", Map.of("name", name, "roles", roles)).execute()
                    .path("createApiToken.token").entity(String.class).get();
    }

    private static Map<String, Object> addFrom(String namespace, String name, String sourceNamespace, String source) {
        Map<String, Object> input = new HashMap<>(GatewayClient.addInput(namespace, name));
        input.put("registry", Map.of("namespace", sourceNamespace, "name", source));
        input.put("retryCount", 0);
        return input;
    }

    /** The first error of an add, as code, field and message with the source's name replaced by "<source>". */
    private static List<Object> addError(GraphQlTester.Response response, String source) {
        List<Object> seen = new ArrayList<>();
        response.errors().satisfy(errors -> {
            assertThat(errors).as("errors").isNotEmpty();
            ResponseError e = errors.get(0);
            seen.addAll(List.of(e.getExtensions().get("code"), String.valueOf(e.getExtensions().get("field")),
                                e.getMessage().replace(source, "<source>")));
        });
        return seen;
    }

    @Test
    void aRegistrySourceIsUsableFromAnotherNamespaceOnlyByItsEditorsOrWhenShared() {
        String tenantA = freshNamespace("tenant-a");
        String tenantB = freshNamespace("tenant-b");
        GatewayClient.ensureRegistry(admin, tenantA);
        admin.documentName("addRegistry").fragmentName("registryFields")
             .variable("input", Map.of("namespace", tenantB, "name", "secret-src", "url", "https://127.0.0.1:9",
                                       "username", "robot-b", "password", "s3cret"))
             .execute().path("addRegistry.shared").entity(Boolean.class).isEqualTo(false);
        String editorAToken = token("h1-editor-" + tenantA, List.of(Map.of("namespace", tenantA, "role", "EDITOR")));
        HttpGraphQlTester editorA = GatewayClient.graphQl(port, editorAToken);

        // EDITOR of tenant-a, tenant-b's source: the very answer a missing source gets, naming no host or user
        List<Object> missing = addError(editorA.documentName("addRepository").fragmentName("repositoryFields")
                                               .variable("input", addFrom(tenantA, "ghost", tenantB, "no-such-src"))
                                               .execute(), "no-such-src");
        List<Object> hidden = addError(editorA.documentName("addRepository").fragmentName("repositoryFields")
                                              .variable("input", addFrom(tenantA, "stolen", tenantB, "secret-src"))
                                              .execute(), "secret-src");
        assertThat(hidden).isEqualTo(missing);
        assertThat(hidden.get(0)).isEqualTo("VALIDATION_FAILED");
        assertThat(hidden.get(1)).isEqualTo("registry.name");
        assertThat(hidden.get(2).toString()).doesNotContain("127.0.0.1").doesNotContain("robot-b");
        editorA.document("mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { succeeded"
                                 + " items { error { code field } } } }")
               .variable("in", List.of(addFrom(tenantA, "stolen-batch", tenantB, "secret-src"))).execute()
               .path("addRepositories.succeeded").entity(Integer.class).isEqualTo(0)
               .path("addRepositories.items[0].error.code").entity(String.class).isEqualTo("VALIDATION_FAILED");
        String yaml = "apiVersion: image.theriseunion.io/v1alpha1\nkind: Repository\nmetadata:\n  name: stolen-yaml\n"
                + "  namespace: " + tenantA + "\nspec:\n  repository: library/nginx\n  tag: latest\n  registryRef:\n"
                + "    name: secret-src\n    namespace: " + tenantB + "\n";
        editorA.document("mutation($y: String!) { applyRepositories(yaml: $y) { succeeded items { error { code } } } }")
               .variable("y", yaml).execute()
               .path("applyRepositories.succeeded").entity(Integer.class).isEqualTo(0)
               .path("applyRepositories.items[0].error.code").entity(String.class).isEqualTo("VALIDATION_FAILED");
        WebTestClient rest = GatewayClient.http(port).mutate()
                .defaultHeader("Authorization", "Bearer " + editorAToken).build();
        rest.post().uri("/oapis/image.theriseunion.io/v1alpha1/namespaces/" + tenantA + "/repositories")
            .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(yaml)
            .exchange().expectStatus().isEqualTo(422)
            .expectBody().jsonPath("$.details.causes[0].field").isEqualTo("spec.registryRef.name")
            .jsonPath("$.message").value(m -> assertThat(m.toString()).doesNotContain("127.0.0.1"));

        // shared by tenant-b's ADMIN: tenant-a's editor may use it
        admin.documentName("updateRegistry").fragmentName("registryFields")
             .variable("input", Map.of("namespace", tenantB, "name", "secret-src", "shared", true))
             .execute().path("updateRegistry.shared").entity(Boolean.class).isEqualTo(true);
        editorA.documentName("addRepository").fragmentName("repositoryFields")
               .variable("input", addFrom(tenantA, "borrowed", tenantB, "secret-src")).execute()
               .path("addRepository.registryRef.namespace").entity(String.class).isEqualTo(tenantB)
               // tenant-a's editor may use the source, not read it
               .path("addRepository.registry").valueIsNull();
        // its sync fails (nothing listens there): tenant-a learns what failed, not the source's host
        await().atMost(Duration.ofSeconds(30)).until(() -> editorA
                .document("query($ns: String!) { repository(namespace: $ns, name: \"borrowed\") { lastError { code } } }")
                .variable("ns", tenantA).execute().path("repository").entity(Map.class).get().get("lastError") != null);
        String syncError = editorA.document("query($ns: String!) { repository(namespace: $ns, name: \"borrowed\") {"
                                                    + " lastError { message } } }")
                                  .variable("ns", tenantA).execute().path("repository.lastError.message")
                                  .entity(String.class).get();
        assertThat(syncError).contains(tenantB + "/secret-src").doesNotContain("127.0.0.1").doesNotContain("robot-b");

        // not shared, but an EDITOR in both namespaces: allowed
        admin.documentName("updateRegistry").fragmentName("registryFields")
             .variable("input", Map.of("namespace", tenantB, "name", "secret-src", "shared", false))
             .execute().path("updateRegistry.shared").entity(Boolean.class).isEqualTo(false);
        editorA.documentName("addRepository").fragmentName("repositoryFields")
               .variable("input", addFrom(tenantA, "stolen-again", tenantB, "secret-src")).execute()
               .errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getExtensions().get("code"))
                                                         .containsExactly("VALIDATION_FAILED"));
        HttpGraphQlTester editorBoth = GatewayClient.graphQl(port, token("h1-both-" + tenantA, List.of(
                Map.of("namespace", tenantA, "role", "EDITOR"), Map.of("namespace", tenantB, "role", "EDITOR"))));
        editorBoth.documentName("addRepository").fragmentName("repositoryFields")
                  .variable("input", addFrom(tenantA, "own-use", tenantB, "secret-src")).execute()
                  .path("addRepository.registry.name").entity(String.class).isEqualTo("secret-src");

        // tenant-b's viewers count only what they can read: tenant-a's two repositories stay uncounted
        HttpGraphQlTester viewerB = GatewayClient.graphQl(port, token("h1-viewer-" + tenantB,
                List.of(Map.of("namespace", tenantB, "role", "VIEWER"))));
        viewerB.document("query($ns: String!) { registry(namespace: $ns, name: \"secret-src\") { repositoryCount } }")
               .variable("ns", tenantB).execute().path("registry.repositoryCount").entity(Integer.class).isEqualTo(0);
        admin.document("query($ns: String!) { registry(namespace: $ns, name: \"secret-src\") { repositoryCount } }")
             .variable("ns", tenantB).execute().path("registry.repositoryCount").entity(Integer.class).isEqualTo(2);
    }

    @Test
    void aViewerReadsWhatChangedWhenAndByWhomButOnlyAnAuditorWhereFrom() {
        String ns = own.get(Role.VIEWER);
        String query = "query($ns: String!) { repository(namespace: $ns, name: \"seed\") { history(first: 5) {"
                + " edges { node { action actor at clientAddress userAgent correlationId } } } } }";
        await().atMost(Duration.ofSeconds(20)).until(() -> !admin.document(query).variable("ns", ns).execute()
                .path("repository.history.edges").entityList(Object.class).get().isEmpty());
        GraphQlTester.Response viewer = GatewayClient.graphQl(port, tokens.get(Role.VIEWER)).document(query)
                                                     .variable("ns", ns).execute();
        viewer.path("repository.history.edges[0].node.action").entity(String.class).isEqualTo("repository.added")
              .path("repository.history.edges[0].node.actor").entity(String.class).isEqualTo("admin")
              .path("repository.history.edges[0].node.at").hasValue()
              .path("repository.history.edges[0].node.clientAddress").valueIsNull()
              .path("repository.history.edges[0].node.userAgent").valueIsNull()
              .path("repository.history.edges[0].node.correlationId").valueIsNull();
        admin.document(query).variable("ns", ns).execute()
             .path("repository.history.edges[0].node.clientAddress").hasValue()
             .path("repository.history.edges[0].node.userAgent").hasValue()
             .path("repository.history.edges[0].node.correlationId").hasValue();
    }

    @Test
    void withoutTrustedProxiesAForwardedForHeaderIsNotBelieved() {
        String ns = freshNamespace("spoof");
        GatewayClient.ensureRegistry(GatewayClient.graphQl(port).mutate()
                                                  .webTestClient(c -> c.defaultHeader("X-Forwarded-For", "203.0.113.7"))
                                                  .build(), ns);
        String query = "query($ns: String) { auditLog(filter: {namespace: $ns, actions: [\"registry.added\"]}) {"
                + " edges { node { clientAddress } } } }";
        await().atMost(Duration.ofSeconds(20)).until(() -> !admin.document(query).variable("ns", ns).execute()
                .path("auditLog.edges").entityList(Object.class).get().isEmpty());
        admin.document(query).variable("ns", ns).execute().path("auditLog.edges[0].node.clientAddress")
             .entity(String.class).isEqualTo("127.0.0.1");
    }

    @Test
    void batchesCheckEveryItemAndADeniedMutationIsAudited() {
        HttpGraphQlTester editor = GatewayClient.graphQl(port, tokens.get(Role.EDITOR));
        editor.document("mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { succeeded failed"
                                + " items { namespace ok error { code } } } }")
              .variable("in", List.of(GatewayClient.addInput(own.get(Role.EDITOR), "mixed-1"),
                                      GatewayClient.addInput(foreign, "mixed-2")))
              .execute()
              .path("addRepositories.succeeded").entity(Integer.class).isEqualTo(1)
              .path("addRepositories.items[1].error.code").entity(String.class).isEqualTo("FORBIDDEN");
        editor.documentName("deleteRepository").variable("namespace", own.get(Role.EDITOR)).variable("name", "victim-3")
              .variable("confirmName", "victim-3").execute()
              .errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getExtensions().get("code"))
                                                        .containsExactly("FORBIDDEN"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin
                .document("query($ns: String) { auditLog(filter: {namespace: $ns, actions: [\"access.denied\"]}) {"
                                  + " edges { node { actor targetName details } } } }")
                .variable("ns", own.get(Role.EDITOR)).execute()
                .path("auditLog.edges[*].node.targetName").entityList(String.class).contains("victim-3"));
    }

    @Test
    void withoutCredentialsNothingIsAnswered() {
        HttpGraphQlTester anonymous = GatewayClient.graphQl(port, null);
        for (String query : List.of("{ repositories { totalCount } }", "{ registries { totalCount } }",
                                    "{ auditLog { edges { node { id } } } }", "{ me { name } }", "{ apiTokens { name } }")) {
            anonymous.document(query).execute().errors().satisfy(errors -> assertThat(errors)
                    .extracting(ResponseError::getExtensions).allSatisfy(x -> assertThat(x).containsEntry("code", "UNAUTHENTICATED")));
        }
        GatewayClient.graphQl(port, "gw_not-a-token").document("{ me { name } }").execute()
                     .errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getExtensions().get("code"))
                                                                 .containsExactly("UNAUTHENTICATED"));
        GatewayClient.anonymousHttp(port).get().uri("/audit/export").exchange().expectStatus().isUnauthorized()
                     .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED")
                     .jsonPath("$.message").value(m -> assertThat(m.toString()).contains("Authorization: Bearer"));
        GatewayClient.anonymousHttp(port).get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
        GatewayClient.anonymousHttp(port).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        GatewayClient.webSocket(port, null).document("subscription { repositoryChanged { type } }").executeSubscription()
                     .toFlux("repositoryChanged", Object.class).subscribe(x -> { }, refused::add);
        await().atMost(Duration.ofSeconds(15)).until(() -> !refused.isEmpty());
        GatewayClient.http(port).mutate().defaultHeader("Authorization", "Bearer " + tokens.get(Role.ADMIN)).build()
                     .get().uri("/actuator/metrics").exchange().expectStatus().isForbidden();
    }

    @Test
    void subscriptionsShowOnlyVisibleNamespacesAndRevokingTheTokenEndsThem() {
        String viewerNs = own.get(Role.VIEWER);
        String token = admin.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                            .variable("in", Map.of("name", "watcher-" + viewerNs,
                                                   "roles", List.of(Map.of("namespace", viewerNs, "role", "VIEWER"))))
                            .execute().path("createApiToken.token").entity(String.class).get();
        List<Object> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Disposable subscription = GatewayClient.webSocket(port, token)
                .document("subscription { repositoryChanged { type namespace name } }").executeSubscription()
                .toFlux("repositoryChanged.namespace", String.class)
                .subscribe(seen::add, ended::set);
        List<String> auditorErrors = new ArrayList<>();
        GatewayClient.webSocket(port, token).document("subscription { auditLogAppended { action } }")
                     .executeSubscription().toFlux("auditLogAppended", Map.class)
                     .subscribe(x -> { }, e -> auditorErrors.add(String.valueOf(e.getMessage())));
        try {
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(500)).until(() -> true);
            admin.documentName("addRepository").fragmentName("repositoryFields")
                 .variable("input", GatewayClient.addInput(foreign, "unseen")).execute();
            admin.documentName("addRepository").fragmentName("repositoryFields")
                 .variable("input", GatewayClient.addInput(viewerNs, "seen")).execute();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(viewerNs));
            assertThat(seen).doesNotContain(foreign);
            await().atMost(Duration.ofSeconds(10)).until(() -> !auditorErrors.isEmpty());
            assertThat(auditorErrors.get(0)).contains("FORBIDDEN");

            long revokedAt = System.nanoTime();
            admin.document("mutation($n: String!) { revokeApiToken(name: $n) }").variable("n", "watcher-" + viewerNs)
                 .execute().path("revokeApiToken").entity(Boolean.class).isEqualTo(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> ended.get() != null);
            assertThat(ended.get().getMessage()).contains("UNAUTHENTICATED");
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
            GatewayClient.graphQl(port, token).document("{ me { name } }").execute().errors().satisfy(
                    errors -> assertThat(errors).extracting(e -> e.getExtensions().get("code")).containsExactly("UNAUTHENTICATED"));
        } finally {
            subscription.dispose();
        }
    }
}
