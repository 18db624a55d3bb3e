package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RepositoryList over REST: pages by limit and continue as Kubernetes lists do (no repeats, no gaps, also while
 * repositories are added), across namespaces only those the caller may read, filtered by search and syncStatus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:rest;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class RepositoryListTests {

    @LocalServerPort
    int port;

    ResourceApi api;
    HttpGraphQlTester graphQl;
    String prefix;
    String first;
    String second;

    @BeforeEach
    void twoNamespaces() {
        api = ResourceApi.admin(port);
        graphQl = GatewayClient.graphQl(port);
        prefix = freshNamespace("pg");
        first = freshNamespace("la");
        second = freshNamespace("lb");
        add(first, 7);
        add(second, 5);
    }

    private void add(String namespace, int count) {
        GatewayClient.ensureRegistry(graphQl, namespace);
        String yaml = String.join("---\n", IntStream.range(0, count)
                .mapToObj(i -> ResourceApi.document(null, prefix + "-" + String.format("%02d", i), "latest", null))
                .toList());
        JsonNode result = api.postYaml(namespace, yaml).json();
        assertThat(result.path("succeeded").asInt()).as(result.toString()).isEqualTo(count);
    }

    /** Every page until one has no continue token: the names in order, and how many pages it took. */
    private List<String> scroll(String path, int limit, Runnable afterFirstPage, List<Integer> pageSizes) {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ResourceApi.Answer page = api.get(path + (path.contains("?") ? "&" : "?") + "limit=" + limit
                                                      + (token == null ? "" : "&continue=" + token));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            JsonNode list = page.json();
            assertThat(list.path("apiVersion").asText()).isEqualTo("image.theriseunion.io/v1alpha1");
            assertThat(list.path("kind").asText()).isEqualTo("RepositoryList");
            list.path("items").forEach(item -> seen.add(item.path("metadata").path("namespace").asText() + "/"
                                                                + item.path("metadata").path("name").asText()));
            pageSizes.add(list.path("items").size());
            JsonNode next = list.path("metadata").path("continue");
            if (token == null && afterFirstPage != null) {
                afterFirstPage.run();
            }
            token = next.isMissingNode() ? null : next.asText();
        } while (token != null);
        return seen;
    }

    private List<String> names(String namespace, int... indexes) {
        return IntStream.of(indexes).mapToObj(i -> namespace + "/" + prefix + "-" + String.format("%02d", i)).toList();
    }

    @Test
    void aNamespacePagesByLimitAndContinueWithoutRepeatsOrGaps() {
        List<Integer> sizes = new ArrayList<>();
        List<String> seen = scroll(ResourceApi.BASE + "/namespaces/" + first + "/repositories", 3, null, sizes);
        assertThat(seen).containsExactlyElementsOf(names(first, 0, 1, 2, 3, 4, 5, 6));
        assertThat(sizes).containsExactly(3, 3, 1);
    }

    @Test
    void addsDuringScrollingAreNeitherRepeatedNorSkipped() {
        List<Integer> sizes = new ArrayList<>();
        List<String> seen = scroll(ResourceApi.BASE + "/namespaces/" + first + "/repositories", 3, () -> {
            // one before the cursor (not shown: already passed), one after it (shown once)
            api.postYaml(first, ResourceApi.document(null, "a-" + prefix, "latest", null));
            api.postYaml(first, ResourceApi.document(null, prefix + "-99", "latest", null));
        }, sizes);
        List<String> expected = new ArrayList<>(names(first, 0, 1, 2, 3, 4, 5, 6, 99));
        assertThat(seen).containsExactlyElementsOf(expected).doesNotHaveDuplicates();
    }

    @Test
    void allNamespacesListWhatTheCallerMayReadInNamespaceThenNameOrder() {
        List<Integer> sizes = new ArrayList<>();
        List<String> seen = scroll(ResourceApi.BASE + "/repositories?search=" + prefix, 5, null, sizes);
        List<String> expected = new ArrayList<>(names(first, 0, 1, 2, 3, 4, 5, 6));
        expected.addAll(names(second, 0, 1, 2, 3, 4));
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(sizes).containsExactly(5, 5, 2);

        String viewer = graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                               .variable("in", Map.of("name", "v-" + prefix, "roles",
                                                      List.of(Map.of("namespace", second, "role", "VIEWER"))))
                               .execute().path("createApiToken.token").entity(String.class).get();
        JsonNode visible = ResourceApi.as(port, viewer).get(ResourceApi.BASE + "/repositories?search=" + prefix).json();
        assertThat(visible.path("items")).hasSize(5)
                                         .allSatisfy(i -> assertThat(i.path("metadata").path("namespace").asText())
                                                 .isEqualTo(second));
        // a namespace the caller may not read lists as empty
        assertThat(ResourceApi.as(port, viewer).get(ResourceApi.BASE + "/namespaces/" + first + "/repositories")
                              .json().path("items")).isEmpty();
    }

    @Test
    void theDefaultPageIsFiftyAndSearchAndSyncStatusFilter() {
        JsonNode all = api.get(ResourceApi.BASE + "/namespaces/" + first + "/repositories").json();
        assertThat(all.path("items")).hasSize(7);
        assertThat(all.path("metadata").has("continue")).isFalse();

        String one = prefix + "-03";
        assertThat(api.get(ResourceApi.BASE + "/repositories?search=" + one).json().path("items"))
                .extracting(i -> i.path("metadata").path("namespace").asText() + "/"
                        + i.path("metadata").path("name").asText())
                .containsExactly(first + "/" + one, second + "/" + one);

        // the registry at 127.0.0.1:9 never answers: nothing succeeds, and every status is one of the four
        String path = ResourceApi.BASE + "/namespaces/" + first + "/repositories?syncStatus=";
        assertThat(api.get(path + "Success").json().path("items")).isEmpty();
        assertThat(api.get(path + "Pending,Syncing,Failed").json().path("items")).hasSize(7);
        assertThat(api.get(path + "Pending&syncStatus=Syncing&syncStatus=Failed").json().path("items")).hasSize(7);
    }
}
