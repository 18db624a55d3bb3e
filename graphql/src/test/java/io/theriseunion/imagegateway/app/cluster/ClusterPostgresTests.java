package io.theriseunion.imagegateway.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.domain.api.EditRepositoryMetadataCommand;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.TriggerSyncCommand;
import io.theriseunion.imagegateway.domain.repository.RepositoryNames;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.support.ClusterNodes;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static io.theriseunion.imagegateway.support.GraphQlErrors.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway nodes on one real PostgreSQL and a real registry (Debian's docker-registry): what issue 15 asks of a
 * cluster besides the sync work itself. Commands on one repository from both nodes at once all succeed; a refusal
 * is one log line; every node tells the same truth about the processors (owners by node name, positions, lag);
 * readiness follows the catalogue's lag on every node; sources are health-checked once per interval in the cluster;
 * and the catalogue moves off a node that stopped extending its claim before a waiting mutation gives up.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterPostgresTests {

    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(2);

    static LocalRegistry registry;
    static LocalRegistry healthOnly;
    static ClusterNodes cluster;

    @BeforeAll
    static void start() {
        registry = LocalRegistry.anonymous();
        registry.images().pushDockerImage("library/nginx", "latest");
        healthOnly = LocalRegistry.anonymous();
        cluster = ClusterNodes.start("cluster", 2, Map.of(
                "gateway.registry.health-interval", HEALTH_INTERVAL.toSeconds() + "s",
                "db-scheduler.polling-interval", "500ms",
                // any lag at all takes a node out of service, so that the readiness test sees it at once
                "gateway.projections.readiness-max-lag", "0"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        registry.close();
        healthOnly.close();
    }

    @Test
    void editsOnOneNodeAndSyncsOnTheOtherAllSucceed() throws Exception {
        String ns = freshNamespace("race");
        addSourceAndRepository(ns, "app");
        int a = cluster.node(0).port();
        int b = cluster.node(1).port();
        List<Callable<GraphQlTester.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String n = Integer.toString(i);
            calls.add(() -> edit(a, ns, "app", Map.of("displayName", "from a " + n)));
            calls.add(() -> edit(b, ns, "app", Map.of("description", "from b " + n)));
            calls.add(() -> GatewayClient.graphQl(b).documentName("triggerSync").variable("namespace", ns)
                                         .variable("name", "app").execute());
        }
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<ResponseError> errors = new ArrayList<>();
            for (Future<GraphQlTester.Response> answer : clients.invokeAll(calls)) {
                errors.addAll(errorsOf(answer.get()));
            }
            assertThat(errors).as("answers to concurrent commands on one repository from two nodes").isEmpty();
        } finally {
            clients.shutdownNow();
        }
        // 30 edits, each a version of its own, and the syncs' versions besides
        GatewayClient.graphQl(a).documentName("repository").fragmentName("repositoryFields")
                     .variable("namespace", ns).variable("name", "app").execute()
                     .path("repository.version").entity(Integer.class).satisfies(v -> assertThat(v).isGreaterThan(30));
    }

    /**
     * A deadline fires on one node while the other node edits the same repository: the edit is made after the
     * deadline's node loaded the repository and before it appends its events, so that append loses the race. The
     * deadline is handled again at once (not after db-scheduler's 5 minutes) and does what it is for; nothing is
     * logged as a failure.
     */
    @Test
    void aDeadlineThatLosesARaceWithTheOtherNodeIsHandledAgain(CapturedOutput output) {
        String ns = freshNamespace("deadline");
        addSourceAndRepository(ns, "app");
        awaitRun(ns, "app", "CREATED", "SUCCESS");
        RepositoryId id = cluster.node(0).bean(RepositoryNames.class).find(ns, "app").orElseThrow();
        AtomicBoolean raced = new AtomicBoolean();
        List<Registration> interceptors = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CommandGateway otherNode = cluster.node(1 - i).bean(CommandGateway.class);
            interceptors.add(cluster.node(i).bean(DeadlineManager.class).registerHandlerInterceptor((unit, chain) -> {
                DeadlineMessage<?> deadline = unit.getMessage();
                if (id.value().equals(deadline.getPayload()) && raced.compareAndSet(false, true)) {
                    // runs before the deadline's events are appended: the other node's edit takes their place
                    unit.onPrepareCommit(u -> CompletableFuture.runAsync(() -> otherNode.sendAndWait(
                            new EditRepositoryMetadataCommand(id, "edited while the deadline ran", null, null)))
                                                               .join());
                }
                return chain.proceed();
            }));
        }
        int before = output.getAll().length();
        try {
            // an interval deadline as gateways before the scheduled checks stored them: it requests a sync
            cluster.node(0).bean(DeadlineManager.class).schedule(Instant.now(), "scheduled-sync", id.value(),
                    new AggregateScopeDescriptor("ImageRepository", id::value));
            awaitRun(ns, "app", "SCHEDULED", null);
        } finally {
            interceptors.forEach(Registration::cancel);
        }
        assertThat(raced).as("the deadline met the other node's edit").isTrue();
        GatewayClient.graphQl(cluster.node(1).port()).documentName("repository").fragmentName("repositoryFields")
                     .variable("namespace", ns).variable("name", "app").execute()
                     .path("repository.displayName").entity(String.class).isEqualTo("edited while the deadline ran");
        assertThat(output.getAll().substring(before))
                .doesNotContain("ConcurrencyException", "An error occurred while triggering deadline",
                                "Unhandled exception");
    }

    @Test
    void anOnlineBackupIsRefusedOnPostgresqlSayingWhatToUse() {
        GatewayClient.http(cluster.node(0).port()).post().uri("/actuator/backup").exchange()
                     .expectStatus().isEqualTo(409).expectBody()
                     .jsonPath("$.code").isEqualTo("CONFLICT")
                     .jsonPath("$.message").value(m -> assertThat((String) m).contains("PostgreSQL", "pg_dump"));
    }

    @Test
    void aRefusalIsOneLineWithoutAStackTrace(CapturedOutput output) {
        String ns = freshNamespace("refuse");
        addSourceAndRepository(ns, "taken");
        int before = output.getAll().length();
        GraphQlTester.Response again = GatewayClient.graphQl(cluster.node(1).port()).documentName("addRepository")
                                                    .fragmentName("repositoryFields")
                                                    .variable("input", repositoryInput(ns, "taken")).execute();
        assertThat(errorsOf(again)).extracting(e -> e.getExtensions().get("code")).containsExactly("ALREADY_EXISTS");
        String logged = output.getAll().substring(before);
        assertThat(logged.lines().filter(l -> l.contains(ns + "/taken"))).hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("Command refused, ALREADY_EXISTS"));
        assertThat(logged).doesNotContain("RepositoryAlreadyExistsException", "Exception occurred while trying");
    }

    @Test
    void everyNodeShowsTheSameOwnersPositionsAndLagOfTheProcessors() {
        addSourceAndRepository(freshNamespace("view"), "app");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> views = cluster.nodes().stream().map(n -> processor(n.port(), "repository-catalogue"))
                                          .toList();
            for (JsonNode view : views) {
                assertThat(view.path("tokens").asText()).isEqualTo("shared");
                assertThat(view.path("caughtUp").asBoolean()).isTrue();
                assertThat(view.path("lag").asLong()).isZero();
                assertThat(view.path("position").asLong()).isEqualTo(view.path("head").asLong()).isPositive();
                assertThat(view.path("owners")).hasSize(1);
                assertThat(view.path("owners").get(0).asText()).isIn("node-a", "node-b");
            }
            assertThat(views.get(0).path("owners")).isEqualTo(views.get(1).path("owners"));
            assertThat(views.get(0).path("position")).isEqualTo(views.get(1).path("position"));
            // exactly one node holds the one segment, and says so
            assertThat(views.get(0).path("ownedHere").size() + views.get(1).path("ownedHere").size()).isEqualTo(1);
        });
    }

    @Test
    void readinessFollowsTheCataloguesLagOnEveryNodeWhoeverHoldsIt() {
        String ns = freshNamespace("ready");
        addSourceAndRepository(ns, "app");
        awaitReadiness(200);
        RepositoryId id = cluster.node(0).bean(RepositoryNames.class).find(ns, "app").orElseThrow();
        List<EventProcessor> catalogues = cluster.nodes().stream()
                .map(n -> n.bean(EventProcessingConfiguration.class).eventProcessor("repository-catalogue")
                           .orElseThrow())
                .toList();
        catalogues.forEach(EventProcessor::shutDown);
        try {
            cluster.node(0).bean(CommandGateway.class)
                   .sendAndWait(new TriggerSyncCommand(id, SyncTrigger.MANUAL, "readiness-test"));
            awaitReadiness(503);
        } finally {
            catalogues.forEach(EventProcessor::start);
        }
        awaitReadiness(200);
    }

    @Test
    void sourcesAreHealthCheckedOncePerIntervalAcrossTheNodes() {
        String ns = freshNamespace("health");
        GatewayClient.graphQl(cluster.node(0).port()).documentName("addRegistry").fragmentName("registryFields")
                     .variable("input", Map.of("namespace", ns, "name", "checked", "url", healthOnly.url().toString(),
                                               "insecure", true))
                     .execute().path("addRegistry.name").hasValue();
        // the check right after the add, and the first periodic one
        await().atMost(Duration.ofSeconds(30)).until(() -> healthChecks() >= 2);
        double from = healthChecks();
        Instant start = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> healthChecks() >= from + 6);
        // six periodic checks are five intervals apart at least (one node at a time runs them); two nodes that each
        // checked every interval would have made them in three
        assertThat(Duration.between(start, Instant.now()))
                .isGreaterThanOrEqualTo(HEALTH_INTERVAL.multipliedBy(5).minusMillis(1000));
    }

    @Test
    void aMutationWaitingForTheCatalogueOutlastsTheTakeoverFromACrashedOwner() {
        String ns = freshNamespace("takeover");
        addSourceAndRepository(ns, "first");
        JdbcTemplate jdbc = cluster.node(0).bean(JdbcTemplate.class);
        // the owner "crashes" right after extending its claim: the claim names a node that will never extend it again
        int hijacked = jdbc.update("update tokenentry set owner = 'crashed-node', timestamp = ?"
                                           + " where processorname = 'repository-catalogue'",
                                   DateTimeUtils.formatInstant(Instant.now()));
        assertThat(hijacked).isEqualTo(1);
        // a delete waits for the catalogue processor (an add or an edit is written with its events and waits for none)
        GraphQlTester.Response deleted = GatewayClient.graphQl(cluster.node(1).port()).documentName("deleteRepository")
                                                      .variable("namespace", ns).variable("name", "first")
                                                      .variable("confirmName", "first").execute();
        assertThat(errorsOf(deleted)).isEmpty();
        deleted.path("deleteRepository.deleted").hasValue();
        assertThat(jdbc.queryForObject("select owner from tokenentry where processorname = 'repository-catalogue'",
                                       String.class)).isIn("node-a", "node-b");
    }

    // --- helpers

    private static void addSourceAndRepository(String ns, String name) {
        GatewayClient.graphQl(cluster.node(0).port()).documentName("addRegistry").fragmentName("registryFields")
                     .variable("input", Map.of("namespace", ns, "name", "local", "url", registry.url().toString(),
                                               "insecure", true))
                     .execute().path("addRegistry.name").hasValue();
        GraphQlTester.Response added = GatewayClient.graphQl(cluster.node(0).port()).documentName("addRepository")
                                                    .fragmentName("repositoryFields")
                                                    .variable("input", repositoryInput(ns, name)).execute();
        assertThat(errorsOf(added)).isEmpty();
    }

    /** Waits for a sync run of the repository with the trigger (and, unless null, the status). */
    @SuppressWarnings("unchecked")
    private static void awaitRun(String ns, String name, String trigger, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> runs = GatewayClient.graphQl(cluster.node(0).port())
                    .document("query($ns: String!, $n: String!) { repository(namespace: $ns, name: $n) {"
                                      + " syncHistory { edges { node { trigger status } } } } }")
                    .variable("ns", ns).variable("n", name).execute()
                    .path("repository.syncHistory.edges[*].node").entityList(Map.class).get()
                    .stream().map(r -> (Map<String, Object>) r).toList();
            assertThat(runs).anySatisfy(run -> {
                assertThat(run.get("trigger")).isEqualTo(trigger);
                if (status != null) {
                    assertThat(run.get("status")).isEqualTo(status);
                }
            });
        });
    }

    private static Map<String, Object> repositoryInput(String ns, String name) {
        return new HashMap<>(Map.of("namespace", ns, "name", name, "registry", Map.of("name", "local"),
                                    "repository", "library/nginx", "tag", "latest"));
    }

    private static GraphQlTester.Response edit(int port, String ns, String name, Map<String, Object> change) {
        Map<String, Object> input = new HashMap<>(change);
        input.put("namespace", ns);
        input.put("name", name);
        return GatewayClient.graphQl(port).documentName("editRepositoryMetadata").fragmentName("repositoryFields")
                            .variable("input", input).execute();
    }

    private static JsonNode processor(int port, String name) {
        String body = GatewayClient.http(port).get().uri("/actuator/projections/" + name).exchange()
                                   .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        try {
            return new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static void awaitReadiness(int status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ClusterNodes.Node node : cluster.nodes()) {
                GatewayClient.anonymousHttp(node.port()).get().uri("/actuator/health/readiness").exchange()
                             .expectStatus().isEqualTo(status);
            }
        });
    }

    /** Health checks made by both nodes: GET requests to the source that no repository uses. */
    private static double healthChecks() {
        return cluster.nodes().stream()
                      .mapToDouble(n -> n.bean(MeterRegistry.class).find("gateway.registry.requests")
                                         .tag("host", healthOnly.authority()).tag("method", "GET").counters()
                                         .stream().mapToDouble(Counter::count).sum())
                      .sum();
    }
}
