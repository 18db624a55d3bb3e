package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.projections.OrderDirection;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sorted, keyset-paged repository list: every order in both directions, with and without a namespace filter,
 * paged two at a time, gives every row once in the documented order (H2, migrated by Flyway).
 */
class RepositoryOrderQueriesTests {

    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");
    private static final RegistryRef HARBOR = new RegistryRef("a", "harbor");

    private JdbcTemplate jdbc;
    private RepositoryCatalogueProjection projection;
    private RepositoryCatalogueQueries queries;

    @BeforeEach
    void migrate() {
        jdbc = TestDatabase.migrated();
        projection = new RepositoryCatalogueProjection(jdbc, new ReadModelProgress(jdbc));
        queries = new RepositoryCatalogueQueries(jdbc);
        String[][] rows = {
                // namespace, name, status, last synced (minutes after T0, "" never), created (minutes)
                {"a", "web", "SUCCESS", "5", "1"}, {"b", "web", "SUCCESS", "5", "1"}, {"a", "api", "FAILED", "", "2"},
                {"b", "api", "PENDING", "", "2"}, {"a", "db", "SYNCING", "3", "3"}, {"c", "db", "FAILED", "7", "0"},
                {"c", "web", "SUCCESS", "", "1"}, {"b", "zz", "SUCCESS", "3", "9"}};
        for (String[] r : rows) {
            String id = r[0] + "-" + r[1];
            projection.on(new RepositoryAddedEvent(RepositoryId.of(id), r[0], r[1], null, null, HARBOR, "lib/" + r[1],
                                                   "1", "1h", "10m", 3), 0, T0);
            jdbc.update("update repository_view set sync_status = ?, created_at = ? where repository_id = ?", r[2],
                        Timestamp.from(T0.plusSeconds(60L * Integer.parseInt(r[4]))), id);
            jdbc.update("update repository_sync_time set last_synced = ? where repository_id = ?",
                        r[3].isEmpty() ? null : Timestamp.from(T0.plusSeconds(60L * Integer.parseInt(r[3]))), id);
        }
    }

