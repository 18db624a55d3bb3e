package io.theriseunion.imagegateway.app.audit;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** AuditEntryConnection.totalCount: every page of auditLog and of Repository.history counted, whatever first is. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:screens;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class AuditTotalCountTests {

    @LocalServerPort
    int port;

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
        await().atMost(Duration.ofSeconds(20)).until(() -> log(graphQl, edits, 200).path("auditLog.edges")
                                                                                   .entityList(Object.class).get().size() == 3);
        log(graphQl, edits, 1).path("auditLog.totalCount").entity(Integer.class).isEqualTo(3)
                              .path("auditLog.edges").entityList(Object.class).hasSize(1)
                              .path("auditLog.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        log(graphQl, Map.of("namespace", ns, "actions", List.of("nothing.such")), 50)
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
        await().atMost(Duration.ofSeconds(30)).until(() -> history(graphQl, ns, 200).path("repository.history.edges[*].node.action")
                                                                                   .entityList(String.class).get()
                                                                                   .contains("repository.sync.failed"));
        int all = history(graphQl, ns, 200).path("repository.history.edges").entityList(Object.class).get().size();
        assertThat(all).isGreaterThanOrEqualTo(3);
        history(graphQl, ns, 1).path("repository.history.totalCount").entity(Integer.class).isEqualTo(all)
                               .path("repository.history.edges").entityList(Object.class).hasSize(1);
    }

    private static GraphQlTester.Response log(HttpGraphQlTester graphQl, Map<String, Object> filter, int first) {
        return graphQl.document("query($f: AuditLogFilter, $first: Int) { auditLog(filter: $f, first: $first) {"
                                        + " totalCount edges { node { action } } pageInfo { hasNextPage } } }")
                      .variable("f", filter).variable("first", first).execute();
    }

    private static GraphQlTester.Response history(HttpGraphQlTester graphQl, String ns, int first) {
        return graphQl.document("query($ns: String!, $first: Int) { repository(namespace: $ns, name: \"web\") {"
                                        + " history(first: $first) { totalCount edges { node { action } } } } }")
                      .variable("ns", ns).variable("first", first).execute();
    }
}
