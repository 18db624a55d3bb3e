package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.theriseunion.imagegateway.support.GatewayClient.addInput;
import static io.theriseunion.imagegateway.support.GraphQlErrors.assertError;
import static io.theriseunion.imagegateway.support.GraphQlErrors.errorsOf;
import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue's GraphQL contract over real HTTP, end to end on a real event store and read model. Run
 * against each storage: the embedded H2 and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
abstract class RepositoryCatalogueContract {

    @LocalServerPort
    int port;

    HttpGraphQlTester graphQl;
    String ns;

    @BeforeEach
    void connect() {
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("t");
        GatewayClient.ensureRegistry(graphQl, ns);
    }

    GraphQlTester.Response add(Map<String, Object> input) {
        return graphQl.documentName("addRepository").fragmentName("repositoryFields")
                      .variable("input", input).execute();
    }

    GraphQlTester.Response list(Map<String, Object> variables) {
        return graphQl.documentName("repositories").variables(variables).execute();
    }

    @Test
    void addReturnsTheRepositoryWithDefaultsAndItIsVisibleAtOnce() {
        Map<String, Object> input = addInput(ns, "nginx-latest");
        input.put("displayName", "Nginx 最新版本");
        input.put("description", "Nginx web 服务器");
        GraphQlTester.Response added = add(input);
        added.path("addRepository.namespace").entity(String.class).isEqualTo(ns)
             .path("addRepository.registry.namespace").entity(String.class).isEqualTo(ns)
             .path("addRepository.registry.name").entity(String.class).isEqualTo("harbor-prod")
             .path("addRepository.image").entity(String.class).isEqualTo("library/nginx:latest")
             .path("addRepository.displayName").entity(String.class).isEqualTo("Nginx 最新版本")
             .path("addRepository.syncInterval").entity(String.class).isEqualTo("1h")
             .path("addRepository.syncTimeout").entity(String.class).isEqualTo("10m")
             .path("addRepository.retryCount").entity(Integer.class).isEqualTo(3)
             // the first sync (CREATED) is requested with the add and may already be under way
             .path("addRepository.syncStatus").entity(String.class).satisfies(st -> assertThat(st).isIn("PENDING", "SYNCING", "FAILED"))
             .path("addRepository.lastSynced").valueIsNull()
             .path("addRepository.version").entity(Integer.class).isEqualTo(1)
             .path("addRepository.createdAt").entity(String.class).satisfies(t -> assertThat(t).endsWith("Z"));

        graphQl.documentName("repository").fragmentName("repositoryFields")
               .variable("namespace", ns).variable("name", "nginx-latest").execute()
               .path("repository.description").entity(String.class).isEqualTo("Nginx web 服务器");
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(1)
                                     .path("repositories.edges[0].node.name").entity(String.class).isEqualTo("nginx-latest");
    }

    @Test
    void addKeepsTheGivenSyncSettingsInCanonicalForm() {
        GatewayClient.ensureRegistry(graphQl, "default");
        Map<String, Object> input = addInput(ns, "myapp-v1");
        input.put("registry", Map.of("namespace", "default", "name", "harbor-prod"));
        input.put("syncInterval", "90m");
        input.put("syncTimeout", "15m");
        input.put("retryCount", 5);
        add(input).path("addRepository.syncInterval").entity(String.class).isEqualTo("1h30m")
                  .path("addRepository.syncTimeout").entity(String.class).isEqualTo("15m")
                  .path("addRepository.retryCount").entity(Integer.class).isEqualTo(5)
                  .path("addRepository.registry.namespace").entity(String.class).isEqualTo("default");
    }