    @Test
    void everyOrderPagesThroughEveryRowOnceInItsOrder() {
        for (RepositoryOrderField field : RepositoryOrderField.values()) {
            for (OrderDirection direction : OrderDirection.values()) {
                RepositoryOrder order = new RepositoryOrder(field, direction);
                for (String namespace : new String[]{null, "b"}) {
                    RepositoryFilter filter = new RepositoryFilter(namespace, null, Set.of());
                    List<RepositoryView> all = queries.list(filter, 1000, null).items();
                    List<String> expected = all.stream().sorted(comparator(order)).map(RepositoryOrderQueriesTests::key)
                                               .toList();
                    assertThat(pageThrough(filter, order)).as("%s %s in %s", field, direction, namespace)
                                                          .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void neverSyncedRepositoriesComeLastInBothDirections() {
        for (OrderDirection direction : OrderDirection.values()) {
            List<String> keys = pageThrough(new RepositoryFilter(null, null, Set.of()),
                                            new RepositoryOrder(RepositoryOrderField.LAST_SYNCED, direction));
            assertThat(keys.subList(5, 8)).as("%s", direction)
                                          .isEqualTo(direction == OrderDirection.ASC ? List.of("a/api", "b/api", "c/web")
                                                             : List.of("c/web", "b/api", "a/api"));
        }
    }

    @Test
    void aCursorOfAnotherOrderIsNotAccepted() {
        RepositoryOrder byName = new RepositoryOrder(RepositoryOrderField.NAME, OrderDirection.ASC);
        RepositoryOrder byCreated = new RepositoryOrder(RepositoryOrderField.CREATED, null);
        String cursor = OrderedCursor.of(byCreated, queries.find("a", "web").orElseThrow()).encode();
        assertThat(OrderedCursor.decode(cursor, byCreated)).isNotNull();
        assertThat(OrderedCursor.decode(cursor, byName)).isNull();
        assertThat(OrderedCursor.decode(cursor, new RepositoryOrder(RepositoryOrderField.CREATED, OrderDirection.DESC)))
                .isNull();
        assertThat(OrderedCursor.decode("not a cursor", byCreated)).isNull();
    }

    @Test
    void statusesAreCountedForTheFilterAndPerNamespace() {
        assertThat(queries.countByStatus(new RepositoryFilter(null, null, Set.of(), Set.of("a", "b"))))
                .containsOnly(entry(SyncStatus.SUCCESS, 3L), entry(SyncStatus.FAILED, 1L),
                              entry(SyncStatus.PENDING, 1L), entry(SyncStatus.SYNCING, 1L));
        assertThat(queries.countByNamespaceAndStatus(Set.of("c", "d"))).containsOnlyKeys("c");
        assertThat(queries.countByNamespaceAndStatus(null).get("b"))
                .containsOnly(entry(SyncStatus.SUCCESS, 2L), entry(SyncStatus.PENDING, 1L));
    }

    @Test
    void everyPageStartsAnIndexRangeAlreadySortedOnH2() {
        RecordingJdbc recording = new RecordingJdbc(jdbc);
        RepositoryCatalogueQueries recorded = new RepositoryCatalogueQueries(recording);
        for (RepositoryOrderField field : RepositoryOrderField.values()) {
            for (OrderDirection direction : OrderDirection.values()) {
                RepositoryOrder order = new RepositoryOrder(field, direction);
                for (String namespace : new String[]{null, "b"}) {
                    RepositoryFilter filter = new RepositoryFilter(namespace, null, Set.of());
                    List<RepositoryView> rows = queries.list(filter, 100, order, null).items();
                    // after the first row, and after the last (for LAST_SYNCED: a never-synced one)
                    for (RepositoryView after : List.of(rows.get(0), rows.get(rows.size() - 1))) {
                        recording.sqls.clear();
                        recording.args.clear();
                        recorded.list(filter, 1, order, OrderedCursor.of(order, after));
                        for (int i = 0; i < recording.sqls.size(); i++) {
                            String plan = jdbc.queryForObject("explain " + recording.sqls.get(i), String.class,
                                                              recording.args.get(i));
                            assertThat(plan).as("%s %s in %s", field, direction, namespace)
                                            .contains("/* index sorted */")
                                            // LAST_SYNCED: the sync times' own index, the catalogue row by id
                                            .containsPattern((field == RepositoryOrderField.LAST_SYNCED
                                                                      ? "REPOSITORY_SYNC_TIME_" : "REPOSITORY_VIEW_")
                                                                     + "\\w+: ");
                        }
                    }
                }
            }
        }
    }

    static class RecordingJdbc extends JdbcTemplate {
        final List<String> sqls = new ArrayList<>();
        final List<Object[]> args = new ArrayList<>();

        RecordingJdbc(JdbcTemplate jdbc) {
            super(jdbc.getDataSource());
        }

        @Override
        public <T> List<T> query(String sql, org.springframework.jdbc.core.RowMapper<T> rowMapper, Object... a) {
            sqls.add(sql);
            args.add(a);
            return super.query(sql, rowMapper, a);
        }
    }

    private static <K, V> java.util.Map.Entry<K, V> entry(K k, V v) {
        return java.util.Map.entry(k, v);
    }

    private List<String> pageThrough(RepositoryFilter filter, RepositoryOrder order) {
        List<String> keys = new ArrayList<>();
        OrderedCursor after = null;
        RepositoryPage page;
        do {
            page = queries.list(filter, 2, order, after);
            page.items().forEach(r -> keys.add(key(r)));
            if (!page.items().isEmpty()) {
                after = OrderedCursor.decode(OrderedCursor.of(order, page.items().get(page.items().size() - 1))
                                                          .encode(), order);
            }
        } while (page.hasNextPage());
        return keys;
    }

    private static String key(RepositoryView r) {
        return r.namespace() + "/" + r.name();
    }

    /** The documented order, written independently of the SQL. */
    private static Comparator<RepositoryView> comparator(RepositoryOrder order) {
        Comparator<RepositoryView> ties = Comparator.comparing(RepositoryView::namespace)
                                                    .thenComparing(RepositoryView::name);
        Comparator<RepositoryView> sorted = switch (order.field()) {
            case NAME -> Comparator.comparing(RepositoryView::name).thenComparing(RepositoryView::namespace);
            case SYNC_STATUS -> Comparator.comparing((RepositoryView r) -> r.syncStatus().name()).thenComparing(ties);
            case CREATED -> Comparator.comparing(RepositoryView::createdAt).thenComparing(ties);
            case LAST_SYNCED -> Comparator.comparing(RepositoryView::lastSynced,
                                                     Comparator.nullsLast(Comparator.naturalOrder()))
                                          .thenComparing(ties);
        };
        if (!order.descending()) {
            return sorted;
        }
        if (order.field() == RepositoryOrderField.LAST_SYNCED) { // reversed, but the never synced stay last
            return Comparator.comparing((RepositoryView r) -> r.lastSynced() == null)
                             .thenComparing(sorted.reversed());
        }
        return sorted.reversed();
    }
}
