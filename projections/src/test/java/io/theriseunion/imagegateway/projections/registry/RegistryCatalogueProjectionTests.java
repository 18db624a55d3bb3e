package io.theriseunion.imagegateway.projections.registry;

import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.domain.api.RegistryCredentialsChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.RegistryHealthChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAddedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.RegistrySourceRemovedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceSettings;
import io.theriseunion.imagegateway.domain.api.RegistrySourceUpdatedEvent;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry catalogue projection and its queries on the real schema (H2, migrated by Flyway). */
class RegistryCatalogueProjectionTests {

    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");
    private static final RegistrySourceId ID = RegistrySourceId.of("default", "harbor");
    private static final RegistrySourceSettings SETTINGS = new RegistrySourceSettings(
            "https://harbor.example.com:8443", false, "production", null, null, 4);
    private static final RegistrySourceSettings CHANGED = new RegistrySourceSettings(
            "https://harbor2.example.com", true, "moved", "robot", "-----BEGIN CERTIFICATE-----", 8, true);

    private RegistryCatalogueProjection projection;
    private RegistryCatalogueQueries queries;
    private ReadModelProgress progress;

    @BeforeEach
    void migrate() {
        var jdbc = TestDatabase.migrated();
        progress = new ReadModelProgress(jdbc);
        projection = new RegistryCatalogueProjection(jdbc, progress);
        queries = new RegistryCatalogueQueries(jdbc);
    }

    private static RegistrySourceAddedEvent added(RegistrySourceId id, RegistrySourceSettings settings) {
        String[] name = id.value().split("/");
        return new RegistrySourceAddedEvent(id, name[0], name[1], settings);
    }

    private Optional<RegistryView> find(String namespace, String name) {
        return queries.find(namespace, name);
    }

    private RegistryView shown() {
        return find("default", "harbor").orElseThrow();
    }

