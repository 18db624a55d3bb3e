package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.theriseunion.imagegateway.GatewayApplication;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * YAML import and export: an export applied to a fresh gateway recreates the same repositories; applying twice
 * changes nothing; an edited description updates; applyRepositories reports each document on its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:rest;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class RepositoryApplyTests {

    private static final String APPLY = "mutation($yaml: String!) { applyRepositories(yaml: $yaml) {"
            + " succeeded failed items { namespace name ok error { code message field } } } }";

    @LocalServerPort
    int port;

    ResourceApi api;
    HttpGraphQlTester graphQl;
    String prefix;
    String a;
    String b;

    @BeforeEach
    void twoNamespaces() {
        api = ResourceApi.admin(port);
        graphQl = GatewayClient.graphQl(port);
        prefix = freshNamespace("ap");
        a = freshNamespace("apa");
        b = freshNamespace("apb");
        registries(graphQl, a, b);
    }

    /** harbor-prod in each namespace, and shared-mirror in the first (used from the second too). */
    private static void registries(HttpGraphQlTester graphQl, String first, String second) {
        ResourceApi.ensureRegistry(graphQl, first, "harbor-prod", "https://127.0.0.1:9");
        ResourceApi.ensureRegistry(graphQl, second, "harbor-prod", "https://127.0.0.1:9");
        ResourceApi.ensureRegistry(graphQl, first, "shared-mirror", "https://127.0.0.1:10");
    }

    /** Repositories of every shape: both, one or no annotations; sync settings; a registry of another namespace. */
    private String sourceDocuments() {
        return ResourceApi.document(a, prefix + "-plain", "latest", null) + "---\n"
                + ResourceApi.document(a, prefix + "-described", "1.10", "第一版")
                         .replace("  annotations:\n",
                                  "  annotations:\n    theriseunion.io/display-name: \"Nginx 1.10\"\n")
                + "---\n"
                + ResourceApi.document(b, prefix + "-tuned", "v1.0.0", "tuned")
                         .replace("    name: harbor-prod\n", "    name: shared-mirror\n    namespace: " + a + "\n"
                                 + "  syncInterval: \"2h\"\n  syncTimeout: \"15m\"\n  retryCount: 5\n");
    }

    private GraphQlTester.Response applyGraphQl(HttpGraphQlTester tester, String yaml) {
        return tester.document(APPLY).variable("yaml", yaml).execute();
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            it.forEachRemaining(documents::add);
        }
        return documents;
    }

    @Test
    void anExportAppliedToAFreshGatewayRecreatesTheSameRepositories() throws IOException {
        applyGraphQl(graphQl, sourceDocuments()).path("applyRepositories.succeeded").entity(Integer.class).isEqualTo(3);

        ResourceApi.Answer export = api.get(ResourceApi.BASE + "/repositories?format=yaml&search=" + prefix);
        assertThat(export.status()).as(export.text()).isEqualTo(200);
        assertThat(export.type().toString()).startsWith("application/yaml");
        List<JsonNode> exported = documents(export.text());
        assertThat(exported).extracting(d -> d.path("metadata").path("name").asText())
                            .containsExactly(prefix + "-described", prefix + "-plain", prefix + "-tuned");
        assertThat(exported).allSatisfy(d -> {
            assertThat(d.has("status")).isFalse();
            assertThat(d.path("metadata").has("uid")).isFalse();
            assertThat(d.path("metadata").has("resourceVersion")).isFalse();
        });
        assertThat(documents(api.get(ResourceApi.BASE + "/namespaces/" + b + "/repositories?format=yaml").text()))
                .extracting(d -> d.path("metadata").path("name").asText()).containsExactly(prefix + "-tuned");

        try (ConfigurableApplicationContext fresh = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0", "--gateway.data-dir=target/test-data",
                "--spring.datasource.url=jdbc:h2:mem:fresh-" + prefix + ";DB_CLOSE_DELAY=-1")) {
            int freshPort = Integer.parseInt(fresh.getEnvironment().getProperty("local.server.port"));
            ResourceApi target = ResourceApi.admin(freshPort);
            registries(GatewayClient.graphQl(freshPort), a, b);

            ResourceApi.Answer applied = target.post(ResourceApi.BASE + "/repositories", export.text(),
                                                     ResourceApi.YAML);
            assertThat(applied.status()).as(applied.text()).isEqualTo(200);
            assertThat(applied.json().path("items")).extracting(i -> i.path("result").asText())
                                                    .containsExactly("Created", "Created", "Created");

            for (JsonNode document : exported) {
                String ns = document.path("metadata").path("namespace").asText();
                String name = document.path("metadata").path("name").asText();
                JsonNode there = target.repository(ns, name).json();
                JsonNode here = api.repository(ns, name).json();
                assertThat(there.path("spec")).isEqualTo(here.path("spec"));
                assertThat(there.path("metadata").path("annotations"))
                        .isEqualTo(here.path("metadata").path("annotations"));
                assertThat(there.path("metadata").path("name")).isEqualTo(here.path("metadata").path("name"));
                assertThat(there.path("metadata").path("namespace")).isEqualTo(here.path("metadata").path("namespace"));
                assertThat(there.path("status").path("domain")).isEqualTo(here.path("status").path("domain"));
            }
            JsonNode tuned = target.repository(b, prefix + "-tuned").json().path("spec");
            assertThat(tuned.path("registryRef").path("namespace").asText()).isEqualTo(a);
            assertThat(tuned.path("syncTimeout").asText()).isEqualTo("15m");
            assertThat(tuned.path("retryCount").asInt()).isEqualTo(5);
            assertThat(target.repository(a, prefix + "-described").json().path("spec").path("tag").asText())
                    .isEqualTo("1.10");

            // applied again: every item succeeds and nothing changes
            JsonNode again = target.post(ResourceApi.BASE + "/repositories", export.text(), ResourceApi.YAML).json();
            assertThat(again.path("failed").asInt()).isZero();
            assertThat(again.path("items")).extracting(i -> i.path("result").asText())
                                           .containsExactly("Unchanged", "Unchanged", "Unchanged");
            assertThat(target.repository(a, prefix + "-described").json().path("metadata").path("resourceVersion")
                             .asText()).isEqualTo("1");

            // an edited description updates that repository alone
            String edited = export.text().replace("第一版", "第二版");
            JsonNode update = target.post(ResourceApi.BASE + "/repositories", edited, ResourceApi.YAML).json();
            assertThat(update.path("items")).extracting(i -> i.path("result").asText())
                                            .containsExactly("Updated", "Unchanged", "Unchanged");
            JsonNode described = target.repository(a, prefix + "-described").json().path("metadata");
            assertThat(described.path("annotations").path("theriseunion.io/description").asText())
                    .isEqualTo("第二版");
            assertThat(described.path("annotations").path("theriseunion.io/display-name").asText())
                    .isEqualTo("Nginx 1.10");
            assertThat(described.path("resourceVersion").asText()).isEqualTo("2");
        }
    }

    @Test
    void applyingTwiceIsIdempotentAndAnAnnotationLeftOutStaysWhileAnEmptyOneClears() {
        GraphQlTester.Response first = applyGraphQl(graphQl, sourceDocuments());
        first.path("applyRepositories.succeeded").entity(Integer.class).isEqualTo(3)
             .path("applyRepositories.failed").entity(Integer.class).isEqualTo(0);
        List<JsonNode> before = definitions();

        applyGraphQl(graphQl, sourceDocuments()).path("applyRepositories.succeeded").entity(Integer.class).isEqualTo(3);
        assertThat(definitions()).isEqualTo(before);

        String leftOut = ResourceApi.document(a, prefix + "-described", "1.10", null);
        String cleared = ResourceApi.document(b, prefix + "-tuned", "v1.0.0", "")
                                    .replace("    name: harbor-prod\n",
                                             "    name: shared-mirror\n    namespace: " + a + "\n");
        applyGraphQl(graphQl, leftOut + "---\n" + cleared).path("applyRepositories.succeeded").entity(Integer.class)
                                                          .isEqualTo(2);
        JsonNode described = api.repository(a, prefix + "-described").json().path("metadata");
        assertThat(described.path("annotations").path("theriseunion.io/description").asText()).isEqualTo("第一版");
        assertThat(described.path("resourceVersion").asText()).isEqualTo("1");
        JsonNode tuned = api.repository(b, prefix + "-tuned").json().path("metadata");
        assertThat(tuned.path("annotations").has("theriseunion.io/description")).isFalse();
        assertThat(tuned.path("resourceVersion").asText()).isEqualTo("2");
    }

    /** metadata (with resourceVersion) and spec of this test's repositories; status moves on by itself. */
    private List<JsonNode> definitions() {
        List<JsonNode> definitions = new ArrayList<>();
        api.get(ResourceApi.BASE + "/repositories?search=" + prefix).json().path("items").forEach(item -> {
            definitions.add(item.path("metadata"));
            definitions.add(item.path("spec"));
        });
        assertThat(definitions).hasSize(6);
        return definitions;
    }

    @Test
    void applyRepositoriesReportsEachDocumentOnItsOwn() {
        applyGraphQl(graphQl, ResourceApi.document(a, prefix + "-core", "latest", null));
        String yaml = ResourceApi.document(a, prefix + "-new", "latest", null)
                + "---\nkind: Repository\nmetadata: {name: [broken\n"
                + "---\n" + ResourceApi.document(null, prefix + "-nowhere", "latest", null)
                + "---\n" + ResourceApi.document(a, prefix + "-core", "stable", null)
                + "---\n" + ResourceApi.document(a, prefix + "-new", "latest", null);
        GraphQlTester.Response response = applyGraphQl(graphQl, yaml);
        response.path("applyRepositories.succeeded").entity(Integer.class).isEqualTo(1)
                .path("applyRepositories.failed").entity(Integer.class).isEqualTo(4)
                .path("applyRepositories.items[*].ok").entityList(Boolean.class)
                .containsExactly(true, false, false, false, false)
                .path("applyRepositories.items[*].error.code").entityList(String.class)
                .containsExactly("VALIDATION_FAILED", "VALIDATION_FAILED", "CONFLICT", "ALREADY_EXISTS")
                .path("applyRepositories.items[1].error.message").entity(String.class)
                .satisfies(m -> assertThat(m).startsWith("document 2 (line 12): is not valid YAML"))
                .path("applyRepositories.items[2].error.field").entity(String.class).isEqualTo("metadata.namespace")
                .path("applyRepositories.items[2].name").entity(String.class).isEqualTo(prefix + "-nowhere")
                .path("applyRepositories.items[3].error.field").entity(String.class).isEqualTo("spec.tag")
                .path("applyRepositories.items[4].error.field").entity(String.class).isEqualTo("metadata.name");
    }

    @Test
    void theExampleFileOfTheDocsAppliesOverRest() throws IOException {
        String yaml = Files.readString(Path.of("../docs/examples/repositories.yaml"))
                           .replaceAll("namespace: \"?default\"?", "namespace: " + a)
                           .replaceAll("namespace: \"?production\"?", "namespace: " + b);
        ResourceApi.ensureRegistry(graphQl, a, "dockerhub-public", "https://127.0.0.1:9");
        JsonNode result = api.post(ResourceApi.BASE + "/repositories", yaml, ResourceApi.YAML).json();
        assertThat(result.path("failed").asInt()).as(result.toString()).isZero();
        assertThat(result.path("items")).extracting(i -> i.path("name").asText())
                                        .containsExactly("nginx-latest", "myapp-v1.0.0", "redis-multiarch",
                                                         "nginx-stable");
        JsonNode stable = api.repository(a, "nginx-stable").json().path("spec");
        assertThat(stable.path("syncInterval").asText()).isEqualTo("2h");
        assertThat(stable.path("syncTimeout").asText()).isEqualTo("15m");
        assertThat(stable.path("retryCount").asInt()).isEqualTo(5);
    }

    @Test
    void applyRepositoriesRefusesItemsInNamespacesTheCallerMayNotWrite() {
        String editor = graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                               .variable("in", Map.of("name", "e-" + prefix, "roles",
                                                      List.of(Map.of("namespace", a, "role", "EDITOR"))))
                               .execute().path("createApiToken.token").entity(String.class).get();
        applyGraphQl(GatewayClient.graphQl(port, editor), sourceDocuments())
                .path("applyRepositories.items[*].error.code").entityList(String.class).containsExactly("FORBIDDEN")
                .path("applyRepositories.items[2].namespace").entity(String.class).isEqualTo(b)
                .path("applyRepositories.succeeded").entity(Integer.class).isEqualTo(2);
        api.repository(b, prefix + "-tuned").failure(404, "NotFound");

        GatewayClient.graphQl(port, null).document(APPLY).variable("yaml", sourceDocuments()).execute()
                     .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(
                             e -> assertThat(e.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
    }
}
