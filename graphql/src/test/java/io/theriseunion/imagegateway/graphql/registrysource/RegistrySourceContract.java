package io.theriseunion.imagegateway.graphql.registrysource;

import io.theriseunion.imagegateway.support.GatewayClient;
import io.theriseunion.imagegateway.support.GraphQlErrors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.addInput;
import static io.theriseunion.imagegateway.support.GraphQlErrors.errorsOf;
import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

/** Registry sources over real HTTP, on each storage. Secrets must never come back out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RegistrySourceContract {

    private static final String PASSWORD = "s3cret-Pa55word-that-must-not-leak";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpGraphQlTester graphQl;
    String ns;

    @BeforeEach
    void connect() {
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("r");
    }

    private Map<String, Object> harbor(String name) {
        Map<String, Object> input = new HashMap<>();
        input.put("namespace", ns);
        input.put("name", name);
        // a closed loopback port: health checks get a quick UNREACHABLE and no traffic leaves the machine
        input.put("url", "https://LocalHost:9/");
        input.put("description", "生产环境 Harbor");
        return input;
    }

    private GraphQlTester.Response add(Map<String, Object> input) {
        return graphQl.documentName("addRegistry").fragmentName("registryFields").variable("input", input).execute();
    }

    private static void assertError(GraphQlTester.Response response, String code, String field) {
        GraphQlErrors.assertError(response, code, field, PASSWORD);
    }

    @Test
    void addStoresTheSourceAndTheCredentialsWithoutEverShowingThePassword() {
        Map<String, Object> input = harbor("harbor-prod");
        input.put("username", "robot$edge");
        input.put("password", PASSWORD);
        GraphQlTester.Response added = add(input);
        added.path("addRegistry.url").entity(String.class).isEqualTo("https://localhost:9")
             .path("addRegistry.domain").entity(String.class).isEqualTo("localhost:9")
             .path("addRegistry.insecure").entity(Boolean.class).isEqualTo(false)
             .path("addRegistry.username").entity(String.class).isEqualTo("robot$edge")
             .path("addRegistry.hasCredentials").entity(Boolean.class).isEqualTo(true)
             .path("addRegistry.health").entity(String.class).satisfies(h -> assertThat(h).isIn("UNKNOWN", "UNREACHABLE"))
             .path("addRegistry.concurrencyLimit").entity(Integer.class).isEqualTo(4)
             .path("addRegistry.repositoryCount").entity(Integer.class).isEqualTo(0);

        String everything = graphQl.documentName("registry").fragmentName("registryFields")
                                   .variable("namespace", ns).variable("name", "harbor-prod").execute()
                                   .path("registry").entity(Map.class).get().toString();
        assertThat(everything).doesNotContain(PASSWORD);

        List<byte[]> events = jdbc.query("select payload from DomainEventEntry where aggregateIdentifier = ?",
                                         (rs, i) -> rs.getBytes(1), ns + "/harbor-prod");
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events).allSatisfy(p -> assertThat(new String(p, StandardCharsets.UTF_8)).doesNotContain(PASSWORD));
        byte[] stored = jdbc.queryForObject("select secret from registry_credential where namespace = ? and name = ?",
                                            byte[].class, ns, "harbor-prod");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
    }

    @Test
    void urlRulesAreCheckedAndNamed() {
        Map<String, Object> plainHttp = harbor("plain");
        plainHttp.put("url", "http://127.0.0.1:9");
        assertError(add(plainHttp), "VALIDATION_FAILED", "url");
        plainHttp.put("insecure", true);
        add(plainHttp).path("addRegistry.url").entity(String.class).isEqualTo("http://127.0.0.1:9");

        Map<String, Object> userInfo = harbor("userinfo");
        userInfo.put("url", "https://admin:" + PASSWORD + "@localhost:9");
        assertError(add(userInfo), "VALIDATION_FAILED", "url");

        Map<String, Object> path = harbor("path");
        path.put("url", "https://localhost:9/v2/library");
        assertError(add(path), "VALIDATION_FAILED", "url");

        Map<String, Object> ftp = harbor("ftp");
        ftp.put("url", "ftp://localhost:9");
        ftp.put("concurrencyLimit", 0);
        ftp.put("caCertificate", "not a certificate");
        GraphQlTester.Response response = add(ftp);
        assertThat(errorsOf(response)).extracting(e -> e.getExtensions().get("field"))
                .containsExactlyInAnyOrder("url", "caCertificate", "concurrencyLimit");
    }

    @Test
    void aSecondSourceWithTheSameNameIsRefused() {
        add(harbor("harbor-prod")).path("addRegistry.name").hasValue();
        assertError(add(harbor("harbor-prod")), "ALREADY_EXISTS", "name");
    }

    @Test
    void updateChangesWhatIsGivenAndReplacesOrClearsThePassword() {
        Map<String, Object> input = harbor("harbor-prod");
        input.put("username", "robot");
        input.put("password", PASSWORD);
        add(input).path("addRegistry.version").entity(Integer.class).isEqualTo(2);

        Map<String, Object> update = new HashMap<>(Map.of("namespace", ns, "name", "harbor-prod",
                                                          "description", "", "concurrencyLimit", 8));
        graphQl.documentName("updateRegistry").fragmentName("registryFields").variable("input", update).execute()
               .path("updateRegistry.description").valueIsNull()
               .path("updateRegistry.concurrencyLimit").entity(Integer.class).isEqualTo(8)
               .path("updateRegistry.url").entity(String.class).isEqualTo("https://localhost:9")
               .path("updateRegistry.hasCredentials").entity(Boolean.class).isEqualTo(true);

        Map<String, Object> clear = new HashMap<>(Map.of("namespace", ns, "name", "harbor-prod", "password", ""));
        graphQl.documentName("updateRegistry").fragmentName("registryFields").variable("input", clear).execute()
               .path("updateRegistry.hasCredentials").entity(Boolean.class).isEqualTo(false)
               .path("updateRegistry.username").entity(String.class).isEqualTo("robot");
        assertThat(jdbc.queryForObject("select count(*) from registry_credential where namespace = ?", Integer.class, ns))
                .isZero();
    }

    @Test
    void updateOrDeleteOfAnUnknownSourceFailsWithNotFound() {
        assertError(graphQl.documentName("updateRegistry").fragmentName("registryFields")
                           .variable("input", Map.of("namespace", ns, "name", "ghost", "description", "x")).execute(),
                    "NOT_FOUND", null);
        assertError(graphQl.documentName("deleteRegistry").variable("namespace", ns).variable("name", "ghost").execute(),
                    "NOT_FOUND", null);
    }

    @Test
    void aSourceInUseCannotBeDeletedAndItsNameIsFreeAfterwards() {
        add(harbor("harbor-prod"));
        graphQl.documentName("addRepositories").variable("input", List.of(addInput(ns, "a"), addInput(ns, "b")))
               .execute().path("addRepositories.succeeded").entity(Integer.class).isEqualTo(2);
        graphQl.documentName("registry").fragmentName("registryFields").variable("namespace", ns)
               .variable("name", "harbor-prod").execute()
               .path("registry.repositoryCount").entity(Integer.class).isEqualTo(2);

        GraphQlTester.Response refused = graphQl.documentName("deleteRegistry").variable("namespace", ns)
                                                .variable("name", "harbor-prod").execute();
        assertError(refused, "IN_USE", null);
        assertThat(errorsOf(refused).get(0).getMessage()).contains("is used by 2 repositories");

        graphQl.documentName("deleteRepositories")
               .variable("refs", List.of(Map.of("namespace", ns, "name", "a"), Map.of("namespace", ns, "name", "b")))
               .variable("confirmCount", 2).execute()
               .path("deleteRepositories.succeeded").entity(Integer.class).isEqualTo(2);
        graphQl.documentName("deleteRegistry").variable("namespace", ns).variable("name", "harbor-prod").execute()
               .path("deleteRegistry.deleted").entity(Boolean.class).isEqualTo(true);
        graphQl.documentName("registry").fragmentName("registryFields").variable("namespace", ns)
               .variable("name", "harbor-prod").execute().path("registry").valueIsNull();
        add(harbor("harbor-prod")).path("addRegistry.version").entity(Integer.class).satisfies(v -> assertThat(v).isGreaterThan(1));
    }

    @Test
    void aSourceThatDoesNotAnswerIsSoonUnreachable() {
        add(harbor("down"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                graphQl.documentName("registry").fragmentName("registryFields").variable("namespace", ns)
                       .variable("name", "down").execute()
                       .path("registry.health").entity(String.class).isEqualTo("UNREACHABLE")
                       .path("registry.lastCheckedAt").hasValue()
                       .path("registry.healthDetail").entity(String.class).satisfies(d -> assertThat(d).contains("localhost:9")));
    }

    @Test
    void aPageOfSeveralSourcesCountsTheRepositoriesOfEach() {
        for (String name : List.of("one", "three", "unused")) {
            add(harbor(name));
        }
        List<Map<String, Object>> repositories = new ArrayList<>();
        repositories.add(using("one", "a"));
        for (String name : List.of("b", "c", "d")) {
            repositories.add(using("three", name));
        }
        graphQl.documentName("addRepositories").variable("input", repositories).execute()
               .path("addRepositories.succeeded").entity(Integer.class).isEqualTo(4);

        GraphQlTester.Response page = graphQl.documentName("registries").variable("namespace", ns).execute();
        page.path("registries.edges[*].node.name").entityList(String.class).containsExactly("one", "three", "unused")
            .path("registries.edges[*].node.repositoryCount").entityList(Integer.class).containsExactly(1, 3, 0);
    }

    private Map<String, Object> using(String source, String name) {
        Map<String, Object> input = new HashMap<>(addInput(ns, name));
        input.put("registry", Map.of("name", source));
        return input;
    }

    @Test
    void registriesArePagedAndFilteredByNamespace() {
        for (int i = 0; i < 5; i++) {
            add(harbor("reg-" + i));
        }
        GraphQlTester.Response first = graphQl.documentName("registries").variable("namespace", ns).variable("first", 3)
                                              .execute();
        first.path("registries.totalCount").entity(Integer.class).isEqualTo(5)
             .path("registries.edges[*].node.name").entityList(String.class).containsExactly("reg-0", "reg-1", "reg-2")
             .path("registries.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String after = first.path("registries.pageInfo.endCursor").entity(String.class).get();
        graphQl.documentName("registries").variable("namespace", ns).variable("first", 3).variable("after", after)
               .execute()
               .path("registries.edges[*].node.name").entityList(String.class).containsExactly("reg-3", "reg-4")
               .path("registries.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }
}
