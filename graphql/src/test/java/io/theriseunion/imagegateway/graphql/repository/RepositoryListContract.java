package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import io.theriseunion.imagegateway.projections.OrderDirection;
import io.theriseunion.imagegateway.projections.repository.OrderedCursor;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryFilter;
import io.theriseunion.imagegateway.projections.repository.RepositoryOrder;
import io.theriseunion.imagegateway.projections.repository.RepositoryOrderField;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static io.theriseunion.imagegateway.support.GatewayClient.addInput;
import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static io.theriseunion.imagegateway.support.GraphQlErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository list screen over real HTTP: sorting (every order, both directions, keyset-paged), the status
 * counts of a filter, each repository's source and domain. Sync results are written into the read model as the
 * catalogue projection writes them (status, last sync), so that the orders have ties, never-synced rows and moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
abstract class RepositoryListContract {

    private static final String ROW = "{ namespace name syncStatus lastSynced createdAt }";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String[] FIELDS = {"NAME", "LAST_SYNCED", "SYNC_STATUS", "CREATED"};

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpGraphQlTester graphQl;
    String ns;
    String other;

    @BeforeEach
    void connect() {
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("l");
        other = freshNamespace("m");
        GatewayClient.ensureRegistry(graphQl, ns);
        GatewayClient.ensureRegistry(graphQl, other);
    }

