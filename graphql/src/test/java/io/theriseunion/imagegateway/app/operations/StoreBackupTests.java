package io.theriseunion.imagegateway.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.GatewayApplication;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.theriseunion.imagegateway.support.GraphQlErrors.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backup and restore of the embedded store as an administrator does it: a gateway on its own data folder, with
 * repositories synced from a real registry that asks for credentials, is backed up through {@code POST
 * /actuator/backup} while it goes on serving (and taking changes); the zip is unpacked into a fresh folder beside
 * the credentials key, and a second gateway started there shows the same catalogue: repositories, their sync history
 * and their audit trail, and it syncs with the stored credentials.
 */
class StoreBackupTests {

    private static final String NS = "team";
    private static final String BUSY = "busy";
    private static final ObjectMapper JSON = new ObjectMapper();

    static LocalRegistry registry;

    @TempDir
    Path first;
    @TempDir
    Path restored;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.withHtpasswd("robot", "pa55-for-the-backup");
        registry.images().pushDockerImage("library/nginx", "latest");
        registry.images().pushOciImage("library/redis", "7");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void aBackupTakenWhileTheGatewayServesRestoresTheSameCatalogue() throws Exception {
        JsonNode backup;
        Map<String, Object> catalogue;
        Map<String, Object> trail;
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        try (ConfigurableApplicationContext gateway = start(first)) {
            int port = port(gateway);
            HttpGraphQlTester graphQl = GatewayClient.graphQl(port);
            addSource(graphQl, NS);
            addSource(graphQl, BUSY);
            add(graphQl, NS, "nginx", "library/nginx", "latest");
            add(graphQl, NS, "redis", "library/redis", "7");
            add(graphQl, NS, "gone", "library/nginx", "latest");
            for (String name : List.of("nginx", "redis", "gone")) {
                awaitSuccess(graphQl, name, 1);
            }
            graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
                   .variable("input", Map.of("namespace", NS, "name", "nginx", "displayName", "入口"))
                   .execute().path("editRepositoryMetadata.version").entity(Integer.class).isEqualTo(2);
            graphQl.documentName("deleteRepository").variable("namespace", NS).variable("name", "gone")
                   .variable("confirmName", "gone").execute().path("deleteRepository.deleted").hasValue();
            catalogue = catalogue(graphQl);
            // the stored audit log follows the events a moment later: wait for the edit and the delete
            await().atMost(Duration.ofSeconds(30)).until(() -> trail(graphQl).get("totalCount").equals(14));
            trail = trail(graphQl);

            // online: another client keeps adding repositories while the backup is taken
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<List<String>> writerErrors = writer.submit(() -> {
                List<String> errors = new ArrayList<>();
                for (int i = 0; writing.get() || i < 3; i++) {
                    Map<String, Object> input = input(BUSY, "busy-" + i, "library/nginx", "latest");
                    GraphQlTester.Response added = graphQl.documentName("addRepository")
                                                          .fragmentName("repositoryFields")
                                                          .variable("input", input).execute();
                    List<String> refusals = errorsOf(added).stream().map(e -> String.valueOf(e.getMessage())).toList();
                    if (refusals.isEmpty()) {
                        acknowledged.add("busy-" + i);
                    }
                    errors.addAll(refusals);
                }
                return errors;
            });
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 2);
                backup = json(GatewayClient.http(port).post().uri("/actuator/backup").exchange()
                                           .expectStatus().isOk().expectBody(String.class).returnResult()
                                           .getResponseBody());
            } finally {
                writing.set(false);
            }
            assertThat(writerErrors.get()).as("answers to the adds made during the backup").isEmpty();
            writer.shutdown();

