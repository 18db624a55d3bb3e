package io.theriseunion.imagegateway.graphql.dependency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.TestImages;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Repository.dependencies} (依赖关系) over HTTP, against a real registry: Debian's docker-registry on a
 * loopback port, with images whose layers are the same blobs pushed through its HTTP API, synced by the gateway.
 * Run on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"gateway.data-dir=target/test-data", "db-scheduler.polling-interval=1s"})
abstract class RepositoryDependenciesContract {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final ObjectMapper JSON = new ObjectMapper();

    static LocalRegistry registry;

    @LocalServerPort
    int port;

    HttpGraphQlTester graphQl;
    String ns;
    String hidden;
    /** The config blob's size of each image pushed, by repository path. */
    final Map<String, Long> configBytes = new HashMap<>();

    /** The layers of a base image (bottom first), of applications built on it, and of unrelated images. */
    Blob base1;
    Blob base2;
    Blob web;
    Blob api;
    Blob lone;
    Blob moved;

    record Blob(byte[] content) {
        long size() {
            return content.length;
        }
    }

    @BeforeAll
    static void start() {
        registry = LocalRegistry.anonymous();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /** Every test has images of its own (new random layers), in namespaces of its own. */
    @BeforeEach
    void connect() {
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("d");
        hidden = freshNamespace("h");
        addRegistry(ns);
        addRegistry(hidden);
        base1 = blob(8192);
        base2 = blob(4096);
        web = blob(1024);
        api = blob(2048);
        lone = blob(16384);
        moved = blob(512);
        push(ns + "/base", "1", base1, base2);
        push(ns + "/web", "1", base1, base2, web);
        // shares the bottom layer only, then a layer of its own
        push(ns + "/api", "1", base1, api);
        push(ns + "/lone", "1", lone);
        // the same application as web, in a namespace a viewer of the first cannot read
        push(ns + "/web-copy", "1", base1, base2, web);
    }

    private static Blob blob(int size) {
        byte[] content = new byte[size];
        ThreadLocalRandom.current().nextBytes(content);
        return new Blob(content);
    }

    /** Pushes an OCI image of these layers (each blob uploaded to the repository) under the tag; its digest. */
    private String push(String repository, String tag, Blob... layers) {
        TestImages images = registry.images();
        List<Map<String, Object>> descriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (Blob layer : layers) {
            String digest = images.pushBlob(repository, layer.content());
            descriptors.add(descriptor(OCI_LAYER, digest, layer.size()));
            diffIds.add(digest);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("created", "2024-05-01T12:30:00Z");
        config.put("config", Map.of("Cmd", List.of("/bin/sh"), "Labels", Map.of("tag", tag,
                                                                            "nonce", String.valueOf(System.nanoTime()))));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        byte[] configBytes = json(config);
        String configDigest = images.pushBlob(repository, configBytes);
        this.configBytes.put(repository, (long) configBytes.length);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OCI_MANIFEST);
        manifest.put("config", descriptor(OCI_CONFIG, configDigest, configBytes.length));
        manifest.put("layers", descriptors);
        return images.pushManifest(repository, tag, OCI_MANIFEST, json(manifest));
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("size", size);
        descriptor.put("digest", digest);
        return descriptor;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digestOf(Blob blob) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(blob.content()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void addRegistry(String namespace) {
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", namespace, "name", "local", "url", registry.url().toString(),
                                         "insecure", true))
               .execute().path("addRegistry.name").entity(String.class).isEqualTo("local");
    }

    private void addRepository(String namespace, String name, String path, String tag) {
        graphQl.documentName("addRepository").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", namespace, "name", name, "registry", Map.of("name", "local"),
                                         "repository", path, "tag", tag))
               .execute().path("addRepository.version").entity(Integer.class).isEqualTo(1);
    }

    private void awaitStatus(String namespace, String name, String status, int runs) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> graphQl.documentName("syncStatus").variable("namespace", namespace).variable("name", name)
                             .execute()
                             .path("repository.syncStatus").entity(String.class).isEqualTo(status)
                             .path("repository.syncHistory.totalCount").entity(Integer.class).isEqualTo(runs));
    }

    private GraphQlTester.Response dependencies(HttpGraphQlTester client, String namespace, String name) {
        return client.documentName("dependencies").variable("namespace", namespace).variable("name", name).execute();
    }

    /** Waits until the layers read model shows what the assertion expects (it follows the events on its own). */
    private void eventually(HttpGraphQlTester client, String namespace, String name,
                            Consumer<GraphQlTester.Response> expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> expected.accept(dependencies(client, namespace, name)));
    }

    private void addAndSyncAll() {
        addRepository(ns, "base", ns + "/base", "1");
        addRepository(ns, "web", ns + "/web", "1");
        addRepository(ns, "api", ns + "/api", "1");
        addRepository(ns, "lone", ns + "/lone", "1");
        addRepository(hidden, "web-copy", ns + "/web-copy", "1");
        for (String name : List.of("base", "web", "api", "lone")) {
            awaitStatus(ns, name, "SUCCESS", 1);
        }
        awaitStatus(hidden, "web-copy", "SUCCESS", 1);
    }

    @Test
    void repositoriesSharingLayersAreListedLargestSharedSizeFirstWithTheCommonBaseLayers() {
        addAndSyncAll();
        long baseBytes = base1.size() + base2.size();
        eventually(graphQl, ns, "web", r -> r
                .path("repository.dependencies.sharedWith[*].repository.name").entityList(String.class)
                .containsExactly("web-copy", "base", "api")
                .path("repository.dependencies.sharedWith[*].repository.namespace").entityList(String.class)
                .containsExactly(hidden, ns, ns)
                .path("repository.dependencies.sharedWith[*].layers").entityList(Integer.class)
                .containsExactly(3, 2, 1)
                .path("repository.dependencies.sharedWith[*].bytes").entityList(Long.class)
                .containsExactly(baseBytes + web.size(), baseBytes, base1.size())
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(3)
                .path("repository.dependencies.baseLayers[*].digest").entityList(String.class)
                .containsExactly(digestOf(base1), digestOf(base2), digestOf(web))
                .path("repository.dependencies.uniqueBytes").entity(Long.class).isEqualTo(0L));

        eventually(graphQl, ns, "api", r -> r
                .path("repository.dependencies.baseLayers[*].digest").entityList(String.class)
                .containsExactly(digestOf(base1))
                .path("repository.dependencies.baseLayers[0].size").entity(Long.class).isEqualTo(base1.size())
                .path("repository.dependencies.uniqueBytes").entity(Long.class).isEqualTo(api.size())
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(3));

        eventually(graphQl, ns, "lone", r -> r
                .path("repository.dependencies.sharedWith").entityList(Object.class).hasSize(0)
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(0)
                .path("repository.dependencies.baseLayers").entityList(Object.class).hasSize(0)
                .path("repository.dependencies.uniqueBytes").entity(Long.class).isEqualTo(lone.size()));

        graphQl.document("query($ns: String!) { repository(namespace: $ns, name: \"web\") {"
                                 + " dependencies { sharedWith(first: 1) { repository { name } } } } }")
               .variable("ns", ns).execute()
               .path("repository.dependencies.sharedWith[*].repository.name").entityList(String.class)
               .containsExactly("web-copy");
    }

    @Test
    void aCallerSeesOnlyTheRepositoriesItCanRead() {
        addAndSyncAll();
        String viewer = graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                               .variable("in", Map.of("name", "viewer-" + ns, "roles",
                                                      List.of(Map.of("namespace", ns, "role", "VIEWER"))))
                               .execute().path("createApiToken.token").entity(String.class).get();
        HttpGraphQlTester asViewer = GatewayClient.graphQl(port, viewer);
        eventually(graphQl, hidden, "web-copy", r -> r
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(3));

        dependencies(asViewer, ns, "web")
                .path("repository.dependencies.sharedWith[*].repository.name").entityList(String.class)
                .containsExactly("base", "api")
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(2)
                // the web layer is only in the repository the viewer cannot read: it is not shared for them
                .path("repository.dependencies.baseLayers[*].digest").entityList(String.class)
                .containsExactly(digestOf(base1), digestOf(base2))
                .path("repository.dependencies.uniqueBytes").entity(Long.class).isEqualTo(web.size());
        dependencies(asViewer, hidden, "web-copy").path("repository").valueIsNull();
    }

    @Test
    void aNewDigestChangesWhatIsShared() {
        addAndSyncAll();
        eventually(graphQl, ns, "web", r -> r
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(3));

        push(ns + "/api", "1", moved);
        graphQl.documentName("triggerSync").variable("namespace", ns).variable("name", "api").execute()
               .path("triggerSync.trigger").entity(String.class).isEqualTo("MANUAL");
        awaitStatus(ns, "api", "SUCCESS", 2);

        eventually(graphQl, ns, "web", r -> r
                .path("repository.dependencies.sharedWith[*].repository.name").entityList(String.class)
                .containsExactly("web-copy", "base"));
        dependencies(graphQl, ns, "api")
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(0)
                .path("repository.dependencies.baseLayers").entityList(Object.class).hasSize(0)
                .path("repository.dependencies.uniqueBytes").entity(Long.class).isEqualTo(moved.size());
    }

    @Test
    void aDeletedRepositoryNoLongerSharesAndANeverSyncedOneSharesNothing() {
        addAndSyncAll();
        eventually(graphQl, ns, "base", r -> r
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(3));
        graphQl.documentName("deleteRepository").variable("namespace", hidden).variable("name", "web-copy")
               .variable("confirmName", "web-copy").execute().path("deleteRepository").hasValue();
        eventually(graphQl, ns, "base", r -> r
                .path("repository.dependencies.sharedWith[*].repository.name").entityList(String.class)
                .containsExactly("web", "api"));

        addRepository(ns, "missing", ns + "/none", "1");
        awaitStatus(ns, "missing", "FAILED", 1);
        dependencies(graphQl, ns, "missing")
                .path("repository.dependencies.sharedWith").entityList(Object.class).hasSize(0)
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(0)
                .path("repository.dependencies.baseLayers").entityList(Object.class).hasSize(0)
                .path("repository.dependencies.uniqueBytes").entity(Long.class).isEqualTo(0L);
    }

    @Test
    void sharedWithTakesAtMostTheMaximumPageSize() {
        addRepository(ns, "lone", ns + "/lone", "1");
        graphQl.document("query($ns: String!) { repository(namespace: $ns, name: \"lone\") {"
                                 + " dependencies { sharedWith(first: 201) { bytes } } } }")
               .variable("ns", ns).execute()
               .errors().satisfy(errors -> {
                   assertThat(errors).hasSize(1);
                   assertThat(errors.get(0).getExtensions()).containsEntry("code", "VALIDATION_FAILED")
                                                            .containsEntry("field", "first");
               });
    }

    /**
     * Namespace.storage over HTTP, as the namespace selector reads it: every image in the total, every distinct
     * layer of the namespace once in the unique figure, configs per image; a namespace of no synced image: zeros.
     */
    @Test
    void aNamespacesStorageCountsEachImageAndEachDistinctLayerOnce() {
        addAndSyncAll();
        long configs = configBytes.get(ns + "/base") + configBytes.get(ns + "/web") + configBytes.get(ns + "/api")
                + configBytes.get(ns + "/lone");
        long total = configs + (base1.size() + base2.size()) + (base1.size() + base2.size() + web.size())
                + (base1.size() + api.size()) + lone.size();
        long unique = configs + base1.size() + base2.size() + web.size() + api.size() + lone.size();
        long copy = configBytes.get(ns + "/web-copy") + base1.size() + base2.size() + web.size();
        String empty = freshNamespace("e");
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", empty, "name", "unused", "url", "https://127.0.0.1:9"))
               .execute().path("addRegistry.name").entity(String.class).isEqualTo("unused");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Map<String, Object>> byName = storageByNamespace();
            assertThat(byName.get(ns)).isEqualTo(Map.of("totalBytes", total, "uniqueBytes", unique));
            assertThat(byName.get(hidden)).isEqualTo(Map.of("totalBytes", copy, "uniqueBytes", copy));
            assertThat(byName.get(empty)).isEqualTo(Map.of("totalBytes", 0L, "uniqueBytes", 0L));
        });
    }

    private Map<String, Map<String, Object>> storageByNamespace() {
        List<Map<String, Object>> namespaces = graphQl.document("{ namespaces { name storage { totalBytes uniqueBytes } } }")
                .execute().path("namespaces").entityList(new ParameterizedTypeReference<Map<String, Object>>() {}).get();
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Map<String, Object> n : namespaces) {
            @SuppressWarnings("unchecked")
            Map<String, Object> storage = (Map<String, Object>) n.get("storage");
            byName.put((String) n.get("name"), Map.of("totalBytes", ((Number) storage.get("totalBytes")).longValue(),
                                                      "uniqueBytes", ((Number) storage.get("uniqueBytes")).longValue()));
        }
        return byName;
    }

    @Test
    void theReadModelRebuildsFromTheEvents() {
        addAndSyncAll();
        eventually(graphQl, ns, "web", r -> r
                .path("repository.dependencies.sharedWithCount").entity(Integer.class).isEqualTo(3));
        String before = dependencies(graphQl, ns, "web").path("repository.dependencies").entity(Map.class).get()
                                                            .toString();

        GatewayClient.http(port).post().uri("/actuator/projections/repository-layers").exchange()
                     .expectStatus().isOk()
                     .expectBody().jsonPath("$.name").isEqualTo("repository-layers");

        eventually(graphQl, ns, "web", r -> assertThat(r.path("repository.dependencies").entity(Map.class).get()
                                                         .toString()).isEqualTo(before));
    }
}
