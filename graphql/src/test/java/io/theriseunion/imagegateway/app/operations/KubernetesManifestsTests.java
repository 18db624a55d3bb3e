package io.theriseunion.imagegateway.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests under deploy/kubernetes read as Kubernetes would take them, and fit together and with the gateway:
 * the kustomization names files that exist; the Service and the PodDisruptionBudget select the Deployment's pods;
 * ports match by name; the probes' paths answer on this gateway without a token; every Secret and ConfigMap key the
 * pods read is defined; the grace period outlasts the drain; the pods run as the image's user, never root, with a
 * read-only root file system and a writable /tmp.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:manifests;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class KubernetesManifestsTests {

    private static final Path FOLDER = Path.of("..", "deploy", "kubernetes");
    private static final Map<String, JsonNode> byKind = new HashMap<>();
    private static JsonNode secret;

    @LocalServerPort
    int port;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        JsonNode kustomization = yaml.readTree(FOLDER.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = FOLDER.resolve(resource.asText());
            assertThat(file).as("a resource the kustomization names").exists();
            for (JsonNode doc : documents(file)) {
                assertThat(doc.path("apiVersion").asText()).as(file + " apiVersion").isNotEmpty();
                assertThat(byKind.put(doc.path("kind").asText(), doc)).as("one " + doc.path("kind") + " only").isNull();
            }
        }
        assertThat(byKind).containsOnlyKeys("Deployment", "Service", "PodDisruptionBudget", "ConfigMap");
        secret = documents(FOLDER.resolve("secret.example.yaml")).get(0);
    }

    @Test
    void threeReplicasSelectedByTheServiceAndTheDisruptionBudget() {
        JsonNode deployment = byKind.get("Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(3);
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertSelects(deployment.at("/spec/selector/matchLabels"), podLabels);
        assertSelects(byKind.get("Service").at("/spec/selector"), podLabels);
        assertSelects(byKind.get("PodDisruptionBudget").at("/spec/selector/matchLabels"), podLabels);
        // a majority stays up through voluntary disruptions
        assertThat(byKind.get("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(2);
    }

    @Test
    void portsMatchByNameAndTheConfigMapsPort() {
        JsonNode container = container();
        JsonNode http = null;
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals("http")) {
                http = p;
            }
        }
        assertThat(http).as("the container's port named http").isNotNull();
        assertThat(byKind.get("ConfigMap").at("/data/PORT").asText()).isEqualTo(http.path("containerPort").asText());
        assertThat(byKind.get("Service").at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.path(probe).at("/httpGet/port").asText()).as(probe).isEqualTo("http");
        }
    }

    @Test
    void theProbesPathsAnswerWithoutAToken() {
        JsonNode container = container();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).endsWith("/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).endsWith("/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = container.path(probe).at("/httpGet/path").asText();
            GatewayClient.anonymousHttp(port).get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Test
    void everyKeyThePodsReadIsDefined() {
        JsonNode container = container();
        List<String> secretKeys = new ArrayList<>();
        for (JsonNode env : container.path("env")) {
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText()).isEqualTo(secret.at("/metadata/name").asText());
                assertThat(secret.at("/stringData").has(ref.path("key").asText())).as(ref.toString()).isTrue();
                secretKeys.add(env.path("name").asText());
            }
        }
        assertThat(secretKeys).containsExactlyInAnyOrder("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
                                                         "GATEWAY_CREDENTIALS_KEY", "GATEWAY_ADMIN_TOKEN");
        assertThat(container.at("/envFrom/0/configMapRef/name").asText())
                .isEqualTo(byKind.get("ConfigMap").at("/metadata/name").asText());
        assertThat(byKind.get("ConfigMap").at("/data/SPRING_PROFILES_ACTIVE").asText()).contains("postgres");
    }

    @Test
    void theGracePeriodOutlastsTheDrain() {
        JsonNode pod = byKind.get("Deployment").at("/spec/template/spec");
        long grace = pod.path("terminationGracePeriodSeconds").asLong();
        long preStop = container().at("/lifecycle/preStop/sleep/seconds").asLong();
        Duration shutdown = Duration.parse("PT" + byKind.get("ConfigMap")
                .at("/data/SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE").asText().toUpperCase());
        assertThat(byKind.get("ConfigMap").at("/data/SERVER_SHUTDOWN").asText()).isEqualTo("graceful");
        assertThat(grace).isGreaterThan(preStop + shutdown.toSeconds());
    }

    @Test
    void thePodsRunAsTheImagesUserNeverRootOnAReadOnlyRootFileSystem() throws IOException {
        JsonNode pod = byKind.get("Deployment").at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        String imageUser = pod.at("/securityContext/runAsUser").asText() + ":" + pod.at("/securityContext/runAsGroup").asText();
        assertThat(Files.readString(Path.of("pom.xml"))).as("the image's user (graphql/pom.xml, profile image)")
                .contains("<user>" + imageUser + "</user>");
        assertThat(imageUser).doesNotStartWith("0:");
        JsonNode security = container().path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(security.at("/capabilities/drop").toString()).contains("ALL");
        List<String> volumes = new ArrayList<>();
        pod.path("volumes").forEach(volume -> volumes.add(volume.path("name").asText()));
        Map<String, String> mounts = new HashMap<>();
        container().path("volumeMounts").forEach(mount -> mounts.put(mount.path("mountPath").asText(), mount.path("name").asText()));
        assertThat(mounts).as("Tomcat's and the JVM's temporary files need a writable /tmp").containsKey("/tmp");
        assertThat(volumes).as("volumes the container mounts").containsAll(mounts.values());
    }

    private static JsonNode container() {
        return byKind.get("Deployment").at("/spec/template/spec/containers/0");
    }

    private static void assertSelects(JsonNode selector, JsonNode labels) {
        assertThat(selector.size()).isPositive();
        selector.fields().forEachRemaining(e -> assertThat(labels.path(e.getKey()).asText())
                .as("label " + e.getKey()).isEqualTo(e.getValue().asText()));
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(Files.readString(file))) {
            ObjectMapper mapper = new YAMLMapper();
            for (var it = mapper.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}
