package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.registry.Layer;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import io.theriseunion.imagegateway.registry.testing.PushedIndex;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product document's three Repository examples over the REST API, against a real docker-registry: posted as
 * YAML and as JSON, read back with spec, annotations and status, synced by hand until the status shows the
 * manifest, and deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:rest;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class RepositoryResourceApiTests {

    /** The examples exactly as the document writes them (repository names are DNS-1123 subdomains: dots allowed). */
    static final Map<String, String> EXAMPLES = Map.of(
            "default/nginx-latest", ResourceApi.resource("example-1-nginx-latest.yaml"),
            "production/myapp-v1.0.0", ResourceApi.resource("example-2-myapp-v1.0.0.yaml"),
            "default/redis-multiarch", ResourceApi.resource("example-3-redis-multiarch.yaml"));

    static LocalRegistry registry;
    static PushedImage nginx;
    static PushedImage myapp;
    static PushedIndex redis;

    @LocalServerPort
    int port;

    ResourceApi api;

    @BeforeAll
    static void images() {
        registry = LocalRegistry.anonymous();
        nginx = registry.images().pushDockerImage("library/nginx", "latest");
        myapp = registry.images().pushOciImage("myapp/myapp", "v1.0.0");
        redis = registry.images().pushDockerManifestList("library/redis", "7-alpine");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @BeforeEach
    void registrySources() {
        api = ResourceApi.admin(port);
        var graphQl = GatewayClient.graphQl(port);
        String url = registry.url().toString();
        ResourceApi.ensureRegistry(graphQl, "default", "harbor-prod", url);
        ResourceApi.ensureRegistry(graphQl, "production", "harbor-prod", url);
        ResourceApi.ensureRegistry(graphQl, "default", "dockerhub-public", url);
    }

    @AfterEach
    void deleteExamples() {
        for (String key : EXAMPLES.keySet()) {
            String[] ref = key.split("/");
            api.delete(ref[0], ref[1]);
        }
    }

    private static String listPath(String key) {
        return ResourceApi.BASE + "/namespaces/" + namespaceOf(key) + "/repositories";
    }

    private static String namespaceOf(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private static String nameOf(String key) {
        return key.substring(key.indexOf('/') + 1);
    }

    /** Spec and annotations of the answer are those of the example; metadata and status are the gateway's. */
    private void assertIsTheExample(JsonNode resource, String key) {
        JsonNode example = ResourceApi.yamlTree(EXAMPLES.get(key));
        assertThat(resource.path("apiVersion").asText()).isEqualTo("image.theriseunion.io/v1alpha1");
        assertThat(resource.path("kind").asText()).isEqualTo("Repository");
        assertThat(resource.path("metadata").path("name").asText()).isEqualTo(nameOf(key));
        assertThat(resource.path("metadata").path("namespace").asText()).isEqualTo(namespaceOf(key));
        assertThat(resource.path("metadata").path("annotations"))
                .isEqualTo(example.path("metadata").path("annotations"));
        assertThat(resource.path("metadata").path("resourceVersion").asText()).isEqualTo("1");
        assertThat(resource.path("metadata").path("uid").asText()).isNotBlank();
        assertThat(Instant.parse(resource.path("metadata").path("creationTimestamp").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        JsonNode spec = resource.path("spec");
        JsonNode expected = example.path("spec");
        for (String field : List.of("repository", "tag", "syncInterval")) {
            assertThat(spec.path(field).asText()).as(field).isEqualTo(expected.path(field).asText());
        }
        assertThat(spec.path("registryRef")).isEqualTo(expected.path("registryRef"));
        assertThat(spec.path("syncTimeout").asText()).isEqualTo("10m");
        assertThat(spec.path("retryCount").asInt()).isEqualTo(3);
        JsonNode status = resource.path("status");
        assertThat(status.path("domain").asText()).isEqualTo(registry.authority());
        assertThat(status.path("syncStatus").asText()).isIn("Pending", "Syncing", "Success");
    }

    @Test
    void theDocumentsExamplesPostedAsYamlAreCreatedAndReadBack() {
        for (String key : EXAMPLES.keySet()) {
            ResourceApi.Answer created = api.postYaml(namespaceOf(key), EXAMPLES.get(key));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertIsTheExample(created.json(), key);

            ResourceApi.Answer read = api.repository(namespaceOf(key), nameOf(key));
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.type().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
            assertIsTheExample(read.json(), key);
        }
    }

    @Test
    void theDocumentsExamplesPostedAsJsonAreCreatedAndReadBack() {
        for (String key : EXAMPLES.keySet()) {
            ResourceApi.Answer created = api.post(listPath(key),
                                                  ResourceApi.asJson(EXAMPLES.get(key)), MediaType.APPLICATION_JSON);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertIsTheExample(created.json(), key);
            assertIsTheExample(api.repository(namespaceOf(key), nameOf(key)).json(), key);
        }
    }

    @Test
    void theYamlMediaTypesAreAllAccepted() {
        List<String> types = List.of("application/x-yaml", "text/yaml", "application/yaml;charset=UTF-8");
        List<String> keys = new ArrayList<>(EXAMPLES.keySet());
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            ResourceApi.Answer created = api.post(listPath(key),
                                                  EXAMPLES.get(key), MediaType.parseMediaType(types.get(i)));
            assertThat(created.status()).as(types.get(i) + ": " + created.text()).isEqualTo(201);
        }
    }

    @Test
    void aManualSyncAnswers202AndTheStatusShowsTheManifestFromTheRegistry() {
        EXAMPLES.forEach((key, yaml) -> assertThat(api.postYaml(namespaceOf(key), yaml).status()).isEqualTo(201));

        ResourceApi.Answer accepted = api.sync("default", "nginx-latest");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.json().path("metadata").path("name").asText()).isEqualTo("nginx-latest");
        assertThat(accepted.json().path("status").path("syncStatus").asText()).isIn("Pending", "Syncing", "Success");

        JsonNode nginxStatus = awaitSuccess("default", "nginx-latest");
        assertThat(nginxStatus.path("domain").asText()).isEqualTo(registry.authority());
        assertThat(Instant.parse(nginxStatus.path("lastSynced").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(nginxStatus.path("digest").asText()).isEqualTo(nginx.digest());
        JsonNode manifest = nginxStatus.path("manifest");
        assertThat(manifest.path("architecture").asText()).isEqualTo("amd64");
        assertThat(manifest.path("os").asText()).isEqualTo("linux");
        assertThat(manifest.path("size").asText()).isEqualTo(HumanSize.of(nginx.size())).matches("[0-9.]+k?B");
        Instant.parse(manifest.path("created").asText());
        assertLayers(manifest.path("layers"), nginx.layers());

        for (String key : List.of("production/myapp-v1.0.0", "default/redis-multiarch")) {
            assertThat(api.sync(namespaceOf(key), nameOf(key)).status()).isEqualTo(202);
        }
        JsonNode myappManifest = awaitSuccess("production", "myapp-v1.0.0").path("manifest");
        assertThat(myappManifest.path("architecture").asText()).isEqualTo("amd64");
        assertThat(myappManifest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertLayers(myappManifest.path("layers"), myapp.layers());

        JsonNode redisManifest = awaitSuccess("default", "redis-multiarch").path("manifest");
        assertThat(redisManifest.path("digest").asText()).isEqualTo(redis.digest());
        assertThat(redisManifest.path("architecture").asText()).isEqualTo("amd64");
        assertLayers(redisManifest.path("layers"), redis.platform("amd64").layers());
        List<String> architectures = new ArrayList<>();
        redisManifest.path("platforms").forEach(p -> architectures.add(p.path("architecture").asText()));
        assertThat(architectures).containsExactlyInAnyOrder("amd64", "arm64");
    }

    private JsonNode awaitSuccess(String namespace, String name) {
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            status[0] = api.repository(namespace, name).json().path("status");
            assertThat(status[0].path("syncStatus").asText()).as(status[0].toString()).isEqualTo("Success");
        });
        return status[0];
    }

    private static void assertLayers(JsonNode layers, List<Layer> pushed) {
        assertThat(layers).hasSize(pushed.size());
        for (int i = 0; i < pushed.size(); i++) {
            assertThat(layers.get(i).path("digest").asText()).isEqualTo(pushed.get(i).digest());
            assertThat(layers.get(i).path("size").isTextual()).isTrue();
            assertThat(layers.get(i).path("size").asText()).isEqualTo(String.valueOf(pushed.get(i).size()));
        }
    }

    @Test
    void deleteAnswersAStatusOfSuccessAndTheRepositoryIsGone() {
        EXAMPLES.forEach((key, yaml) -> assertThat(api.postYaml(namespaceOf(key), yaml).status()).isEqualTo(201));
        for (String key : EXAMPLES.keySet()) {
            String uid = api.repository(namespaceOf(key), nameOf(key)).json().path("metadata").path("uid").asText();
            ResourceApi.Answer deleted = api.delete(namespaceOf(key), nameOf(key));
            assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
            JsonNode status = deleted.json();
            assertThat(status.path("kind").asText()).isEqualTo("Status");
            assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
            assertThat(status.path("status").asText()).isEqualTo("Success");
            assertThat(status.path("code").asInt()).isEqualTo(200);
            assertThat(status.path("details").path("name").asText()).isEqualTo(nameOf(key));
            assertThat(status.path("details").path("kind").asText()).isEqualTo("repositories");
            assertThat(status.path("details").path("uid").asText()).isEqualTo(uid);

            api.repository(namespaceOf(key), nameOf(key)).failure(404, "NotFound");
        }
        assertThat(api.get(ResourceApi.BASE + "/namespaces/default/repositories").json().path("items")).isEmpty();
    }
}
