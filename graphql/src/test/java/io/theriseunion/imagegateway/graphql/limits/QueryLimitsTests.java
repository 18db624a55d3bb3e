package io.theriseunion.imagegateway.graphql.limits;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each limit refuses a request before it runs, with its own code and a message naming the setting. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:limits;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data", "gateway.graphql.max-subscriptions=3"})
class QueryLimitsTests {

    @LocalServerPort
    int port;

    private void refused(GraphQlTester.Response response, String code, String setting) {
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getExtensions()).containsEntry("code", code);
            assertThat(errors.get(0).getMessage()).contains(setting).doesNotContain("Exception", "io.theriseunion", "graphql.execution", "graphql.analysis");
        });
    }

    @Test
    void aQueryNestedDeeperThanTwelveLevelsIsRefused() {
        String deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType"
                + " { ofType { ofType { name } } } } } } } } } } } } }";
        refused(GraphQlTester(), deep, "QUERY_TOO_DEEP", "gateway.graphql.max-depth");
        GatewayClient.graphQl(port).document("{ __schema { types { fields { type { ofType { name } } } } } }").execute()
                     .errors().verify();
    }

    @Test
    void aQueryThatMayReturnTooManyObjectsIsRefusedCountingListSizes() {
        String wide = "{ repositories(first: 200) { edges { node { name syncHistory(first: 100) { edges { node { id } } } } } } }";
        refused(GraphQlTester(), wide, "QUERY_TOO_COMPLEX", "gateway.graphql.max-complexity");
        GatewayClient.graphQl(port).document("{ repositories(first: 200) { edges { node { name namespace } } } }").execute()
                     .errors().verify();
    }

    @Test
    void countsCostWhatTheyReadSoThirtyAliasedTotalCountsAreRefused() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 30; i++) {
            query.append(" c").append(i).append(": repositories(search: \"zz\", first: 0) { totalCount }");
        }
        refused(GraphQlTester(), query.append(" }").toString(), "QUERY_TOO_COMPLEX", "gateway.graphql.count-cost");
        for (String count : List.of("repositories(first: 0) { statusCounts { failed } }",
                                    "auditLog(first: 0) { totalCount }")) {
            StringBuilder aliased = new StringBuilder("{");
            for (int i = 0; i < 30; i++) {
                aliased.append(" c").append(i).append(": ").append(count);
            }
            refused(GraphQlTester(), aliased.append(" }").toString(), "QUERY_TOO_COMPLEX", "gateway.graphql.count-cost");
        }
        // a page with its count, and a page of registries with their repository counts, stay well within
        GatewayClient.graphQl(port).document("{ repositories(first: 50) { totalCount edges { node { name } } }"
                                                     + " registries(first: 50) { totalCount edges { node { name repositoryCount } } } }")
                     .execute().errors().verify();
    }

    @Test
    void aliasedBatchMutationsBeyondTheCommandCapAreRefusedBeforeAnythingIsStored() {
        String ns = GatewayClient.freshNamespace("budget");
        GatewayClient.ensureRegistry(GatewayClient.graphQl(port), ns);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            items.add(GatewayClient.addInput(ns, "img-" + i));
        }
        String twice = "mutation($items: [AddRepositoryInput!]!) { a: addRepositories(input: $items) { succeeded }"
                + " b: addRepositories(input: $items) { succeeded } }";
        refused(GraphQlTester().document(twice).variable("items", items).execute(), "TOO_MANY_COMMANDS",
                "gateway.graphql.max-commands-per-request");
        GraphQlTester().document("query($ns: String) { repositories(namespace: $ns) { totalCount } }").variable("ns", ns)
                       .execute().path("repositories.totalCount").entity(Integer.class).isEqualTo(0);
        String yaml = String.join("\n---\n", java.util.Collections.nCopies(300, "kind: Repository"));
        refused(GraphQlTester().document("mutation($y: String!) { a: applyRepositories(yaml: $y) { succeeded }"
                                                 + " b: applyRepositories(yaml: $y) { succeeded } }")
                               .variable("y", yaml).execute(), "TOO_MANY_COMMANDS",
                "gateway.graphql.max-commands-per-request");
        // the same items once are within the cap
        GraphQlTester().document("mutation($items: [AddRepositoryInput!]!) { a: addRepositories(input: $items) { succeeded } }")
                       .variable("items", items).execute().path("a.succeeded").entity(Integer.class).isEqualTo(260);
    }

    @Test
    void moreTimeTravelsThanTheBudgetAreRefused() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 6; i++) {
            query.append(" t").append(i).append(": repository(namespace: \"default\", name: \"x").append(i)
                 .append("\", asOf: \"2024-01-08T10:30:00Z\") { name }");
        }
        refused(GraphQlTester(), query.append(" }").toString(), "TOO_MANY_TIME_TRAVELS", "gateway.graphql.max-time-travel");
        GatewayClient.graphQl(port).document("{ a: repository(namespace: \"default\", name: \"x\", asOf: \"2024-01-08T10:30:00Z\") { name }"
                                                     + " b: repository(namespace: \"default\", name: \"y\", asOf: \"2024-01-08T10:30:00Z\") { name } }")
                     .execute().errors().verify();
    }

    @Test
    void moreThanThirtyAliasesAreRefused() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 31; i++) {
            query.append(" a").append(i).append(": me { name }");
        }
        refused(GraphQlTester(), query.append(" }").toString(), "TOO_MANY_ALIASES", "gateway.graphql.max-aliases");
    }

    @Test
    void aDocumentLargerThan64KilobytesIsRefused() {
        String huge = "{ me { name } }\n# " + "x".repeat(70 * 1024);
        refused(GraphQlTester(), huge, "DOCUMENT_TOO_LARGE", "gateway.graphql.max-document-bytes");
    }

    @Test
    void aConnectionHoldsAtMostTheConfiguredNumberOfSubscriptions() {
        WebSocketGraphQlTester socket = GatewayClient.webSocket(port, GatewayClient.ADMIN_TOKEN);
        List<Disposable> open = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            open.add(socket.document("subscription { repositoryChanged { type } }").executeSubscription()
                           .toFlux("repositoryChanged", Object.class).subscribe(x -> { }, failures::add));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> failures.size() == 1);
        assertThat(failures.get(0).getMessage()).contains("TOO_MANY_SUBSCRIPTIONS");
        open.get(0).dispose();
        List<Throwable> later = new CopyOnWriteArrayList<>();
        Disposable again = socket.document("subscription { repositoryChanged { type } }").executeSubscription()
                                 .toFlux("repositoryChanged", Object.class).subscribe(x -> { }, later::add);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(later::isEmpty);
        again.dispose();
        open.forEach(Disposable::dispose);
    }

    @Test
    void aRequestThatIsNotGraphQlGetsNoInternalDetails() {
        GatewayClient.http(port).post().uri("/graphql").header("Content-Type", "application/json").bodyValue("{ nope")
                     .exchange().expectStatus().isBadRequest()
                     .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Exception", "io.theriseunion",
                                                                                             "at org."));
    }

    private GraphQlTester GraphQlTester() {
        return GatewayClient.graphQl(port);
    }

    private void refused(GraphQlTester tester, String document, String code, String setting) {
        refused(tester.document(document).execute(), code, setting);
    }
}
