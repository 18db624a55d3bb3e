package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.addInput;
import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A repository's catalogue row and sync history are written with its events when the row is one event behind
 * ({@code RepositoryCatalogueAtCommit}): a mutation is answered from them without the repository-catalogue
 * processor, which, once back, changes nothing of what is there; and the rows are the ones a rebuild from the
 * events alone makes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:at-commit;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data", "gateway.read-your-writes=3s"})
class CatalogueAtCommitTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    private StreamingEventProcessor catalogueProcessor() {
        return processing.eventProcessor("repository-catalogue", StreamingEventProcessor.class).orElseThrow();
    }

    @AfterEach
    void catalogueProcessorRunsAgain() {
        if (!catalogueProcessor().isRunning()) {
            catalogueProcessor().start();
        }
    }

    private Map<String, Object> row(String namespace, String name) {
        return jdbc.queryForMap("select display_name, description, sync_status, version, updated_at, last_error_code,"
                                        + " t.next_sync_at, event_seq from repository_view v join repository_sync_time t"
                                        + " on t.repository_id = v.repository_id where v.namespace = ? and v.name = ?",
                                namespace, name);
    }

    private List<Map<String, Object>> runs(String namespace, String name) {
        return jdbc.queryForList("select r.run_id, r.trigger_kind, r.status, r.attempts, r.error_code, r.overdue_at"
                                         + " from sync_run r join repository_view v on v.repository_id = r.repository_id"
                                         + " where v.namespace = ? and v.name = ? order by r.requested_at", namespace, name);
    }

    /**
     * Adds ns/name on a source at a closed port, and waits until its first sync ended FAILED and the catalogue
     * processor caught up.
     */
    private void addRepositoryWhoseSyncsFail(HttpGraphQlTester graphQl, String ns, String name) {
        GatewayClient.ensureRegistry(graphQl, ns);
        Map<String, Object> input = addInput(ns, name);
        input.put("retryCount", 0);
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute()
               .path("addRepository.version").entity(Integer.class).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(graphQl, ns, name)));
        awaitCatalogueProcessorCaughtUp();
    }

    private void awaitCatalogueProcessorCaughtUp() {
        await().atMost(Duration.ofSeconds(10)).until(() -> catalogueProcessor().processingStatus().values().stream()
                                                                               .allMatch(s -> s.isCaughtUp()));
    }

    private static String status(HttpGraphQlTester graphQl, String ns, String name) {
        return graphQl.document("{ repository(namespace: \"" + ns + "\", name: \"" + name + "\") { syncStatus } }")
                      .execute().path("repository.syncStatus").entity(String.class).get();
    }

    @Test
    void writesAreAnsweredWithoutTheCatalogueProcessorWhichLaterChangesNothingOfThem() {
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        String ns = freshNamespace("at-commit");
        addRepositoryWhoseSyncsFail(graphQl, ns, "app");

        catalogueProcessor().shutDown();
        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", ns, "name", "app", "displayName", "Nginx", "description", "边缘"))
               .execute()
               .path("editRepositoryMetadata.displayName").entity(String.class).isEqualTo("Nginx")
               .path("editRepositoryMetadata.version").entity(Integer.class).isEqualTo(2);
        graphQl.documentName("triggerSync").variable("namespace", ns).variable("name", "app").execute()
               .path("triggerSync.trigger").entity(String.class).isEqualTo("MANUAL");
        // the run's start and end, stored by the sync workers, reach the row the same way
        await().atMost(Duration.ofSeconds(30)).until(() -> runs(ns, "app").size() == 2
                && "FAILED".equals(runs(ns, "app").get(1).get("status")));
        assertThat(status(graphQl, ns, "app")).isEqualTo("FAILED");
        Map<String, Object> written = row(ns, "app");
        List<Map<String, Object>> history = runs(ns, "app");
        assertThat(written).containsEntry("display_name", "Nginx").containsEntry("version", 2L);

        catalogueProcessor().start();
        awaitCatalogueProcessorCaughtUp();
        assertThat(row(ns, "app")).isEqualTo(written);
        assertThat(runs(ns, "app")).isEqualTo(history);

        // the same rows from the events alone
        GatewayClient.http(port).post().uri("/actuator/projections/repository-catalogue").exchange()
                     .expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(row(ns, "app")).isEqualTo(written);
            assertThat(runs(ns, "app")).isEqualTo(history);
        });
    }

    @Test
    void aRowBehindItsEventsIsLeftToTheProcessor() {
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        String ns = freshNamespace("behind");
        addRepositoryWhoseSyncsFail(graphQl, ns, "app");
        catalogueProcessor().shutDown();
        // as while the table is rebuilt: the processor has not reached this repository's events yet
        long seq = (Long) row(ns, "app").get("event_seq");
        jdbc.update("update repository_view set event_seq = ? where namespace = ? and name = ?", seq - 1, ns, "app");

        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", ns, "name", "app", "displayName", "Nginx"))
               .execute()
               .errors().satisfy(errors -> assertThat(errors).singleElement()
                       .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "UNAVAILABLE")));
        assertThat(row(ns, "app")).containsEntry("display_name", null).containsEntry("version", 1L);

        EventProcessor catalogue = catalogueProcessor();
        catalogue.start();
        // the processor applies the edit, which the row had not been given (its guard: event_seq below the edit's)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(row(ns, "app")).containsEntry("display_name", "Nginx").containsEntry("version", 2L));
    }
}