    @Test
    void anAddedSourceIsOfUnknownHealthWithoutCredentials() {
        projection.on(added(ID, SETTINGS), 0, T0);

        RegistryView view = shown();
        assertThat(view.url()).isEqualTo("https://harbor.example.com:8443");
        assertThat(view.domain()).isEqualTo("harbor.example.com:8443");
        assertThat(view.description()).isEqualTo("production");
        assertThat(view.concurrencyLimit()).isEqualTo(4);
        assertThat(view.health()).isEqualTo(RegistryHealth.UNKNOWN);
        assertThat(view.hasCredentials()).isFalse();
        assertThat(view.shared()).isFalse();
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.updatedAt()).isEqualTo(T0);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.lastCheckedAt()).isNull();
        assertThat(view.pausedUntil()).isNull();
        assertThat(progress.awaitVersions(ReadModelProgress.ReadModel.REGISTRIES, Map.of(ID.value(), 1L),
                                          Duration.ZERO)).isTrue();
    }

    @Test
    void updatesCredentialsAndHealthEachMoveTheVersion() {
        projection.on(added(ID, SETTINGS), 0, T0);
        projection.on(new RegistrySourceUpdatedEvent(ID, "default", "harbor", CHANGED, SETTINGS), 1,
                      T0.plusSeconds(1));
        projection.on(new RegistryCredentialsChangedEvent(ID, "default", "harbor", "robot", true), 2,
                      T0.plusSeconds(2));
        projection.on(new RegistryHealthChangedEvent(ID, "default", "harbor", RegistryHealth.UNAUTHORIZED,
                                                     RegistryHealth.UNKNOWN, "401 from /v2/"), 3, T0.plusSeconds(3));

        RegistryView view = shown();
        assertThat(view.url()).isEqualTo("https://harbor2.example.com");
        assertThat(view.insecure()).isTrue();
        assertThat(view.caCertificate()).isEqualTo("-----BEGIN CERTIFICATE-----");
        assertThat(view.concurrencyLimit()).isEqualTo(8);
        assertThat(view.shared()).isTrue();
        assertThat(view.username()).isEqualTo("robot");
        assertThat(view.hasCredentials()).isTrue();
        assertThat(view.health()).isEqualTo(RegistryHealth.UNAUTHORIZED);
        assertThat(view.healthDetail()).isEqualTo("401 from /v2/");
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.version()).isEqualTo(4);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        RegistrySourceUpdatedEvent update = new RegistrySourceUpdatedEvent(ID, "default", "harbor", CHANGED, SETTINGS);
        RegistryCredentialsChangedEvent credentials = new RegistryCredentialsChangedEvent(ID, "default", "harbor",
                                                                                          "robot", true);
        RegistryHealthChangedEvent health = new RegistryHealthChangedEvent(ID, "default", "harbor",
                                                                           RegistryHealth.HEALTHY,
                                                                           RegistryHealth.UNKNOWN, null);
        projection.on(added(ID, SETTINGS), 0, T0);
        projection.on(update, 1, T0.plusSeconds(1));
        projection.on(credentials, 2, T0.plusSeconds(2));
        projection.on(health, 3, T0.plusSeconds(3));
        RegistryView once = shown();

        projection.on(added(ID, SETTINGS), 0, T0.plusSeconds(10));
        projection.on(update, 1, T0.plusSeconds(11));
        projection.on(new RegistryCredentialsChangedEvent(ID, "default", "harbor", null, false), 2, T0.plusSeconds(12));
        projection.on(new RegistryHealthChangedEvent(ID, "default", "harbor", RegistryHealth.UNREACHABLE,
                                                     RegistryHealth.UNKNOWN, "refused"), 3, T0.plusSeconds(13));

        assertThat(shown()).usingRecursiveComparison().isEqualTo(once);
    }

    @Test
    void aRedeliveredRemovalLeavesTheSourceAddedAgain() {
        projection.on(added(ID, SETTINGS), 0, T0);
        projection.on(new RegistrySourceRemovedEvent(ID, "default", "harbor"), 1);
        assertThat(find("default", "harbor")).isEmpty();

        projection.on(added(ID, CHANGED), 2, T0.plusSeconds(2));
        projection.on(new RegistrySourceRemovedEvent(ID, "default", "harbor"), 1);

        assertThat(shown().url()).isEqualTo("https://harbor2.example.com");
        assertThat(shown().version()).isEqualTo(3);
        projection.on(new RegistrySourceRemovedEvent(ID, "default", "harbor"), 3);
        assertThat(find("default", "harbor")).isEmpty();
    }

    @Test
    void pagesFollowEachOtherInNamespaceThenNameOrderAndCount() {
        for (int i = 0; i < 5; i++) {
            projection.on(added(RegistrySourceId.of("ns" + (i % 2), "reg-" + i), SETTINGS), 0, T0);
        }
        List<String> seen = new ArrayList<>();
        RegistryPage page = queries.list(new RegistryFilter(null, null), 2, null);
        page.items().forEach(r -> seen.add(r.id()));
        while (page.hasNextPage()) {
            RegistryView last = page.items().get(page.items().size() - 1);
            page = queries.list(new RegistryFilter(null, null), 2, new NameCursor(last.namespace(), last.name()));
            page.items().forEach(r -> seen.add(r.id()));
        }
        assertThat(seen).containsExactly("ns0/reg-0", "ns0/reg-2", "ns0/reg-4", "ns1/reg-1", "ns1/reg-3");
        assertThat(queries.count(new RegistryFilter("ns1", null))).isEqualTo(2L);
        assertThat(queries.list(new RegistryFilter(null, Set.of("ns1")), 10, null).items())
                .extracting(RegistryView::id).containsExactly("ns1/reg-1", "ns1/reg-3");
    }

    @Test
    void resetEmptiesTheCatalogue() {
        projection.on(added(ID, SETTINGS), 0, T0);
        projection.reset();
        assertThat(find("default", "harbor")).isEmpty();
    }
}