            String file = backup.path("file").asText();
            assertThat(file).matches("gateway-\\d{8}T\\d{6}\\.\\d{3}Z\\.zip");
            Path zip = first.resolve("backups").resolve(file);
            assertThat(zip).isRegularFile().hasSize(backup.path("size").asLong());
            assertThat(backup.path("takenAt").asText()).isNotEmpty();
            // the gateway still serves, and the backup is listed and audited (who, when, which file)
            GatewayClient.http(port).get().uri("/actuator/backup").exchange().expectStatus().isOk().expectBody()
                         .jsonPath("$.backups[0].file").isEqualTo(file)
                         .jsonPath("$.backups[0].size").isEqualTo(backup.path("size").asLong());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> graphQl
                    .document("{ auditLog(filter: {targetKind: STORE}) { edges { node { actor action targetId"
                                      + " details } } } }")
                    .execute()
                    .path("auditLog.edges[0].node.action").entity(String.class).isEqualTo("store.backup.created")
                    .path("auditLog.edges[0].node.actor").entity(String.class).isEqualTo("admin")
                    .path("auditLog.edges[0].node.targetId").entity(String.class).isEqualTo(file)
                    .path("auditLog.edges[0].node.details.size").entity(Long.class)
                    .isEqualTo(backup.path("size").asLong()));
            assertThat(GatewayClient.anonymousHttp(port).post().uri("/actuator/backup").exchange()
                                    .returnResult(String.class).getStatus().value()).isEqualTo(401);

            // restore: the backup unpacked into a fresh data folder, with the credentials key beside it
            unzip(zip, restored);
            Files.copy(first.resolve("credentials.key"), restored.resolve("credentials.key"));
        }

        try (ConfigurableApplicationContext gateway = start(restored)) {
            HttpGraphQlTester graphQl = GatewayClient.graphQl(port(gateway));
            assertThat(catalogue(graphQl)).isEqualTo(catalogue);
            assertThat(trail(graphQl)).isEqualTo(trail);
            // what the other client added before the backup is there, nothing it was not told was stored
            List<String> busy = names(graphQl, BUSY);
            assertThat(busy).isNotEmpty();
            assertThat(acknowledged).containsAll(busy);
            // the stored registry password still opens the registry: the key is the same
            graphQl.documentName("triggerSync").variable("namespace", NS).variable("name", "redis").execute()
                   .path("triggerSync.id").hasValue();
            awaitSuccess(graphQl, "redis", 2);
            // and no backup entry: the restored store is the one from before the backup was audited
            graphQl.document("{ auditLog(filter: {targetKind: STORE}) { totalCount } }").execute()
                   .path("auditLog.totalCount").entity(Integer.class).isEqualTo(0);
        }
    }

    @Test
    void aFolderThatCannotBeWrittenIsRefusedByName() throws IOException {
        Path notAFolder = Files.writeString(first.resolve("not-a-folder"), "a file");
        try (ConfigurableApplicationContext gateway = start(first, "--gateway.backup.dir=" + notAFolder)) {
            GatewayClient.http(port(gateway)).post().uri("/actuator/backup").exchange()
                         .expectStatus().isEqualTo(503).expectBody()
                         .jsonPath("$.code").isEqualTo("UNAVAILABLE")
                         .jsonPath("$.message").value(m -> assertThat((String) m)
                                 .contains("gateway.backup.dir", notAFolder.toString()));
            GatewayClient.graphQl(port(gateway))
                         .document("{ auditLog(filter: {targetKind: STORE}) { totalCount } }").execute()
                         .path("auditLog.totalCount").entity(Integer.class).isEqualTo(0);
        }
    }

    // --- helpers

    private static ConfigurableApplicationContext start(Path data, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--gateway.data-dir=" + data));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static void addSource(HttpGraphQlTester graphQl, String namespace) {
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", namespace, "name", "local", "url", registry.url().toString(),
                                         "insecure", true, "username", "robot", "password", "pa55-for-the-backup"))
               .execute().path("addRegistry.name").entity(String.class).isEqualTo("local");
    }

    private static Map<String, Object> input(String namespace, String name, String repository, String tag) {
        return new HashMap<>(Map.of("namespace", namespace, "name", name, "registry", Map.of("name", "local"),
                                    "repository", repository, "tag", tag));
    }

    private static void add(HttpGraphQlTester graphQl, String namespace, String name, String repository,
                            String tag) {
        GraphQlTester.Response added = graphQl.documentName("addRepository").fragmentName("repositoryFields")
                                              .variable("input", input(namespace, name, repository, tag)).execute();
        assertThat(errorsOf(added)).isEmpty();
    }

    /** Waits until the repository's newest of at least runs runs succeeded. */
    private static void awaitSuccess(HttpGraphQlTester graphQl, String name, int runs) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode repository = JSON.valueToTree(graphQl
                    .document("query($n: String!) { repository(namespace: \"" + NS + "\", name: $n) { syncStatus"
                                      + " syncHistory { totalCount } } }")
                    .variable("n", name).execute().path("repository").entity(Map.class).get());
            assertThat(repository.path("syncStatus").asText()).isEqualTo("SUCCESS");
            assertThat(repository.path("syncHistory").path("totalCount").asInt()).isGreaterThanOrEqualTo(runs);
        });
    }

    /** The namespace's repositories with their state and sync history, as a client reads them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> catalogue(HttpGraphQlTester graphQl) {
        return graphQl.document("{ repositories(namespace: \"" + NS + "\", first: 5) { totalCount edges { node {"
                                        + " id namespace name displayName description image version syncStatus"
                                        + " digest lastSynced createdAt updatedAt nextSyncAt syncHistory(first: 5) {"
                                        + " totalCount edges { node { id trigger status requestedBy requestedAt"
                                        + " startedAt finishedAt attempts changed digest } } } } } } }")
                      .execute().path("repositories").entity(Map.class).get();
    }

    /** The namespace's audit log: every change of its repositories, who made it and when. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> trail(HttpGraphQlTester graphQl) {
        return graphQl.document("{ auditLog(filter: {namespace: \"" + NS + "\", targetKind: REPOSITORY}, first: 50) {"
                                        + " totalCount edges { node { id at actor action targetKind targetId"
                                        + " targetName details correlationId } } } }")
                      .execute().path("auditLog").entity(Map.class).get();
    }

    private static List<String> names(HttpGraphQlTester graphQl, String namespace) {
        return graphQl.document("{ repositories(namespace: \"" + namespace + "\", first: 100) { edges { node {"
                                        + " name } } } }")
                      .execute().path("repositories.edges[*].node.name").entityList(String.class).get();
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private static void unzip(Path zip, Path folder) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = folder.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(folder)).as("entry %s stays in the folder", entry.getName()).isTrue();
                Files.copy(entries, target);
            }
        }
    }
}
