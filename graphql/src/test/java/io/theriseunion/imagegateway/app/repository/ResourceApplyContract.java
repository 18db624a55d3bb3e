package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The YAML import screen's contract over HTTP: applyRepositories with dryRun reports exactly the outcomes the real
 * apply then has and changes (and audits) nothing; RegistrySource documents are applied before the repositories
 * that use them, never carry a secret, and an export of a namespace with its sources applies to a clean one.
 * Run against each storage: the embedded H2 and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ResourceApplyContract {

    private static final String APPLY = "mutation($yaml: String!, $dryRun: Boolean) {"
            + " applyRepositories(yaml: $yaml, dryRun: $dryRun) { dryRun succeeded failed created updated unchanged"
            + " items { index kind namespace name outcome ok error { code message field } } } }";
    private static final String AUDIT_COUNT = "query($f: AuditLogFilter) { auditLog(filter: $f, first: 1)"
            + " { totalCount } }";

    @LocalServerPort
    int port;

    HttpGraphQlTester graphQl;
    ResourceApi api;
    String ns;
    String auditor;

    @BeforeEach
    void connect() {
        graphQl = GatewayClient.graphQl(port);
        api = ResourceApi.admin(port);
        ns = freshNamespace("ra");
        GatewayClient.ensureRegistry(graphQl, ns);
        auditor = token("aud-" + ns, Map.of("role", "AUDITOR"));
    }

    @Test
    void aDryRunReportsWhatTheApplyThenDoesAndChangesAndAuditsNothing() {
        assertThat(apply(repository("keep", "latest", null, "harbor-prod") + repository("edit", "latest", null,
                                                                                          "harbor-prod")
                                 + repository("fixed", "latest", null, "harbor-prod"), false)
                           .path("applyRepositories.created").entity(Integer.class).get()).isEqualTo(3);
        String yaml = repository("keep", "latest", null, "harbor-prod")        // 1 UNCHANGED
                + repository("edit", "latest", "now described", "harbor-prod") // 2 UPDATED
                + repository("fixed", "stable", null, "harbor-prod")           // 3 CONFLICT: the tag cannot change
                + repository("uses-mirror", "latest", null, "mirror")          // 4 CREATED, from the source of 6
                + repository("nowhere", "latest", null, "no-such-source")      // 5 FAILED: no such source
                + source("mirror", "https://mirror.example.com", "the mirror");  // 6 CREATED, applied first
        long audited = auditedAfter(graphQl, "admin", "barrier-1");

        GraphQlTester.Response dry = applyResponse(yaml, true);
        assertOutcomes(dry, true);
        assertThat(auditedAfter(graphQl, "admin", "barrier-2") - auditCount("admin", "barrier-2")).isEqualTo(audited);
        registry("mirror").valueIsNull();
        api.repository(ns, "uses-mirror").failure(404, "NotFound");
        assertThat(api.repository(ns, "edit").json().path("metadata").path("annotations").isEmpty()).isTrue();

        assertOutcomes(applyResponse(yaml, false), false);
        await().atMost(Duration.ofSeconds(30)).until(() -> auditCount("admin", "uses-mirror") > 0);
        registry("mirror").path("registry.description").entity(String.class).isEqualTo("the mirror");
        assertThat(api.repository(ns, "uses-mirror").status()).isEqualTo(200);
        assertThat(api.repository(ns, "edit").json().path("metadata").path("annotations")
                      .path(RepositoryResource.DESCRIPTION).asText()).isEqualTo("now described");
        assertThat(api.repository(ns, "fixed").json().path("spec").path("tag").asText()).isEqualTo("latest");
    }

    private static void assertOutcomes(GraphQlTester.Response response, boolean dryRun) {
        response.path("applyRepositories.dryRun").entity(Boolean.class).isEqualTo(dryRun)
                .path("applyRepositories.items[*].index").entityList(Integer.class).containsExactly(1, 2, 3, 4, 5, 6)
                .path("applyRepositories.items[*].kind").entityList(String.class)
                .containsExactly("Repository", "Repository", "Repository", "Repository", "Repository",
                                 "RegistrySource")
                .path("applyRepositories.items[*].outcome").entityList(String.class)
                .containsExactly("UNCHANGED", "UPDATED", "FAILED", "CREATED", "FAILED", "CREATED")
                .path("applyRepositories.items[*].ok").entityList(Boolean.class)
                .containsExactly(true, true, false, true, false, true)
                .path("applyRepositories.items[2].error.code").entity(String.class).isEqualTo("CONFLICT")
                .path("applyRepositories.items[4].error.code").entity(String.class).isEqualTo("VALIDATION_FAILED")
                .path("applyRepositories.items[4].error.field").entity(String.class)
                .satisfies(f -> assertThat(f).startsWith("spec.registryRef"))
                .path("applyRepositories.succeeded").entity(Integer.class).isEqualTo(4)
                .path("applyRepositories.failed").entity(Integer.class).isEqualTo(2)
                .path("applyRepositories.created").entity(Integer.class).isEqualTo(2)
                .path("applyRepositories.updated").entity(Integer.class).isEqualTo(1)
                .path("applyRepositories.unchanged").entity(Integer.class).isEqualTo(1);
    }

    /**
     * A document's sync settings are edited as editRepositorySyncPolicy edits them: the same repository (id,
     * history) at its next version; a dry run reports UPDATED and changes nothing; a setting restated in another
     * form (60m for 1h) is unchanged.
     */
    @Test
    void anApplyEditsTheSyncSettingsTheDocumentGives() {
        apply(repository("policy", "latest", null, "harbor-prod"), false)
                .path("applyRepositories.created").entity(Integer.class).isEqualTo(1);
        String before = repositoryPolicy("policy");
        String edited = repository("policy", "latest", null, "harbor-prod")
                + "  syncInterval: 2h\n  syncTimeout: 15m\n  retryCount: 5\n";

        apply(edited, true).path("applyRepositories.items[0].outcome").entity(String.class).isEqualTo("UPDATED");
        assertThat(repositoryPolicy("policy")).isEqualTo(before);

        apply(edited, false).path("applyRepositories.items[0].outcome").entity(String.class).isEqualTo("UPDATED");
        graphQl.document("query($ns: String!) { repository(namespace: $ns, name: \"policy\") { syncInterval syncTimeout"
                                 + " retryCount } }")
               .variable("ns", ns).execute()
               .path("repository.syncInterval").entity(String.class).isEqualTo("2h")
               .path("repository.syncTimeout").entity(String.class).isEqualTo("15m")
               .path("repository.retryCount").entity(Integer.class).isEqualTo(5);
        // the stored audit log follows the events on its own (gathered into batches): the edit is in its history soon
        await().atMost(Duration.ofSeconds(30)).until(() -> graphQl.document(
                        "query($ns: String!) { repository(namespace: $ns, name: \"policy\") { history(first: 50) {"
                                + " edges { node { action } } } } }")
                .variable("ns", ns).execute()
                .path("repository.history.edges[*].node.action").entityList(String.class).get()
                .containsAll(List.of("repository.added", "repository.syncpolicy.edited")));

        apply(repository("policy", "latest", null, "harbor-prod") + "  syncInterval: 120m\n", false)
                .path("applyRepositories.items[0].outcome").entity(String.class).isEqualTo("UNCHANGED");
    }

    private String repositoryPolicy(String name) {
        return graphQl.document("query($ns: String!, $n: String!) { repository(namespace: $ns, name: $n) {"
                                        + " id syncInterval syncTimeout retryCount } }")
                      .variable("ns", ns).variable("n", name).execute()
                      .path("repository").entity(Map.class).get().toString();
    }

    @Test
    void aDryRunRefusesAsTheApplyWouldWithoutRecordingTheRefusal() {
        String editor = token("ed-" + ns, Map.of("namespace", ns, "role", "EDITOR"));
        String yaml = source("mirror", "https://mirror.example.com", null) + repository("app", "latest", null,
                                                                                          "harbor-prod");
        long audited = auditedAfter(graphQl(editor), "token:ed-" + ns, "barrier-1");
        applyResponse(GatewayClient.graphQl(port, editor), yaml, true)
                .path("applyRepositories.items[*].outcome").entityList(String.class).containsExactly("FAILED", "CREATED")
                .path("applyRepositories.items[0].error.code").entity(String.class).isEqualTo("FORBIDDEN");
        assertThat(auditedAfter(graphQl(editor), "token:ed-" + ns, "barrier-2")
                           - auditCount("token:ed-" + ns, "barrier-2")).isEqualTo(audited);
        api.repository(ns, "app").failure(404, "NotFound");

        applyResponse(GatewayClient.graphQl(port, editor), yaml, false)
                .path("applyRepositories.items[*].outcome").entityList(String.class).containsExactly("FAILED", "CREATED")
                .path("applyRepositories.items[0].error.code").entity(String.class).isEqualTo("FORBIDDEN");
        registry("mirror").valueIsNull();
        // the real apply records the refusal, as addRegistry would
        await().atMost(Duration.ofSeconds(30)).until(() -> graphQl(auditor).document(
                "query($ns: String) { auditLog(filter: {namespace: $ns, targetKind: REGISTRY, actions: [\"access.denied\"]})"
                        + " { totalCount } }").variable("ns", ns).execute()
                .path("auditLog.totalCount").entity(Integer.class).get() == 1);
    }

    @Test
    void aSourceDocumentNeverCarriesASecret() {
        String yaml = source("mirror", "https://mirror.example.com", null).replace("spec:\n",
                                                                                 "spec:\n  password: hunter2-secret\n");
        GraphQlTester.Response response = applyResponse(yaml, false);
        response.path("applyRepositories.items[0].outcome").entity(String.class).isEqualTo("FAILED")
                .path("applyRepositories.items[0].error.code").entity(String.class).isEqualTo("VALIDATION_FAILED")
                .path("applyRepositories.items[0].error.field").entity(String.class).isEqualTo("spec.password")
                .path("applyRepositories.items[0].error.message").entity(String.class)
                .satisfies(m -> assertThat(m).contains("updateRegistry").doesNotContain("hunter2"));
        registry("mirror").valueIsNull();

        JsonNode rest = api.post(ResourceApi.BASE + "/namespaces/" + ns + "/repositories", yaml, ResourceApi.YAML)
                           .json();
        assertThat(rest.path("items").get(0).path("result").asText()).isEqualTo("Failed");
        assertThat(rest.toString()).doesNotContain("hunter2");
    }

    @Test
    void sourcesAreUpdatedFieldByFieldAndKeepTheirCredentials() {
        Map<String, Object> input = new HashMap<>(Map.of("namespace", ns, "name", "mirror", "url",
                                                         "https://mirror.example.com", "username", "robot",
                                                         "password", "kept-secret"));
        graphQl.documentName("addRegistry").fragmentName("registryFields").variable("input", input).execute()
               .path("addRegistry.hasCredentials").entity(Boolean.class).isEqualTo(true);
        applyResponse(source("mirror", "https://mirror.example.com", null), false)
                .path("applyRepositories.items[0].outcome").entity(String.class).isEqualTo("UNCHANGED");
        String described = source("mirror", "https://mirror.example.com", "described").replace(
                "spec:\n", "spec:\n  concurrencyLimit: 2\n");
        applyResponse(described, true).path("applyRepositories.items[0].outcome").entity(String.class)
                                      .isEqualTo("UPDATED");
        registry("mirror").path("registry.description").valueIsNull();
        applyResponse(described, false).path("applyRepositories.items[0].outcome").entity(String.class)
                                       .isEqualTo("UPDATED");
        registry("mirror").path("registry.description").entity(String.class).isEqualTo("described")
                          .path("registry.concurrencyLimit").entity(Integer.class).isEqualTo(2)
                          .path("registry.username").entity(String.class).isEqualTo("robot")
                          .path("registry.hasCredentials").entity(Boolean.class).isEqualTo(true);
        applyResponse(described, false).path("applyRepositories.items[0].outcome").entity(String.class)
                                       .isEqualTo("UNCHANGED");
        applyResponse(source("mirror", "ftp://mirror.example.com", null), false)
                .path("applyRepositories.items[0].error.field").entity(String.class).isEqualTo("spec.url");
    }

    @Test
    void theFirstDocumentNamingASourceWinsAndOtherKindsAreRefused() {
        String yaml = source("twice", "https://one.example.com", null) + source("twice", "https://two.example.com", null)
                + "---\napiVersion: image.theriseunion.io/v1alpha1\nkind: Mirror\nmetadata:\n  name: x\n  namespace: "
                + ns + "\n";
        applyResponse(yaml, false)
                .path("applyRepositories.items[*].outcome").entityList(String.class)
                .containsExactly("CREATED", "FAILED", "FAILED")
                .path("applyRepositories.items[1].error.code").entity(String.class).isEqualTo("ALREADY_EXISTS")
                .path("applyRepositories.items[2].error.field").entity(String.class).isEqualTo("kind")
                .path("applyRepositories.items[2].error.message").entity(String.class)
                .satisfies(m -> assertThat(m).contains("Repository").contains("RegistrySource"));
        registry("twice").path("registry.url").entity(String.class).isEqualTo("https://one.example.com");
    }

    @Test
    void aNamespaceExportedWithItsSourcesRecreatesBothInACleanNamespace() {
        Map<String, Object> input = new HashMap<>(Map.of("namespace", ns, "name", "mirror", "url",
                                                         "https://mirror.example.com:5000", "username", "robot",
                                                         "password", "never-exported", "description", "镜像源",
                                                         "concurrencyLimit", 3, "shared", true));
        graphQl.documentName("addRegistry").fragmentName("registryFields").variable("input", input).execute()
               .path("addRegistry.name").entity(String.class).isEqualTo("mirror");
        apply(repository("app", "1.0", "the app", "mirror") + repository("web", "latest", null, "harbor-prod"), false)
                .path("applyRepositories.created").entity(Integer.class).isEqualTo(2);

        ResourceApi.Answer sources = api.get(ResourceApi.BASE + "/namespaces/" + ns + "/registrysources?format=yaml");
        assertThat(sources.status()).isEqualTo(200);
        assertThat(sources.text()).contains("kind: RegistrySource").contains("name: mirror").contains("name: harbor-prod")
                                  .doesNotContain("never-exported").doesNotContain("password");
        ResourceApi.Answer export = api.get(ResourceApi.BASE + "/namespaces/" + ns
                                                    + "/repositories?format=yaml&includeRegistrySources=true");
        assertThat(export.status()).isEqualTo(200);
        String text = export.text();
        assertThat(text).doesNotContain("never-exported").doesNotContain("password");
        assertThat(text.indexOf("kind: RegistrySource")).isLessThan(text.indexOf("kind: Repository"));

        String clean = freshNamespace("rb");
        String moved = text.replace("namespace: " + ns, "namespace: " + clean);
        JsonNode result = api.post(ResourceApi.BASE + "/repositories", moved, ResourceApi.YAML).json();
        assertThat(result.path("failed").asInt()).as(result.toString()).isZero();
        assertThat(result.path("items")).extracting(i -> i.path("kind").asText() + " " + i.path("result").asText())
                                        .containsExactly("RegistrySource Created", "RegistrySource Created",
                                                         "Repository Created", "Repository Created");
        graphQl.documentName("registry").fragmentName("registryFields").variable("namespace", clean)
               .variable("name", "mirror").execute()
               .path("registry.url").entity(String.class).isEqualTo("https://mirror.example.com:5000")
               .path("registry.description").entity(String.class).isEqualTo("镜像源")
               .path("registry.username").entity(String.class).isEqualTo("robot")
               .path("registry.concurrencyLimit").entity(Integer.class).isEqualTo(3)
               .path("registry.shared").entity(Boolean.class).isEqualTo(true)
               .path("registry.hasCredentials").entity(Boolean.class).isEqualTo(false);
        JsonNode app = api.repository(clean, "app").json();
        assertThat(app.path("spec").path("registryRef").path("name").asText()).isEqualTo("mirror");
        assertThat(app.path("metadata").path("annotations").path(RepositoryResource.DESCRIPTION).asText())
                .isEqualTo("the app");

        JsonNode again = api.post(ResourceApi.BASE + "/repositories", moved, ResourceApi.YAML).json();
        assertThat(again.path("items")).extracting(i -> i.path("result").asText()).containsOnly("Unchanged");
    }

    @Test
    void theRestApplyTakesDryRunAllAndChangesNothing() {
        String yaml = repository("dry", "latest", null, "harbor-prod");
        JsonNode dry = api.post(ResourceApi.BASE + "/namespaces/" + ns + "/repositories?dryRun=All", yaml,
                                ResourceApi.YAML).json();
        assertThat(dry.path("kind").asText()).isEqualTo("RepositoryApplyResult");
        assertThat(dry.path("dryRun").asBoolean()).isTrue();
        assertThat(dry.path("items").get(0).path("result").asText()).isEqualTo("Created");
        api.repository(ns, "dry").failure(404, "NotFound");
        api.post(ResourceApi.BASE + "/namespaces/" + ns + "/repositories?dryRun=Yes", yaml, ResourceApi.YAML)
           .failure(400, "BadRequest");
        api.repository(ns, "dry").failure(404, "NotFound");
        assertThat(api.postYaml(ns, yaml).status()).isEqualTo(201);
    }

    // --- helpers

    private String token(String name, Map<String, String> role) {
        return graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                      .variable("in", Map.of("name", name, "roles", List.of(role)))
                      .execute().path("createApiToken.token").entity(String.class).get();
    }

    private HttpGraphQlTester graphQl(String token) {
        return GatewayClient.graphQl(port, token);
    }

    /**
     * How many entries the actor caused, counted once a repository it adds (name) is in the audit log: the log is
     * written by one processor in event order, so everything the actor caused before is counted too (health checks
     * and syncs, which run by themselves meanwhile, have other actors).
     */
    private long auditedAfter(HttpGraphQlTester client, String actor, String name) {
        applyResponse(client, repository(name, "latest", null, "harbor-prod"), false)
                .path("applyRepositories.created").entity(Integer.class).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> auditCount(actor, name) > 0);
        return auditCount(actor, null);
    }

    /** The actor's entries; with targetName those about that repository of the test's namespace. */
    private long auditCount(String actor, String targetName) {
        Map<String, Object> filter = new HashMap<>(Map.of("actor", actor));
        if (targetName != null) {
            filter.put("namespace", ns);
            filter.put("targetName", targetName);
        }
        return graphQl(auditor).document(AUDIT_COUNT).variable("f", filter).execute()
                               .path("auditLog.totalCount").entity(Long.class).get();
    }

    private GraphQlTester.Path registry(String name) {
        return graphQl.documentName("registry").fragmentName("registryFields").variable("namespace", ns)
                      .variable("name", name).execute().path("registry");
    }

    private GraphQlTester.Response apply(String yaml, boolean dryRun) {
        return applyResponse(yaml, dryRun);
    }

    private GraphQlTester.Response applyResponse(String yaml, boolean dryRun) {
        return applyResponse(graphQl, yaml, dryRun);
    }

    private static GraphQlTester.Response applyResponse(HttpGraphQlTester client, String yaml, boolean dryRun) {
        return client.document(APPLY).variable("yaml", yaml).variable("dryRun", dryRun).execute();
    }

    private String repository(String name, String tag, String description, String source) {
        return "---\n" + ResourceApi.document(ns, name, tag, description).replace("name: harbor-prod",
                                                                                  "name: " + source);
    }

    private String source(String name, String url, String description) {
        return "---\napiVersion: image.theriseunion.io/v1alpha1\nkind: RegistrySource\nmetadata:\n  name: " + name
                + "\n  namespace: " + ns + "\nspec:\n  url: " + url + "\n"
                + (description == null ? "" : "  description: " + description + "\n");
    }
}
