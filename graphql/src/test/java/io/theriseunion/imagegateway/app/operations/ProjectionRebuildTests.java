package io.theriseunion.imagegateway.app.operations;

import io.theriseunion.imagegateway.support.GatewayClient;
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
import java.util.stream.IntStream;

import static io.theriseunion.imagegateway.support.GatewayClient.addInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Resetting the catalogue projection rebuilds the read model from the events alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:rebuild;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class ProjectionRebuildTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private List<Map<String, Object>> catalogue() {
        return jdbc.queryForList("select v.repository_id, v.namespace, v.name, display_name, description, repository,"
                                         + " tag, sync_status, version, created_at, updated_at, last_error_code,"
                                         + " t.next_sync_at, event_seq from repository_view v join repository_sync_time t"
                                         + " on t.repository_id = v.repository_id order by v.namespace, v.name");
    }

    @Test
    void resetRebuildsTheSameCatalogueFromTheEvents() {
        HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
        for (int n = 0; n < 3; n++) {
            GatewayClient.ensureRegistry(graphQl, "ns" + n);
        }
        graphQl.documentName("addRepositories")
               .variable("input", IntStream.range(0, 30).mapToObj(i -> {
                   Map<String, Object> input = addInput("ns" + (i % 3), "img-" + i);
                   input.put("retryCount", 0);
                   return input;
               }).toList())
               .execute().path("addRepositories.succeeded").entity(Integer.class).isEqualTo(30);
        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", "ns0", "name", "img-0", "displayName", "Nginx", "description", "边缘"))
               .execute().path("editRepositoryMetadata.version").entity(Integer.class).isEqualTo(2);
        graphQl.documentName("deleteRepository").variable("namespace", "ns1").variable("name", "img-1")
               .variable("confirmName", "img-1").execute().path("deleteRepository.deleted").hasValue();
        // every first sync (against a closed port) has to finish before the snapshot, or it changes under it
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from repository_view where sync_status <> 'FAILED'", Integer.class) == 0);
        List<Map<String, Object>> before = catalogue();
        assertThat(before).hasSize(29);

        // damage the read model: only a rebuild from the events can bring it back
        jdbc.update("update repository_view set display_name = 'damaged', version = 99");
        jdbc.update("delete from repository_view where name = 'img-2'");

        GatewayClient.http(port).post().uri("/actuator/projections/repository-catalogue").exchange()
                     .expectStatus().isOk()
                     .expectBody().jsonPath("$.name").isEqualTo("repository-catalogue");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(catalogue()).isEqualTo(before));
        GatewayClient.http(port).get().uri("/actuator/projections").exchange()
                     .expectStatus().isOk()
                     .expectBody().jsonPath("$[?(@.name == 'repository-catalogue')].running").isEqualTo(List.of(true));
    }

    @Test
    void resettingAnUnknownProcessorIsABadRequest() {
        GatewayClient.http(port).post().uri("/actuator/projections/nothing").exchange()
                     .expectStatus().isBadRequest();
    }
}