    /**
     * Repositories in two namespaces, each given a status, a last sync (minutes after T0, null: never) and a
     * creation time (minutes), with ties on every field; all wear the token {@code ns} in their names.
     */
    void catalogue() {
        Object[][] rows = {
                {ns, "web", "SUCCESS", 5, 1}, {other, "web", "SUCCESS", 5, 1}, {ns, "api", "FAILED", null, 2},
                {other, "api", "PENDING", null, 2}, {ns, "db", "SYNCING", 3, 3}, {other, "db", "FAILED", 7, 0},
                {ns, "cache", "SUCCESS", null, 1}, {other, "zz", "SUCCESS", 3, 9}, {ns, "mq", "FAILED", 5, 4}};
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Object> input = addInput((String) r[0], name((String) r[1]));
            input.put("retryCount", 0);
            inputs.add(input);
        }
        graphQl.document("mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { succeeded } }")
               .variable("in", inputs).execute().path("addRepositories.succeeded").entity(Integer.class).isEqualTo(rows.length);
        awaitFirstSyncsEnded();
        for (Object[] r : rows) {
            set((String) r[0], name((String) r[1]), (String) r[2], (Integer) r[3]);
            jdbc.update("update repository_view set created_at = ? where namespace = ? and name = ?",
                        Timestamp.from(T0.plusSeconds(60L * (Integer) r[4])), r[0], name((String) r[1]));
        }
    }

    String name(String base) {
        return ns + "-" + base;
    }

    /** The first sync of each new repository fails (its source does not answer); wait until none is running. */
    void awaitFirstSyncsEnded() {
        for (int i = 0; i < 600; i++) {
            Map<String, Object> counts = graphQl.document("{ repositories(search: \"" + ns + "-\") { statusCounts { pending syncing } } }")
                                                .execute().path("repositories.statusCounts").entity(Map.class).get();
            if (((Number) counts.get("pending")).intValue() + ((Number) counts.get("syncing")).intValue() == 0) {
                return;
            }
            sleep();
        }
        throw new AssertionError("the first syncs did not end");
    }

    /** What the catalogue projection writes when a sync ends (or starts): status and last successful sync. */
    void set(String namespace, String name, String status, Integer lastSyncedMinute) {
        jdbc.update("update repository_view set sync_status = ? where namespace = ? and name = ?", status, namespace,
                    name);
        jdbc.update("update repository_sync_time set last_synced = ? where namespace = ? and name = ?",
                    lastSyncedMinute == null ? null : Timestamp.from(T0.plusSeconds(60L * lastSyncedMinute)),
                    namespace, name);
    }

    /** Pages through to the end {@code first} at a time; {@code between} runs after each page. */
    List<Map<String, Object>> scroll(String arguments, Consumer<Integer> between) {
        List<Map<String, Object>> seen = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 100; pages++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            GraphQlTester.Response response = graphQl.document(
                    "query($after: String) { repositories(" + arguments + ", after: $after) { edges { node " + ROW
                            + " } pageInfo { hasNextPage endCursor } } }").variables(variables).execute();
            List<Map<String, Object>> nodes = response.path("repositories.edges[*].node").entityList(Map.class).get()
                                                      .stream().map(m -> (Map<String, Object>) m).toList();
            seen.addAll(nodes);
            between.accept(pages);
            if (!response.path("repositories.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                return seen;
            }
            after = response.path("repositories.pageInfo.endCursor").entity(String.class).get();
        }
        throw new AssertionError("no end after 100 pages");
    }

    static String key(Map<String, Object> row) {
        return row.get("namespace") + "/" + row.get("name");
    }

    /** The documented order, written independently of the SQL: ISO instants of one format sort as text. */
    static Comparator<Map<String, Object>> order(String field, boolean descending) {
        Comparator<Map<String, Object>> ties = Comparator.comparing((Map<String, Object> r) -> (String) r.get("namespace"))
                                                         .thenComparing(r -> (String) r.get("name"));
        Comparator<Map<String, Object>> sorted = switch (field) {
            case "NAME" -> Comparator.comparing((Map<String, Object> r) -> (String) r.get("name"))
                                     .thenComparing(r -> (String) r.get("namespace"));
            case "SYNC_STATUS" -> Comparator.comparing((Map<String, Object> r) -> (String) r.get("syncStatus")).thenComparing(ties);
            case "CREATED" -> Comparator.comparing((Map<String, Object> r) -> Instant.parse((String) r.get("createdAt")))
                                        .thenComparing(ties);
            default -> Comparator.comparing((Map<String, Object> r) -> r.get("lastSynced") == null ? null
                                                    : Instant.parse((String) r.get("lastSynced")),
                                            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(ties);
        };
        if (!descending) {
            return sorted;
        }
        if (field.equals("LAST_SYNCED")) { // the never synced stay last
            return Comparator.comparing((Map<String, Object> r) -> r.get("lastSynced") == null).thenComparing(sorted.reversed());
        }
        return sorted.reversed();
    }

    @Test
    void everyOrderInBothDirectionsPagesThroughEveryRowOnceInItsOrder() {
        catalogue();
        for (String field : FIELDS) {
            for (String direction : new String[]{"ASC", "DESC"}) {
                for (String filter : new String[]{"search: \"" + ns + "-\"", "namespace: \"" + ns + "\""}) {
                    String arguments = filter + ", orderBy: {field: " + field + ", direction: " + direction + "}";
                    List<Map<String, Object>> all = new ArrayList<>(scroll(filter + ", first: 200", p -> { }));
                    all.sort(order(field, direction.equals("DESC")));
                    List<String> seen = scroll(arguments + ", first: 2", p -> { }).stream()
                                                                                 .map(RepositoryListContract::key).toList();
                    assertThat(seen).as(arguments).isEqualTo(all.stream().map(RepositoryListContract::key).toList());
                }
            }
        }
    }

    @Test
    void aRepositoryThatMovesWhileScrollingLeavesEveryOtherRowOnceAndInOrder() {
        catalogue();
        for (String field : FIELDS) {
            for (String direction : new String[]{"ASC", "DESC"}) {
                String moved = name("api"); // never synced and FAILED: a sync moves it in LAST_SYNCED and SYNC_STATUS
                set(ns, moved, "FAILED", null);
                String arguments = "search: \"" + ns + "-\", orderBy: {field: " + field + ", direction: " + direction
                        + "}, first: 2";
                List<Map<String, Object>> rows = scroll(arguments, page -> {
                    if (page == 0) { // a sync starts, then succeeds now, between the first and the second page
                        set(ns, moved, "SUCCESS", 60);
                    }
                });
                List<String> others = rows.stream().map(RepositoryListContract::key)
                                          .filter(k -> !k.equals(ns + "/" + moved)).toList();
                List<Map<String, Object>> expected = new ArrayList<>(scroll("search: \"" + ns + "-\", first: 200", p -> { }));
                expected.removeIf(r -> key(r).equals(ns + "/" + moved));
                expected.sort(order(field, direction.equals("DESC")));
                assertThat(others).as(arguments).isEqualTo(expected.stream().map(RepositoryListContract::key).toList());
            }
        }
    }

    @Test
    void aCursorOfAnotherOrderOrDirectionIsRefusedOnAfter() {
        catalogue();
        String byName = graphQl.document("{ repositories(namespace: \"" + ns + "\", first: 1, orderBy: {field: NAME}) "
                                                 + "{ pageInfo { endCursor } } }")
                               .execute().path("repositories.pageInfo.endCursor").entity(String.class).get();
        String plain = graphQl.document("{ repositories(namespace: \"" + ns + "\", first: 1) { pageInfo { endCursor } } }")
                              .execute().path("repositories.pageInfo.endCursor").entity(String.class).get();
        String query = "query($after: String) { repositories(namespace: \"" + ns + "\", first: 1, after: $after%s) "
                + "{ edges { cursor } } }";
        assertError(graphQl.document(query.formatted(", orderBy: {field: CREATED}")).variable("after", byName).execute(),
                    "VALIDATION_FAILED", "after");
        assertError(graphQl.document(query.formatted(", orderBy: {field: NAME, direction: DESC}")).variable("after", byName)
                           .execute(), "VALIDATION_FAILED", "after");
        assertError(graphQl.document(query.formatted("")).variable("after", byName).execute(), "VALIDATION_FAILED", "after");
        assertError(graphQl.document(query.formatted(", orderBy: {field: NAME}")).variable("after", plain).execute(),
                    "VALIDATION_FAILED", "after");
        graphQl.document(query.formatted(", orderBy: {field: NAME}")).variable("after", byName).execute()
               .path("repositories.edges").entityList(Object.class).hasSize(1);
    }

    @Test
    void statusCountsAddUpToTheTotalUnderEveryFilter() {
        catalogue();
        for (String filter : new String[]{"search: \"" + ns + "-\"", "namespace: \"" + ns + "\"",
                "search: \"" + ns + "-\", syncStatus: [FAILED, SUCCESS]", "namespace: \"" + other + "\", search: \"-d\""}) {
            GraphQlTester.Response response = graphQl.document("{ repositories(" + filter + ", first: 0) { totalCount "
                                                                       + "statusCounts { pending syncing success failed } } }").execute();
            Map<String, Object> counts = response.path("repositories.statusCounts").entity(Map.class).get();
            int total = response.path("repositories.totalCount").entity(Integer.class).get();
            assertThat(counts.values().stream().mapToInt(v -> ((Number) v).intValue()).sum()).as(filter).isEqualTo(total);
        }
        graphQl.document("{ repositories(namespace: \"" + ns + "\") { statusCounts { pending syncing success failed } } }")
               .execute().path("repositories.statusCounts").entity(Map.class)
               .isEqualTo(Map.of("pending", 0, "syncing", 1, "success", 2, "failed", 2));
        graphQl.document("{ repositories(search: \"" + ns + "-\", syncStatus: [FAILED]) { statusCounts { pending failed } } }")
               .execute().path("repositories.statusCounts").entity(Map.class)
               .isEqualTo(Map.of("pending", 0, "failed", 3));

        String viewer = token(List.of(Map.of("namespace", other, "role", "VIEWER")));
        GatewayClient.graphQl(port, viewer)
                     .document("{ repositories(search: \"" + ns + "-\") { totalCount statusCounts { pending syncing success failed } } }")
                     .execute().path("repositories.totalCount").entity(Integer.class).isEqualTo(4)
                     .path("repositories.statusCounts").entity(Map.class)
                     .isEqualTo(Map.of("pending", 1, "syncing", 0, "success", 2, "failed", 1));
    }

    @Test
    void theSourceIsNullWhereTheCallerMayNotReadItWhileTheDomainIsShown() {
        String sources = freshNamespace("s");
        graphQl.document("mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }")
               .variable("in", Map.of("namespace", sources, "name", "shared-hub", "url", "https://hub.example.com:5443",
                                      "shared", true))
               .execute().path("addRegistry.name").hasValue();
        Map<String, Object> input = addInput(ns, "uses-shared");
        input.put("registry", Map.of("namespace", sources, "name", "shared-hub"));
        graphQl.document("mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name } }")
               .variable("in", input).execute().path("addRepository.name").hasValue();
        graphQl.document("mutation($in: AddRepositoryInput!) { addRepository(input: $in) { name } }")
               .variable("in", addInput(ns, "uses-own")).execute().path("addRepository.name").hasValue();
        String query = "{ repositories(namespace: \"" + ns + "\") { edges { node { name domain registryRef { namespace name } "
                + "registry { namespace name url } } } } }";

        String viewer = token(List.of(Map.of("namespace", ns, "role", "VIEWER")));
        GraphQlTester.Response asViewer = GatewayClient.graphQl(port, viewer).document(query).execute();
        asViewer.errors().verify();
        asViewer.path("repositories.edges[0].node.name").entity(String.class).isEqualTo("uses-own")
                .path("repositories.edges[0].node.domain").entity(String.class).isEqualTo("127.0.0.1:9")
                .path("repositories.edges[0].node.registry.namespace").entity(String.class).isEqualTo(ns)
                .path("repositories.edges[0].node.registry.url").entity(String.class).isEqualTo("https://127.0.0.1:9")
                .path("repositories.edges[1].node.name").entity(String.class).isEqualTo("uses-shared")
                .path("repositories.edges[1].node.domain").entity(String.class).isEqualTo("hub.example.com:5443")
                .path("repositories.edges[1].node.registryRef").entity(Map.class)
                .isEqualTo(Map.of("namespace", sources, "name", "shared-hub"))
                .path("repositories.edges[1].node.registry").valueIsNull();

        graphQl.document(query).execute()
               .path("repositories.edges[1].node.registry.namespace").entity(String.class).isEqualTo(sources)
               .path("repositories.edges[1].node.domain").entity(String.class).isEqualTo("hub.example.com:5443");
    }

    @Test
    void namespacesAreThoseTheCallerCanReadWithTheirCounts() {
        catalogue();
        List<Map<String, Object>> all = graphQl.document("{ namespaces { name repositoryCount registryCount "
                                                                 + "statusCounts { pending syncing success failed } } }")
                                               .execute().path("namespaces").entityList(Map.class).get()
                                               .stream().map(m -> (Map<String, Object>) m).toList();
        List<String> names = all.stream().map(n -> (String) n.get("name")).toList();
        assertThat(names).contains(ns, other).isSorted().doesNotHaveDuplicates();
        Map<String, Object> mine = all.stream().filter(n -> n.get("name").equals(ns)).findFirst().orElseThrow();
        assertThat(mine).containsEntry("repositoryCount", 5).containsEntry("registryCount", 1)
                        .containsEntry("statusCounts", Map.of("pending", 0, "syncing", 1, "success", 2, "failed", 2));

        String empty = freshNamespace("e");
        String bound = token(List.of(Map.of("namespace", other, "role", "VIEWER"),
                                     Map.of("namespace", empty, "role", "EDITOR"),
                                     Map.of("namespace", ns, "role", "AUDITOR")));
        List<Map<String, Object>> visible = GatewayClient.graphQl(port, bound)
                                                         .document("{ namespaces { name repositoryCount registryCount "
                                                                           + "statusCounts { pending syncing success failed } } }")
                                                         .execute().path("namespaces").entityList(Map.class).get()
                                                         .stream().map(m -> (Map<String, Object>) m).toList();
        // the AUDITOR binding reads the audit log, not the namespace
        assertThat(visible).extracting(n -> n.get("name")).containsExactly(empty, other);
        assertThat(visible.get(0)).containsEntry("repositoryCount", 0).containsEntry("registryCount", 0)
                                  .containsEntry("statusCounts", Map.of("pending", 0, "syncing", 0, "success", 0, "failed", 0));
        assertThat(visible.get(1)).containsEntry("repositoryCount", 4).containsEntry("registryCount", 1)
                                  .containsEntry("statusCounts", Map.of("pending", 1, "syncing", 0, "success", 2, "failed", 1));
    }

    /**
     * Each order, both directions, with and without a namespace filter: every page after a cursor is a scan of one
     * index that starts at the cursor and needs no sort (H2: its plan says "index sorted"; PostgreSQL, with
     * sequential scans and sorts priced out: an index scan and no Sort node).
     */
    @Test
    void everyPageOfEveryOrderIsAnIndexRangeScan() {
        catalogue();
        RecordingJdbc recording = new RecordingJdbc(jdbc);
        RepositoryCatalogueQueries queries = new RepositoryCatalogueQueries(recording);
        boolean postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c ->
                c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
        for (RepositoryOrderField field : RepositoryOrderField.values()) {
            for (OrderDirection direction : OrderDirection.values()) {
                RepositoryOrder order = new RepositoryOrder(field, direction);
                for (String namespace : new String[]{null, ns}) {
                    RepositoryFilter filter = new RepositoryFilter(namespace, null, Set.of());
                    List<RepositoryView> rows = queries.list(filter, 200, order, null).items();
                    for (RepositoryView after : List.of(rows.get(0), rows.get(rows.size() - 1))) {
                        recording.clear();
                        queries.list(filter, 1, order, OrderedCursor.of(order, after));
                        for (int i = 0; i < recording.sqls.size(); i++) {
                            String plan = explain(recording.sqls.get(i), recording.args.get(i), postgres);
                            String what = field + " " + direction + " in " + namespace + ": " + plan;
                            if (postgres) {
                                assertThat(plan).as(what).contains("Index").doesNotContain("Sort").doesNotContain("Seq Scan");
                            } else {
                                assertThat(plan).as(what).contains("/* index sorted */")
                                                // LAST_SYNCED: the sync times' own index, the catalogue row by id
                                                .containsPattern((field == RepositoryOrderField.LAST_SYNCED ? "REPOSITORY_SYNC_TIME_"
                                                        : "REPOSITORY_VIEW_") + "\\w+: ");
                            }
                        }
                    }
                }
            }
        }
    }

    private String explain(String sql, Object[] args, boolean postgres) {
        return jdbc.execute((ConnectionCallback<String>) c -> {
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    s.execute("set enable_seqscan = off");
                    s.execute("set enable_sort = off");
                }
            }
            try (PreparedStatement s = c.prepareStatement("explain " + sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                if (postgres) {
                    try (Statement s = c.createStatement()) {
                        s.execute("reset enable_seqscan");
                        s.execute("reset enable_sort");
                    }
                }
            }
        });
    }

    /** Runs queries as the app's JdbcTemplate does, remembering each statement and its arguments. */
    static final class RecordingJdbc extends JdbcTemplate {
        final List<String> sqls = new ArrayList<>();
        final List<Object[]> args = new ArrayList<>();

        RecordingJdbc(JdbcTemplate jdbc) {
            super(jdbc.getDataSource());
        }

        void clear() {
            sqls.clear();
            args.clear();
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... a) {
            sqls.add(sql);
            args.add(a);
            return super.query(sql, rowMapper, a);
        }
    }

    String token(List<Map<String, Object>> roles) {
        return graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                      .variable("in", Map.of("name", freshNamespace("tok"), "roles", roles))
                      .execute().path("createApiToken.token").entity(String.class).get();
    }

    static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
