package io.theriseunion.imagegateway.graphql.registrysource;

import io.theriseunion.imagegateway.registry.Signatures;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import io.theriseunion.imagegateway.support.GatewayClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static io.theriseunion.imagegateway.support.GraphQlErrors.assertError;
import static io.theriseunion.imagegateway.support.GraphQlErrors.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The create panel's check and pickers (previewRepository, registryRepositories, registryTags) and the detail page's
 * advisories, over HTTP against a real registry (Debian's docker-registry with images pushed through its HTTP API);
 * a MockWebServer only for a registry that refuses its catalogue. Run on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"gateway.data-dir=target/test-data", "db-scheduler.polling-interval=1s"})
abstract class RegistryBrowseContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PREVIEW = """
            query($input: AddRepositoryInput!) { previewRepository(input: $input) {
              valid errors { code message field } source { namespace name reachable health message }
              repositoryExists tagExists image { digest mediaType size os architecture platforms { os architecture } }
              suggestedTags } }""";
    private static final String REPOSITORIES = """
            query($ns: String!, $reg: String!, $search: String, $first: Int, $after: String) {
              registryRepositories(namespace: $ns, registry: $reg, search: $search, first: $first, after: $after) {
                items hasNextPage endCursor } }""";
    private static final String TAGS = """
            query($ns: String!, $reg: String!, $repo: String!, $first: Int, $after: String) {
              registryTags(namespace: $ns, registry: $reg, repository: $repo, first: $first, after: $after) {
                items hasNextPage endCursor } }""";
    private static final String ADVISORIES = """
            query($ns: String!, $name: String!) { repository(namespace: $ns, name: $name) {
              syncStatus advisories { code message severity } } }""";

    static LocalRegistry registry;
    static PushedImage nginx;
    static PushedImage signed;
    static MockWebServer noCatalogue;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    HttpGraphQlTester graphQl;
    String ns;

    @BeforeAll
    static void registries() throws IOException {
        registry = LocalRegistry.anonymous();
        nginx = registry.images().pushOciImage("library/nginx", "1.25.3");
        registry.images().pushOciImage("library/nginx", "1.26.0");
        registry.images().pushOciImage("library/nginx", "latest");
        signed = registry.images().pushOciImage("team/app", "v1");
        registry.images().pushOciImage("team/app", Signatures.cosignTag(signed.digest()));
        registry.images().pushOciImage("alpha/one", "1");
        registry.images().pushOciImage("alpha/two", "1");
        noCatalogue = new MockWebServer();
        noCatalogue.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return new MockResponse.Builder().code(request.getUrl().encodedPath().equals("/v2/") ? 200 : 401)
                                                 .build();
            }
        });
        noCatalogue.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void stop() {
        registry.close();
        noCatalogue.close();
    }

    @BeforeEach
    void connect() {
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("b");
        addRegistry("local", registry.url().toString());
    }

    private void addRegistry(String name, String url) {
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", ns, "name", name, "url", url, "insecure", true))
               .execute().path("addRegistry.name").entity(String.class).isEqualTo(name);
    }

    private Map<String, Object> input(String name, String registryName, String path, String tag) {
        Map<String, Object> input = new HashMap<>(Map.of("namespace", ns, "name", name,
                                                         "registry", Map.of("name", registryName),
                                                         "repository", path, "tag", tag));
        input.put("syncTimeout", "20s");
        return input;
    }

    private GraphQlTester.Response preview(Map<String, Object> input) {
        return graphQl.document(PREVIEW).variable("input", input).execute();
    }

    private void add(Map<String, Object> input) {
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute()
               .path("addRepository.version").entity(Integer.class).isEqualTo(1);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aPreviewOfAnExistingTagIsValidAndShowsTheImage() {
        GraphQlTester.Response answer = preview(input("nginx", "local", "library/nginx", "1.25.3"));

        answer.path("previewRepository.valid").entity(Boolean.class).isEqualTo(true)
              .path("previewRepository.errors").entityList(Object.class).hasSize(0)
              .path("previewRepository.source.reachable").entity(Boolean.class).isEqualTo(true)
              .path("previewRepository.source.health").entity(String.class).isEqualTo("HEALTHY")
              .path("previewRepository.tagExists").entity(Boolean.class).isEqualTo(true)
              .path("previewRepository.image.digest").entity(String.class).isEqualTo(nginx.digest())
              .path("previewRepository.image.mediaType").entity(String.class).isEqualTo(nginx.mediaType())
              .path("previewRepository.image.os").entity(String.class).isEqualTo("linux")
              .path("previewRepository.suggestedTags").entityList(String.class).hasSize(0);
        assertThat(answer.path("previewRepository.image.size").entity(Long.class).get()).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from repository_view where namespace = ?", Integer.class, ns))
                .isZero();
    }

    @Test
    void aPreviewAnswersEveryFieldErrorAsAddRepositoryWould() {
        add(input("taken", "local", "library/nginx", "1.25.3"));
        Map<String, Object> bad = input("taken", "local", "Library/Nginx", "no tag!");
        bad.put("syncInterval", "5x");

        GraphQlTester.Response answer = preview(bad);

        answer.path("previewRepository.valid").entity(Boolean.class).isEqualTo(false);
        assertThat(answer.path("previewRepository.errors[*].field").entityList(String.class).get())
                .containsExactlyInAnyOrder("repository", "tag", "syncInterval", "name");
        assertThat(answer.path("previewRepository.errors[*].code").entityList(String.class).get())
                .containsExactlyInAnyOrder("VALIDATION_FAILED", "VALIDATION_FAILED", "VALIDATION_FAILED",
                                           "ALREADY_EXISTS");
        assertThat(answer.path("previewRepository.errors[*].message").entityList(String.class).get())
                .contains("repository " + ns + "/taken already exists",
                          "syncInterval: must be a duration such as 30m, 1h, 1h30m or 24h (units h, m, s)");

        GraphQlTester.Response unknown = preview(input("other", "nowhere", "library/nginx", "1.25.3"));
        unknown.path("previewRepository.valid").entity(Boolean.class).isEqualTo(false)
               .path("previewRepository.source").valueIsNull()
               .path("previewRepository.errors[0].field").entity(String.class).isEqualTo("registry.name")
               .path("previewRepository.errors[0].code").entity(String.class).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aMissingTagSuggestsTagsThatExist() {
        GraphQlTester.Response answer = preview(input("nginx", "local", "library/nginx", "1.24"));

        answer.path("previewRepository.valid").entity(Boolean.class).isEqualTo(false)
              .path("previewRepository.errors").entityList(Object.class).hasSize(0)
              .path("previewRepository.repositoryExists").entity(Boolean.class).isEqualTo(true)
              .path("previewRepository.tagExists").entity(Boolean.class).isEqualTo(false)
              .path("previewRepository.image").valueIsNull()
              .path("previewRepository.suggestedTags").entityList(String.class)
              .containsExactly("1.26.0", "1.25.3", "latest");

        preview(input("nginx", "local", "library/nginxx", "1.25.3"))
                .path("previewRepository.repositoryExists").entity(Boolean.class).isEqualTo(false)
                .path("previewRepository.tagExists").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void aSignatureTagIsNoSuggestion() {
        preview(input("app", "local", "team/app", "v2"))
                .path("previewRepository.suggestedTags").entityList(String.class).containsExactly("v1");
    }

    @Test
    void anUnreachableSourceIsShownSoAndThePreviewIsNotValid() throws IOException {
        addRegistry("gone", "http://127.0.0.1:" + closedPort());

        preview(input("nginx", "gone", "library/nginx", "1.25.3"))
                .path("previewRepository.valid").entity(Boolean.class).isEqualTo(false)
                .path("previewRepository.errors").entityList(Object.class).hasSize(0)
                .path("previewRepository.source.reachable").entity(Boolean.class).isEqualTo(false)
                .path("previewRepository.source.health").entity(String.class).isEqualTo("UNREACHABLE")
                .path("previewRepository.source.message").entity(String.class).satisfies(m -> assertThat(m).isNotBlank())
                .path("previewRepository.tagExists").valueIsNull();
    }

    private HttpGraphQlTester as(String role) {
        String token = graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                              .variable("in", Map.of("name", role.toLowerCase() + "-" + ns, "roles",
                                                     List.of(Map.of("namespace", ns, "role", role))))
                              .execute().path("createApiToken.token").entity(String.class).get();
        return GatewayClient.graphQl(port, token);
    }

    @Test
    void aPreviewNeedsTheEditorRole() {
        HttpGraphQlTester viewer = as("VIEWER");

        assertError(viewer.document(PREVIEW).variable("input", input("nginx", "local", "library/nginx", "1.25.3"))
                          .execute(), "FORBIDDEN", null);
        assertError(viewer.document(REPOSITORIES).variable("ns", ns).variable("reg", "local").execute(),
                    "FORBIDDEN", null);
    }

    @Test
    void anotherNamespacesSourceIsUsableOnlyWhenShared() {
        String other = freshNamespace("c");
        for (boolean shared : List.of(false, true)) {
            graphQl.documentName("addRegistry").fragmentName("registryFields")
                   .variable("input", Map.of("namespace", other, "name", shared ? "open" : "closed", "insecure", true,
                                             "url", registry.url().toString(), "shared", shared))
                   .execute().path("addRegistry.shared").entity(Boolean.class).isEqualTo(shared);
        }
        HttpGraphQlTester editor = as("EDITOR");
        String query = """
                query($ns: String!, $reg: String!, $regNs: String) {
                  registryRepositories(namespace: $ns, registry: $reg, registryNamespace: $regNs, search: "nginx") {
                    items } }""";

        assertError(editor.document(query).variable("ns", ns).variable("reg", "closed").variable("regNs", other)
                          .execute(), "NOT_FOUND", null, registry.authority());
        editor.document(query).variable("ns", ns).variable("reg", "open").variable("regNs", other).execute()
              .path("registryRepositories.items").entityList(String.class).containsExactly("library/nginx");

        Map<String, Object> closed = input("nginx", "closed", "library/nginx", "1.25.3");
        closed.put("registry", Map.of("namespace", other, "name", "closed"));
        editor.document(PREVIEW).variable("input", closed).execute()
              .path("previewRepository.valid").entity(Boolean.class).isEqualTo(false)
              .path("previewRepository.source").valueIsNull()
              .path("previewRepository.errors[0].field").entity(String.class).isEqualTo("registry.name");
        Map<String, Object> open = input("nginx", "open", "library/nginx", "1.25.3");
        open.put("registry", Map.of("namespace", other, "name", "open"));
        editor.document(PREVIEW).variable("input", open).execute()
              .path("previewRepository.valid").entity(Boolean.class).isEqualTo(true)
              .path("previewRepository.source.namespace").entity(String.class).isEqualTo(other);
    }

    @Test
    void theCatalogueIsPagedAndSearched() {
        GraphQlTester.Response first = graphQl.document(REPOSITORIES).variable("ns", ns).variable("reg", "local")
                                              .variable("first", 2).execute();
        first.path("registryRepositories.items").entityList(String.class).containsExactly("alpha/one", "alpha/two")
             .path("registryRepositories.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = first.path("registryRepositories.endCursor").entity(String.class).get();

        graphQl.document(REPOSITORIES).variable("ns", ns).variable("reg", "local").variable("first", 2)
               .variable("after", cursor).execute()
               .path("registryRepositories.items").entityList(String.class).containsExactly("library/nginx", "team/app")
               .path("registryRepositories.hasNextPage").entity(Boolean.class).isEqualTo(false);

        graphQl.document(REPOSITORIES).variable("ns", ns).variable("reg", "local").variable("search", "NGINX")
               .execute()
               .path("registryRepositories.items").entityList(String.class).containsExactly("library/nginx")
               .path("registryRepositories.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void tagsArePaged() {
        GraphQlTester.Response first = graphQl.document(TAGS).variable("ns", ns).variable("reg", "local")
                                              .variable("repo", "library/nginx").variable("first", 2).execute();
        first.path("registryTags.items").entityList(String.class).containsExactly("1.25.3", "1.26.0")
             .path("registryTags.hasNextPage").entity(Boolean.class).isEqualTo(true);

        graphQl.document(TAGS).variable("ns", ns).variable("reg", "local").variable("repo", "library/nginx")
               .variable("first", 2)
               .variable("after", first.path("registryTags.endCursor").entity(String.class).get()).execute()
               .path("registryTags.items").entityList(String.class).containsExactly("latest")
               .path("registryTags.hasNextPage").entity(Boolean.class).isEqualTo(false);

        assertError(graphQl.document(TAGS).variable("ns", ns).variable("reg", "local").variable("repo", "no/such")
                           .execute(), "NOT_FOUND", "repository");
        assertError(graphQl.document(TAGS).variable("ns", ns).variable("reg", "local").variable("repo", "library/nginx")
                           .variable("first", 0).execute(), "VALIDATION_FAILED", "first");
    }

    @Test
    void aRegistryThatRefusesItsCatalogueSaysThePathCanBeTyped() {
        addRegistry("closed", "http://127.0.0.1:" + noCatalogue.getPort());

        GraphQlTester.Response answer = graphQl.document(REPOSITORIES).variable("ns", ns).variable("reg", "closed")
                                               .execute();

        assertError(answer, "CATALOG_UNAVAILABLE", null);
        assertThat(errorsOf(answer).get(0).getMessage()).contains("type the repository path");
        assertError(graphQl.document(REPOSITORIES).variable("ns", ns).variable("reg", "missing").execute(),
                    "NOT_FOUND", null);
    }

    private GraphQlTester.Response awaitSynced(String name) {
        GraphQlTester.Response[] last = new GraphQlTester.Response[1];
        await().atMost(WAIT).untilAsserted(() -> {
            last[0] = graphQl.document(ADVISORIES).variable("ns", ns).variable("name", name).execute();
            last[0].path("repository.syncStatus").entity(String.class).isEqualTo("SUCCESS");
        });
        return last[0];
    }

    @Test
    void latestUnsignedIsAdvisedAgainstAndASignedVersionIsNot() {
        add(input("nginx", "local", "library/nginx", "latest"));
        add(input("app", "local", "team/app", "v1"));

        assertThat(awaitSynced("nginx").path("repository.advisories[*].code").entityList(String.class).get())
                .containsExactly("MUTABLE_TAG", "UNSIGNED");
        awaitSynced("app").path("repository.advisories").entityList(Object.class).hasSize(0);
    }

    @Test
    void aRepositoryWithoutASuccessForThreeIntervalsIsStale() throws IOException {
        addRegistry("gone", "http://127.0.0.1:" + closedPort());
        Map<String, Object> input = input("old", "gone", "library/nginx", "1.25.3");
        input.put("syncInterval", "1h");
        add(input);
        graphQl.document(ADVISORIES).variable("ns", ns).variable("name", "old").execute()
               .path("repository.advisories").entityList(Object.class).hasSize(0);

        // added four hours ago, as far as the catalogue knows: three intervals of 1h passed with no success
        jdbc.update("update repository_view set created_at = ? where namespace = ? and name = ?",
                    OffsetDateTime.now(ZoneOffset.UTC).minusHours(4), ns, "old");

        GraphQlTester.Response answer = graphQl.document(ADVISORIES).variable("ns", ns).variable("name", "old")
                                               .execute();
        answer.path("repository.advisories[0].code").entity(String.class).isEqualTo("STALE")
              .path("repository.advisories[0].severity").entity(String.class).isEqualTo("WARNING");
        assertThat(answer.path("repository.advisories[*].code").entityList(String.class).get())
                .containsExactly("STALE");
    }
}
