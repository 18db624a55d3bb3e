package io.theriseunion.imagegateway.graphql.sync;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.theriseunion.imagegateway.support.GraphQlErrors.assertError;
import static io.theriseunion.imagegateway.support.GraphQlErrors.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edit dialog's sync settings ({@code editRepositorySyncPolicy}) and the toolbar's batches over a selection
 * ({@code triggerSyncs}, and {@code deleteRepositories} / {@code triggerSyncs} with a filter: "select all
 * matching", past the 500 cap), over real HTTP on a real event store and read model. The registry source is a
 * closed loopback port, so syncs fail fast. Run on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the batches here are large for a shared test machine: their outcome, not the machine's speed, is under test
@TestPropertySource(properties = {"gateway.batch-timeout=120s", "spring.mvc.async.request-timeout=180s"})
abstract class SyncPolicyAndSelectionContract {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private HttpGraphQlTester graphQl;
    private String ns;

    @BeforeEach
    void connect() {
        graphQl = GatewayClient.graphQl(port);
        ns = GatewayClient.freshNamespace("sel");
        GatewayClient.ensureRegistry(graphQl, ns);
    }

    private Map<String, Object> input(String name) {
        Map<String, Object> input = new HashMap<>(GatewayClient.addInput(ns, name));
        input.put("retryCount", 0);
        return input;
    }

    private void add(String... names) {
        for (String name : names) {
            graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input(name))
                   .execute().path("addRepository.version").entity(Integer.class).isEqualTo(1);
        }
    }

    private GraphQlTester.Response editPolicy(HttpGraphQlTester as, Map<String, Object> fields) {
        Map<String, Object> in = new HashMap<>(fields);
        in.put("namespace", ns);
        in.putIfAbsent("name", "web");
        return as.documentName("editRepositorySyncPolicy").fragmentName("repositoryFields").variable("input", in)
                 .execute();
    }

    private Map<?, ?> repository(String name, Instant asOf) {
        return graphQl.document("""
                              query($ns: String!, $name: String!, $asOf: DateTime) {
                                repository(namespace: $ns, name: $name, asOf: $asOf) {
                                  id syncInterval syncTimeout retryCount version syncStatus nextSyncAt
                                }
                              }""").variable("ns", ns).variable("name", name)
                      .variable("asOf", asOf == null ? null : asOf.toString()).execute()
                      .path("repository").entity(Map.class).get();
    }

    private int count(Map<String, Object> variables) {
        Map<String, Object> v = new HashMap<>(variables);
        v.putIfAbsent("namespace", ns);
        return graphQl.documentName("repositories").variables(v).execute()
                      .path("repositories.totalCount").entity(Integer.class).get();
    }

    private String token(String role) {
        return graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                      .variable("in", Map.of("name", role.toLowerCase() + "-" + ns,
                                             "roles", List.of(Map.of("namespace", ns, "role", role))))
                      .execute().path("createApiToken.token").entity(String.class).get();
    }

    private GraphQlTester.Response triggerSyncs(HttpGraphQlTester as, Object refs, Object filter,
                                                Integer confirmCount) {
        Map<String, Object> v = new HashMap<>();
        v.put("refs", refs);
        v.put("filter", filter);
        v.put("confirmCount", confirmCount);
        return as.documentName("triggerSyncs").variables(v).execute();
    }

    private GraphQlTester.Response deleteMatching(HttpGraphQlTester as, Object refs, Object filter, int confirmCount) {
        Map<String, Object> v = new HashMap<>();
        v.put("refs", refs);
        v.put("filter", filter);
        v.put("confirmCount", confirmCount);
        return as.documentName("deleteRepositoriesMatching").variables(v).execute();
    }

    private List<Map<String, Object>> refs(String... names) {
        List<Map<String, Object>> refs = new ArrayList<>();
        for (String name : names) {
            refs.add(Map.of("namespace", ns, "name", name));
        }
        return refs;
    }

    @Test
    void editingTheSyncPolicyKeepsIdAndHistoryPlansTheNextSyncAgainAndTimeTravelShowsTheOldPolicy() {
        add("web");
        await().atMost(WAIT).until(() -> "FAILED".equals(repository("web", null).get("syncStatus")));
        Map<?, ?> before = repository("web", null);
        Instant beforeEdit = Instant.now();

        GraphQlTester.Response edited = editPolicy(graphQl, Map.of("syncInterval", "120m", "syncTimeout", "30s",
                                                                   "retryCount", 5, "expectedVersion", 1));
        edited.path("editRepositorySyncPolicy.id").entity(String.class).isEqualTo((String) before.get("id"))
              .path("editRepositorySyncPolicy.syncInterval").entity(String.class).isEqualTo("2h")
              .path("editRepositorySyncPolicy.syncTimeout").entity(String.class).isEqualTo("30s")
              .path("editRepositorySyncPolicy.retryCount").entity(Integer.class).isEqualTo(5)
              .path("editRepositorySyncPolicy.version").entity(Integer.class).isEqualTo(2)
              .path("editRepositorySyncPolicy.image").entity(String.class).isEqualTo("library/nginx:latest");
        // one hour more than planned after the failed first sync, give or take the repository's jitter (<= 5 min)
        Instant plannedBefore = Instant.parse((String) before.get("nextSyncAt"));
        Instant plannedAfter = Instant.parse(edited.path("editRepositorySyncPolicy.nextSyncAt").entity(String.class)
                                                   .get());
        assertThat(plannedAfter).isBetween(plannedBefore.plus(Duration.ofMinutes(55)),
                                           plannedBefore.plus(Duration.ofMinutes(65)));

        // time travel finds which repository had the name then in the stored audit log, which follows the events on
        // its own (gathered into batches, up to gateway.projections.gather later): the add's entry first
        await().atMost(WAIT).until(() -> graphQl.document("query($ns: String) { auditLog(filter: {namespace: $ns,"
                                                                  + " targetName: \"web\", actions: [\"repository.added\"]},"
                                                                  + " first: 0) { totalCount } }")
                                                .variable("ns", ns).execute().path("auditLog.totalCount")
                                                .entity(Integer.class).get() == 1);
        Map<?, ?> then = repository("web", beforeEdit);
        assertThat(then.get("id")).isEqualTo(before.get("id"));
        assertThat(then.get("syncInterval")).isEqualTo("1h");
        assertThat(then.get("syncTimeout")).isEqualTo("10m");
        assertThat(then.get("retryCount")).isEqualTo(0);
        assertThat(then.get("version")).isEqualTo(1);
        assertThat(repository("web", Instant.now())).isEqualTo(repository("web", null));

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map> history = graphQl.document("""
                                               query($ns: String!) { repository(namespace: $ns, name: "web") {
                                                 history(first: 50) { edges { node { action details } } } } }""")
                                       .variable("ns", ns).execute()
                                       .path("repository.history.edges[*].node").entityList(Map.class).get();
            assertThat(history).extracting(e -> e.get("action"))
                               .contains("repository.added", "repository.sync.failed", "repository.syncpolicy.edited");
            Map<?, ?> details = (Map<?, ?>) history.stream()
                                                   .filter(e -> "repository.syncpolicy.edited".equals(e.get("action")))
                                                   .findFirst().orElseThrow().get("details");
            assertThat(details.get("syncInterval")).isEqualTo(Map.of("before", "1h", "after", "2h"));
            assertThat(details.get("syncTimeout")).isEqualTo(Map.of("before", "10m", "after", "30s"));
            assertThat(details.get("retryCount")).isEqualTo(Map.of("before", 0, "after", 5));
            assertThat(Instant.parse((String) details.get("nextSyncAt")).truncatedTo(ChronoUnit.MILLIS))
                    .isEqualTo(plannedAfter.truncatedTo(ChronoUnit.MILLIS));
        });
    }

    @Test
    void aStaleVersionIsAConflictAndAnEditWithoutChangeRecordsNothing() {
        add("web");
        editPolicy(graphQl, Map.of("syncTimeout", "1m", "expectedVersion", 1))
                .path("editRepositorySyncPolicy.version").entity(Integer.class).isEqualTo(2);

        assertError(editPolicy(graphQl, Map.of("syncInterval", "3h", "expectedVersion", 1)), "CONFLICT",
                    "expectedVersion");
        editPolicy(graphQl, Map.of("syncInterval", "60m", "syncTimeout", "60s", "expectedVersion", 2))
                .path("editRepositorySyncPolicy.version").entity(Integer.class).isEqualTo(2)
                .path("editRepositorySyncPolicy.syncInterval").entity(String.class).isEqualTo("1h");
        assertThat(repository("web", null).get("syncInterval")).isEqualTo("1h");
    }

    @Test
    void everyFieldIsCheckedWithTheRulesOfAnAddAndABadEditChangesNothing() {
        add("web");
        GraphQlTester.Response response = editPolicy(graphQl, Map.of("syncInterval", "30s", "syncTimeout", "2d",
                                                                     "retryCount", 11));
        assertError(response, "VALIDATION_FAILED", null);
        assertThat(errorsOf(response)).extracting(e -> e.getExtensions().get("field"))
                                      .containsExactlyInAnyOrder("syncInterval", "syncTimeout", "retryCount");
        assertThat(errorsOf(response)).extracting(ResponseError::getMessage)
                                      .contains("syncInterval must be between 1m and 720h (30 days)",
                                                "retryCount must be between 0 and 10");
        assertError(editPolicy(graphQl, Map.of("syncTimeout", "5s")), "VALIDATION_FAILED", "syncTimeout");
        assertError(editPolicy(graphQl, Map.of("syncInterval", "hourly")), "VALIDATION_FAILED", "syncInterval");
        assertError(editPolicy(graphQl, Map.of("retryCount", -1)), "VALIDATION_FAILED", "retryCount");
        assertError(editPolicy(graphQl, Map.of("name", "no-such", "syncInterval", "2h")), "NOT_FOUND", null);

        Map<?, ?> unchanged = repository("web", null);
        assertThat(unchanged.get("syncInterval")).isEqualTo("1h");
        assertThat(unchanged.get("syncTimeout")).isEqualTo("10m");
        assertThat(unchanged.get("version")).isEqualTo(1);
    }

    @Test
    void triggerSyncsWithRefsSyncsEachOnItsOwn() {
        add("web", "api");
        GraphQlTester.Response synced = triggerSyncs(graphQl, refs("web", "missing", "api"), null, null);
        synced.path("triggerSyncs.succeeded").entity(Integer.class).isEqualTo(2)
              .path("triggerSyncs.failed").entity(Integer.class).isEqualTo(1)
              .path("triggerSyncs.items[*].name").entityList(String.class).containsExactly("web", "missing", "api")
              .path("triggerSyncs.items[1].error.code").entity(String.class).isEqualTo("NOT_FOUND");
        assertError(triggerSyncs(graphQl, List.of(), null, null), "VALIDATION_FAILED", "refs");
        assertError(triggerSyncs(graphQl, null, null, null), "VALIDATION_FAILED", "refs");
        assertError(triggerSyncs(graphQl, refs("web"), Map.of("namespace", ns), 1), "VALIDATION_FAILED", "filter");
        assertError(triggerSyncs(graphQl, refs("web", "api"), null, 3), "CONFIRMATION_MISMATCH", "confirmCount");
    }

    @Test
    void aManualBatchSyncOfARepositoryWithNoOpenRunOpensAManualRun() {
        add("web");
        await().atMost(WAIT).until(() -> "FAILED".equals(repository("web", null).get("syncStatus")));
        triggerSyncs(graphQl, refs("web"), null, 1).path("triggerSyncs.succeeded").entity(Integer.class).isEqualTo(1);
        graphQl.document("""
                       query($ns: String!) { repository(namespace: $ns, name: "web") {
                         syncHistory(first: 1) { edges { node { trigger requestedBy } } } } }""")
               .variable("ns", ns).execute()
               .path("repository.syncHistory.edges[0].node.trigger").entity(String.class).isEqualTo("MANUAL");
    }

    @Test
    void triggerSyncsWithAFilterSyncsEveryMatchAfterItsCountIsConfirmed() {
        add("web-1", "web-2", "api");
        Map<String, Object> filter = Map.of("namespace", ns, "search", "WEB");
        GraphQlTester.Response mismatch = triggerSyncs(graphQl, null, filter, 3);
        assertError(mismatch, "CONFIRMATION_MISMATCH", "confirmCount");
        assertThat(errorsOf(mismatch).get(0).getMessage()).contains("2 now");
        assertError(triggerSyncs(graphQl, null, filter, null), "CONFIRMATION_MISMATCH", "confirmCount");

        triggerSyncs(graphQl, null, filter, 2)
                .path("triggerSyncs.succeeded").entity(Integer.class).isEqualTo(2)
                .path("triggerSyncs.items[*].name").entityList(String.class).containsExactly("web-1", "web-2");
        triggerSyncs(graphQl, null, Map.of("namespace", ns, "syncStatus", List.of("SUCCESS")), 0)
                .path("triggerSyncs.items").entityList(Object.class).hasSize(0);
    }

    @Test
    void deleteRepositoriesWithAFilterDeletesAllMatchesPastTheBatchCapUnderOneCorrelationId() {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            inputs.add(input(String.format("bulk-%03d", i)));
        }
        for (List<Map<String, Object>> part : List.of(inputs.subList(0, 300), inputs.subList(300, 600))) {
            graphQl.documentName("addRepositories").variable("input", part).execute()
                   .path("addRepositories.failed").entity(Integer.class).isEqualTo(0);
        }
        add("keep-me");
        Map<String, Object> filter = Map.of("namespace", ns, "search", "bulk-");
        assertThat(count(Map.of("search", "bulk-"))).isEqualTo(600);

        GraphQlTester.Response mismatch = deleteMatching(graphQl, null, filter, 599);
        assertError(mismatch, "CONFIRMATION_MISMATCH", "confirmCount");
        assertThat(errorsOf(mismatch).get(0).getMessage()).contains("600 now");
        assertThat(count(Map.of())).isEqualTo(601);
        assertError(deleteMatching(graphQl, refs("keep-me"), filter, 1), "VALIDATION_FAILED", "filter");
        assertError(deleteMatching(graphQl, null, null, 0), "VALIDATION_FAILED", "refs");
        assertThat(count(Map.of())).isEqualTo(601);

        GraphQlTester.Response deleted = deleteMatching(graphQl, null, filter, 600);
        deleted.path("deleteRepositories.succeeded").entity(Integer.class).isEqualTo(600)
               .path("deleteRepositories.failed").entity(Integer.class).isEqualTo(0)
               .path("deleteRepositories.items[0].name").entity(String.class).isEqualTo("bulk-000")
               .path("deleteRepositories.items[599].name").entity(String.class).isEqualTo("bulk-599");
        assertThat(count(Map.of())).isEqualTo(1);
        assertThat(repository("keep-me", null)).isNotNull();

        await().atMost(WAIT).untilAsserted(() -> {
            Set<Object> correlations = new HashSet<>();
            int entries = 0;
            String after = null;
            do {
                GraphQlTester.Response page = graphQl.document("""
                                query($ns: String!, $after: String) {
                                  auditLog(filter: {namespace: $ns, actions: ["repository.deleted"]}, first: 200, after: $after) {
                                    edges { node { correlationId } } pageInfo { hasNextPage endCursor } } }""")
                                                     .variable("ns", ns).variable("after", after).execute();
                List<String> ids = page.path("auditLog.edges[*].node.correlationId").entityList(String.class).get();
                entries += ids.size();
                correlations.addAll(ids);
                after = page.path("auditLog.pageInfo.hasNextPage").entity(Boolean.class).get()
                        ? page.path("auditLog.pageInfo.endCursor").entity(String.class).get() : null;
            } while (after != null);
            assertThat(entries).isEqualTo(600);
            assertThat(correlations).hasSize(1);
        });
    }

    @Test
    void eachItemNeedsItsOwnRole() {
        add("web", "api");
        HttpGraphQlTester viewer = GatewayClient.graphQl(port, token("VIEWER"));
        HttpGraphQlTester editor = GatewayClient.graphQl(port, token("EDITOR"));

        assertError(editPolicy(viewer, Map.of("syncInterval", "2h")), "FORBIDDEN", null);
        editPolicy(editor, Map.of("syncInterval", "2h"))
                .path("editRepositorySyncPolicy.syncInterval").entity(String.class).isEqualTo("2h");

        triggerSyncs(viewer, refs("web"), null, null)
                .path("triggerSyncs.failed").entity(Integer.class).isEqualTo(1)
                .path("triggerSyncs.items[0].error.code").entity(String.class).isEqualTo("FORBIDDEN");
        triggerSyncs(editor, null, Map.of("namespace", ns), 2)
                .path("triggerSyncs.succeeded").entity(Integer.class).isEqualTo(2);

        // deleting needs ADMIN: an EDITOR's "select all matching" is refused item by item and deletes nothing
        deleteMatching(editor, null, Map.of("namespace", ns), 2)
                .path("deleteRepositories.succeeded").entity(Integer.class).isEqualTo(0)
                .path("deleteRepositories.items[*].error.code").entityList(String.class)
                .containsExactly("FORBIDDEN", "FORBIDDEN");
        assertThat(count(Map.of())).isEqualTo(2);

        // a filter matches only what the caller may read: nothing in a namespace of others
        String other = GatewayClient.freshNamespace("other");
        deleteMatching(editor, null, Map.of("namespace", other), 0)
                .path("deleteRepositories.items").entityList(Object.class).hasSize(0);
    }
}
