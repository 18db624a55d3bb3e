package io.theriseunion.imagegateway.app.audit;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit log over real HTTP: an entry for every event of every mutation (batches and sync failures
 * included) with who, from where and the change; filters; a repository's history; time travel; the export.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AuditContract {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ENTRY = "id at actor action targetKind targetId namespace targetName details"
            + " correlationId clientAddress userAgent";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpGraphQlTester graphQl;
    String ns;

    @BeforeEach
    void setUp() {
        ns = freshNamespace("audit");
        graphQl = GatewayClient.graphQl(port).mutate().header("User-Agent", "audit-tests/1.0").build();
        GatewayClient.ensureRegistry(graphQl, ns);
    }

    private HttpGraphQlTester correlated(String correlationId) {
        return graphQl.mutate().header("X-Correlation-ID", correlationId).build();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries(Map<String, Object> filter) {
        return (List<Map<String, Object>>) (List<?>) graphQl
                .document("query($f: AuditLogFilter) { auditLog(filter: $f, first: 200) { edges { node { " + ENTRY + " } } } }")
                .variable("f", filter).execute().path("auditLog.edges[*].node").entityList(Map.class).get();
    }

    /** The namespace's entries, oldest first, once one matches. */
    private List<Map<String, Object>> awaitEntries(Predicate<Map<String, Object>> wanted) {
        List<Map<String, Object>> found = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            found.clear();
            found.addAll(entries(Map.of("namespace", ns)));
            java.util.Collections.reverse(found);
            assertThat(found).anyMatch(wanted);
        });
        return found;
    }

    private static Predicate<Map<String, Object>> action(String action, String name) {
        return e -> action.equals(e.get("action")) && name.equals(e.get("targetName"));
    }

    private Map<String, Object> input(String name) {
        Map<String, Object> input = new HashMap<>(GatewayClient.addInput(ns, name));
        input.put("retryCount", 0);
        return input;
    }

    @Test
    void anAddSaysWhoFromWhereAndWhatAndItsSyncFailureLinksToItsRequest() {
        correlated("add-web-1").documentName("addRepository").fragmentName("repositoryFields")
                               .variable("input", input("web")).execute();

        List<Map<String, Object>> log = awaitEntries(action("repository.sync.failed", "web"));

        Map<String, Object> added = log.stream().filter(action("repository.added", "web")).findFirst().orElseThrow();
        assertThat(added).containsEntry("actor", "admin").containsEntry("targetKind", "REPOSITORY")
                         .containsEntry("clientAddress", "127.0.0.1").containsEntry("userAgent", "audit-tests/1.0")
                         .containsEntry("correlationId", "add-web-1");
        assertThat((Map<String, Object>) added.get("details")).containsEntry("repository", "library/nginx")
                                                              .containsEntry("tag", "latest")
                                                              .containsEntry("registry", ns + "/harbor-prod");
        Map<String, Object> requested = log.stream().filter(action("repository.sync.requested", "web")).findFirst()
                                           .orElseThrow();
        assertThat(requested).containsEntry("correlationId", "add-web-1").containsEntry("actor", "admin");
        assertThat((Map<String, Object>) requested.get("details")).containsEntry("trigger", "CREATED");
        Map<String, Object> failed = log.stream().filter(action("repository.sync.failed", "web")).findFirst().orElseThrow();
        assertThat(failed).containsEntry("actor", "system:sync").containsEntry("correlationId", "add-web-1");
        assertThat((Map<String, Object>) failed.get("details"))
                .containsEntry("runId", ((Map<String, Object>) requested.get("details")).get("runId"));
        // the registry's port refuses: a run that tried started and failed (NETWORK); one requested after the
        // health check opened the source's breaker ended before it started (SOURCE_UNAVAILABLE)
        List<Object> actions = log.stream().filter(e -> ((String) e.get("action")).startsWith("repository."))
                                  .map(e -> e.get("action")).toList();
        if (actions.contains("repository.sync.started")) {
            assertThat(actions).containsSubsequence("repository.added", "repository.sync.requested",
                                                    "repository.sync.started", "repository.sync.failed");
            assertThat((Map<String, Object>) failed.get("details")).extractingByKey("code")
                                                                   .isIn("NETWORK", "SOURCE_UNAVAILABLE");
        } else {
            assertThat(actions).containsSubsequence("repository.added", "repository.sync.requested",
                                                    "repository.sync.failed");
            assertThat((Map<String, Object>) failed.get("details")).containsEntry("code", "SOURCE_UNAVAILABLE");
        }
    }

    @Test
    void editsRecordBeforeAndAfterAndABatchSharesOneCorrelationId() {
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input("api")).execute();
        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", ns, "name", "api", "displayName", "API", "description", "the api"))
               .execute().path("editRepositoryMetadata.version").entity(Integer.class).isEqualTo(2);
        graphQl.document("mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { succeeded } }")
               .variable("in", List.of(input("b1"), input("b2"), input("b3"))).execute()
               .path("addRepositories.succeeded").entity(Integer.class).isEqualTo(3);
        graphQl.documentName("deleteRepositories")
               .variable("refs", List.of(Map.of("namespace", ns, "name", "b1"), Map.of("namespace", ns, "name", "b2")))
               .variable("confirmCount", 2)
               .execute().path("deleteRepositories.succeeded").entity(Integer.class).isEqualTo(2);
        // while api's first sync is open a trigger joins it (no second request): the trigger comes after it ended
        awaitEntries(action("repository.sync.failed", "api"));
        graphQl.documentName("triggerSync").variable("namespace", ns).variable("name", "api").execute();

        awaitEntries(action("repository.deleted", "b2"));
        List<Map<String, Object>> log = awaitEntries(action("repository.deleted", "b1"));
        await().atMost(WAIT).until(() -> entries(Map.of("namespace", ns, "actions", List.of("repository.sync.requested"),
                                                        "targetName", "api")).size() >= 2);

        Map<String, Object> edited = log.stream().filter(action("repository.metadata.edited", "api")).findFirst().orElseThrow();
        assertThat((Map<String, Object>) edited.get("details"))
                .containsEntry("displayName", pair(null, "API"))
                .containsEntry("description", pair(null, "the api"));
        List<Object> batchCorrelations = log.stream().filter(e -> "repository.added".equals(e.get("action"))
                && List.of("b1", "b2", "b3").contains(e.get("targetName"))).map(e -> e.get("correlationId")).toList();
        assertThat(batchCorrelations).hasSize(3).containsOnly(batchCorrelations.get(0));
        List<Object> deleteCorrelations = log.stream().filter(e -> "repository.deleted".equals(e.get("action")))
                                             .map(e -> e.get("correlationId")).toList();
        assertThat(deleteCorrelations).hasSize(2).containsOnly(deleteCorrelations.get(0))
                                      .doesNotContain(batchCorrelations.get(0));

        List<Map<String, Object>> manual = entries(Map.of("namespace", ns, "targetName", "api",
                                                          "actions", List.of("repository.sync.requested")));
        assertThat(manual).extracting(e -> (Object) ((Map<?, ?>) e.get("details")).get("trigger")).contains("MANUAL", "CREATED");
        assertThat(entries(Map.of("namespace", ns, "targetKind", "REPOSITORY", "targetName", "b1")))
                .extracting(e -> e.get("action")).contains("repository.added", "repository.deleted");
        assertThat(entries(Map.of("namespace", ns, "actor", "system:sync"))).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("action").toString()).startsWith("repository.sync."));
        assertThat(entries(Map.of("namespace", ns, "from", Instant.now().plusSeconds(3600).toString()))).isEmpty();
        assertThat(entries(Map.of("namespace", ns, "to", Instant.parse("2020-01-01T00:00:00Z").toString()))).isEmpty();
    }

    private static Map<String, Object> pair(Object before, Object after) {
        Map<String, Object> pair = new HashMap<>();
        pair.put("before", before);
        pair.put("after", after);
        return pair;
    }

    @Test
    void registryChangesAreAuditedWithoutTheSecret() {
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", ns, "name", "quay", "url", "https://127.0.0.1:9",
                                         "username", "robot", "password", "s3cret-Passw0rd"))
               .execute();
        graphQl.documentName("updateRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", ns, "name", "quay", "description", "mirror",
                                         "password", "an0ther-s3cret"))
               .execute();
        graphQl.documentName("deleteRegistry").variable("namespace", ns).variable("name", "quay").execute();

        List<Map<String, Object>> log = awaitEntries(action("registry.removed", "quay"));

        assertThat(log).filteredOn(e -> "quay".equals(e.get("targetName"))).extracting(e -> e.get("action"))
                       .contains("registry.added", "registry.credentials.changed", "registry.updated", "registry.removed");
        Map<String, Object> updated = log.stream().filter(action("registry.updated", "quay")).findFirst().orElseThrow();
        assertThat((Map<String, Object>) updated.get("details")).containsEntry("description", pair(null, "mirror"));
        assertThat(log).allSatisfy(e -> assertThat(e.toString()).doesNotContain("s3cret"));
        String body = GatewayClient.http(port).get().uri("/audit/export?namespace=" + ns).exchange()
                                   .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("registry.credentials.changed").doesNotContain("s3cret");
    }

    /** Returns the instant once the clock has moved past it, so the next event is stamped strictly later. */
    private static Instant clockPast(Instant instant) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().isAfter(instant));
        return instant;
    }

    @Test
    void aRepositoryCanBeReadAsItWasAndItsHistoryOutlivesIt() {
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input("db")).execute();
        awaitEntries(action("repository.added", "db"));
        Instant afterAdd = clockPast(Instant.now());
        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", ns, "name", "db", "displayName", "Database")).execute();
        Instant afterEdit = clockPast(Instant.now());
        String id = graphQl.document("query($ns: String!) { repository(namespace: $ns, name: \"db\") { id } }")
                           .variable("ns", ns).execute().path("repository.id").entity(String.class).get();
        graphQl.documentName("deleteRepository").variable("namespace", ns).variable("name", "db")
               .variable("confirmName", "db").execute();
        awaitEntries(action("repository.deleted", "db"));

        String asOf = "query($ns: String!, $at: DateTime) { repository(namespace: $ns, name: \"db\", asOf: $at) {"
                + " id displayName version tag history(first: 50) { edges { node { action actor } } pageInfo { hasNextPage } } } }";
        GraphQlTester.Response before = graphQl.document(asOf).variable("ns", ns).variable("at", afterAdd.toString()).execute();
        before.path("repository.id").entity(String.class).isEqualTo(id)
              .path("repository.displayName").valueIsNull()
              .path("repository.version").entity(Integer.class).isEqualTo(1)
              .path("repository.tag").entity(String.class).isEqualTo("latest");
        graphQl.document(asOf).variable("ns", ns).variable("at", afterEdit.toString()).execute()
               .path("repository.displayName").entity(String.class).isEqualTo("Database")
               .path("repository.version").entity(Integer.class).isEqualTo(2)
               .path("repository.history.edges[*].node.action").entityList(String.class)
               .satisfies(actions -> assertThat(actions).startsWith("repository.added")
                                                        .contains("repository.metadata.edited", "repository.deleted"));
        graphQl.document(asOf).variable("ns", ns).variable("at", Instant.now().toString()).execute()
               .path("repository").valueIsNull();
        graphQl.document(asOf).variable("ns", ns).variable("at", "2020-01-01T00:00:00Z").execute()
               .path("repository").valueIsNull();
        graphQl.document("query($ns: String!) { repository(namespace: $ns, name: \"db\") { id } }").variable("ns", ns)
               .execute().path("repository").valueIsNull();
    }

    @Test
    void theExportStreamsNdjsonAndRejectsABadInstantNamingTheField() {
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input("x")).execute();
        awaitEntries(action("repository.added", "x"));
        WebTestClient http = GatewayClient.http(port);
        String body = http.get().uri("/audit/export?namespace=" + ns + "&from=2020-01-01T00:00:00Z").exchange()
                          .expectStatus().isOk()
                          .expectHeader().contentType("application/x-ndjson")
                          .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = body.lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(lines.get(0)).contains("\"action\":\"registry.added\"");
        http.get().uri("/audit/export?from=yesterday").exchange().expectStatus().isBadRequest()
            .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
            .jsonPath("$.message").value(m -> assertThat(m.toString()).startsWith("from must be"));
    }

    private String token(List<Map<String, Object>> roles) {
        return graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                      .variable("in", Map.of("name", freshNamespace("t"), "roles", roles)).execute()
                      .path("createApiToken.token").entity(String.class).get();
    }

    /** The query string sent as written (percent-escapes included), not as a URI template. */
    private java.net.URI exportUri(String query) {
        return java.net.URI.create("http://localhost:" + port + "/audit/export?" + query);
    }

    /** The export's entries for this query string, as the caller with this token gets them (200 expected). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> exported(String token, String query) {
        String body = GatewayClient.anonymousHttp(port).mutate().defaultHeader("Authorization", "Bearer " + token)
                                   .build().get().uri(exportUri(query)).exchange()
                                   .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        return body == null ? List.of() : body.lines().map(line -> {
            try {
                return (Map<String, Object>) json.readValue(line, Map.class);
            } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    private static List<Object> ids(List<Map<String, Object>> entries) {
        return entries.stream().map(e -> e.get("id")).toList();
    }

    /** The query's entries (newest first) turned oldest first, as the export lists them. */
    private List<Object> idsOldestFirst(Map<String, Object> filter) {
        List<Object> ids = new ArrayList<>(ids(entries(filter)));
        java.util.Collections.reverse(ids);
        return ids;
    }

    private WebTestClient.BodyContentSpec refusedExport(String query) {
        return GatewayClient.http(port).get().uri(exportUri(query)).exchange().expectStatus().isBadRequest()
                            .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theExportTakesTheAuditLogsFiltersWithTheirMeaningAndRefusesWhatTheQueryWouldRefuse() {
        String editor = token(List.of(Map.of("namespace", ns, "role", "EDITOR")));
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input("x")).execute();
        GatewayClient.graphQl(port, editor).documentName("addRepository").fragmentName("repositoryFields")
                     .variable("input", input("y")).execute().path("addRepository.name").entity(String.class)
                     .isEqualTo("y");
        // the namespace's log settles: both first syncs fail (nothing answers there), the source's health is checked
        awaitEntries(action("repository.sync.failed", "x"));
        awaitEntries(action("repository.sync.failed", "y"));
        List<Map<String, Object>> all = awaitEntries(action("registry.health.changed", "harbor-prod"));
        String editorName = (String) all.stream().filter(action("repository.added", "y")).findFirst().orElseThrow()
                                        .get("actor");
        assertThat(editorName).isNotEqualTo("admin");

        String admin = GatewayClient.ADMIN_TOKEN;
        assertThat(ids(exported(admin, "namespace=" + ns))).isEqualTo(ids(all));

        List<Map<String, Object>> byEditor = exported(admin, "namespace=" + ns + "&actor=" + editorName);
        assertThat(byEditor).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("actor", editorName))
                            .hasSizeLessThan(all.size());
        assertThat(ids(byEditor)).isEqualTo(idsOldestFirst(Map.of("namespace", ns, "actor", editorName)));

        List<Map<String, Object>> added = exported(admin, "namespace=" + ns + "&actions=repository.added&actions=registry.added");
        assertThat(added).extracting(e -> e.get("action") + " " + e.get("targetName"))
                         .containsExactly("registry.added harbor-prod", "repository.added x", "repository.added y");
        assertThat(ids(exported(admin, "namespace=" + ns + "&actions=repository.added,registry.added")))
                .isEqualTo(ids(added))
                .isEqualTo(idsOldestFirst(Map.of("namespace", ns, "actions", List.of("repository.added", "registry.added"))));

        List<Map<String, Object>> ofTheSource = exported(admin, "namespace=" + ns + "&targetKind=REGISTRY");
        assertThat(ofTheSource).extracting(e -> e.get("action")).contains("registry.added", "registry.health.changed")
                               .allSatisfy(a -> assertThat((String) a).startsWith("registry."));
        assertThat(ids(ofTheSource)).isEqualTo(idsOldestFirst(Map.of("namespace", ns, "targetKind", "REGISTRY")));

        // given filters combine: all must match
        assertThat(exported(admin, "namespace=" + ns + "&targetName=x&actions=repository.added"))
                .extracting(e -> e.get("actor")).containsExactly("admin");
        assertThat(exported(admin, "namespace=" + ns + "&targetName=x&actor=" + editorName)).isEmpty();
        assertThat(exported(admin, "namespace=" + ns + "&targetKind=REPOSITORY&targetName=y&actor=" + editorName
                                   + "&actions=repository.added&from=2020-01-01T08:00:00%2B08:00&to=2999-01-01T00:00:00Z"))
                .extracting(e -> e.get("action")).containsExactly("repository.added");
        assertThat(exported(admin, "namespace=" + ns + "&from=2999-01-01T00:00:00Z")).isEmpty();
        // an empty value is a parameter left out, as the console sends none for an empty field
        assertThat(ids(exported(admin, "namespace=" + ns + "&actor=&targetKind=&actions="))).isEqualTo(ids(all));

        refusedExport("namespace=" + ns + "&targetKind=repository").jsonPath("$.field").isEqualTo("targetKind")
                .jsonPath("$.message").isEqualTo("targetKind must be one of REPOSITORY, REGISTRY, API_TOKEN, STORE, not \"repository\"");
        refusedExport("namespace=" + ns + "&action=repository.added").jsonPath("$.field").isEqualTo("action")
                .jsonPath("$.message").value(m -> assertThat(m.toString()).startsWith("unknown parameter action:")
                                                                         .contains("actions"));
        refusedExport("actor=admin&actor=" + editorName).jsonPath("$.field").isEqualTo("actor")
                .jsonPath("$.message").value(m -> assertThat(m.toString()).isEqualTo("actor may be given once (only actions takes several values)"));
        refusedExport("to=2024-01-08").jsonPath("$.field").isEqualTo("to")
                .jsonPath("$.message").value(m -> assertThat(m.toString()).startsWith("to must be an RFC 3339 date-time"));

        // who may export is unchanged: AUDITORs, each of their own namespaces' entries only
        String viewer = token(List.of(Map.of("namespace", ns, "role", "VIEWER")));
        GatewayClient.anonymousHttp(port).mutate().defaultHeader("Authorization", "Bearer " + viewer).build()
                     .get().uri("/audit/export?namespace=" + ns + "&actor=admin").exchange().expectStatus().isForbidden()
                     .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        String auditor = token(List.of(Map.of("namespace", ns, "role", "AUDITOR")));
        assertThat(ids(exported(auditor, "actor=" + editorName))).isEqualTo(ids(byEditor));
        String otherAuditor = token(List.of(Map.of("namespace", ns + "-other", "role", "AUDITOR")));
        assertThat(exported(otherAuditor, "namespace=" + ns + "&actor=" + editorName)).isEmpty();
    }

    @Test
    void eventsCommittedOutOfOrderByConcurrentWritersEachGetTheirOwnEntry() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            batch.add(input("c-" + i));
        }
        // a batch is written by several workers at once: events commit out of their store order
        graphQl.document("mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { succeeded } }")
               .variable("in", batch).execute().path("addRepositories.succeeded").entity(Integer.class).isEqualTo(24);
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                entries(Map.of("namespace", ns, "actions", List.of("repository.added", "repository.sync.requested"))))
                .hasSize(48));
        List<Map<String, Object>> added = entries(Map.of("namespace", ns, "actions", List.of("repository.added")));
        assertThat(added).extracting(e -> e.get("targetName")).doesNotHaveDuplicates().hasSize(24);
        assertThat(added).extracting(e -> e.get("id")).doesNotHaveDuplicates();
    }

    @Test
    void anUnfilteredLogShowsEveryKindOfTargetApiTokensIncluded() {
        String token = "audit-kinds-" + ns.substring(ns.length() - 6);
        graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
               .variable("in", Map.of("name", token, "roles", List.of(Map.of("namespace", ns, "role", "VIEWER"))))
               .execute().path("createApiToken.token").hasValue();
        await().atMost(WAIT).untilAsserted(() -> {
            GraphQlTester.Response page = graphQl.document("{ auditLog(first: 200) { edges { node { targetKind targetName } } } }")
                                                 .execute();
            page.errors().verify();
            assertThat(page.path("auditLog.edges[*].node.targetKind").entityList(String.class).get())
                    .contains("API_TOKEN", "REGISTRY");
        });
    }

    @Test
    void anEventTheLogCannotWriteWaitsAsADeadLetterWhileTheLogGoesOn() {
        // a constraint the next entry breaks: the projection fails on that one event, as on a poison event
        jdbc.execute("alter table audit_entry add constraint audit_poison_pill check (target_name <> 'poison-pill')");
        WebTestClient http = GatewayClient.http(port);
        try {
            graphQl.documentName("addRepository").fragmentName("repositoryFields")
                   .variable("input", input("poison-pill")).execute().path("addRepository.name").hasValue();
            graphQl.documentName("addRepository").fragmentName("repositoryFields")
                   .variable("input", input("after-the-pill")).execute().path("addRepository.name").hasValue();
            awaitEntries(action("repository.added", "after-the-pill"));
            assertThat(entries(Map.of("namespace", ns))).noneMatch(e -> "poison-pill".equals(e.get("targetName")));
            http.get().uri("/actuator/deadletters/audit-log").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.sequences").isEqualTo(1)
                .jsonPath("$.letters[0].payloadType").isEqualTo("RepositoryAddedEvent")
                .jsonPath("$.letters[0].causeMessage").value(m -> assertThat(m.toString().toUpperCase())
                        .contains("AUDIT_POISON_PILL"));
            http.get().uri("/actuator/metrics/gateway.projections.dead_letters?tag=processing_group:audit-log")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.measurements[0].value").value(v -> assertThat(((Number) v).doubleValue())
                        .isGreaterThanOrEqualTo(1.0));
        } finally {
            jdbc.execute("alter table audit_entry drop constraint audit_poison_pill");
        }
        http.post().uri("/actuator/deadletters/audit-log").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.sequencesApplied").isEqualTo(1).jsonPath("$.size").isEqualTo(0);
        List<Map<String, Object>> entries = awaitEntries(action("repository.added", "poison-pill"));
        assertThat(entries).filteredOn(e -> "poison-pill".equals(e.get("targetName")))
                           .extracting(e -> e.get("action")).startsWith("repository.added");
    }

    // AuditEntryConnection.totalCount: every page of auditLog and of Repository.history counted, whatever first is

    @Test
    void auditLogCountsEveryEntryOfItsFilter() {
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        String ns = freshNamespace("tc");
        GatewayClient.ensureRegistry(graphQl, ns);
        Map<String, Object> input = new HashMap<>(GatewayClient.addInput(ns, "web"));
        input.put("retryCount", 0);
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute()
               .path("addRepository.name").entity(String.class).isEqualTo("web");
        for (String description : List.of("one", "two", "three")) {
            graphQl.document("mutation($in: EditRepositoryMetadataInput!) { editRepositoryMetadata(input: $in) { version } }")
                   .variable("in", Map.of("namespace", ns, "name", "web", "description", description)).execute()
                   .path("editRepositoryMetadata.version").hasValue();
        }
        Map<String, Object> edits = Map.of("namespace", ns, "actions", List.of("repository.metadata.edited"));
        await().atMost(Duration.ofSeconds(20)).until(() -> countedLog(graphQl, edits, 200).path("auditLog.edges")
                                                                                   .entityList(Object.class).get().size() == 3);
        countedLog(graphQl, edits, 1).path("auditLog.totalCount").entity(Integer.class).isEqualTo(3)
                              .path("auditLog.edges").entityList(Object.class).hasSize(1)
                              .path("auditLog.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        countedLog(graphQl, Map.of("namespace", ns, "actions", List.of("nothing.such")), 50)
                .path("auditLog.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void historyCountsEveryEntryOfTheRepository() {
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        String ns = freshNamespace("th");
        GatewayClient.ensureRegistry(graphQl, ns);
        Map<String, Object> input = new HashMap<>(GatewayClient.addInput(ns, "web"));
        input.put("retryCount", 0);
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute()
               .path("addRepository.name").entity(String.class).isEqualTo("web");
        // the first sync fails at once (nothing listens there); the next is an hour away, so the history then stays
        await().atMost(Duration.ofSeconds(30)).until(() -> countedHistory(graphQl, ns, 200).path("repository.history.edges[*].node.action")
                                                                                   .entityList(String.class).get()
                                                                                   .contains("repository.sync.failed"));
        int all = countedHistory(graphQl, ns, 200).path("repository.history.edges").entityList(Object.class).get().size();
        assertThat(all).isGreaterThanOrEqualTo(3);
        countedHistory(graphQl, ns, 1).path("repository.history.totalCount").entity(Integer.class).isEqualTo(all)
                               .path("repository.history.edges").entityList(Object.class).hasSize(1);
    }

    private static GraphQlTester.Response countedLog(HttpGraphQlTester graphQl, Map<String, Object> filter, int first) {
        return graphQl.document("query($f: AuditLogFilter, $first: Int) { auditLog(filter: $f, first: $first) {"
                                        + " totalCount edges { node { action } } pageInfo { hasNextPage } } }")
                      .variable("f", filter).variable("first", first).execute();
    }

    private static GraphQlTester.Response countedHistory(HttpGraphQlTester graphQl, String ns, int first) {
        return graphQl.document("query($ns: String!, $first: Int) { repository(namespace: $ns, name: \"web\") {"
                                        + " history(first: $first) { totalCount edges { node { action } } } } }")
                      .variable("ns", ns).variable("first", first).execute();
    }
}