    @Test
    void addingATakenNameFailsWithAlreadyExists() {
        add(addInput(ns, "nginx")).path("addRepository.version").hasValue();
        assertError(add(addInput(ns, "nginx")), "ALREADY_EXISTS", "name");
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void invalidInputFailsWithOneErrorPerFieldAndStoresNothing() {
        Map<String, Object> input = addInput(ns, "Bad_Name");
        input.put("repository", "Library/Nginx");
        input.put("tag", "-x");
        input.put("syncInterval", "30s");
        input.put("syncTimeout", "2d");
        input.put("retryCount", 11);
        input.put("displayName", "名".repeat(129));
        GraphQlTester.Response response = add(input);
        assertError(response, "VALIDATION_FAILED", null);
        assertThat(errorsOf(response)).extracting(e -> e.getExtensions().get("field"))
                .containsExactlyInAnyOrder("name", "displayName", "repository", "tag", "syncInterval",
                                           "syncTimeout", "retryCount");
        assertThat(errorsOf(response)).extracting(ResponseError::getMessage)
                .contains("syncInterval must be between 1m and 720h (30 days)", "retryCount must be between 0 and 10");
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void addingWithAnUnknownRegistrySourceFailsOnTheRegistryField() {
        Map<String, Object> input = addInput(ns, "orphan");
        input.put("registry", Map.of("name", "no-such-registry"));
        GraphQlTester.Response response = add(input);
        assertError(response, "VALIDATION_FAILED", "registry.name");
        assertThat(errorsOf(response).get(0).getMessage()).contains(ns + "/no-such-registry does not exist");
    }

    @Test
    void aNameCanBeReusedAfterDeleteAndGetsANewIdentity() {
        String first = add(addInput(ns, "reused")).path("addRepository.id").entity(String.class).get();
        graphQl.documentName("deleteRepository").variable("namespace", ns).variable("name", "reused")
               .variable("confirmName", "reused").execute()
               .path("deleteRepository.deleted").entity(Boolean.class).isEqualTo(true);
        String second = add(addInput(ns, "reused")).path("addRepository.id").entity(String.class).get();
        assertThat(second).isNotEqualTo(first);
        // identities sort in the order the repositories were added (UUIDs of version 7)
        assertThat(second).isGreaterThan(first);
        assertThat(java.util.UUID.fromString(second).version()).isEqualTo(7);
    }

    @Test
    void concurrentAddsOfOneNameLetExactlyOneThrough() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<ResponseError>>> attempts = IntStream.range(0, 8)
                    .<Callable<List<ResponseError>>>mapToObj(i -> () -> {
                        List<ResponseError> errors = new ArrayList<>();
                        GatewayClient.graphQl(port).documentName("addRepository").fragmentName("repositoryFields")
                                     .variable("input", addInput(ns, "race")).execute()
                                     .errors().satisfy(errors::addAll);
                        return errors;
                    }).toList();
            int ok = 0;
            for (Future<List<ResponseError>> f : pool.invokeAll(attempts)) {
                List<ResponseError> errors = f.get();
                if (errors.isEmpty()) {
                    ok++;
                } else {
                    assertThat(errors.get(0).getExtensions()).containsEntry("code", "ALREADY_EXISTS");
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void batchAddReportsEachItemAndOneBadItemBlocksNoOther() {
        Map<String, Object> bad = addInput(ns, "bad");
        bad.put("tag", "no spaces");
        List<Map<String, Object>> batch = List.of(addInput(ns, "a1"), bad, addInput(ns, "a2"), addInput(ns, "a1"));
        graphQl.documentName("addRepositories").variable("input", batch).execute()
               .path("addRepositories.succeeded").entity(Integer.class).isEqualTo(2)
               .path("addRepositories.failed").entity(Integer.class).isEqualTo(2)
               .path("addRepositories.items[0].ok").entity(Boolean.class).isEqualTo(true)
               .path("addRepositories.items[1].ok").entity(Boolean.class).isEqualTo(false)
               .path("addRepositories.items[1].error.code").entity(String.class).isEqualTo("VALIDATION_FAILED")
               .path("addRepositories.items[1].error.field").entity(String.class).isEqualTo("tag")
               .path("addRepositories.items[2].name").entity(String.class).isEqualTo("a2")
               .path("addRepositories.items[3].error.code").entity(String.class).isEqualTo("ALREADY_EXISTS");
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(2);
    }

    /**
     * Items of one batch share a unit of work and a commit: a name taken before the batch is refused alone (its
     * savepoint), and batches racing for the same names (a name index conflict at the shared commit, sent again
     * one by one) still add each name exactly once and tell every other request ALREADY_EXISTS.
     */
    @Test
    @SuppressWarnings("unchecked")
    void concurrentBatchesOfTheSameNamesAddEachNameOnce() throws Exception {
        add(addInput(ns, "taken")).path("addRepository.name").entity(String.class).isEqualTo("taken");
        List<String> names = IntStream.range(0, 40).mapToObj(i -> "b" + i).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, Integer> added = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            List<Callable<Void>> requests = IntStream.range(0, 4).<Callable<Void>>mapToObj(r -> () -> {
                List<String> order = new ArrayList<>(names);
                java.util.Collections.rotate(order, r * 10);
                List<Map<String, Object>> batch = new ArrayList<>();
                batch.add(addInput(ns, "taken"));
                order.forEach(n -> batch.add(addInput(ns, n)));
                List<Map<String, Object>> items = GatewayClient.graphQl(port).documentName("addRepositories")
                        .variable("input", batch).execute().path("addRepositories.items").entityList(Map.class).get()
                        .stream().map(m -> (Map<String, Object>) m).toList();
                for (Map<String, Object> item : items) {
                    if (Boolean.TRUE.equals(item.get("ok"))) {
                        added.merge((String) item.get("name"), 1, Integer::sum);
                    } else {
                        assertThat(((Map<String, Object>) item.get("error")).get("code")).isEqualTo("ALREADY_EXISTS");
                    }
                }
                return null;
            }).toList();
            for (Future<Void> f : pool.invokeAll(requests)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(added).doesNotContainKey("taken").hasSize(names.size()).allSatisfy((n, times) -> assertThat(times)
                .as(n).isEqualTo(1));
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(41);
    }

    @Test
    void batchLargerThanTheCapIsRefusedWhole() {
        List<Map<String, Object>> batch = IntStream.range(0, 501).mapToObj(i -> addInput(ns, "r" + i)).toList();
        assertError(graphQl.documentName("addRepositories").variable("input", batch).execute(),
                    "VALIDATION_FAILED", "input");
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void editChangesOnlyAliasAndDescription() {
        add(addInput(ns, "web"));
        Map<String, Object> edit = new HashMap<>(Map.of("namespace", ns, "name", "web", "displayName", "网站",
                                                        "description", "前端", "expectedVersion", 1));
        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields").variable("input", edit).execute()
               .path("editRepositoryMetadata.displayName").entity(String.class).isEqualTo("网站")
               .path("editRepositoryMetadata.description").entity(String.class).isEqualTo("前端")
               .path("editRepositoryMetadata.image").entity(String.class).isEqualTo("library/nginx:latest")
               .path("editRepositoryMetadata.version").entity(Integer.class).isEqualTo(2);
        list(Map.of("namespace", ns, "search", "网站")).path("repositories.totalCount").entity(Integer.class).isEqualTo(1);

        Map<String, Object> clear = new HashMap<>(Map.of("namespace", ns, "name", "web", "description", ""));
        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields").variable("input", clear).execute()
               .path("editRepositoryMetadata.displayName").entity(String.class).isEqualTo("网站")
               .path("editRepositoryMetadata.description").valueIsNull();
    }

    @Test
    void editWithAStaleVersionFailsWithConflict() {
        add(addInput(ns, "web"));
        Map<String, Object> first = Map.of("namespace", ns, "name", "web", "displayName", "one", "expectedVersion", 1);
        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields").variable("input", first).execute()
               .path("editRepositoryMetadata.version").entity(Integer.class).isEqualTo(2);
        Map<String, Object> stale = Map.of("namespace", ns, "name", "web", "displayName", "two", "expectedVersion", 1);
        assertError(graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
                           .variable("input", stale).execute(), "CONFLICT", "expectedVersion");
        graphQl.documentName("repository").fragmentName("repositoryFields").variable("namespace", ns)
               .variable("name", "web").execute()
               .path("repository.displayName").entity(String.class).isEqualTo("one");
    }

    @Test
    void editOfAnUnknownRepositoryFailsWithNotFound() {
        assertError(graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
                           .variable("input", Map.of("namespace", ns, "name", "ghost", "displayName", "x")).execute(),
                    "NOT_FOUND", null);
    }

    @Test
    void deleteNeedsTheNameTypedAgain() {
        add(addInput(ns, "keep"));
        assertError(graphQl.documentName("deleteRepository").variable("namespace", ns).variable("name", "keep")
                           .variable("confirmName", "kee").execute(), "CONFIRMATION_MISMATCH", "confirmName");
        graphQl.documentName("repository").fragmentName("repositoryFields").variable("namespace", ns)
               .variable("name", "keep").execute().path("repository.name").entity(String.class).isEqualTo("keep");
    }

    @Test
    void deletedRepositoryIsGoneAtOnceAndCannotBeDeletedAgain() {
        add(addInput(ns, "gone"));
        graphQl.documentName("deleteRepository").variable("namespace", ns).variable("name", "gone")
               .variable("confirmName", "gone").execute()
               .path("deleteRepository.deleted").entity(Boolean.class).isEqualTo(true);
        graphQl.documentName("repository").fragmentName("repositoryFields").variable("namespace", ns)
               .variable("name", "gone").execute().path("repository").valueIsNull();
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(0);
        assertError(graphQl.documentName("deleteRepository").variable("namespace", ns).variable("name", "gone")
                           .variable("confirmName", "gone").execute(), "NOT_FOUND", null);
    }

    @Test
    void batchDeleteNeedsTheCountTypedAgainAndReportsEachItem() {
        graphQl.documentName("addRepositories").variable("input", List.of(addInput(ns, "d1"), addInput(ns, "d2")))
               .execute().path("addRepositories.succeeded").entity(Integer.class).isEqualTo(2);
        List<Map<String, Object>> refs = List.of(Map.of("namespace", ns, "name", "d1"),
                                                 Map.of("namespace", ns, "name", "missing"),
                                                 Map.of("namespace", ns, "name", "d2"));
        assertError(graphQl.documentName("deleteRepositories").variable("refs", refs).variable("confirmCount", 2)
                           .execute(), "CONFIRMATION_MISMATCH", "confirmCount");
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(2);

        graphQl.documentName("deleteRepositories").variable("refs", refs).variable("confirmCount", 3).execute()
               .path("deleteRepositories.succeeded").entity(Integer.class).isEqualTo(2)
               .path("deleteRepositories.failed").entity(Integer.class).isEqualTo(1)
               .path("deleteRepositories.items[1].error.code").entity(String.class).isEqualTo("NOT_FOUND");
        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void listFiltersByNamespaceSearchAndStatus() {
        String other = freshNamespace("o");
        GatewayClient.ensureRegistry(graphQl, other);
        Map<String, Object> nginxA = addInput(ns, "nginx-a");
        nginxA.put("retryCount", 0);
        Map<String, Object> redis = addInput(ns, "redis-cache");
        redis.put("retryCount", 0);
        redis.put("repository", "library/redis");
        redis.put("tag", "7-alpine");
        Map<String, Object> percent = addInput(ns, "pct");
        percent.put("retryCount", 0);
        percent.put("displayName", "100% Nginx_Edge");
        graphQl.documentName("addRepositories")
               .variable("input", List.of(nginxA, redis, percent, addInput(other, "nginx-b")))
               .execute().path("addRepositories.succeeded").entity(Integer.class).isEqualTo(4);

        list(Map.of("namespace", ns)).path("repositories.totalCount").entity(Integer.class).isEqualTo(3);
        list(Map.of("namespace", ns, "search", "REDIS")).path("repositories.edges[*].node.name")
                .entityList(String.class).containsExactly("redis-cache");
        list(Map.of("namespace", ns, "search", "redis:7-ALP")).path("repositories.totalCount")
                .entity(Integer.class).isEqualTo(1);
        list(Map.of("namespace", ns, "search", "100%")).path("repositories.edges[*].node.name")
                .entityList(String.class).containsExactly("pct");
        list(Map.of("namespace", ns, "search", "%")).path("repositories.totalCount").entity(Integer.class).isEqualTo(1);
        list(Map.of("namespace", ns, "search", "x_e")).path("repositories.totalCount").entity(Integer.class).isEqualTo(1);
        list(Map.of("namespace", ns, "search", "_")).path("repositories.totalCount").entity(Integer.class).isEqualTo(1);
        // their first syncs go to a closed port and fail without retries
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                list(Map.of("namespace", ns, "syncStatus", List.of("FAILED"))).path("repositories.totalCount")
                        .entity(Integer.class).isEqualTo(3));
        list(Map.of("namespace", ns, "syncStatus", List.of("SUCCESS", "PENDING", "SYNCING"))).path("repositories.totalCount")
                .entity(Integer.class).isEqualTo(0);
        list(Map.of("namespace", ns, "syncStatus", List.of("FAILED"), "search", "redis")).path("repositories.totalCount")
                .entity(Integer.class).isEqualTo(1);
        list(Map.of("search", ns.substring(0, 0) + "nginx-b")).path("repositories.edges[*].node.namespace")
                .entityList(String.class).contains(other);
        list(Map.of("namespace", freshNamespace("none"))).path("repositories.totalCount").entity(Integer.class).isEqualTo(0)
                .path("repositories.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void scrollingVisitsEveryItemOnceWhileOthersAreAddedAndDeleted() {
        List<Map<String, Object>> batch = IntStream.range(0, 120)
                                                   .mapToObj(i -> addInput(ns, String.format("img-%03d", i)))
                                                   .toList();
        graphQl.documentName("addRepositories").variable("input", batch).execute()
               .path("addRepositories.succeeded").entity(Integer.class).isEqualTo(120);

        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String after = null;
        int page = 0;
        while (true) {
            Map<String, Object> vars = new HashMap<>(Map.of("namespace", ns, "first", 25));
            if (after != null) {
                vars.put("after", after);
            }
            GraphQlTester.Response response = list(vars);
            List<String> names = response.path("repositories.edges[*].node.name").entityList(String.class).get();
            for (String name : names) {
                assertThat(seen.add(name)).as("repeated " + name).isTrue();
                order.add(name);
            }
            if (page == 1) {
                // change the list behind the reader: one item before the cursor, one after, one deleted ahead
                add(addInput(ns, "img-000a"));
                add(addInput(ns, "img-999"));
                graphQl.documentName("deleteRepository").variable("namespace", ns).variable("name", "img-100")
                       .variable("confirmName", "img-100").execute().path("deleteRepository.deleted").hasValue();
            }
            page++;
            if (!response.path("repositories.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                break;
            }
            after = response.path("repositories.pageInfo.endCursor").entity(String.class).get();
        }
        assertThat(order).isSorted();
        assertThat(order).contains("img-000", "img-119", "img-999").doesNotContain("img-100", "img-000a");
        assertThat(order).hasSize(120);
    }

    @Test
    void pageSizeIsCappedAndCursorsAreChecked() {
        assertError(list(Map.of("first", 201)), "VALIDATION_FAILED", "first");
        assertError(list(Map.of("first", -1)), "VALIDATION_FAILED", "first");
        assertError(list(Map.of("after", "not-a-cursor")), "VALIDATION_FAILED", "after");
        list(Map.of("namespace", ns, "first", 0)).path("repositories.edges").entityList(Object.class).hasSize(0);
    }

    @Test
    void schemaErrorsAndMalformedRequestsAreClearAndNeverA500() {
        assertError(graphQl.document("{ repositories { nope } }").execute(), "GRAPHQL_VALIDATION_FAILED", null);
        assertError(graphQl.document("{ repositories(first: 1 ").execute(), "GRAPHQL_PARSE_FAILED", null);
        GatewayClient.http(port).post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                     .bodyValue("{not json").exchange()
                     .expectStatus().isBadRequest()
                     .expectBody().jsonPath("$.code").isEqualTo("BAD_REQUEST")
                     .jsonPath("$.message").value(m -> assertThat((String) m).contains("not a GraphQL request"))
                     .jsonPath("$.trace").doesNotExist();
        GatewayClient.http(port).post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                     .bodyValue("{}").exchange()
                     .expectStatus().isBadRequest()
                     .expectBody().jsonPath("$.message").isEqualTo("No 'query'");
        GatewayClient.http(port).post().uri("/graphql").contentType(MediaType.TEXT_PLAIN)
                     .bodyValue("{ repositories { totalCount } }").exchange()
                     .expectStatus().is4xxClientError();
    }

    @Test
    void healthAndPrometheusMetricsAreServed() {
        GatewayClient.http(port).get().uri("/actuator/health").exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        GatewayClient.http(port).get().uri("/actuator/prometheus").exchange()
                     .expectStatus().isOk()
                     .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }
}
