package io.theriseunion.imagegateway.graphql.repository;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code repository(asOf:)} on a repository with more events than the snapshot interval (60): an instant after
 * the newest snapshot is rebuilt from that snapshot and the events since; an instant before it from the first
 * event; both as the repository was then. Its syncs fail fast (the source is a closed loopback port). Run on
 * the embedded default (an aggregate cache) and on PostgreSQL (none: every command loads the snapshot).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "gateway.data-dir=target/test-data")
abstract class RepositoryTimeTravelContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AS_OF = """
            query($namespace: String!, $name: String!, $asOf: DateTime) {
              repository(namespace: $namespace, name: $name, asOf: $asOf) {
                id displayName version syncStatus lastSynced updatedAt nextSyncAt lastError { code at }
              }
            }""";

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbc;

    private HttpGraphQlTester graphQl;
    private String ns;

    private void syncAndWaitForItsEnd() {
        String runId = graphQl.documentName("triggerSync").variable("namespace", ns).variable("name", "web").execute()
                              .path("triggerSync.id").entity(String.class).get();
        await().atMost(WAIT).until(() -> "FAILED".equals(lastRun(runId)));
    }

    /** The status of the repository's newest run when that is the given one. */
    private String lastRun(String runId) {
        Map<?, ?> node = graphQl.document("""
                                        query($namespace: String!) {
                                          repository(namespace: $namespace, name: "web") { syncHistory(first: 1) { edges { node { id status } } } }
                                        }""").variable("namespace", ns).execute()
                                .path("repository.syncHistory.edges[0].node").entity(Map.class).get();
        return runId.equals(node.get("id")) ? (String) node.get("status") : null;
    }

    private void editDisplayName(String displayName) {
        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", ns, "name", "web", "displayName", displayName)).execute()
               .path("editRepositoryMetadata.displayName").entity(String.class).isEqualTo(displayName);
    }

    private Map<?, ?> repository(Instant asOf) {
        return graphQl.document(AS_OF).variable("namespace", ns).variable("name", "web")
                      .variable("asOf", asOf == null ? null : asOf.toString()).execute()
                      .path("repository").entity(Map.class).get();
    }

    private DistributionSummary folds(String from) {
        return meters.get("gateway.time-travel.events").tag("from", from).summary();
    }

    @Test
    void aRepositoryWithManyEventsTravelsFromItsSnapshotAfterItAndFromItsFirstEventBeforeIt() {
        graphQl = GatewayClient.graphQl(port);
        ns = GatewayClient.freshNamespace("travel");
        GatewayClient.ensureRegistry(graphQl, ns);
        Map<String, Object> input = new HashMap<>(GatewayClient.addInput(ns, "web"));
        input.put("retryCount", 0);
        String id = graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input)
                           .execute().path("addRepository.id").entity(String.class).get();
        await().atMost(WAIT).until(() -> "FAILED".equals(repository(null).get("syncStatus")));
        // a repository as of an instant is found by its name in the stored audit log, which follows the events on its
        // own (gathered into batches, up to gateway.projections.gather later): the add's entry first
        await().atMost(WAIT).until(() -> graphQl.document("query($ns: String) { auditLog(filter: {namespace: $ns,"
                                                                  + " targetName: \"web\", actions: [\"repository.added\"]},"
                                                                  + " first: 0) { totalCount } }")
                                                .variable("ns", ns).execute().path("auditLog.totalCount")
                                                .entity(Integer.class).get() == 1);
        editDisplayName("before");
        for (int i = 0; i < 8; i++) {
            syncAndWaitForItsEnd();
        }
        Instant beforeSnapshot = Instant.now();
        Map<?, ?> then = repository(null);
        editDisplayName("after");
        // a sync is 3 events (requested, started, ended), or 2 once the source's breaker holds it (ended before
        // it started): at most 4 + 1 + 24 + 1 = 30 events so far; a snapshot comes at 60
        for (int i = 0; i < 40 && snapshots(id) == 0; i++) {
            syncAndWaitForItsEnd();
        }
        syncAndWaitForItsEnd();
        Instant afterSnapshot = Instant.now();
        Map<?, ?> now = repository(null);
        await().atMost(WAIT).until(() -> snapshots(id) > 0);

        long fromSnapshot = folds("snapshot").count();
        double readFromSnapshot = folds("snapshot").totalAmount();
        assertThat(repository(afterSnapshot)).isEqualTo(now);
        assertThat(now.get("displayName")).isEqualTo("after");
        assertThat(now.get("version")).isEqualTo(3);
        assertThat(folds("snapshot").count()).isEqualTo(fromSnapshot + 1);
        assertThat(folds("snapshot").totalAmount() - readFromSnapshot).isLessThan(60);

        long fromFirstEvent = folds("first-event").count();
        assertThat(repository(beforeSnapshot)).isEqualTo(then);
        assertThat(then.get("displayName")).isEqualTo("before");
        assertThat(then.get("version")).isEqualTo(2);
        assertThat(folds("first-event").count()).isEqualTo(fromFirstEvent + 1);
    }

    private int snapshots(String aggregateId) {
        return jdbc.queryForObject("select count(*) from SnapshotEventEntry where aggregateIdentifier = ?",
                                   Integer.class, aggregateId);
    }
}
